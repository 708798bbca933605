"""Versioned migrations: frozen DDL, upgrades from every version keep data, concurrent migrators agree."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc
import peewee as pw
import pytest

from loyalty_identity.api.protos import card_grpc, event_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants, models
from loyalty_identity.store.database import open_database
from loyalty_identity.store.migrations import LATEST, create_triggers, current_version, migrate
from loyalty_identity.store.models import CustomerRow, IdentifierKeyRow, IdentifierRow, ProfileRow
from tests import databases
from tests.e2e.test_cli_serve import running
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, MOBILE, TMALL, create, expect_error, ident, profile, update

Code = grpc.StatusCode

OLD_ID = "0b9c7d36-5f0e-4b8e-9a51-7c2d7e1f3a40"


def write_version_1_data(url: str) -> None:
    """What a server of schema version 1 (before cards) left behind."""
    database = open_database(url)
    try:
        assert migrate(database, target=1) == 1
        now = datetime.now(UTC).replace(tzinfo=None)
        with database.db.atomic():
            customer = CustomerRow.create(org="default", uid=OLD_ID, state=1, create_time=now, update_time=now)
            profile = ProfileRow.create(org="default", customer=customer, source=1, account_id="", create_time=now)
            IdentifierRow.create(
                org="default",
                customer=customer,
                profile=profile,
                source=1,
                account_id="",
                type=1,
                value="8613200000001",
            )
            IdentifierKeyRow.create(org="default", type=1, value="8613200000001", customer=customer)
    finally:
        database.close()


def test_upgrade_from_version_1_keeps_the_data(backend, tmp_path) -> None:
    with databases.fresh_database(backend, tmp_path) as url:
        write_version_1_data(url)
        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids, cards = identifier_grpc.IdentifierServiceStub(channel), card_grpc.CardServiceStub(channel)
            found = ids.LookupCustomer(
                pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, "8613200000001"))
            )
            assert found.customer.name == f"customers/{OLD_ID}"
            # Version 2 works on the upgraded database: cards for the old customer.
            series = cards.CreateCardSeries(
                cpb.CreateCardSeriesRequest(
                    series=r.CardSeries(
                        code="UP",
                        name="Up",
                        type=r.CARD_TYPE_DIGITAL,
                        format=r.CardNumberFormat(prefix="U", length=6, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
                    )
                )
            ).series
            card = cards.IssueCard(cpb.IssueCardRequest(customer=found.customer.name, series_id=series.id)).card
            assert card.customer == found.customer.name
        database = open_database(url)
        try:
            assert current_version(database) == LATEST
        finally:
            database.close()


def test_concurrent_migrations_apply_each_version_once(backend, tmp_path) -> None:
    with databases.fresh_database(backend, tmp_path) as url:
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "loyalty_identity", "migrate", "--database", url],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        outputs = [p.communicate(timeout=120) for p in processes]
        assert [p.returncode for p in processes] == [0] * 4, outputs
        assert all(f"schema at version {LATEST}" in out for out, _ in outputs)
        with databases.connect(url) as conn:
            cursor = conn.cursor()
            cursor.execute("SELECT version FROM schema_version ORDER BY version")
            assert [v for (v,) in cursor.fetchall()] == list(range(1, LATEST + 1))


def downgrade_to_version_6(url: str) -> None:
    """Make a database look as a schema-6 server left it: no suppression table, no merge candidates
    (merge_block keeps its optional merge_id: version 8 makes it so again, as it is)."""
    database = open_database(url)
    try:
        db: Any = database.db
        with db.atomic():
            db.execute_sql('DROP TABLE "merge_candidate"')
            db.execute_sql('DELETE FROM "schema_version" WHERE "version" = 8')
            db.execute_sql('DROP TABLE "suppression"')
            db.execute_sql('DELETE FROM "schema_version" WHERE "version" = 7')
        assert current_version(database) == 6
    finally:
        database.close()


def downgrade_to_version_4(url: str) -> None:
    """Make a database look as a schema-4 server left it: events and replies not indexed by customer,
    no merge policies, no suppressions."""
    downgrade_to_version_6(url)
    database = open_database(url)
    try:
        db: Any = database.db
        with db.atomic():
            db.execute_sql('DROP TABLE "merge_policy"')
            db.execute_sql('DELETE FROM "schema_version" WHERE "version" = 6')
            if isinstance(db, pw.SqliteDatabase):
                db.execute_sql('DROP TRIGGER "event_customer_index"')
            for statement in (
                'DROP TABLE "event_customer"',
                'DROP TABLE "request_customer"',
                'DROP INDEX "card_status_change_customer_id"',
                'DELETE FROM "schema_version" WHERE "version" = 5',
            ):
                db.execute_sql(statement)
        assert current_version(database) == 4
    finally:
        database.close()


def test_upgrade_from_version_4_indexes_the_feed_so_an_erasure_finds_every_copy(backend, tmp_path) -> None:
    """The migration fills event_customer from the events already written: an erasure after it misses nothing."""
    with databases.fresh_database(backend, tmp_path) as url:
        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids = identifier_grpc.IdentifierServiceStub(channel)
            survivor = create(ids, profile(TMALL, ident(EMAIL, "keep@x.com")))
            victim = create(ids, profile(INSTORE, ident(MOBILE, "8613200000004"), ident(EMAIL, "gone@x.com")))
            merge = ids.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)).merge
            ids.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge.name))
            update(ids, victim.name, INSTORE, remove=[ident(MOBILE, "8613200000004")])
        downgrade_to_version_4(url)

        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids = identifier_grpc.IdentifierServiceStub(channel)
            ids.EraseCustomer(pb.EraseCustomerRequest(name=victim.name))
            events = event_grpc.EventServiceStub(channel).ListEvents(epb.ListEventsRequest(reveal_values=True)).events
            text = str(events)
            assert "8613200000004" not in text and "gone@x.com" not in text
            assert "keep@x.com" in text  # the survivor's, alive
        database = open_database(url)
        try:
            assert invariants.check(database.db) == []
        finally:
            database.close()


def downgrade_to_version_3(url: str) -> None:
    """Make a database look as a schema-3 server left it: no feed, no unmerge columns, old merge details."""
    downgrade_to_version_4(url)
    statements = [
        'DROP TABLE "event"',
        'DROP TABLE "event_counter"',
        'DROP TABLE "merge_block"',
        'ALTER TABLE "merge" DROP COLUMN "unmerge_time"',
        'ALTER TABLE "merge" DROP COLUMN "unmerge_request_id"',
        'DELETE FROM "schema_version" WHERE "version" = 4',
    ]
    database = open_database(url)
    try:
        db = database.db
        with db.atomic():
            for statement in statements:
                db.execute_sql(statement)
            for pk, details in db.execute_sql('SELECT id, details FROM "merge"').fetchall():
                old = {k: v for k, v in json.loads(details).items() if k != "added"}
                db.execute_sql(f'UPDATE "merge" SET details = {db.param} WHERE id = {db.param}', (json.dumps(old), pk))
        assert current_version(database) == 3
    finally:
        database.close()


def test_upgrade_from_version_3_can_unmerge_old_merges(backend, tmp_path) -> None:
    with databases.fresh_database(backend, tmp_path) as url:
        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids = identifier_grpc.IdentifierServiceStub(channel)
            survivor = create(ids, profile(INSTORE, ident(MOBILE, "8613200000002")))
            victim = create(ids, profile(TMALL, ident(EMAIL, "old@x.com")))
            [merge] = update(ids, victim.name, TMALL, add=[ident(MOBILE, "8613200000002")]).merges
        downgrade_to_version_3(url)

        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids = identifier_grpc.IdentifierServiceStub(channel)
            done = ids.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge.name))
            # The trigger of an old merge is still known, and removed again.
            assert [(i.type, i.value) for p in done.victim.profiles for i in p.identifiers] == [(EMAIL, "old@x.com")]
            assert done.survivor.name == survivor.name
            assert [(i.type, i.value) for p in done.survivor.profiles for i in p.identifiers] == [
                (MOBILE, "8613200000002")
            ]
            events = event_grpc.EventServiceStub(channel).ListEvents(epb.ListEventsRequest()).events
            assert [e.WhichOneof("change") for e in events] == ["customers_unmerged"]
        database = open_database(url)
        try:
            assert invariants.check(database.db) == []
            flags = database.db.execute_sql('SELECT full_history FROM "event_counter"').fetchall()
            assert [bool(f) for (f,) in flags] == [False]
        finally:
            database.close()


def test_after_the_upgrade_to_version_5_an_erasure_tombstones_exactly_the_old_replies_naming_it(
    backend, tmp_path
) -> None:
    with databases.fresh_database(backend, tmp_path) as url:
        x_request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, "ext-1"))])
        y_request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, "ext-12"))])
        x_request.request_id, y_request.request_id = str(uuid.uuid4()), str(uuid.uuid4())
        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids = identifier_grpc.IdentifierServiceStub(channel)
            x = ids.CreateCustomer(x_request).customer
            y = ids.CreateCustomer(y_request)
        downgrade_to_version_4(url)  # as a version-4 server left it: replies without names

        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids = identifier_grpc.IdentifierServiceStub(channel)
            ids.EraseCustomer(pb.EraseCustomerRequest(name=x.name))
            again = ids.CreateCustomer(y_request)  # "ext-12" holds "ext-1": the old search tombstoned it
            assert again.SerializeToString(deterministic=True) == y.SerializeToString(deterministic=True)
            erased = expect_error(lambda: ids.CreateCustomer(x_request), Code.FAILED_PRECONDITION, "CUSTOMER_ERASED")
            assert erased.metadata["customer"] == x.name
        database = open_database(url)
        try:
            assert invariants.check(database.db) == []
        finally:
            database.close()


# --- The schema: the same however it was reached, and what the models describe.


def schema_of(db: Any) -> dict[str, Any]:
    """Every table's columns, keys and indexes, through peewee's introspection and the engine's catalog."""
    described: dict[str, Any] = {}
    for table in db.get_tables():
        described[table] = {
            "columns": [tuple(column) for column in db.get_columns(table)],
            "primary key": db.get_primary_keys(table),
            "indexes": sorted((i.name, i.sql, tuple(i.columns), i.unique) for i in db.get_indexes(table)),
            "foreign keys": sorted(tuple(fk) for fk in db.get_foreign_keys(table)),
        }
    if isinstance(db, pw.SqliteDatabase):
        # The CREATE statements as SQLite keeps them (column order, types, constraints, index text).
        catalog = {"sqlite_master": "SELECT type, name, tbl_name, sql FROM sqlite_master"}
    else:
        catalog = {
            "columns": "SELECT table_name, column_name, ordinal_position, column_default, is_nullable, data_type,"
            " character_maximum_length, numeric_precision, datetime_precision FROM information_schema.columns"
            " WHERE table_schema = current_schema()",
            "constraints": "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE connamespace = current_schema()::regnamespace",
            "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
            "sequences": "SELECT sequence_name, data_type, start_value, minimum_value, maximum_value, increment"
            " FROM information_schema.sequences WHERE sequence_schema = current_schema()",
        }
    for name, sql in catalog.items():
        described[f"catalog: {name}"] = sorted(tuple(map(str, row)) for row in db.execute_sql(sql).fetchall())
    return described


