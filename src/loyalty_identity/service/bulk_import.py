"""Bulk import: many CreateCustomer requests, batched in transactions.

The result is what calling CreateCustomer once per row, in file order, would
give — same validation (service.commands.parse_profiles), same rules
(IdentityUseCases.create_customer): a duplicate in the same scope is
IDENTIFIER_TAKEN, a value held in another scope by one customer attaches the
row's profiles to that customer (COMBINED_WITH_EXISTING), and so on. Only the
cost differs:

- a batch of rows shares one transaction, so a commit (an fsync) is paid per
  batch, not per row;
- each row that may touch existing data runs the real use case inside a
  savepoint: a refused row rolls back alone and the others are kept;
- a row whose identifiers nobody holds yet (neither the database nor an
  earlier row of the file) and that links no card can only create a new
  customer; such rows are written together with multi-row INSERTs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from loyalty_identity.domain.candidates import NeedsReviewError, RecordedCreate
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.events import CustomerCreated, ScopedIdentifier
from loyalty_identity.domain.identifiers import IdentifierPolicy, IdentifierValue
from loyalty_identity.domain.model import WarningCode
from loyalty_identity.domain.names import customer_name, new_id
from loyalty_identity.domain.requests import ParsedProfile
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.domain.suppression import NO_CHECK, SuppressionCheck, SuppressionKey, check_for
from loyalty_identity.service.candidates import record_candidate
from loyalty_identity.service.commands import ProfileInput, parse_profiles
from loyalty_identity.service.identity import IdentityUseCases
from loyalty_identity.service.ports import Repository, TransientStoreError, utc_now

# A row that keeps losing races with concurrent writers is reported, not retried forever.
MAX_ROW_ATTEMPTS = 5


@dataclass(frozen=True)
class ImportRow:
    """One customer to create, as read from the input file."""

    line: int  # where it starts in the file, for the rejects file
    original: Any  # what the file held (echoed in the rejects file)
    profiles: Sequence[ProfileInput] = ()
    error: DomainError | None = None  # the file's own reader refused it already


@dataclass(frozen=True)
class RowResult:
    row: ImportRow
    customer: str = ""  # customers/{id} that now holds the row's profiles
    combined: bool = False  # attached to an existing customer (COMBINED_WITH_EXISTING)
    error: DomainError | None = None

    @property
    def rejected(self) -> bool:
        return self.error is not None


@dataclass(frozen=True)
class NewCustomer:
    """A row that can only create a customer: written by the store in bulk."""

    id: str
    profiles: list[tuple[Scope, list[IdentifierValue]]]


class ImportBatch(Protocol):
    """One write transaction of the import."""

    repo: Repository

    def savepoint(self) -> AbstractContextManager[None]:
        """A nested transaction: rolled back alone when its block raises.

        Store errors that mean a lost race come out as TransientStoreError.
        """
        ...

    def held_keys(
        self, org: str, idents: Sequence[IdentifierValue], suppression: SuppressionCheck = NO_CHECK
    ) -> set[IdentifierValue]:
        """Which of idents some customer of the org holds, in any scope, or are suppressed (all of them
        when a keyless check finds the org has suppressions): those rows go to the use case."""
        ...

    def insert_new_customers(self, org: str, customers: Sequence[NewCustomer], now: datetime) -> None:
        """Insert customers whose identifiers nobody holds (TransientStoreError if one is taken meanwhile)."""
        ...

    def commit(self) -> None: ...


class ImportStore(Protocol):
    def batch(self) -> AbstractContextManager[ImportBatch]:
        """A write transaction, rolled back unless commit() was called."""
        ...


class _DryRun(Exception):  # noqa: N818 (control flow, not an error)
    """Leaves a dry run's batch by rolling it back."""


