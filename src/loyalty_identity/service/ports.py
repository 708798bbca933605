"""What the use cases need from the store (implemented in loyalty_identity.store)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Protocol, Self, TypeVar

from loyalty_identity.domain.candidates import MergeCandidate
from loyalty_identity.domain.card_series import CardSeriesAggregate
from loyalty_identity.domain.cards import SeriesLimit, StoredCard
from loyalty_identity.domain.customer import CustomerAggregate, Holders
from loyalty_identity.domain.erasure import Erasure
from loyalty_identity.domain.events import CardChanged, Change, CustomerCreated, Event
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.merge_policy import CandidateState, MergePolicy
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
from loyalty_identity.domain.queries import IdentifierQuery
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.domain.suppression import NO_CHECK, SuppressionCheck


@dataclass(frozen=True)
class CustomerRecord:
    """A customer row: `pk` joins rows inside the store, `id` names it outside."""

    pk: int
    id: str
    state: CustomerState
    survivor_pk: int | None


@dataclass(frozen=True)
class MergeRecord:
    pk: int
    victim_pk: int
    survivor_pk: int
    merge: Merge
    erased: str = ""  # the victim or survivor when erased (RULES 2.5.1)


@dataclass(frozen=True)
class StoredResponse:
    fingerprint: str
    response: bytes


class CustomerRepository(Protocol):
    """Customer aggregates (domain/customer.py): read whole, written back from their events."""

    def get(self, org: str, customer_id: str, lock: bool = False) -> CustomerAggregate | None:
        """lock: hold the customer's row until the transaction ends (every writer of a customer does)."""
        ...

    def find(self, org: str, customer_id: str) -> Customer | None:
        """One statement: the customer as a reader sees it, or its survivor when it was merged away."""
        ...

    def find_by_identifier(self, org: str, scope: Scope, ident: IdentifierValue) -> Customer | None: ...
    def find_by_card(self, org: str, number: str) -> Customer | None: ...
    def find_many(self, org: str, queries: Sequence[IdentifierQuery]) -> dict[int, Customer]:
        """The active holder of each query's value, by the query's index: one statement whatever their number."""
        ...

    def get_for_update(
        self,
        org: str,
        customer_id: str,
        wanted: Iterable[tuple[Scope, IdentifierValue]] = (),
        suppression: SuppressionCheck = NO_CHECK,
    ) -> tuple[CustomerAggregate | None, Holders]:
        """Locked and read whole, with who holds wanted (in their scopes and anywhere) in the same read,
        and what suppression asks (Holders.suppressed) in that read too."""
        ...

    def get_by_pk(self, pk: int, lock: bool = False) -> CustomerAggregate: ...
    def get_many(self, org: str, customer_ids: list[str], lock: bool = False) -> dict[str, CustomerAggregate]:
        """lock: in key order, as every writer of several customers takes them."""
        ...

    def pk(self, customer: CustomerAggregate) -> int: ...
    def pk_of(self, name: str) -> int: ...
    def record(self, customer: CustomerAggregate) -> CustomerRecord: ...
    def holders(self, org: str, wanted: Iterable[tuple[Scope, IdentifierValue]]) -> Holders:
        """Who holds each (scope, identifier) there, and each value anywhere: one query whatever their number."""
        ...

    def series_limits(self, series_ids: Iterable[str]) -> dict[str, SeriesLimit]: ...
    def erased_side(self, customer: CustomerAggregate) -> dict[str, int]:
        """Keys of a customer and of the customers merged into it, by resource name."""
        ...

    def erase(self, customer: CustomerAggregate, now: datetime) -> None:
        """Write an erasure (CustomerAggregate.erase): its rows go, its cards are DELETED and logged."""
        ...

    def blocks_between(self, a: CustomerAggregate, b: CustomerAggregate) -> list[tuple[int, int]]:
        """Pairs an unmerge keeps apart, one customer on each side (a side: a customer and its victims)."""
        ...

    def unblock(self, pairs: list[tuple[int, int]]) -> None: ...
    def block(self, org: str, victim: CustomerAggregate, survivor_pk: int, merge_pk: int | None) -> None:
        """Keep the two apart: an unmerge (its merge) or a rejected merge candidate (no merge)."""
        ...

    def reserve(
        self,
        org: str,
        customer_id: str,
        now: datetime,
        wanted: Iterable[tuple[Scope, IdentifierValue]],
        suppression: SuppressionCheck = NO_CHECK,
    ) -> Holders:
        """The row of a customer about to be created, reserved in the statement that reads who holds wanted."""
        ...

    def release(self, customer_id: str) -> None: ...
    def add(self, org: str, customer: CustomerAggregate, change: CustomerCreated, now: datetime) -> None: ...
    def save(self, org: str, changes: list[Change], now: datetime) -> None: ...
    def touch(self, customer: CustomerAggregate, now: datetime) -> None: ...


