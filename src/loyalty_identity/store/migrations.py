"""Versioned schema migrations: `loyalty-identity migrate`, also run at every start.

Each version is applied once, in order, in one transaction with its
schema_version row. Several replicas may start at once: SQLite serializes
them with its write lock, PostgreSQL with a transaction's advisory lock, so exactly
one applies each version and the others find it done.

A version's DDL is frozen once released: it is written out below as the SQL
statements it runs, never derived from the models, so a database at version N
has the same schema whenever it got there. Later changes to the models need a
new version with explicit statements, never an edit of an old one;
tests/e2e/test_migrations.py fails while the models and the migrated schema
differ. Where the engines' types differ (auto-increment keys, small integers,
booleans, blobs, timestamps) a statement is written once per engine; the
PostgreSQL text also serves CockroachDB, which reads SERIAL, SMALLINT,
BOOLEAN, BYTEA and TIMESTAMP as peewee's own types for it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

import peewee as pw

from loyalty_identity.domain.erasure import tombstoned
from loyalty_identity.store.database import Database
from loyalty_identity.store.event_repository import decode, named_customers
from loyalty_identity.store.models import SchemaVersionRow, database_proxy

log = logging.getLogger(__name__)

_ADVISORY_LOCK_KEY = 7_263_552_871  # any constant shared by every replica


class _Dialect(NamedTuple):
    """What one step runs on each engine: a statement, or several."""

    sqlite: str | tuple[str, ...]
    postgresql: str | tuple[str, ...]  # and CockroachDB


_Statement = str | _Dialect  # a plain str runs as it is on every engine


def _sql(*statements: _Statement) -> Callable[[pw.Database], None]:
    def apply(db: Any) -> None:
        on_sqlite = isinstance(db, pw.SqliteDatabase)
        for statement in statements:
            if isinstance(statement, _Dialect):
                chosen = statement.sqlite if on_sqlite else statement.postgresql
                for text in (chosen,) if isinstance(chosen, str) else chosen:
                    db.execute_sql(text)
            else:
                db.execute_sql(statement)

    return apply


_SCHEMA_VERSION_TABLE = _Dialect(
    sqlite='CREATE TABLE IF NOT EXISTS "schema_version" ("version" INTEGER NOT NULL PRIMARY KEY,'
    ' "apply_time" DATETIME NOT NULL)',
    postgresql='CREATE TABLE IF NOT EXISTS "schema_version" ("version" INTEGER NOT NULL PRIMARY KEY,'
    ' "apply_time" TIMESTAMP NOT NULL)',
)

# Version 1, as released: the statements peewee's create_tables ran for the
# models of that time (the merge table had no unmerge columns yet).
_VERSION_1 = _sql(
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "customer" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "uid" VARCHAR(36) NOT NULL, "state" INTEGER NOT NULL, "survivor_id" INTEGER,'
        ' "create_time" DATETIME NOT NULL, "update_time" DATETIME NOT NULL,'
        ' FOREIGN KEY ("survivor_id") REFERENCES "customer" ("id"))',
        postgresql='CREATE TABLE IF NOT EXISTS "customer" ("id" SERIAL NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "uid" VARCHAR(36) NOT NULL, "state" SMALLINT NOT NULL, "survivor_id" INTEGER,'
        ' "create_time" TIMESTAMP NOT NULL, "update_time" TIMESTAMP NOT NULL,'
        ' FOREIGN KEY ("survivor_id") REFERENCES "customer" ("id"))',
    ),
    'CREATE UNIQUE INDEX IF NOT EXISTS "customer_uid" ON "customer" ("uid")',
    'CREATE INDEX IF NOT EXISTS "customer_survivor_id" ON "customer" ("survivor_id")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "identifier_key" ("org" VARCHAR(128) NOT NULL, "type" INTEGER NOT NULL,'
        ' "value" VARCHAR(254) NOT NULL, "customer_id" INTEGER NOT NULL, PRIMARY KEY ("org", "type", "value"),'
        ' FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
        postgresql='CREATE TABLE IF NOT EXISTS "identifier_key" ("org" VARCHAR(128) NOT NULL, "type" SMALLINT NOT NULL,'
        ' "value" VARCHAR(254) NOT NULL, "customer_id" INTEGER NOT NULL, PRIMARY KEY ("org", "type", "value"),'
        ' FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
    ),
    'CREATE INDEX IF NOT EXISTS "identifier_key_customer_id" ON "identifier_key" ("customer_id")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "profile" ("id" INTEGER NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "customer_id" INTEGER NOT NULL, "source" INTEGER NOT NULL, "account_id" VARCHAR(128) NOT NULL,'
        ' "create_time" DATETIME NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
        postgresql='CREATE TABLE IF NOT EXISTS "profile" ("id" SERIAL NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "customer_id" INTEGER NOT NULL, "source" SMALLINT NOT NULL,'
        ' "account_id" VARCHAR(128) NOT NULL, "create_time" TIMESTAMP NOT NULL,'
        ' FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
    ),
    'CREATE INDEX IF NOT EXISTS "profile_customer_id" ON "profile" ("customer_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "profile_customer_id_source_account_id"'
    ' ON "profile" ("customer_id", "source", "account_id")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "identifier" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "customer_id" INTEGER NOT NULL, "profile_id" INTEGER NOT NULL,'
        ' "source" INTEGER NOT NULL, "account_id" VARCHAR(128) NOT NULL, "type" INTEGER NOT NULL,'
        ' "value" VARCHAR(254) NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"),'
        ' FOREIGN KEY ("profile_id") REFERENCES "profile" ("id"))',
        postgresql='CREATE TABLE IF NOT EXISTS "identifier" ("id" SERIAL NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "customer_id" INTEGER NOT NULL, "profile_id" INTEGER NOT NULL,'
        ' "source" SMALLINT NOT NULL, "account_id" VARCHAR(128) NOT NULL, "type" SMALLINT NOT NULL,'
        ' "value" VARCHAR(254) NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"),'
        ' FOREIGN KEY ("profile_id") REFERENCES "profile" ("id"))',
    ),
    'CREATE INDEX IF NOT EXISTS "identifier_customer_id" ON "identifier" ("customer_id")',
    'CREATE INDEX IF NOT EXISTS "identifier_profile_id" ON "identifier" ("profile_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "identifier_org_source_account_id_type_value"'
    ' ON "identifier" ("org", "source", "account_id", "type", "value")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "identifier_profile_id_type" ON "identifier" ("profile_id", "type")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "merge" ("id" INTEGER NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "uid" VARCHAR(36) NOT NULL, "victim_id" INTEGER NOT NULL, "survivor_id" INTEGER NOT NULL,'
        ' "trigger_source" INTEGER, "trigger_account_id" VARCHAR(128) NOT NULL, "trigger_type" INTEGER,'
        ' "trigger_value" VARCHAR(254) NOT NULL, "request_id" VARCHAR(36) NOT NULL, "create_time" DATETIME NOT NULL,'
        ' "details" TEXT NOT NULL, FOREIGN KEY ("victim_id") REFERENCES "customer" ("id"),'
        ' FOREIGN KEY ("survivor_id") REFERENCES "customer" ("id"))',
        postgresql='CREATE TABLE IF NOT EXISTS "merge" ("id" SERIAL NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "uid" VARCHAR(36) NOT NULL, "victim_id" INTEGER NOT NULL, "survivor_id" INTEGER NOT NULL,'
        ' "trigger_source" SMALLINT, "trigger_account_id" VARCHAR(128) NOT NULL, "trigger_type" SMALLINT,'
        ' "trigger_value" VARCHAR(254) NOT NULL, "request_id" VARCHAR(36) NOT NULL, "create_time" TIMESTAMP NOT NULL,'
        ' "details" TEXT NOT NULL, FOREIGN KEY ("victim_id") REFERENCES "customer" ("id"),'
        ' FOREIGN KEY ("survivor_id") REFERENCES "customer" ("id"))',
    ),
    'CREATE UNIQUE INDEX IF NOT EXISTS "merge_uid" ON "merge" ("uid")',
    'CREATE INDEX IF NOT EXISTS "merge_victim_id" ON "merge" ("victim_id")',
    'CREATE INDEX IF NOT EXISTS "merge_survivor_id" ON "merge" ("survivor_id")',
    'CREATE INDEX IF NOT EXISTS "merge_org_id" ON "merge" ("org", "id")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "request" ("id" INTEGER NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "request_id" VARCHAR(36) NOT NULL, "fingerprint" VARCHAR(64) NOT NULL, "response" BLOB NOT NULL,'
        ' "create_time" DATETIME NOT NULL)',
        postgresql='CREATE TABLE IF NOT EXISTS "request" ("id" SERIAL NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "request_id" VARCHAR(36) NOT NULL, "fingerprint" VARCHAR(64) NOT NULL,'
        ' "response" BYTEA NOT NULL, "create_time" TIMESTAMP NOT NULL)',
    ),
    'CREATE INDEX IF NOT EXISTS "request_create_time" ON "request" ("create_time")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "request_org_request_id" ON "request" ("org", "request_id")',
)

_VERSION_2 = _sql(
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "card_series" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "uid" VARCHAR(36) NOT NULL, "code" VARCHAR(64) NOT NULL,'
        ' "name" VARCHAR(128) NOT NULL, "type" INTEGER NOT NULL, "prefix" VARCHAR(150) NOT NULL,'
        ' "suffix" VARCHAR(150) NOT NULL, "length" INTEGER NOT NULL, "method" INTEGER NOT NULL,'
        ' "luhn" INTEGER NOT NULL, "max_active_cards_per_customer" INTEGER NOT NULL, "expiry_days" INTEGER NOT NULL,'
        ' "next_value" VARCHAR(160) NOT NULL, "create_time" DATETIME NOT NULL)',
        postgresql='CREATE TABLE IF NOT EXISTS "card_series" ("id" SERIAL NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "uid" VARCHAR(36) NOT NULL, "code" VARCHAR(64) NOT NULL,'
        ' "name" VARCHAR(128) NOT NULL, "type" SMALLINT NOT NULL, "prefix" VARCHAR(150) NOT NULL,'
        ' "suffix" VARCHAR(150) NOT NULL, "length" SMALLINT NOT NULL, "method" SMALLINT NOT NULL,'
        ' "luhn" BOOLEAN NOT NULL, "max_active_cards_per_customer" INTEGER NOT NULL, "expiry_days" INTEGER NOT NULL,'
        ' "next_value" VARCHAR(160) NOT NULL, "create_time" TIMESTAMP NOT NULL)',
    ),
    'CREATE UNIQUE INDEX IF NOT EXISTS "card_series_uid" ON "card_series" ("uid")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "card_series_org_code" ON "card_series" ("org", "code")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "card" ("id" INTEGER NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "number" VARCHAR(150) NOT NULL, "series_id" INTEGER NOT NULL, "status" INTEGER NOT NULL,'
        ' "status_label" VARCHAR(64) NOT NULL, "customer_id" INTEGER, "create_time" DATETIME NOT NULL,'
        ' "issue_time" DATETIME, "expire_time" DATETIME, FOREIGN KEY ("series_id") REFERENCES "card_series" ("id"),'
        ' FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
        postgresql='CREATE TABLE IF NOT EXISTS "card" ("id" SERIAL NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "number" VARCHAR(150) NOT NULL, "series_id" INTEGER NOT NULL, "status" SMALLINT NOT NULL,'
        ' "status_label" VARCHAR(64) NOT NULL, "customer_id" INTEGER, "create_time" TIMESTAMP NOT NULL,'
        ' "issue_time" TIMESTAMP, "expire_time" TIMESTAMP, FOREIGN KEY ("series_id") REFERENCES "card_series" ("id"),'
        ' FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
    ),
    'CREATE INDEX IF NOT EXISTS "card_customer_id" ON "card" ("customer_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "card_org_number" ON "card" ("org", "number")',
    'CREATE INDEX IF NOT EXISTS "card_series_id_status_id" ON "card" ("series_id", "status", "id")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "card_status_change" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "card_id" INTEGER NOT NULL, "from_status" INTEGER, "to_status" INTEGER NOT NULL,'
        ' "status_label" VARCHAR(64) NOT NULL, "customer_id" INTEGER, "reason" VARCHAR(256) NOT NULL,'
        ' "create_time" DATETIME NOT NULL, FOREIGN KEY ("card_id") REFERENCES "card" ("id"),'
        ' FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
        postgresql='CREATE TABLE IF NOT EXISTS "card_status_change" ("id" SERIAL NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "card_id" INTEGER NOT NULL, "from_status" SMALLINT,'
        ' "to_status" SMALLINT NOT NULL, "status_label" VARCHAR(64) NOT NULL, "customer_id" INTEGER,'
        ' "reason" VARCHAR(256) NOT NULL, "create_time" TIMESTAMP NOT NULL,'
        ' FOREIGN KEY ("card_id") REFERENCES "card" ("id"), FOREIGN KEY ("customer_id") REFERENCES "customer" ("id"))',
    ),
    'CREATE INDEX IF NOT EXISTS "card_status_change_card_id" ON "card_status_change" ("card_id")',
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "status_label" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "label" VARCHAR(64) NOT NULL, "status" INTEGER NOT NULL)',
        postgresql='CREATE TABLE IF NOT EXISTS "status_label" ("id" SERIAL NOT NULL PRIMARY KEY,'
        ' "org" VARCHAR(128) NOT NULL, "label" VARCHAR(64) NOT NULL, "status" SMALLINT NOT NULL)',
    ),
    'CREATE UNIQUE INDEX IF NOT EXISTS "status_label_org_label" ON "status_label" ("org", "label")',
)

# With real statistics (almost every survivor_id is NULL) SQLite scanned the
# whole customer table to list a survivor's victims in name order; this
# index answers that query by itself.
_VERSION_3 = _sql('CREATE INDEX IF NOT EXISTS "customer_survivor_id_uid" ON "customer" ("survivor_id", "uid")')

_VERSION_4 = _sql(
    # The unmerge columns, NOT NULL without a default as the model declares
    # them. SQLite cannot add such a column, so the merge table is rebuilt
    # with them (and its indexes, which go with the old table).
    _Dialect(
        sqlite=(
            'CREATE TABLE "merge_v4" ("id" INTEGER NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
            ' "uid" VARCHAR(36) NOT NULL, "victim_id" INTEGER NOT NULL, "survivor_id" INTEGER NOT NULL,'
            ' "trigger_source" INTEGER, "trigger_account_id" VARCHAR(128) NOT NULL, "trigger_type" INTEGER,'
            ' "trigger_value" VARCHAR(254) NOT NULL, "request_id" VARCHAR(36) NOT NULL,'
            ' "create_time" DATETIME NOT NULL, "details" TEXT NOT NULL, "unmerge_time" DATETIME,'
            ' "unmerge_request_id" VARCHAR(36) NOT NULL, FOREIGN KEY ("victim_id") REFERENCES "customer" ("id"),'
            ' FOREIGN KEY ("survivor_id") REFERENCES "customer" ("id"))',
            'INSERT INTO "merge_v4" ("id", "org", "uid", "victim_id", "survivor_id", "trigger_source",'
            ' "trigger_account_id", "trigger_type", "trigger_value", "request_id", "create_time", "details",'
            ' "unmerge_time", "unmerge_request_id")'
            ' SELECT "id", "org", "uid", "victim_id", "survivor_id", "trigger_source", "trigger_account_id",'
            ' "trigger_type", "trigger_value", "request_id", "create_time", "details", NULL, \'\' FROM "merge"',
            'DROP TABLE "merge"',
            'ALTER TABLE "merge_v4" RENAME TO "merge"',
            'CREATE UNIQUE INDEX "merge_uid" ON "merge" ("uid")',
            'CREATE INDEX "merge_victim_id" ON "merge" ("victim_id")',
            'CREATE INDEX "merge_survivor_id" ON "merge" ("survivor_id")',
            'CREATE INDEX "merge_org_id" ON "merge" ("org", "id")',
        ),
        postgresql=(
            'ALTER TABLE "merge" ADD COLUMN "unmerge_time" TIMESTAMP',
            # The default fills the existing rows, then goes.
            'ALTER TABLE "merge" ADD COLUMN "unmerge_request_id" VARCHAR(36) NOT NULL DEFAULT \'\'',
            'ALTER TABLE "merge" ALTER COLUMN "unmerge_request_id" DROP DEFAULT',
        ),
    ),
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "event_counter" ("org" VARCHAR(128) NOT NULL PRIMARY KEY,'
        ' "last_sequence" INTEGER NOT NULL, "purged_through" INTEGER NOT NULL, "full_history" INTEGER NOT NULL)',
        postgresql='CREATE TABLE IF NOT EXISTS "event_counter" ("org" VARCHAR(128) NOT NULL PRIMARY KEY,'
        ' "last_sequence" BIGINT NOT NULL, "purged_through" BIGINT NOT NULL, "full_history" BOOLEAN NOT NULL)',
    ),
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "event" ("id" INTEGER NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "sequence" INTEGER NOT NULL, "kind" VARCHAR(32) NOT NULL, "request_id" VARCHAR(36) NOT NULL,'
        ' "payload" TEXT NOT NULL, "create_time" DATETIME NOT NULL)',
        postgresql='CREATE TABLE IF NOT EXISTS "event" ("id" SERIAL NOT NULL PRIMARY KEY, "org" VARCHAR(128) NOT NULL,'
        ' "sequence" BIGINT NOT NULL, "kind" VARCHAR(32) NOT NULL, "request_id" VARCHAR(36) NOT NULL,'
        ' "payload" TEXT NOT NULL, "create_time" TIMESTAMP NOT NULL)',
    ),
    'CREATE UNIQUE INDEX IF NOT EXISTS "event_org_sequence" ON "event" ("org", "sequence")',
    'CREATE TABLE IF NOT EXISTS "merge_block" ("org" VARCHAR(128) NOT NULL, "customer_low_id" INTEGER NOT NULL,'
    ' "customer_high_id" INTEGER NOT NULL, "merge_id" INTEGER NOT NULL,'
    ' PRIMARY KEY ("customer_low_id", "customer_high_id"),'
    ' FOREIGN KEY ("customer_low_id") REFERENCES "customer" ("id"),'
    ' FOREIGN KEY ("customer_high_id") REFERENCES "customer" ("id"),'
    ' FOREIGN KEY ("merge_id") REFERENCES "merge" ("id"))',
    'CREATE INDEX IF NOT EXISTS "merge_block_customer_high_id" ON "merge_block" ("customer_high_id")',
    # Orgs with data already have a history the feed never saw.
    'INSERT INTO "event_counter" (org, last_sequence, purged_through, full_history)'
    ' SELECT org, 0, 0, false FROM (SELECT org FROM "customer" UNION SELECT org FROM "card") AS existing',
)


def _index_events_by_customer(db: Any) -> None:
    """Every event already written gets its event_customer rows (the customers it names)."""
    cursor = db.execute_sql('SELECT org, sequence, kind, payload FROM "event" ORDER BY id')
    insert = f'INSERT INTO "event_customer" (org, customer, sequence) VALUES ({", ".join([db.param] * 3)})'
    while batch := cursor.fetchmany(1000):
        rows = [
            (org, uid, sequence)
            for org, sequence, kind, payload in batch
            for uid in named_customers(decode(kind, json.loads(payload)))
        ]
        db.cursor().executemany(insert, rows)


_VERSION_5 = _sql(
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "event_customer" ("org" VARCHAR(128) NOT NULL,'
        ' "customer" VARCHAR(36) NOT NULL, "sequence" INTEGER NOT NULL, PRIMARY KEY ("org", "customer", "sequence"))',
        postgresql='CREATE TABLE IF NOT EXISTS "event_customer" ("org" VARCHAR(128) NOT NULL,'
        ' "customer" VARCHAR(36) NOT NULL, "sequence" BIGINT NOT NULL, PRIMARY KEY ("org", "customer", "sequence"))',
    ),
    'CREATE INDEX IF NOT EXISTS "card_status_change_customer_id" ON "card_status_change" ("customer_id")',
)


# SQLite fills event_customer within each event's INSERT, not with a statement of its own
# (store/event_repository.py writes the rows itself elsewhere). The customers an event names
# are the "customers/..." texts at these places of its payload (encode() there); the invariant
# checker compares the index with event_repository.named_customers() for every event.
_EVENT_CUSTOMER_TRIGGER = _Dialect(
    sqlite='CREATE TRIGGER IF NOT EXISTS "event_customer_index" AFTER INSERT ON "event" BEGIN'
    ' INSERT OR IGNORE INTO "event_customer" ("org", "customer", "sequence")'
    ' SELECT NEW."org", substr(j.value, 11), NEW."sequence" FROM json_tree(NEW."payload") AS j'
    " WHERE j.type = 'text' AND substr(j.value, 1, 10) = 'customers/' AND ((j.path = '$' AND j.key IN"
    " ('customer', 'victim', 'survivor', 'previous_customer'))"
    " OR j.path IN ('$.repointed', '$.customers', '$.erased'));"
    " END",
    postgresql=(),
)


# What the models cannot declare, part of the schema all the same (tests/e2e/test_migrations.py
# adds it to the models' tables when it compares them with the migrated schema).
create_triggers = _sql(_EVENT_CUSTOMER_TRIGGER)


# The customers each stored answer names, by which an erasure finds the answers to
# tombstone (RULES 2.5.1) instead of searching every answer's bytes.
_REQUEST_CUSTOMER = _sql(
    'CREATE TABLE IF NOT EXISTS "request_customer" ("org" VARCHAR(128) NOT NULL, "customer" VARCHAR(36) NOT NULL,'
    ' "request_id" VARCHAR(36) NOT NULL, PRIMARY KEY ("org", "customer", "request_id"))',
    'CREATE INDEX IF NOT EXISTS "request_customer_org_request_id" ON "request_customer" ("org", "request_id")',
)
# In a reply's bytes, a customer's name: `customers/` and a lower-case UUID (every id has this length).
_NAME_IN_REPLY = re.compile(rb"customers/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


def _index_replies_by_customer(db: Any) -> None:
    """request_customer filled for the replies stored before it (tombstones aside): no stored reply
    escapes a later erasure. Which RPC a stored reply answered is not kept (only the request's
    fingerprint), so its bytes are searched for names. An identifier value that spells a
    customer's name counts as naming it: the reply can then only be tombstoned too eagerly."""
    insert = (
        f'INSERT INTO "request_customer" ("org", "customer", "request_id") VALUES ({db.param}, {db.param}, {db.param})'
    )
    cursor = db.execute_sql('SELECT "org", "request_id", "response" FROM "request" ORDER BY "id"')
    while rows := cursor.fetchmany(1000):
        named = [
            (org, uid.decode(), request_id)
            for org, request_id, response in rows
            if tombstoned(bytes(response)) is None
            for uid in sorted(set(_NAME_IN_REPLY.findall(bytes(response))))
        ]
        if named:
            db.cursor().executemany(insert, named)


