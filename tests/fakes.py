"""In-memory implementations of the store's ports, for the fast tier: rules and use cases without a database.

InMemoryCustomers (and InMemoryCandidates) keep committed customers as aggregates and hands out copies,
so a unit of work that is not committed leaves nothing behind, as a rolled-back
transaction would. tests/contract/ runs one suite against it and against the
SQL repository on both engines: what passes here behaves like the real store.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from loyalty_identity.domain.candidates import CandidateState, MergeCandidate
from loyalty_identity.domain.customer import CustomerAggregate, Holders, SeriesLimit
from loyalty_identity.domain.events import Change, CustomerCreated, CustomersMerged, CustomersUnmerged
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.model import Customer, CustomerState
from loyalty_identity.domain.queries import IdentifierQuery
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.domain.suppression import NO_CHECK, SuppressionCheck
from loyalty_identity.service.ports import CustomerRecord


class InMemoryCustomers:
    """The CustomerRepository port (service/ports.py) in memory."""

    def __init__(self) -> None:
        self._committed: dict[str, tuple[str, CustomerAggregate]] = {}  # id -> (org, customer)
        self._pks: dict[str, int] = {}
        self._seen: dict[str, tuple[str, CustomerAggregate]] = {}
        self.series: dict[str, SeriesLimit] = {}
        self._blocks: set[tuple[int, int]] = set()  # pairs an unmerge keeps apart, by key
        self.suppressed: set[tuple[str, str]] = set()  # (org, digest), as the suppression table holds them

    @contextmanager
    def unit(self) -> Iterator[InMemoryCustomers]:
        """One unit of work: what it handed out or added is kept when it ends without an error."""
        self._seen = {}
        yield self
        for customer_id, (org, customer) in self._seen.items():
            self._committed[customer_id] = (org, copy.deepcopy(customer))
        self._seen = {}

    # Reading ----------------------------------------------------------------------

    def get(self, org: str, customer_id: str, lock: bool = False) -> CustomerAggregate | None:
        if customer_id in self._seen:
            return self._seen[customer_id][1]
        stored = self._committed.get(customer_id)
        if stored is None or stored[0] != org:
            return None
        customer = copy.deepcopy(stored[1])
        self._seen[customer_id] = (org, customer)
        return customer

    def get_for_update(
        self,
        org: str,
        customer_id: str,
        wanted: Iterable[tuple[Scope, IdentifierValue]] = (),
        suppression: SuppressionCheck = NO_CHECK,
    ) -> tuple[CustomerAggregate | None, Holders]:
        return self.get(org, customer_id, lock=True), self._checked(org, self.holders(org, wanted), suppression)

    def _checked(self, org: str, holders: Holders, suppression: SuppressionCheck) -> Holders:
        """Holders with what the suppression check finds in `suppressed` (org, digest) pairs."""
        found = frozenset(v for d, v in suppression.digests.items() if (org, d) in self.suppressed)
        any_here = suppression.keyless and any(o == org for o, _ in self.suppressed)
        return replace(holders, suppressed=found, org_has_suppressions=bool(found) or any_here)

    def get_by_pk(self, pk: int, lock: bool = False) -> CustomerAggregate:
        [(customer_id, org)] = [(i, self._committed[i][0]) for i, p in self._pks.items() if p == pk]
        customer = self.get(org, customer_id, lock)
        assert customer is not None
        return customer

    def get_many(self, org: str, customer_ids: list[str], lock: bool = False) -> dict[str, CustomerAggregate]:
        found = {i: self.get(org, i, lock) for i in customer_ids}
        return {i: customer for i, customer in found.items() if customer is not None}

    def find(self, org: str, customer_id: str) -> Customer | None:
        stored = self._committed.get(customer_id)
        if stored is None or stored[0] != org:
            return None
        customer = stored[1]
        if customer.state is CustomerState.MERGED:
            customer = self._committed[customer.survivor][1]
        return customer.to_read_model()

    def find_by_identifier(self, org: str, scope: Scope, ident: IdentifierValue) -> Customer | None:
        for holder_org, customer in self._committed.values():
            if holder_org == org and customer.holds(scope, ident):
                return customer.to_read_model()
        return None

    def find_by_card(self, org: str, number: str) -> Customer | None:
        for holder_org, customer in self._committed.values():
            if holder_org == org and number in customer.cards and customer.state is not CustomerState.ERASED:
                return customer.to_read_model()
        return None

    def find_many(self, org: str, queries: Sequence[IdentifierQuery]) -> dict[int, Customer]:
        holders: dict[int, Customer] = {}
        for i, query in enumerate(queries):
            for holder_org, customer in self._committed.values():
                if holder_org != org or customer.state is not CustomerState.ACTIVE:
                    continue
                if query.is_card:
                    found = query.ident.value in customer.cards
                else:
                    scopes = [query.scope] if query.scope else list(customer.profiles)
                    found = any(customer.holds(scope, query.ident) for scope in scopes)
                if found:
                    holders[i] = customer.to_read_model()
        return holders

    def holders(self, org: str, wanted: Iterable[tuple[Scope, IdentifierValue]]) -> Holders:
        in_scope: dict[tuple[Scope, IdentifierValue], str] = {}
        anywhere: dict[IdentifierValue, str] = {}
        for scope, ident in wanted:
            for holder_org, customer in self._committed.values():
                if holder_org != org or customer.state is not CustomerState.ACTIVE:
                    continue
                if customer.holds(scope, ident):
                    in_scope[(scope, ident)] = customer.id
                if customer.scopes_holding(ident):
                    anywhere[ident] = customer.id
        return Holders(in_scope, anywhere)

    def blocks_between(self, a: CustomerAggregate, b: CustomerAggregate) -> list[tuple[int, int]]:
        side_a = {self._pks[i] for i in (a.id, *a.victims)}
        side_b = {self._pks[i] for i in (b.id, *b.victims)}
        return sorted(p for p in self._blocks if {p[0], p[1]} & side_a and {p[0], p[1]} & side_b)

    def unblock(self, pairs: list[tuple[int, int]]) -> None:
        self._blocks -= set(pairs)

    def block(self, org: str, victim: CustomerAggregate, survivor_pk: int, merge_pk: int) -> None:
        low, high = sorted((self.pk(victim), survivor_pk))
        self._blocks.add((low, high))

    def series_limits(self, series_ids: Iterable[str]) -> dict[str, SeriesLimit]:
        return {i: self.series[i] for i in series_ids}

    def pk(self, customer: CustomerAggregate) -> int:
        return self._pks[customer.id]

    def pk_of(self, name: str) -> int:
        return self._pks[name.removeprefix("customers/")]

    def record(self, customer: CustomerAggregate) -> CustomerRecord:
        return CustomerRecord(self.pk(customer), customer.id, customer.state, self._pks.get(customer.survivor))

    # Writing ----------------------------------------------------------------------

    def reserve(
        self,
        org: str,
        customer_id: str,
        now: datetime,
        wanted: Iterable[tuple[Scope, IdentifierValue]],
        suppression: SuppressionCheck = NO_CHECK,
    ) -> Holders:
        return self._checked(org, self.holders(org, wanted), suppression)

    def release(self, customer_id: str) -> None:
        """Nothing was stored for it."""

    def add(self, org: str, customer: CustomerAggregate, change: CustomerCreated, now: datetime) -> None:
        self._pks[customer.id] = len(self._pks) + 1
        self._seen[customer.id] = (org, customer)

    def save(self, org: str, changes: list[Change], now: datetime) -> None:
        """The aggregates changed themselves; only customers no request loaded need telling:
        the earlier victims a merge re-points, and those an unmerge points back."""
        for change in changes:
            if isinstance(change, CustomersMerged):
                self._repoint(org, change.repointed_customers, change.survivor)
            elif isinstance(change, CustomersUnmerged):
                self._repoint(org, change.restored_customers, change.victim)

    def _repoint(self, org: str, names: list[str], to: str) -> None:
        for name in names:
            customer = self.get(org, name.removeprefix("customers/"))
            assert customer is not None
            customer.survivor = to.removeprefix("customers/")

    def touch(self, customer: CustomerAggregate, now: datetime) -> None:
        customer.update_time = now

    def erased_side(self, customer: CustomerAggregate) -> dict[str, int]:
        return {c: self.pk_of(c) for c in (customer.name, *(f"customers/{v}" for v in customer.victims))}

    def erase(self, customer: CustomerAggregate, now: datetime) -> None:
        """The aggregate erased itself."""


class InMemoryCandidates:
    """The CandidateRepository port (service/ports.py) in memory: committed candidates, copies handed out."""

    def __init__(self) -> None:
        self._committed: dict[tuple[str, str], MergeCandidate] = {}  # (org, id) -> candidate
        self._pending: dict[tuple[str, str], MergeCandidate] = {}  # this unit's writes
        self._next_pk = 1

    @contextmanager
    def unit(self) -> Iterator[InMemoryCandidates]:
        self._pending = {}
        yield self
        self._committed.update(self._pending)
        self._pending = {}

    def _all(self) -> dict[tuple[str, str], MergeCandidate]:
        return {**self._committed, **self._pending}

    def record(self, org: str, candidate: MergeCandidate) -> tuple[MergeCandidate, bool]:
        for (held_org, _), held in self._all().items():
            same = (held.victim, held.survivor, held.trigger) == (
                candidate.victim,
                candidate.survivor,
                candidate.trigger,
            )
            if held_org == org and held.state is CandidateState.PENDING and same:
                return copy.deepcopy(held), False
        stored = replace(candidate, pk=self._next_pk)
        self._next_pk += 1
        self._pending[(org, candidate.id)] = stored
        return copy.deepcopy(stored), True

    def get(self, org: str, candidate_id: str, lock: bool = False) -> MergeCandidate | None:
        found = self._all().get((org, candidate_id))
        return copy.deepcopy(found) if found else None

    def page(
        self, org: str, state: CandidateState | None, customer_id: str, before: int | None, limit: int
    ) -> list[MergeCandidate]:
        chosen = [
            c
            for (held_org, _), c in self._all().items()
            if held_org == org
            and (state is None or c.state is state)
            and (not customer_id or customer_id in (c.victim, c.survivor))
            and (before is None or c.pk < before)
        ]
        return [copy.deepcopy(c) for c in sorted(chosen, key=lambda c: -c.pk)[:limit]]

    def save(self, org: str, candidate: MergeCandidate) -> None:
        self._pending[(org, candidate.id)] = copy.deepcopy(candidate)

    def pending_by_org(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for (org, _), c in self._all().items():
            if c.state is CandidateState.PENDING:
                counts[org] = counts.get(org, 0) + 1
        return counts