class CandidateRepository(Protocol):
    """Merge candidates (domain/candidates.py)."""

    def record(self, org: str, candidate: MergeCandidate) -> tuple[MergeCandidate, bool]:
        """Insert it, or find the pending one with its victim, survivor and trigger: (the stored one, created)."""
        ...

    def get(self, org: str, candidate_id: str, lock: bool = False) -> MergeCandidate | None: ...
    def page(
        self, org: str, state: CandidateState | None, customer_id: str, before: int | None, limit: int
    ) -> list[MergeCandidate]:
        """Newest first; `before` is a candidate's pk (paging); customer_id matches the victim or the survivor."""
        ...

    def save(self, org: str, candidate: MergeCandidate) -> None: ...
    def pending_by_org(self) -> dict[str, int]:
        """How many candidates each org has PENDING (orgs with none left out)."""
        ...


class IdentityRepository(Protocol):
    @property
    def customers(self) -> CustomerRepository: ...

    @property
    def candidates(self) -> CandidateRepository: ...

    # Customers, by key (list reads of their merges and cards).
    def find_customer(self, org: str, customer_id: str) -> CustomerRecord | None: ...

    # Merges.
    def insert_merge(self, org: str, merge: Merge, victim_pk: int, survivor_pk: int) -> None: ...
    def list_merges(
        self, org: str, customer_pk: int | None, before_pk: int | None, limit: int
    ) -> list[tuple[int, Merge]]: ...

    # Unmerges and the pairs they keep apart.
    def find_merge(self, org: str, merge_id: str, lock: bool = False) -> MergeRecord | None: ...
    def mark_unmerged(self, merge_pk: int, now: datetime, request_id: str) -> None: ...

    # The change feed.
    def set_event_request_id(self, request_id: str) -> None: ...
    def record_event(self, org: str, change: Change, now: datetime) -> None:
        """Append an event to the feed, in this transaction."""
        ...

    def event_bounds(self, org: str) -> tuple[int, int]: ...
    def list_events(self, org: str, after: int, limit: int) -> list[Event]: ...
    def purge_events(self, older_than: datetime) -> int: ...

    # Erasure (RULES 2.5.1).
    def lock_erasures(self, org: str) -> None:
        """Erasures of one org run one at a time (taken first, held until the transaction ends)."""
        ...

    def redact(self, org: str, erasure: Erasure, customer_pks: list[int], tombstone: bytes) -> list[MergeCandidate]:
        """Every stored copy of the erased values (merge records, feed, card logs, replies) redacted; the merge
        candidates naming the erased customers, found in the same reads (the caller erases them: SPEC 7.2)."""
        ...

    def tombstone_replies(self, org: str, customers: Collection[str], tombstone: bytes) -> None:
        """Every stored answer that names one of customers (resource names) becomes tombstone, found by
        the names recorded with it (save_response); the running request's own claim (no answer yet) stays."""
        ...

    # Merge governance (SPEC 7.1).
    def merge_policy(self, org: str) -> MergePolicy:
        """The org's merge policy (the default one until it sets one)."""
        ...

    def save_merge_policy(self, org: str, policy: MergePolicy, now: datetime) -> None: ...

    # Suppression after erasure (RULES 2.5.2): keyed hashes only.
    def suppress(self, org: str, digests: Collection[str], now: datetime) -> None:
        """Record the digests as suppressed (those already suppressed stay as they are)."""
        ...

    def unsuppress(self, org: str, digest: str) -> datetime | None:
        """Lift one suppression: when it was made, or None when the digest was not suppressed."""
        ...

    # Idempotency (RULES 2.7).
    def claim_request(self, org: str, request_id: str, fingerprint: str, now: datetime) -> StoredResponse | None:
        """Claim request_id for this transaction, before any other work; or the reply stored by its first run.

        An attempt that claimed it and has not ended yet (a twin on any
        replica) makes this wait until it commits (its reply is returned) or
        rolls back (the claim is ours).
        """
        ...

    def save_response(
        self, org: str, request_id: str, response: bytes, customers: Collection[str], now: datetime
    ) -> None:
        """The answer (a reply, or a refusal) of the request this transaction claimed, stored at now, with
        the customers it names (resource names), by which an erasure finds it."""
        ...

    def savepoint(self) -> None:
        """Mark this point of the transaction: rollback_to_savepoint() undoes what follows it."""
        ...

    def rollback_to_savepoint(self) -> None:
        """Undo every write (rows and pending feed events) since savepoint(); the transaction goes on."""
        ...

    @property
    def has_savepoint(self) -> bool:
        """Whether savepoint() was taken in this transaction."""
        ...

    def ensure_savepoint(self) -> None:
        """savepoint(), unless one was taken in this transaction already."""
        ...

    def purge_responses(self, older_than: datetime) -> int: ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the block without commit() rolls it back."""

    @property
    def repo(self) -> Repository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def flush(self) -> None:
        """Write what the repositories held back (the feed's events): after it only COMMIT is left."""
        ...

    def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool, lock_timeout: float | None = None, transaction: bool = True) -> UnitOfWork:
        """A unit of work; lock_timeout bounds how long it may wait for locks (seconds).

        transaction=False: for a read of a single statement, which sees one
        snapshot by itself: no BEGIN and COMMIT around it.
        """
        ...