class BulkImporter:
    def __init__(
        self,
        store: ImportStore,
        policy: IdentifierPolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
        dry_run: bool = False,
        suppression_key: SuppressionKey | None = None,
    ) -> None:
        self._store = store
        self._policy = policy or IdentifierPolicy()
        self._clock = clock
        self._key = suppression_key
        self._identity = IdentityUseCases(clock, suppression_key)
        self._dry_run = dry_run

    def import_batch(self, org: str, rows: Sequence[ImportRow]) -> list[RowResult]:
        """Apply rows in order in one transaction; one result per row, in order."""
        results: dict[int, RowResult] = {}
        parsed: list[tuple[int, ImportRow, list[ParsedProfile]]] = []
        for index, row in enumerate(rows):
            if row.error is not None:
                results[index] = RowResult(row, error=row.error)
                continue
            try:
                # Validation needs no transaction, as in Application.create_customer.
                parsed.append((index, row, parse_profiles(self._policy, row.profiles).value))
            except DomainError as error:
                results[index] = RowResult(row, error=error)
        if parsed:
            try:
                with self._store.batch() as batch:
                    for index, result in self._apply(batch, org, parsed):
                        results[index] = result
                    if self._dry_run:
                        raise _DryRun  # rolls the batch back, as validate_only does (application.py)
                    batch.commit()
            except _DryRun:
                pass
        return [results[i] for i in range(len(rows))]

    def _apply(
        self, batch: ImportBatch, org: str, parsed: list[tuple[int, ImportRow, list[ParsedProfile]]]
    ) -> Iterator[tuple[int, RowResult]]:
        wanted = [i.ident for _, _, profiles in parsed for p in profiles for i in p.profile_identifiers]
        # Keys held by someone: at the start of the batch, or claimed by an earlier row since.
        # Suppressed values count as claimed: their rows go to the use case, which refuses them.
        claimed = batch.held_keys(org, wanted, check_for(self._key, org, wanted))
        pending: list[tuple[int, ImportRow, list[ParsedProfile], NewCustomer]] = []
        for index, row, profiles in parsed:
            keys = [i.ident for p in profiles for i in p.profile_identifiers]
            has_cards = any(len(p.profile_identifiers) != len(p.identifiers) for p in profiles)
            if not has_cards and claimed.isdisjoint(keys):
                customer = NewCustomer(
                    new_id(), [(p.scope, [i.ident for i in p.identifiers]) for p in profiles if p.identifiers]
                )
                pending.append((index, row, profiles, customer))
            else:
                # The use case must see every earlier row written.
                yield from self._flush(batch, org, pending)
                pending = []
                yield index, self._create_one(batch, org, row, profiles)
            # A refused row claims nothing, but counting it costs only a use-case run later.
            claimed.update(keys)
        yield from self._flush(batch, org, pending)

    def _flush(
        self, batch: ImportBatch, org: str, pending: list[tuple[int, ImportRow, list[ParsedProfile], NewCustomer]]
    ) -> Iterator[tuple[int, RowResult]]:
        if not pending:
            return
        now = self._clock()
        try:
            with batch.savepoint():
                batch.insert_new_customers(org, [customer for _, _, _, customer in pending], now)
                for _, _, _, customer in pending:
                    added = [ScopedIdentifier(scope, i) for scope, idents in customer.profiles for i in idents]
                    batch.repo.record_event(org, CustomerCreated(customer_name(customer.id), added), now)
        except TransientStoreError:
            # A concurrent writer took one of the values after we looked: let
            # the use case decide row by row, as it would for API calls.
            for index, row, profiles, _ in pending:
                yield index, self._create_one(batch, org, row, profiles)
            return
        for index, row, _, customer in pending:
            yield index, RowResult(row, customer=customer_name(customer.id))

    def _create_one(self, batch: ImportBatch, org: str, row: ImportRow, profiles: list[ParsedProfile]) -> RowResult:
        for _attempt in range(MAX_ROW_ATTEMPTS):
            try:
                with batch.savepoint():
                    created = self._identity.create_customer(batch.repo, org, profiles)
            except NeedsReviewError as review:
                # As CreateCustomer: the row is refused and kept as a merge candidate (not in a dry run).
                if self._dry_run:
                    return RowResult(row, error=review)
                recorded = RecordedCreate(tuple(row.profiles))
                return RowResult(row, error=record_candidate(batch.repo, org, review, recorded, None, self._clock()))
            except DomainError as error:
                return RowResult(row, error=error)
            except TransientStoreError:
                continue
            combined = any(w.code == WarningCode.COMBINED_WITH_EXISTING for w in created.warnings)
            return RowResult(row, customer=created.customer.name, combined=combined)
        return RowResult(
            row,
            error=DomainError(Reason.CONCURRENCY_CONFLICT, "too many concurrent changes to these identifiers; retry"),
        )
