"""Versioned schema migrations: `loyalty-identity migrate`, also run at every start.

Each version is applied once, in order, in one transaction with its
schema_version row. Several replicas may start at once: SQLite serializes
them with its write lock, PostgreSQL with an advisory lock, so exactly one
applies each version and the others find it done.

A version's DDL is frozen once released: later changes to the models need a
new version with explicit ALTER statements, never an edit of an old one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import peewee as pw
from playhouse.migrate import SchemaMigrator
from playhouse.migrate import migrate as migrate_schema

from loyalty_identity.store.database import Database
from loyalty_identity.store.models import SCHEMA_V1, SCHEMA_V2, SCHEMA_V4, SchemaVersionRow, database_proxy

log = logging.getLogger(__name__)

_ADVISORY_LOCK_KEY = 7_263_552_871  # any constant shared by every replica


def _create(models: list[Any]) -> Callable[[pw.Database], None]:
    return lambda db: db.create_tables(models, safe=True)


def _sql(*statements: str) -> Callable[[pw.Database], None]:
    def apply(db: Any) -> None:
        for statement in statements:
            db.execute_sql(statement)

    return apply


def _version_4(db: Any) -> None:
    # Version 1 creates "merge" from the current model, which already has the
    # unmerge columns on a new database; older databases get them here.
    columns = {column.name for column in db.get_columns("merge")}
    migrator = SchemaMigrator.from_database(db)
    operations = []
    if "unmerge_time" not in columns:
        operations.append(migrator.add_column("merge", "unmerge_time", pw.DateTimeField(null=True)))
    if "unmerge_request_id" not in columns:
        operations.append(migrator.add_column("merge", "unmerge_request_id", pw.CharField(max_length=36, default="")))
    migrate_schema(*operations)
    db.create_tables(SCHEMA_V4, safe=True)
    # Orgs with data already have a history the feed never saw.
    db.execute_sql(
        'INSERT INTO "event_counter" (org, last_sequence, purged_through, full_history)'
        ' SELECT org, 0, 0, false FROM (SELECT org FROM "customer" UNION SELECT org FROM "card") AS existing'
    )


MIGRATIONS: list[tuple[int, str, Callable[[pw.Database], None]]] = [
    (1, "customers, profiles, identifiers, merges, request ids", _create(SCHEMA_V1)),
    (2, "card series, status labels, cards and their log", _create(SCHEMA_V2)),
    # With real statistics (almost every survivor_id is NULL) SQLite scanned the
    # whole customer table to list a survivor's victims in name order; this
    # index answers that query by itself.
    (
        3,
        "index of victims by survivor and name",
        _sql('CREATE INDEX IF NOT EXISTS "customer_survivor_id_uid" ON "customer" ("survivor_id", "uid")'),
    ),
    (4, "change feed, merge blocks, unmerge columns", _version_4),
]
LATEST = MIGRATIONS[-1][0]


@contextmanager
def _exclusive(database: Database) -> Iterator[None]:
    """Only one migrator at a time across processes."""
    db: Any = database.db
    if database.kind == "postgresql":
        db.execute_sql("SELECT pg_advisory_lock(%s)", (_ADVISORY_LOCK_KEY,))
        try:
            yield
        finally:
            db.execute_sql("SELECT pg_advisory_unlock(%s)", (_ADVISORY_LOCK_KEY,))
    else:
        yield


def current_version(database: Database) -> int:
    """The schema version of this database (0: empty). Plain SQL: works on any open database."""
    db: Any = database.db
    if not db.table_exists("schema_version"):
        return 0
    return int(db.execute_sql('SELECT MAX("version") FROM "schema_version"').fetchone()[0] or 0)


class SchemaError(RuntimeError):
    """The database lacks the tables this version reads (and the command may not create them)."""


def require_schema(database: Database, name: str) -> None:
    """For commands that only read: the schema must be there already, at least at LATEST."""
    version = current_version(database)
    if version == 0:
        raise SchemaError(f"{name} has no loyalty-identity tables (`loyalty-identity migrate` creates them)")
    if version < LATEST:
        raise SchemaError(f"{name} is at schema version {version}, run `loyalty-identity migrate` to reach {LATEST}")


def migrate(database: Database, target: int = LATEST) -> int:
    """Bring the schema up to `target`; returns the version it is at."""
    db = database.db
    database_proxy.initialize(db)  # the models below write to this database
    with _exclusive(database):
        for version, description, apply in MIGRATIONS:
            if version > target:
                break
            lock = [database.write_lock] if database.write_lock else []
            with db.atomic(*lock):
                db.create_tables([SchemaVersionRow], safe=True)
                if current_version(database) >= version:
                    continue
                apply(db)
                SchemaVersionRow.create(version=version, apply_time=datetime.now(UTC).replace(tzinfo=None))
                log.info("schema migrated to version %d: %s", version, description)
        version = current_version(database)
    database.release()
    return version
