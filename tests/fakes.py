"""In-memory implementations of the store's ports, for the fast tier: rules and use cases without a database.

InMemoryCustomers (and InMemoryCandidates) keep committed customers as aggregates and hands out copies,
so a unit of work that is not committed leaves nothing behind, as a rolled-back
transaction would. tests/contract/ runs one suite against it and against the
SQL repository on both engines: what passes here behaves like the real store.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime

from loyalty_identity.domain.candidates import CandidateState, MergeCandidate
from loyalty_identity.domain.card_series import CardSeriesAggregate
from loyalty_identity.domain.cards import SeriesLimit, StoredCard
from loyalty_identity.domain.customer import CustomerAggregate, Holders
from loyalty_identity.domain.events import CardChanged, Change, CustomerCreated, CustomersMerged, CustomersUnmerged
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.model import (
    Card,
    CardSeries,
    CardStatus,
    CardStatusChange,
    Customer,
    CustomerState,
    StatusLabel,
)
from loyalty_identity.domain.queries import IdentifierQuery
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.domain.suppression import NO_CHECK, SuppressionCheck
from loyalty_identity.service.ports import CustomerRecord, FoundCard, Stock, utc_now


class InMemoryCustomers:
    """The CustomerRepository port (service/ports.py) in memory."""

    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        self._clock = clock  # cards are read against it, as the SQL repository reads them
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
        # A live card past its expiry reads EXPIRED (and stops counting against its series' limit).
        now = self._clock()
        customer.cards = {n: _stored(card).read(now) for n, card in customer.cards.items()}
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


@dataclass
class _CardTables:
    """What InMemoryCards stores; dicts keep insertion order, which stands for the tables' keys."""

    series: dict[str, tuple[int, str, CardSeriesAggregate]] = field(default_factory=dict)  # id -> (key, org, series)
    labels: dict[tuple[str, str], CardStatus] = field(default_factory=dict)  # (org, label) -> status
    cards: dict[tuple[str, str], StoredCard] = field(default_factory=dict)  # (org, number) -> card
    log: list[tuple[str, CardStatusChange]] = field(default_factory=list)  # (org, entry); key: position + 1


