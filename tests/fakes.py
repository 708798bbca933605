"""In-memory implementations of the store's ports, for the fast tier: rules and use cases without a database.

InMemoryCustomers (and InMemoryCandidates) keep committed customers as aggregates and hands out copies,
so a unit of work that is not committed leaves nothing behind, as a rolled-back
transaction would. tests/contract/ runs one suite against it and against the
SQL repository on both engines: what passes here behaves like the real store.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

from loyalty_identity.domain.candidates import CandidateState, MergeCandidate
from loyalty_identity.domain.card_series import CardSeriesAggregate
from loyalty_identity.domain.cards import SeriesLimit, StoredCard
from loyalty_identity.domain.customer import CustomerAggregate, Holders
from loyalty_identity.domain.erasure import Erasure
from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomersMerged,
    CustomersUnmerged,
    Event,
)
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.merge_policy import MergePolicy
from loyalty_identity.domain.model import (
    Card,
    CardSeries,
    CardStatus,
    CardStatusChange,
    Customer,
    CustomerState,
    Merge,
    StatusLabel,
)
from loyalty_identity.domain.names import customer_name, merge_name
from loyalty_identity.domain.queries import IdentifierQuery
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.domain.suppression import NO_CHECK, SuppressionCheck
from loyalty_identity.service.ports import (
    CustomerRecord,
    FoundCard,
    MergeRecord,
    Stock,
    StoredResponse,
    UnitOfWork,
    utc_now,
)
from loyalty_identity.store.event_repository import decode, encode


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

    def current(self, customer_id: str) -> tuple[str, CustomerAggregate] | None:
        """(org, customer) as this unit sees it, its own writes included; nothing handed out."""
        return self._seen.get(customer_id) or self._committed.get(customer_id)

    def id_of(self, pk: int) -> str:
        """The id of the customer of a key (which must exist, as a foreign key's)."""
        [customer_id] = [i for i, p in self._pks.items() if p == pk]
        return customer_id

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

    def block(self, org: str, victim: CustomerAggregate, survivor_pk: int, merge_pk: int | None) -> None:
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


# The rest of the Repository port: merges, the change feed, request ids, and the whole port composed ----------


@dataclass
class _MergeRow:
    """A row of the merge table: its key, org and customers' keys, and the merge as the row reads back."""

    pk: int
    org: str
    victim_pk: int
    survivor_pk: int
    merge: Merge


class InMemoryMerges:
    """The merge records of IdentityRepository (and find_customer, which lists them by key) in memory.

    Rows name their customers by key, as the SQL table does: a merge reads back with the names of the
    customers of those keys, and tells whether one of them was erased. Customers are those of `customers`.
    """

    def __init__(self, customers: InMemoryCustomers) -> None:
        self.customers = customers
        self._committed: list[_MergeRow] = []  # key: position + 1
        self._work = self._committed

    @contextmanager
    def unit(self) -> Iterator[InMemoryMerges]:
        self._work = copy.deepcopy(self._committed)
        yield self
        self._committed = self._work

    def find_customer(self, org: str, customer_id: str) -> CustomerRecord | None:
        held = self.customers.current(customer_id)
        if held is None or held[0] != org:
            return None
        return self.customers.record(held[1])

    def insert_merge(self, org: str, merge: Merge, victim_pk: int, survivor_pk: int) -> None:
        assert all(row.merge.name != merge.name for row in self._work), "merge uids are unique"
        for pk in (victim_pk, survivor_pk):
            self.customers.id_of(pk)  # the keys must exist, as SQL's foreign keys want
        stored = replace(
            copy.deepcopy(merge),
            create_time=_db_time(merge.create_time),
            moved_profiles=[replace(p, create_time=_db_time(p.create_time)) for p in merge.moved_profiles],
            trigger_scope=merge.trigger_scope if merge.trigger else None,  # read back with its trigger only
            unmerge_time=None,
            unmerge_request_id="",
        )
        self._work.append(_MergeRow(len(self._work) + 1, org, victim_pk, survivor_pk, stored))

    def _read(self, row: _MergeRow) -> Merge:
        victim, survivor = (customer_name(self.customers.id_of(pk)) for pk in (row.victim_pk, row.survivor_pk))
        return replace(copy.deepcopy(row.merge), victim=victim, survivor=survivor)

    def find_merge(self, org: str, merge_id: str, lock: bool = False) -> MergeRecord | None:
        found = [row for row in self._work if row.org == org and row.merge.name == merge_name(merge_id)]
        if not found:
            return None
        [row] = found
        erased = [
            customer_name(customer_id)
            for customer_id in map(self.customers.id_of, (row.victim_pk, row.survivor_pk))
            if self._state(customer_id) is CustomerState.ERASED
        ]
        return MergeRecord(row.pk, row.victim_pk, row.survivor_pk, self._read(row), erased[0] if erased else "")

    def _state(self, customer_id: str) -> CustomerState:
        held = self.customers.current(customer_id)
        assert held is not None
        return held[1].state

    def mark_unmerged(self, merge_pk: int, now: datetime, request_id: str) -> None:
        for row in self._work:
            if row.pk == merge_pk:
                row.merge = replace(row.merge, unmerge_time=_db_time(now), unmerge_request_id=request_id)

    def list_merges(
        self, org: str, customer_pk: int | None, before_pk: int | None, limit: int
    ) -> list[tuple[int, Merge]]:
        def chosen(row: _MergeRow) -> bool:
            # By the customer's key alone, as SQL reads them through the victim and survivor indexes.
            mine = row.org == org if customer_pk is None else customer_pk in (row.victim_pk, row.survivor_pk)
            return mine and (before_pk is None or row.pk < before_pk)

        rows = sorted(filter(chosen, self._work), key=lambda row: -row.pk)[:limit]
        return [(row.pk, self._read(row)) for row in rows]


@dataclass
class _FeedTables:
    counters: dict[str, tuple[int, int]] = field(default_factory=dict)  # org -> (last_sequence, purged_through)
    events: list[tuple[str, Event]] = field(default_factory=list)  # (org, event), each org's in sequence order


class InMemoryFeed:
    """The change feed of IdentityRepository in memory: events held back until the unit ends without an
    error, then numbered per org after the org's last event (1..N, no gaps, in commit order).

    Payloads are stored as the SQL repository stores them (its JSON encoding), so an event reads back as
    the SQL feed reads it; times at the database's precision, in UTC.
    """

    def __init__(self) -> None:
        self._committed = _FeedTables()
        self._work = self._committed
        self._pending: list[tuple[str, Change, datetime]] = []
        self._request_id = ""

    @contextmanager
    def unit(self) -> Iterator[InMemoryFeed]:
        self._work = copy.deepcopy(self._committed)
        self._pending, self._request_id = [], ""
        yield self
        self.flush()
        self._committed = self._work

    def set_event_request_id(self, request_id: str) -> None:
        self._request_id = request_id

    def record_event(self, org: str, change: Change, now: datetime) -> None:
        self._pending.append((org, change, now))

    def flush(self) -> None:
        """Number what was recorded (the request id as set when numbered, as SQL writes it at COMMIT)."""
        pending, self._pending = self._pending, []
        for org in sorted({org for org, _, _ in pending}):
            last, purged = self._work.counters.get(org, (0, 0))
            for change, now in [(change, now) for o, change, now in pending if o == org]:
                last += 1
                kind, payload = encode(change)
                stored = decode(kind, json.loads(json.dumps(payload, separators=(",", ":"))))
                self._work.events.append((org, Event(last, _db_time(now), self._request_id, stored)))
            self._work.counters[org] = (last, purged)

    def event_bounds(self, org: str) -> tuple[int, int]:
        last, purged = self._work.counters.get(org, (0, 0))
        return purged, last

    def list_events(self, org: str, after: int, limit: int) -> list[Event]:
        found = [e for o, e in self._work.events if o == org and e.sequence > after]
        return copy.deepcopy(found[:limit])

    def purge_events(self, older_than: datetime) -> int:
        """Each org's feed up to its last event older than the cutoff (a prefix, newer ones in it too)."""
        cutoff = _db_time(older_than)
        purged = 0
        for org in sorted({o for o, e in self._work.events if e.create_time < cutoff}):
            through = max(e.sequence for o, e in self._work.events if o == org and e.create_time < cutoff)
            kept = [(o, e) for o, e in self._work.events if o != org or e.sequence > through]
            purged += len(self._work.events) - len(kept)
            self._work.events = kept
            last, before = self._work.counters[org]
            self._work.counters[org] = (last, max(before, through))
        return purged


@dataclass
class _RequestTables:
    requests: dict[tuple[str, str], tuple[str, bytes, datetime]] = field(default_factory=dict)  # fingerprint...
    names: set[tuple[str, str, str]] = field(default_factory=set)  # (org, customer id, request_id)


class InMemoryRequests:
    """The request ids of IdentityRepository (RULES 2.7) in memory: a claim, its answer and the customers the
    answer names. One caller at a time: a twin's claim never waits here, it finds the first one's answer."""

    def __init__(self) -> None:
        self._committed = _RequestTables()
        self._work = self._committed

    @contextmanager
    def unit(self) -> Iterator[InMemoryRequests]:
        self._work = copy.deepcopy(self._committed)
        yield self
        self._committed = self._work

    def claim_request(self, org: str, request_id: str, fingerprint: str, now: datetime) -> StoredResponse | None:
        held = self._work.requests.get((org, request_id))
        if held is not None:
            return StoredResponse(held[0], held[1])
        self._work.requests[(org, request_id)] = (fingerprint, b"", _db_time(now))
        return None

    def save_response(
        self, org: str, request_id: str, response: bytes, customers: Collection[str], now: datetime
    ) -> None:
        held = self._work.requests.get((org, request_id))
        if held is not None:
            self._work.requests[(org, request_id)] = (held[0], response, _db_time(now))
        names = {(org, name.removeprefix("customers/"), request_id) for name in customers}
        assert not names & self._work.names, "the names' primary key refuses them twice"
        self._work.names |= names

    def purge_responses(self, older_than: datetime) -> int:
        cutoff = _db_time(older_than)
        old = {key for key, (_, _, created) in self._work.requests.items() if created < cutoff}
        self._work.names = {n for n in self._work.names if (n[0], n[2]) not in old}
        for key in old:
            del self._work.requests[key]
        return len(old)


class InMemoryRepository(InMemoryCards):
    """The whole Repository port (service/ports.py) in memory: customers and cards (InMemoryCards), candidates,
    merges, the feed and request ids, each a fake held equal to SQL by its contract suite.

    unit() is one transaction over all of them: a unit that ends with an error keeps nothing, and a savepoint
    rollback puts every store back as it was at savepoint() (the request id's claim, taken before, stays).
    Erasure, suppression and the merge policy are not faked: they raise NotImplementedError.
    """

    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__(clock=clock)
        self.candidates = InMemoryCandidates()
        self.merges = InMemoryMerges(self.customers)
        self.feed = InMemoryFeed()
        self.requests = InMemoryRequests()
        self._savepoint: _Snapshot | None = None

    def _stores(self) -> list[object]:
        return [self, self.customers, self.candidates, self.merges, self.feed, self.requests]

    @contextmanager
    def unit(self) -> Iterator[InMemoryRepository]:
        self._savepoint = None
        before = _Snapshot(self._stores())
        try:
            with super().unit(), self.candidates.unit(), self.merges.unit(), self.feed.unit(), self.requests.unit():
                yield self
        except BaseException:
            before.restore()  # also what the stores keep outside their units (customers' blocks and keys)
            raise
        finally:
            self._savepoint = None

    def flush(self) -> None:
        self.feed.flush()

    # Customers and merges.

    def find_customer(self, org: str, customer_id: str) -> CustomerRecord | None:
        return self.merges.find_customer(org, customer_id)

    def insert_merge(self, org: str, merge: Merge, victim_pk: int, survivor_pk: int) -> None:
        self.merges.insert_merge(org, merge, victim_pk, survivor_pk)

    def list_merges(
        self, org: str, customer_pk: int | None, before_pk: int | None, limit: int
    ) -> list[tuple[int, Merge]]:
        return self.merges.list_merges(org, customer_pk, before_pk, limit)

    def find_merge(self, org: str, merge_id: str, lock: bool = False) -> MergeRecord | None:
        return self.merges.find_merge(org, merge_id, lock)

    def mark_unmerged(self, merge_pk: int, now: datetime, request_id: str) -> None:
        self.merges.mark_unmerged(merge_pk, now, request_id)

    # The change feed.

    def set_event_request_id(self, request_id: str) -> None:
        self.feed.set_event_request_id(request_id)

    def record_event(self, org: str, change: Change, now: datetime) -> None:
        self.feed.record_event(org, change, now)

    def event_bounds(self, org: str) -> tuple[int, int]:
        return self.feed.event_bounds(org)

    def list_events(self, org: str, after: int, limit: int) -> list[Event]:
        return self.feed.list_events(org, after, limit)

    def purge_events(self, older_than: datetime) -> int:
        return self.feed.purge_events(older_than)

    # Request ids and the savepoint.

    def claim_request(self, org: str, request_id: str, fingerprint: str, now: datetime) -> StoredResponse | None:
        return self.requests.claim_request(org, request_id, fingerprint, now)

    def save_response(
        self, org: str, request_id: str, response: bytes, customers: Collection[str], now: datetime
    ) -> None:
        self.requests.save_response(org, request_id, response, customers, now)

    def purge_responses(self, older_than: datetime) -> int:
        return self.requests.purge_responses(older_than)

    def savepoint(self) -> None:
        self._savepoint = None  # not part of what is saved
        self._savepoint = _Snapshot(self._stores())

    def rollback_to_savepoint(self) -> None:
        saved = self._savepoint
        assert saved is not None, "no savepoint in this transaction"
        saved.restore()
        self._savepoint = saved  # as SQL's: it stays, to be rolled back to again

    @property
    def has_savepoint(self) -> bool:
        return self._savepoint is not None

    def ensure_savepoint(self) -> None:
        if self._savepoint is None:
            self.savepoint()

    # Not faked.

    def lock_erasures(self, org: str) -> None:
        raise _not_faked("lock_erasures")

    def redact(self, org: str, erasure: Erasure, customer_pks: list[int], tombstone: bytes) -> list[MergeCandidate]:
        raise _not_faked("redact")

    def tombstone_replies(self, org: str, customers: Collection[str], tombstone: bytes) -> None:
        raise _not_faked("tombstone_replies")

    def merge_policy(self, org: str) -> MergePolicy:
        raise _not_faked("merge_policy")

    def save_merge_policy(self, org: str, policy: MergePolicy, now: datetime) -> None:
        raise _not_faked("save_merge_policy")

    def suppress(self, org: str, digests: Collection[str], now: datetime) -> None:
        raise _not_faked("suppress")

    def unsuppress(self, org: str, digest: str) -> datetime | None:
        raise _not_faked("unsuppress")


class InMemoryUnitOfWork:
    """The UnitOfWork port over an InMemoryRepository: one unit; leaving it without commit() keeps nothing."""

    def __init__(self, repo: InMemoryRepository) -> None:
        self.repo = repo
        self._unit: AbstractContextManager[InMemoryRepository] | None = None
        self._committed = False

    def __enter__(self) -> Self:
        self._unit = self.repo.unit()
        self._unit.__enter__()
        return self

    def flush(self) -> None:
        self.repo.flush()

    def commit(self) -> None:
        self.flush()
        self._committed = True

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._unit is not None
        if exc_type is None and not self._committed:
            self._unit.__exit__(_RolledBack, _RolledBack(), None)  # as peewee's rollback: nothing kept
        else:
            self._unit.__exit__(exc_type, exc, tb)


class InMemoryUnitOfWorkFactory:
    """The UnitOfWorkFactory port over one InMemoryRepository: Application(uow_factory=...) runs over it."""

    def __init__(self, repo: InMemoryRepository) -> None:
        self.repo = repo
        self.units = 0  # how many units of work were opened

    def __call__(self, *, write: bool, lock_timeout: float | None = None, transaction: bool = True) -> UnitOfWork:
        self.units += 1
        return InMemoryUnitOfWork(self.repo)


class _RolledBack(Exception):  # noqa: N818 (a signal to the unit, never raised)
    """Ends a unit of work without keeping anything."""


class _Snapshot:
    """Every attribute of the stores, deep-copied (what they share stays shared); restore() puts them back."""

    def __init__(self, stores: list[object]) -> None:
        self._stores = stores
        self._state = copy.deepcopy([vars(s) for s in stores], {id(s): s for s in stores})

    def restore(self) -> None:
        state = copy.deepcopy(self._state, {id(s): s for s in self._stores})  # a savepoint may be rolled back again
        for store, attributes in zip(self._stores, state, strict=True):
            vars(store).clear()
            vars(store).update(attributes)


def _not_faked(method: str) -> NotImplementedError:
    return NotImplementedError(f"InMemoryRepository.{method} is not faked: test it through the SQL repository")


def _db_time(value: datetime) -> datetime:
    """A time as the database gives it back: UTC (stored naive, at microseconds, read as UTC)."""
    return value.astimezone(UTC)
