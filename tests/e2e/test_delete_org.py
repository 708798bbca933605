"""`loyalty-identity delete-org`: one org's data goes, beside a running server; other orgs keep theirs."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import grpc

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants
from tests import databases
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, expect_error, ident, profile
from tests.security.test_auth import token_line
from tests.security.test_isolation import OrgClient

BIN = Path(sys.executable).parent
Code = grpc.StatusCode


def delete_org(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "loyalty-identity"), "delete-org", "--database", database_url, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def populate(client: OrgClient, domain: str) -> str:
    """A customer with a merge, a card of a series, a label and a request id; its name."""
    ann = client.CreateCustomer(
        pb.CreateCustomerRequest(
            profiles=[profile(INSTORE, ident(MOBILE, "8613500000001"))], request_id=str(uuid.uuid4())
        )
    ).customer
    other = client.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(EMAIL, f"o@{domain}"))]))
    client.UpdateIdentifiers(
        pb.UpdateIdentifiersRequest(
            customer=other.customer.name, source=TMALL, add=[ident(MOBILE, "8613500000001")]
        )  # an automatic merge, so a merge record
    )
    series = client.CreateCardSeries(
        cpb.CreateCardSeriesRequest(
            series=r.CardSeries(
                code="GOLD",
                name="Gold",
                type=r.CARD_TYPE_PHYSICAL,
                format=r.CardNumberFormat(prefix="G", length=8, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
            )
        )
    ).series
    [number] = client.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=1)).numbers
    client.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=number))
    client.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="Lost", status=r.CARD_STATUS_SUSPENDED))
    return ann.name


def org_rows(url: str, org: str) -> dict[str, int]:
    """Rows of org in each table (every table has an org column)."""
    mark = "?" if databases.sqlite_path(url) else "%s"
    with databases.connect(url) as conn:
        cursor = conn.cursor()
        counts = {}
        for table in databases.TABLES:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}" WHERE org = {mark}', (org,))
            counts[table] = int(cursor.fetchone()[0])
        return counts


def feed(port: int, token: str) -> list[int]:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        page = event_grpc.EventServiceStub(channel).ListEvents(
            epb.ListEventsRequest(page_size=1000), metadata=(("authorization", f"Bearer {token}"),)
        )
    return [event.sequence for event in page.events]


def test_delete_org_removes_one_org_beside_a_running_server(start_server, database_url: str) -> None:
    server = start_server(tokens=f"{token_line('acme', 'a-token')};{token_line('globex', 'g-token')}")
    acme, globex = OrgClient(server.port, "a-token"), OrgClient(server.port, "g-token")
    gone, kept = populate(acme, "acme.com"), populate(globex, "globex.com")
    globex_rows = org_rows(database_url, "globex")
    globex_feed = feed(server.port, "g-token")

    result = delete_org(database_url, "--org", "acme", "--yes")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("deleted org acme: ") and "customer" in result.stdout
    expect_error(lambda: acme.GetCustomer(pb.GetCustomerRequest(name=gone)), Code.NOT_FOUND, "CUSTOMER_NOT_FOUND")
    assert feed(server.port, "a-token") == []
    assert globex.GetCustomer(pb.GetCustomerRequest(name=kept)).customer.name == kept
    assert feed(server.port, "g-token") == globex_feed
    assert set(org_rows(database_url, "acme").values()) == {0}
    assert org_rows(database_url, "globex") == globex_rows
    assert invariants.check(server.database.db) == []
    # The org starts again from nothing: the same values, the same series code, a feed from 1.
    populate(acme, "acme.com")
    assert feed(server.port, "a-token")[0] == 1


def test_delete_org_needs_yes_and_deletes_nothing_without_it(server, database_url: str, stub, db_rows) -> None:
    stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613500000002"))]))
    before = db_rows()
    result = delete_org(database_url, "--org", "default")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "loyalty-identity: error: this deletes every row of org 'default': add --yes to go ahead"
    ]
    assert db_rows() == before


def test_delete_org_never_creates_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    result = delete_org(f"sqlite:///{missing}", "--org", "default", "--yes")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"loyalty-identity: error: no SQLite database file {missing}"]
    assert not missing.exists()