class InMemoryCards:
    """The CardRepository port (service/ports.py) in memory: series, labels, cards and their log.

    A unit of work changes a copy of what is committed, kept when it ends without an error. Card owners
    are customers of `customers` (an InMemoryCustomers, whose unit each unit opens too, as the SQL
    repository's `customers`): a card holds its owner's resource name, and list_cards filters by their
    keys. clock: what list_cards reads expiry against, as the SQL repository's.
    """

    def __init__(self, customers: InMemoryCustomers | None = None, clock: Callable[[], datetime] = utc_now) -> None:
        self.customers = customers or InMemoryCustomers(clock)
        self._clock = clock
        self._committed = _CardTables()
        self._work = self._committed

    @contextmanager
    def unit(self) -> Iterator[InMemoryCards]:
        self._work = copy.deepcopy(self._committed)
        with self.customers.unit():
            yield self
        self._committed = self._work

    # Series and labels ------------------------------------------------------------

    def insert_series(self, org: str, series: CardSeriesAggregate, now: datetime) -> None:
        assert series.id not in self._work.series and not self.series_code_taken(org, series.series.code)
        key = len(self._work.series) + 1
        self._work.series[series.id] = (key, org, replace(copy.deepcopy(series), advanced=False))

    def _series(self, org: str, series_id: str) -> CardSeriesAggregate | None:
        held = self._work.series.get(series_id)
        return held[2] if held is not None and held[1] == org else None

    def find_series(self, org: str, series_id: str, lock: bool = False) -> CardSeriesAggregate | None:
        return copy.deepcopy(self._series(org, series_id))

    def series_code_taken(self, org: str, code: str) -> bool:
        return any(o == org and s.series.code == code for _, o, s in self._work.series.values())

    def list_series(self, org: str, after_pk: int | None, limit: int) -> list[tuple[int, CardSeries]]:
        found = [(k, s.series) for k, o, s in self._work.series.values() if o == org and k > (after_pk or 0)]
        return copy.deepcopy(found[:limit])

    def save_series(self, series: CardSeriesAggregate) -> None:
        if series.advanced:
            self._work.series[series.id][2].next_value = series.next_value
            series.advanced = False

    def find_label(self, org: str, label: str) -> CardStatus | None:
        return self._work.labels.get((org, label))

    def insert_label(self, org: str, label: str, status: CardStatus) -> None:
        assert (org, label) not in self._work.labels
        self._work.labels[(org, label)] = status

    def list_labels(self, org: str) -> list[StatusLabel]:
        return [StatusLabel(label, status) for (o, label), status in self._work.labels.items() if o == org]

    # Cards --------------------------------------------------------------------------

    def find_card(self, org: str, number: str, lock: bool = False, label: str = "") -> FoundCard | None:
        card = self._work.cards.get((org, number))
        if card is None:
            return None
        series = self._series(org, card.series_id)
        assert series is not None
        return FoundCard(copy.deepcopy(card), copy.deepcopy(series), self.find_label(org, label))

    def take_stock(self, org: str, series_id: str, label: str = "") -> Stock | None:
        series = self._series(org, series_id)
        if series is None:
            return None
        stock = (c for c in self._work.cards.values() if c.series_id == series_id and c.status is CardStatus.NOT_ISSUED)
        card = next(stock, None)
        return Stock(copy.deepcopy(series), copy.deepcopy(card), self.find_label(org, label))

    def existing_numbers(self, org: str, numbers: list[str]) -> set[str]:
        return {n for n in numbers if (org, n) in self._work.cards}

    def numbers_between(self, org: str, first: str, last: str) -> set[str]:
        return {n for o, n in self._work.cards if o == org and first <= n <= last}

    def insert_cards(
        self, org: str, series: CardSeriesAggregate, numbers: list[str], label: str, now: datetime
    ) -> list[StoredCard]:
        assert self._series(org, series.id) is not None and not self.existing_numbers(org, numbers)
        made = [StoredCard(n, series.id, CardStatus.NOT_ISSUED, label, "", now) for n in numbers]
        for card in made:
            self._work.cards[(org, card.number)] = copy.deepcopy(card)
            self._log(org, CardStatusChange(card.number, None, card.status, label, "", "created", now))
        return made

    def write_card(self, org: str, card: StoredCard, change: CardChanged, now: datetime) -> None:
        stored = self._work.cards[(org, card.number)]
        if card.customer:
            self.customers.pk_of(card.customer)  # the owner must exist, or SQL would store none
        stored.status, stored.status_label, stored.customer = card.status, card.status_label, card.customer
        stored.issue_time, stored.expire_time = card.issue_time, card.expire_time
        entry = (change.previous_status, change.status, change.status_label, stored.customer, change.reason, now)
        self._log(org, CardStatusChange(card.number, *entry))

    def _log(self, org: str, entry: CardStatusChange) -> None:
        self._work.log.append((org, entry))

    def list_cards(
        self, org: str, customer_pk: int | None, series_id: str | None, after_number: str | None, limit: int
    ) -> list[Card]:
        def chosen(card: StoredCard) -> bool:
            owned = customer_pk is None or (bool(card.customer) and self.customers.pk_of(card.customer) == customer_pk)
            return owned and series_id in (None, card.series_id) and card.number > (after_number or "")

        now = self._clock()
        cards = sorted((c for (o, _), c in self._work.cards.items() if o == org and chosen(c)), key=lambda c: c.number)
        return [c.read(now) for c in cards[:limit]]

    def list_card_changes(
        self, org: str, number: str, after_pk: int | None, limit: int
    ) -> list[tuple[int, CardStatusChange]]:
        entries = [
            (key, copy.deepcopy(entry))
            for key, (o, entry) in enumerate(self._work.log, start=1)
            if o == org and entry.number == number and key > (after_pk or 0)
        ]
        return entries[:limit]


def _stored(card: Card) -> StoredCard:
    """A card as a customer holds it, to be read again at another moment."""
    return StoredCard(
        card.number,
        card.series_id,
        card.status,
        card.status_label,
        card.customer,
        card.create_time,
        card.issue_time,
        card.expire_time,
    )