def schema_at(url: str) -> dict[str, Any]:
    database = open_database(url)
    try:
        return schema_of(database.db)
    finally:
        database.close()


def every_model() -> list[type[models.BaseModel]]:
    """Every model of the service (wherever it is defined), so a new one without a migration fails."""
    found: list[type[models.BaseModel]] = []
    pending = list(models.BaseModel.__subclasses__())
    while pending:
        model = pending.pop()
        if model.__module__.startswith("loyalty_identity."):
            found.append(model)
        pending += model.__subclasses__()
    return found


def folder(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.mkdir()
    return path


def test_the_schema_is_the_same_however_migrated_and_is_what_the_models_describe(backend, tmp_path) -> None:
    """A model changed without a migration (or a migration that differs from the models) fails here."""
    with (
        databases.fresh_database(backend, folder(tmp_path, "straight")) as straight,
        databases.fresh_database(backend, folder(tmp_path, "stepwise")) as stepwise,
        databases.fresh_database(backend, folder(tmp_path, "models")) as from_models,
    ):
        database = open_database(straight)
        try:
            assert migrate(database) == LATEST
        finally:
            database.close()
        for version in range(1, LATEST + 1):
            database = open_database(stepwise)
            try:
                assert migrate(database, target=version) == version
            finally:
                database.close()
        database = open_database(from_models)
        try:
            with models.database_proxy.using(database.db):
                database.db.create_tables(every_model())
                create_triggers(database.db)
        finally:
            database.close()

        expected = schema_at(from_models)
        assert schema_at(straight) == expected
        assert schema_at(stepwise) == expected
        assert {"customer", "merge", "card", "event", "schema_version"} <= set(expected)


# What each version's tables and columns are, frozen: the schema of a version
# never changes once released (a changed model needs a new version).
V1_TABLES = {
    "schema_version": ["version", "apply_time"],
    "customer": ["id", "org", "uid", "state", "survivor_id", "create_time", "update_time"],
    "profile": ["id", "org", "customer_id", "source", "account_id", "create_time"],
    "identifier": ["id", "org", "customer_id", "profile_id", "source", "account_id", "type", "value"],
    "identifier_key": ["org", "type", "value", "customer_id"],
    "merge": [
        "id",
        "org",
        "uid",
        "victim_id",
        "survivor_id",
        "trigger_source",
        "trigger_account_id",
        "trigger_type",
        "trigger_value",
        "request_id",
        "create_time",
        "details",
    ],
    "request": ["id", "org", "request_id", "fingerprint", "response", "create_time"],
}
V2_TABLES = {
    **V1_TABLES,
    "card_series": [
        "id",
        "org",
        "uid",
        "code",
        "name",
        "type",
        "prefix",
        "suffix",
        "length",
        "method",
        "luhn",
        "max_active_cards_per_customer",
        "expiry_days",
        "next_value",
        "create_time",
    ],
    "status_label": ["id", "org", "label", "status"],
    "card": [
        "id",
        "org",
        "number",
        "series_id",
        "status",
        "status_label",
        "customer_id",
        "create_time",
        "issue_time",
        "expire_time",
    ],
    "card_status_change": [
        "id",
        "org",
        "card_id",
        "from_status",
        "to_status",
        "status_label",
        "customer_id",
        "reason",
        "create_time",
    ],
}
V4_TABLES = {
    **V2_TABLES,
    "merge": [*V2_TABLES["merge"], "unmerge_time", "unmerge_request_id"],
    "merge_block": ["org", "customer_low_id", "customer_high_id", "merge_id"],
    "event_counter": ["org", "last_sequence", "purged_through", "full_history"],
    "event": ["id", "org", "sequence", "kind", "request_id", "payload", "create_time"],
}
V5_TABLES = {
    **V4_TABLES,
    "event_customer": ["org", "customer", "sequence"],
    "request_customer": ["org", "customer", "request_id"],
}
V6_TABLES = {**V5_TABLES, "merge_policy": ["org", "rules", "max_merged_customers", "update_time"]}
V7_TABLES = {**V6_TABLES, "suppression": ["org", "digest", "create_time"]}
V8_TABLES = {
    **V7_TABLES,
    "merge_candidate": [
        "id",
        "org",
        "uid",
        "state",
        "reason",
        "victim",
        "survivor",
        "trigger_source",
        "trigger_account_id",
        "trigger_type",
        "trigger_value",
        "request",
        "request_id",
        "create_time",
        "resolve_time",
        "merge",
    ],
}
FROZEN_TABLES = {
    1: V1_TABLES,
    2: V2_TABLES,
    3: V2_TABLES,
    4: V4_TABLES,
    5: V5_TABLES,
    6: V6_TABLES,
    7: V7_TABLES,
    8: V8_TABLES,
}


def test_each_version_has_the_tables_it_was_released_with(backend, tmp_path) -> None:
    assert sorted(FROZEN_TABLES) == list(range(1, LATEST + 1))
    with databases.fresh_database(backend, tmp_path) as url:
        for version in range(1, LATEST + 1):
            database = open_database(url)
            try:
                assert migrate(database, target=version) == version
                db: Any = database.db
                tables = {table: [c.name for c in db.get_columns(table)] for table in db.get_tables()}
                indexes = {i.name for table in tables for i in db.get_indexes(table)}
            finally:
                database.close()
            assert tables == FROZEN_TABLES[version], f"version {version}"
            assert ("customer_survivor_id_uid" in indexes) == (version >= 3)
            assert ("card_status_change_customer_id" in indexes) == (version >= 5)


# --- Upgrades from every earlier version, with data written as that version's server wrote it.

SURVIVOR = "3f1c2a7e-8b4d-4c6a-9e2f-1a2b3c4d5e60"
VICTIM = "5d2e4f60-1a3b-4c5d-8e7f-9a0b1c2d3e71"
MERGE = "7a8b9c0d-2e3f-4a5b-8c6d-7e8f9a0b1c82"
SERIES = "9c0d1e2f-3a4b-4c5d-9e6f-0a1b2c3d4e93"
ACME_SERIES = "b1c2d3e4-5f60-4a7b-8c9d-0e1f2a3b4ca4"
REQUEST = "c3d4e5f6-0718-4293-a4b5-c6d7e8f90ab5"
NAMING_REQUEST = "d4e5f607-1829-43a4-b5c6-d7e8f90a1bc6"
GHOST = "e5f60718-293a-44b5-86d7-e8f90a1b2cd7"
MOBILE_VALUE, EMAIL_VALUE = "8613200000002", "old@x.com"
WHEN = "2026-11-20 10:00:00.000000"


def _insert(db: Any, table: str, row: dict[str, Any], *, returning_id: bool = True) -> int:
    """A plain INSERT with exactly the columns given (those of the version that wrote it); returns the new id."""
    columns = ", ".join(f'"{column}"' for column in row)
    sql = f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join([db.param] * len(row))})'
    on_postgres = isinstance(db, pw.PostgresqlDatabase)
    if returning_id and on_postgres:
        sql += ' RETURNING "id"'
    cursor = db.execute_sql(sql, tuple(row.values()))
    if not returning_id:
        return 0
    return int(cursor.fetchone()[0] if on_postgres else cursor.lastrowid)