T = TypeVar("T")


class WriteBatches(Protocol):
    """Write transactions committed together, one COMMIT for many (group commit, docs/GROUP_COMMIT.md)."""

    def run(self, work: Callable[[Repository], T]) -> T:
        """One attempt of a write, in a batch of its own transaction.

        Returns only once the batch's COMMIT is durable. Raises what the attempt
        raised (its own work alone rolled back), DEADLINE_EXCEEDED when the caller's
        deadline passed before the COMMIT (nothing written), or StoreUnavailableError
        when the batch could not commit (nothing written).
        """
        ...

    def close(self) -> None:
        """Commit what is queued, then take no more."""
        ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class TransientStoreError(Exception):
    """The transaction lost a race (serialization failure, deadlock, busy): retry it whole."""


class StoreUnavailableError(Exception):
    """The database did not answer in time (lock wait exhausted), or cannot be reached (`unreachable`)."""

    def __init__(self, message: str, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


class ConnectionLostError(Exception):
    """The connection to the database broke under the transaction (the server died, a failover).

    commit_unknown: it broke while COMMIT was on its way, so the change may or may not have
    been made; otherwise the server rolled the transaction back and running it again is safe.
    """

    def __init__(self, message: str, commit_unknown: bool) -> None:
        super().__init__(message)
        self.commit_unknown = commit_unknown


@dataclass(frozen=True)
class FoundCard:
    """A card with what a change of it needs, read in one statement: its series, and the status the
    request's label stands for if the org has a label of that name (None otherwise, or none asked)."""

    card: StoredCard
    series: CardSeriesAggregate
    label_status: CardStatus | None = None


@dataclass(frozen=True)
class Stock:
    """A series with its oldest card in stock that no other issuer holds (None: none left), and the
    status the request's label stands for, as FoundCard."""

    series: CardSeriesAggregate
    card: StoredCard | None
    label_status: CardStatus | None = None


class CardRepository(Protocol):
    # Series and labels.
    def insert_series(self, org: str, series: CardSeriesAggregate, now: datetime) -> None: ...
    def find_series(self, org: str, series_id: str, lock: bool = False) -> CardSeriesAggregate | None: ...
    def series_code_taken(self, org: str, code: str) -> bool: ...
    def list_series(self, org: str, after_pk: int | None, limit: int) -> list[tuple[int, CardSeries]]: ...
    def save_series(self, series: CardSeriesAggregate) -> None:
        """Write what the series' methods changed (its next sequential value)."""
        ...

    def find_label(self, org: str, label: str) -> CardStatus | None: ...
    def insert_label(self, org: str, label: str, status: CardStatus) -> None: ...
    def list_labels(self, org: str) -> list[StatusLabel]: ...

    # Cards.
    def find_card(self, org: str, number: str, lock: bool = False, label: str = "") -> FoundCard | None: ...
    def take_stock(self, org: str, series_id: str, label: str = "") -> Stock | None: ...
    def existing_numbers(self, org: str, numbers: list[str]) -> set[str]: ...
    def numbers_between(self, org: str, first: str, last: str) -> set[str]: ...
    def insert_cards(
        self, org: str, series: CardSeriesAggregate, numbers: list[str], label: str, now: datetime
    ) -> list[StoredCard]: ...
    def write_card(self, org: str, card: StoredCard, change: CardChanged, now: datetime) -> None:
        """The card as its change left it, and the change as its log entry."""
        ...

    def list_cards(
        self, org: str, customer_pk: int | None, series_id: str | None, after_number: str | None, limit: int
    ) -> list[Card]: ...
    def list_card_changes(
        self, org: str, number: str, after_pk: int | None, limit: int
    ) -> list[tuple[int, CardStatusChange]]: ...


class Repository(IdentityRepository, CardRepository, Protocol):
    """Everything a use case may read or write in one transaction."""