def _version_5(db: Any) -> None:
    _VERSION_5(db)
    _REQUEST_CUSTOMER(db)
    _index_events_by_customer(db)
    _index_replies_by_customer(db)
    create_triggers(db)


_VERSION_6 = _sql(
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "merge_policy" ("org" VARCHAR(128) NOT NULL PRIMARY KEY,'
        ' "rules" TEXT NOT NULL, "max_merged_customers" INTEGER NOT NULL, "update_time" DATETIME NOT NULL)',
        postgresql='CREATE TABLE IF NOT EXISTS "merge_policy" ("org" VARCHAR(128) NOT NULL PRIMARY KEY,'
        ' "rules" TEXT NOT NULL, "max_merged_customers" INTEGER NOT NULL, "update_time" TIMESTAMP NOT NULL)',
    ),
)


# Suppression after erasure (RULES 2.5.2, SPEC 7.3): keyed hashes of erased values, never the values.
_VERSION_7 = _sql(
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "suppression" ("org" VARCHAR(128) NOT NULL, "digest" VARCHAR(64) NOT NULL,'
        ' "create_time" DATETIME NOT NULL, PRIMARY KEY ("org", "digest"))',
        postgresql='CREATE TABLE IF NOT EXISTS "suppression" ("org" VARCHAR(128) NOT NULL,'
        ' "digest" VARCHAR(64) NOT NULL, "create_time" TIMESTAMP NOT NULL, PRIMARY KEY ("org", "digest"))',
    ),
)


