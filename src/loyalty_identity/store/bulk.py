"""Bulk reads and writes for `loyalty-identity import` and `export`.

Import: one write transaction per batch (through the ordinary unit of work, so
it queues with a running server's writers like any request), savepoints for
rows that run the real use case, and multi-row INSERTs for rows that can only
create a new customer. Export: keyset pages of active customers inside one
read snapshot, so memory stays flat whatever the size of the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import peewee as pw

from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import CustomerState
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.domain.suppression import NO_CHECK, SuppressionCheck
from loyalty_identity.service.ports import Repository, TransientStoreError
from loyalty_identity.store.database import Database
from loyalty_identity.store.rows import PlainSql, to_db_time
from loyalty_identity.store.unit_of_work import PeeweeUnitOfWork, PeeweeUnitOfWorkFactory

# Rows per multi-row INSERT and values per IN (...): well under SQLite's
# 32,766 variables and PostgreSQL's 65,535 parameters.
CHUNK = 500
EXPORT_PAGE = 1000


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class NewCustomer(Protocol):
    """What the store reads of a row that can only create a customer (service.bulk_import.NewCustomer)."""

    @property
    def id(self) -> str: ...

    @property
    def profiles(self) -> Sequence[tuple[Scope, Sequence[IdentifierValue]]]: ...


class PeeweeImportBatch:
    """One write transaction of the import (service.bulk_import.ImportBatch)."""

    def __init__(self, database: Database, uow: PeeweeUnitOfWork) -> None:
        self._database = database
        self._uow = uow
        self._repo = uow.repo
        self.repo: Repository = uow.repo
        self._sql = PlainSql(database.db)

    def commit(self) -> None:
        self._uow.commit()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        # Feed events wait in the repository until commit: a row rolled back
        # to its savepoint must take the events it recorded back with it.
        mark = self._repo.events_mark()
        try:
            with self._database.db.atomic():  # nested in the batch's transaction: a SAVEPOINT
                yield
        except BaseException as error:
            self._repo.drop_events_after(mark)
            if isinstance(error, pw.PeeweeException) and self._database.is_retryable(error):
                raise TransientStoreError(type(error).__name__) from error
            raise

    def held_keys(
        self, org: str, idents: Sequence[IdentifierValue], suppression: SuppressionCheck = NO_CHECK
    ) -> set[IdentifierValue]:
        by_type: dict[IdentifierType, set[str]] = {}
        for ident in idents:
            by_type.setdefault(ident.type, set()).add(ident.value)
        digests = {ident: digest for digest, ident in suppression.digests.items()}
        held: set[IdentifierValue] = set()
        probe = suppression.keyless  # asked once, with the first chunk
        for id_type, values in by_type.items():
            for chunk in _chunks(sorted(values)):
                suppressible = {digests[i]: i for i in (IdentifierValue(id_type, v) for v in chunk) if i in digests}
                found, any_suppressed = self._held_chunk(org, id_type, chunk, suppressible, probe)
                if any_suppressed:
                    return set(idents)  # every row to the use case, which refuses with SUPPRESSION_KEY_MISSING
                held.update(found)
                probe = False
        return held

    def _held_chunk(
        self, org: str, id_type: IdentifierType, chunk: Sequence[str], digests: dict[str, IdentifierValue], probe: bool
    ) -> tuple[set[IdentifierValue], bool]:
        """Values of one type some customer holds or that are suppressed, and (probe: a keyless importer)
        whether the org has any suppression; the suppression lookups folded into the same statement."""
        marks = ", ".join("?" * len(chunk))
        sql = f'SELECT value FROM "identifier_key" WHERE org = ? AND type = ? AND value IN ({marks})'
        params: list[Any] = [org, int(id_type), *chunk]
        if digests:
            sql += ' UNION ALL SELECT digest FROM "suppression" WHERE org = ? AND digest IN ('
            sql += ", ".join("?" * len(digests)) + ")"
            params += [org, *sorted(digests)]
        if probe:  # '' is never a value (values have a character at least)
            sql += " UNION ALL SELECT '' FROM (SELECT 1 AS one FROM \"suppression\" WHERE org = ? LIMIT 1) any_s"
            params.append(org)
        cursor = self._sql.cursor(sql, *params)
        # A row is a held value or a suppressed digest (a value spelling a digest counts as both: the
        # row only goes to the use case, which decides exactly).
        found = {text for (text,) in cursor.fetchall()}
        held = {IdentifierValue(id_type, v) for v in found if v in chunk} | {digests[d] for d in found if d in digests}
        return held, "" in found

    def insert_new_customers(self, org: str, customers: Sequence[NewCustomer], now: datetime) -> None:
        at = to_db_time(now)
        active = int(CustomerState.ACTIVE)
        customer_pks: dict[str, int] = {}
        for chunk in _chunks(customers):
            params: list[Any] = []
            for customer in chunk:
                params += [org, customer.id, active, at, at]
            rows = self._sql.cursor(
                (
                    'INSERT INTO "customer" (org, uid, state, create_time, update_time) VALUES '
                    + ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk))
                    + " RETURNING id, uid"
                ),
                *params,
            ).fetchall()
            customer_pks.update((uid, int(pk)) for pk, uid in rows)
        profiles = [
            (customer_pks[customer.id], scope, idents) for customer in customers for scope, idents in customer.profiles
        ]
        profile_pks: dict[tuple[int, int, str], int] = {}
        for chunk in _chunks(profiles):
            params = []
            for customer_pk, scope, _ in chunk:
                params += [org, customer_pk, int(scope.source), scope.account_id, at]
            rows = self._sql.cursor(
                (
                    'INSERT INTO "profile" (org, customer_id, source, account_id, create_time) VALUES '
                    + ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk))
                    + " RETURNING id, customer_id, source, account_id"
                ),
                *params,
            ).fetchall()
            profile_pks.update(((int(c), int(s), a), int(pk)) for pk, c, s, a in rows)
        identifiers = [
            (customer_pk, profile_pks[(customer_pk, int(scope.source), scope.account_id)], scope, ident)
            for customer_pk, scope, idents in profiles
            for ident in idents
        ]
        for chunk in _chunks(identifiers):
            params = []
            keys: list[Any] = []
            for customer_pk, profile_pk, scope, ident in chunk:
                source, account = int(scope.source), scope.account_id
                params += [org, customer_pk, profile_pk, source, account, int(ident.type), ident.value]
                keys += [org, int(ident.type), ident.value, customer_pk]
            self._sql.cursor(
                (
                    'INSERT INTO "identifier" (org, customer_id, profile_id, source, account_id, type, value) VALUES '
                    + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
                ),
                *params,
            )
            # No ON CONFLICT here: a key taken since held_keys() must fail the
            # whole group (unique violation, retryable) so its rows go through
            # the use case one by one.
            self._sql.cursor(
                (
                    'INSERT INTO "identifier_key" (org, type, value, customer_id) VALUES '
                    + ", ".join(["(?, ?, ?, ?)"] * len(chunk))
                ),
                *keys,
            )


class PeeweeImportStore:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._uow_factory = PeeweeUnitOfWorkFactory(database)

    @contextmanager
    def batch(self) -> Iterator[PeeweeImportBatch]:
        with self._uow_factory(write=True) as uow:
            yield PeeweeImportBatch(self._database, uow)


# Export -------------------------------------------------------------------------


@dataclass
class ExportedProfile:
    scope: Scope
    identifiers: list[IdentifierValue] = field(default_factory=list)


@dataclass
class ExportedCustomer:
    id: str
    profiles: list[ExportedProfile] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)  # numbers of the customer's linked cards


def export_customers(database: Database, org: str, cards: bool = True) -> Iterator[ExportedCustomer]:
    """Every active customer of org, oldest first, with profiles, identifiers and card numbers.

    One snapshot (REPEATABLE READ on PostgreSQL, one read transaction on
    SQLite) read in keyset pages: consistent while servers keep writing, and
    memory stays flat.
    """
    db: Any = database.db
    plain = PlainSql(db)

    snapshot = {} if database.kind == "sqlite" else {"isolation_level": "REPEATABLE READ"}
    with db.atomic(**snapshot):
        after = 0
        while True:
            page = plain.rows(
                'SELECT id, uid FROM "customer" WHERE org = ? AND state = ? AND id > ? ORDER BY id LIMIT ?',
                *(org, int(CustomerState.ACTIVE), after, EXPORT_PAGE),
            )
            if not page:
                return
            after = int(page[-1][0])
            customers = {int(pk): ExportedCustomer(uid) for pk, uid in page}
            marks = ", ".join("?" * len(customers))
            pks = list(customers)
            profiles: dict[int, ExportedProfile] = {}
            for pk, customer_pk, source, account_id in plain.cursor(
                (
                    f'SELECT id, customer_id, source, account_id FROM "profile" WHERE customer_id IN ({marks})'
                    " ORDER BY customer_id, source, account_id"
                ),
                *pks,
            ).fetchall():
                profile = ExportedProfile(Scope(Source(source), account_id))
                profiles[int(pk)] = profile
                customers[int(customer_pk)].profiles.append(profile)
            for profile_pk, id_type, value in plain.cursor(
                (
                    f'SELECT profile_id, type, value FROM "identifier" WHERE customer_id IN ({marks})'
                    " ORDER BY profile_id, type, value"
                ),
                *pks,
            ).fetchall():
                profiles[int(profile_pk)].identifiers.append(IdentifierValue(IdentifierType(id_type), value))
            if cards:
                for customer_pk, number in plain.cursor(
                    (f'SELECT customer_id, number FROM "card" WHERE customer_id IN ({marks}) ORDER BY number'),
                    *pks,
                ).fetchall():
                    customers[int(customer_pk)].cards.append(number)
            yield from customers.values()