def _write_version_1_rows(db: Any, version: int) -> None:
    """A merge (victim into survivor, through the survivor's mobile added to the victim) and a stored reply."""
    org = {"org": "default"}
    survivor = _insert(
        db,
        "customer",
        {**org, "uid": SURVIVOR, "state": 1, "survivor_id": None, "create_time": WHEN, "update_time": WHEN},
    )
    victim = _insert(
        db,
        "customer",
        {**org, "uid": VICTIM, "state": 2, "survivor_id": survivor, "create_time": WHEN, "update_time": WHEN},
    )
    for source, values in ((1, [(1, MOBILE_VALUE)]), (6, [(2, EMAIL_VALUE), (1, MOBILE_VALUE)])):
        scope = {"source": source, "account_id": ""}
        held = _insert(db, "profile", {**org, "customer_id": survivor, **scope, "create_time": WHEN})
        for kind, value in values:
            row = {**org, "customer_id": survivor, "profile_id": held, **scope, "type": kind, "value": value}
            _insert(db, "identifier", row)
    for kind, value in ((1, MOBILE_VALUE), (2, EMAIL_VALUE)):
        row = {**org, "type": kind, "value": value, "customer_id": survivor}
        _insert(db, "identifier_key", row, returning_id=False)
    # Details as recorded before unmerge existed: no "added" (the trigger alone was added).
    moved = {"source": 6, "account_id": "", "create_time": "2026-11-20T10:00:00", "identifiers": [[2, EMAIL_VALUE]]}
    details = {"profiles": [moved], "cards": [], "repointed": []}
    merge = {
        **org,
        "uid": MERGE,
        "victim_id": victim,
        "survivor_id": survivor,
        "trigger_source": 6,
        "trigger_account_id": "",
        "trigger_type": 1,
        "trigger_value": MOBILE_VALUE,
        "request_id": "",
        "create_time": WHEN,
        "details": json.dumps(details, separators=(",", ":")),
    }
    if version >= 4:
        merge.update(unmerge_time=None, unmerge_request_id="")
    _insert(db, "merge", merge)
    now = str(datetime.now(UTC).replace(tzinfo=None))  # recent: the hourly purge keeps it
    reply = {**org, "request_id": REQUEST, "fingerprint": "ab" * 32, "response": b"\n\x02ok", "create_time": now}
    _insert(db, "request", reply)
    # A reply that names the survivor (and, as an identifier value, a customer that does not exist).
    named = pb.CreateCustomerResponse(
        customer=r.Customer(
            name=f"customers/{SURVIVOR}",
            profiles=[r.Profile(identifiers=[ident(EMAIL, f"customers/{GHOST}")])],
        )
    )
    response = named.SerializeToString(deterministic=True)
    _insert(db, "request", {**reply, "request_id": NAMING_REQUEST, "response": response})
    if version >= 5:  # a schema-5 server records the customers a reply names (by its descriptor) with it
        row = {**org, "customer": SURVIVOR, "request_id": NAMING_REQUEST}
        _insert(db, "request_customer", row, returning_id=False)