# Merge candidates (SPEC 7.2): one row per refused request left to a person. A pending one is
# unique per (org, victim, survivor, trigger): the partial index a recording upserts on.
# merge_block.merge_id becomes optional: a rejected candidate keeps a pair apart with no merge.
_CANDIDATE_COLUMNS = (
    ' "org" VARCHAR(128) NOT NULL, "uid" VARCHAR(36) NOT NULL, "state" INTEGER NOT NULL,'
    ' "reason" INTEGER NOT NULL, "victim" VARCHAR(36) NOT NULL, "survivor" VARCHAR(36) NOT NULL,'
    ' "trigger_source" INTEGER NOT NULL, "trigger_account_id" VARCHAR(128) NOT NULL,'
    ' "trigger_type" INTEGER NOT NULL, "trigger_value" VARCHAR(255) NOT NULL, "request" TEXT NOT NULL,'
    ' "request_id" VARCHAR(36) NOT NULL, "create_time" {time} NOT NULL, "resolve_time" {time},'
    ' "merge" VARCHAR(36) NOT NULL)'
)
_VERSION_8 = _sql(
    _Dialect(
        sqlite='CREATE TABLE IF NOT EXISTS "merge_candidate" ("id" INTEGER NOT NULL PRIMARY KEY,'
        + _CANDIDATE_COLUMNS.format(time="DATETIME"),
        postgresql='CREATE TABLE IF NOT EXISTS "merge_candidate" ("id" SERIAL NOT NULL PRIMARY KEY,'
        + _CANDIDATE_COLUMNS.format(time="TIMESTAMP"),
    ),
    'CREATE UNIQUE INDEX IF NOT EXISTS "merge_candidate_org_uid" ON "merge_candidate" ("org", "uid")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "merge_candidate_pending" ON "merge_candidate" ("org", "victim", "survivor",'
    ' "trigger_source", "trigger_account_id", "trigger_type", "trigger_value") WHERE state = 1',
    'CREATE INDEX IF NOT EXISTS "merge_candidate_org_victim" ON "merge_candidate" ("org", "victim")',
    'CREATE INDEX IF NOT EXISTS "merge_candidate_org_survivor" ON "merge_candidate" ("org", "survivor")',
    'CREATE INDEX IF NOT EXISTS "merge_candidate_org_state" ON "merge_candidate" ("org", "state")',
    _Dialect(
        sqlite=(
            'CREATE TABLE "merge_block_v8" ("org" VARCHAR(128) NOT NULL, "customer_low_id" INTEGER NOT NULL,'
            ' "customer_high_id" INTEGER NOT NULL, "merge_id" INTEGER,'
            ' PRIMARY KEY ("customer_low_id", "customer_high_id"),'
            ' FOREIGN KEY ("customer_low_id") REFERENCES "customer" ("id"),'
            ' FOREIGN KEY ("customer_high_id") REFERENCES "customer" ("id"),'
            ' FOREIGN KEY ("merge_id") REFERENCES "merge" ("id"))',
            'INSERT INTO "merge_block_v8" SELECT org, customer_low_id, customer_high_id, merge_id FROM "merge_block"',
            'DROP TABLE "merge_block"',
            'ALTER TABLE "merge_block_v8" RENAME TO "merge_block"',
            'CREATE INDEX IF NOT EXISTS "merge_block_customer_high_id" ON "merge_block" ("customer_high_id")',
        ),
        postgresql='ALTER TABLE "merge_block" ALTER COLUMN "merge_id" DROP NOT NULL',
    ),
)


