"""Versioned migrations: upgrades keep data, and concurrent migrators agree."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import grpc

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store.database import open_database
from loyalty_identity.store.migrations import LATEST, current_version, migrate
from loyalty_identity.store.models import CustomerRow, IdentifierKeyRow, IdentifierRow, ProfileRow
from tests import databases
from tests.e2e.test_cli_serve import running
from tests.helpers import INSTORE, MOBILE, ident

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