def _write_version_2_rows(db: Any) -> None:
    """A series with a label, the survivor's card and one in stock; another org that only has stock."""
    survivor = db.execute_sql(f'SELECT id FROM "customer" WHERE uid = {db.param}', (SURVIVOR,)).fetchone()[0]
    for org, uid, code, prefix in (("default", SERIES, "UP", "U"), ("acme", ACME_SERIES, "AC", "A")):
        series = _insert(
            db,
            "card_series",
            {
                "org": org,
                "uid": uid,
                "code": code,
                "name": code.title(),
                "type": 2,
                "prefix": prefix,
                "suffix": "",
                "length": 6,
                "method": 1,
                "luhn": False,
                "max_active_cards_per_customer": 0,
                "expiry_days": 0,
                "next_value": "2",
                "create_time": WHEN,
            },
        )
        for number in (f"{prefix}00000", f"{prefix}00001"):
            card = {"org": org, "number": number, "series_id": series, "status": 1, "status_label": "NOT_ISSUED"}
            card_id = _insert(db, "card", {**card, "customer_id": None, "create_time": WHEN})
            created = {"org": org, "card_id": card_id, "from_status": None, "to_status": 1}
            _insert(
                db,
                "card_status_change",
                {
                    **created,
                    "status_label": "NOT_ISSUED",
                    "customer_id": None,
                    "reason": "created",
                    "create_time": WHEN,
                },
            )
            if org == "default" and number == "U00000":  # issued to the survivor with the org's own label
                db.execute_sql(
                    f'UPDATE "card" SET status = 3, status_label = {db.param}, customer_id = {db.param},'
                    f" issue_time = {db.param} WHERE id = {db.param}",
                    ("VIP", survivor, WHEN, card_id),
                )
                issued = {"org": org, "card_id": card_id, "from_status": 1, "to_status": 3, "status_label": "VIP"}
                _insert(
                    db,
                    "card_status_change",
                    {**issued, "customer_id": survivor, "reason": "issued", "create_time": WHEN},
                )
    _insert(db, "status_label", {"org": "default", "label": "VIP", "status": 3})