MIGRATIONS: list[tuple[int, str, Callable[[pw.Database], None]]] = [
    (1, "customers, profiles, identifiers, merges, request ids", _VERSION_1),
    (2, "card series, status labels, cards and their log", _VERSION_2),
    (3, "index of victims by survivor and name", _VERSION_3),
    (4, "change feed, merge blocks, unmerge columns", _VERSION_4),
    (5, "events and stored answers by the customers they name, card log by customer (erasure)", _version_5),
    (6, "merge policies", _VERSION_6),
    (7, "suppressed identifiers (keyed hashes) after erasure", _VERSION_7),
    (8, "merge candidates; merge blocks without a merge (a rejected candidate)", _VERSION_8),
]
LATEST = MIGRATIONS[-1][0]


def _take_migration_lock(database: Database) -> None:
    """Inside a version's transaction: one migrator at a time across processes, until it commits.

    A transaction-scoped advisory lock, so nothing outlives the transaction: behind PgBouncer's
    transaction mode a session lock would stay with whichever server connection took it.
    """
    db: Any = database.db  # peewee's stubs leave execute_sql() untyped
    if database.kind == "postgresql":
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_ADVISORY_LOCK_KEY,))


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
    for version, description, apply in MIGRATIONS:
        if version > target:
            break
        lock = [database.write_lock] if database.write_lock else []
        with db.atomic(*lock):
            _take_migration_lock(database)
            _sql(_SCHEMA_VERSION_TABLE)(db)
            if current_version(database) >= version:
                continue
            apply(db)
            SchemaVersionRow.create(version=version, apply_time=datetime.now(UTC).replace(tzinfo=None))
            log.info("schema migrated to version %d: %s", version, description)
    version = current_version(database)
    database.release()
    return version
