"""Versioned migrations: upgrades keep data, and concurrent migrators agree."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import grpc

from loyalty_identity.api.protos import card_grpc, event_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants
from loyalty_identity.store.database import open_database
from loyalty_identity.store.migrations import LATEST, current_version, migrate
from loyalty_identity.store.models import CustomerRow, IdentifierKeyRow, IdentifierRow, ProfileRow
from tests import databases
from tests.e2e.test_cli_serve import running
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, create, ident, profile, update

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


def downgrade_to_version_3(url: str) -> None:
    """Make a database look as a schema-3 server left it: no feed, no unmerge columns, old merge details."""
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