def write_data_of_version(url: str, version: int) -> None:
    """Migrate a fresh database to `version` and write what a server of that version would have
    (test_upgrade_from_version_4_indexes_the_feed_so_an_erasure_finds_every_copy has a feed too)."""
    database = open_database(url)
    try:
        assert migrate(database, target=version) == version
        db: Any = database.db
        with db.atomic():
            if version >= 1:
                _write_version_1_rows(db, version)
            if version >= 2:
                _write_version_2_rows(db)
            if version >= 4:  # what migration 4 made of orgs whose data predates the feed
                for org in ("default", "acme"):
                    row = {"org": org, "last_sequence": 0, "purged_through": 0, "full_history": False}
                    _insert(db, "event_counter", row, returning_id=False)
    finally:
        database.close()


def _identifiers(customer: r.Customer) -> set[tuple[int, int, str]]:
    return {(p.source, i.type, i.value) for p in customer.profiles for i in p.identifiers}


@pytest.mark.parametrize("version", range(LATEST))
def test_upgrade_from_every_earlier_version_keeps_the_data(backend, tmp_path, version: int) -> None:
    with databases.fresh_database(backend, tmp_path) as url:
        write_data_of_version(url, version)
        database = open_database(url)
        try:
            assert migrate(database) == LATEST
        finally:
            database.close()

        with running(url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            ids, cards = identifier_grpc.IdentifierServiceStub(channel), card_grpc.CardServiceStub(channel)
            if version >= 1:
                found = ids.LookupCustomer(
                    pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, MOBILE_VALUE))
                )
                assert found.customer.name == f"customers/{SURVIVOR}"
                assert _identifiers(found.customer) == {
                    (INSTORE, MOBILE, MOBILE_VALUE),
                    (TMALL, EMAIL, EMAIL_VALUE),
                    (TMALL, MOBILE, MOBILE_VALUE),
                }
                # The victim's name leads to its survivor; the merge is listed under both.
                victim = ids.GetCustomer(pb.GetCustomerRequest(name=f"customers/{VICTIM}")).customer
                assert victim.name == f"customers/{SURVIVOR}"
                [merge] = ids.ListMerges(pb.ListMergesRequest(customer=f"customers/{VICTIM}")).merges
                assert (merge.name, merge.victim, merge.survivor) == (
                    f"merges/{MERGE}",
                    f"customers/{VICTIM}",
                    f"customers/{SURVIVOR}",
                )
                assert not merge.HasField("unmerge_time") and merge.unmerge_request_id == ""
            if version >= 2:
                [card] = cards.ListCards(cpb.ListCardsRequest(customer=f"customers/{SURVIVOR}")).cards
                assert (card.number, card.status, card.status_label) == ("U00000", r.CARD_STATUS_ACTIVE, "VIP")
                log = cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number="U00000")).changes
                assert [c.reason for c in log] == ["created", "issued"]
                # The stock written then is issued now (the oldest NOT_ISSUED card of the series).
                taken = cards.IssueCard(cpb.IssueCardRequest(customer=f"customers/{SURVIVOR}", series_id=SERIES))
                assert taken.card.number == "U00001"
            if version >= 1:
                # The old merge (recorded before unmerge existed) can be undone.
                done = ids.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=f"merges/{MERGE}"))
                assert _identifiers(done.victim) == {(TMALL, EMAIL, EMAIL_VALUE)}
                assert _identifiers(done.survivor) == {(INSTORE, MOBILE, MOBILE_VALUE)}
            # New customers and merges work beside the old rows (the id sequences go on past them).
            holder = create(ids, profile(INSTORE, ident(EMAIL, "new@x.com")))
            joiner = create(ids, profile(TMALL, ident(MOBILE, "8613200000003")))
            [fresh_merge] = update(ids, joiner.name, TMALL, add=[ident(EMAIL, "new@x.com")]).merges
            assert (fresh_merge.victim, fresh_merge.survivor) == (joiner.name, holder.name)
            assert len(ids.ListMerges(pb.ListMergesRequest()).merges) == (2 if version >= 1 else 1)

        database = open_database(url)
        try:
            db: Any = database.db
            assert invariants.check(db) == []
            assert current_version(database) == LATEST
            counters = dict(db.execute_sql('SELECT org, full_history FROM "event_counter"').fetchall())
            # Orgs with data before the feed are marked as such, whether known from customers or from cards alone.
            before = set() if version == 0 else {"default"} if version == 1 else {"default", "acme"}
            assert {org for org, full in counters.items() if not full} == before
            replies = db.execute_sql(f'SELECT request_id FROM "request" WHERE request_id = {db.param}', (REQUEST,))
            assert len(replies.fetchall()) == (1 if version >= 1 else 0)
            # Replies stored before version 5 are found by the names in their bytes (the ghost too: an
            # identifier value that spells a name counts, which can only tombstone the reply).
            names = db.execute_sql('SELECT org, customer, request_id FROM "request_customer"').fetchall()
            old_names = {tuple(row) for row in names if row[2] == NAMING_REQUEST}
            # From version 5 on, the server recorded the names itself (the reply's own: no ghost).
            named = {("default", SURVIVOR, NAMING_REQUEST)}
            assert old_names == (
                named if version >= 5 else named | {("default", GHOST, NAMING_REQUEST)} if version >= 1 else set()
            )
        finally:
            database.close()
