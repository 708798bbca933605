"""Moving from SQLite to PostgreSQL (and back) with `loyalty-identity copy`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grpc
import pytest

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests import databases
from tests.e2e.test_cli_serve import running
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, MOBILE, TMALL, WECHAT, WECHAT_ID, ident, profile


def populate(port: int) -> list[str]:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        ids, cards = identifier_grpc.IdentifierServiceStub(channel), card_grpc.CardServiceStub(channel)
        names = []
        for i in range(5):
            created = ids.CreateCustomer(
                pb.CreateCustomerRequest(
                    profiles=[
                        profile(INSTORE, ident(MOBILE, f"861310000000{i}")),
                        profile(WECHAT, ident(WECHAT_ID, f"o-{i}"), account_id="wx"),
                    ],
                    request_id=f"00000000-0000-4000-8000-00000000000{i}",
                )
            )
            names.append(created.customer.name)
        # A merge chain, so survivors point forwards and backwards in id order.
        online = ids.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(EXTERNAL_ID, "t-1"))]))
        names.append(online.customer.name)
        ids.MergeCustomers(pb.MergeCustomersRequest(victim=names[0], survivor=names[5]))
        last = ids.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(r.SOURCE_JD, ident(EXTERNAL_ID, "jd-1"))]))
        names.append(last.customer.name)
        ids.MergeCustomers(pb.MergeCustomersRequest(victim=names[5], survivor=names[6]))
        series = cards.CreateCardSeries(
            cpb.CreateCardSeriesRequest(
                series=r.CardSeries(
                    code="CP",
                    name="Copy",
                    type=r.CARD_TYPE_PHYSICAL,
                    format=r.CardNumberFormat(
                        prefix="8", length=10, method=r.CARD_NUMBER_METHOD_SEQUENTIAL, luhn_check_digit=True
                    ),
                    max_active_cards_per_customer=2,
                )
            )
        ).series
        cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=20))
        cards.IssueCard(cpb.IssueCardRequest(customer=names[1], series_id=series.id))
        cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="Lost", status=r.CARD_STATUS_SUSPENDED))
        ids.UpdateIdentifiers(
            pb.UpdateIdentifiersRequest(customer=names[2], source=INSTORE, add=[ident(EMAIL, "c@copy.com")])
        )
        return names


def snapshot(port: int, names: list[str]) -> list[object]:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        ids, cards = identifier_grpc.IdentifierServiceStub(channel), card_grpc.CardServiceStub(channel)
        seen: list[object] = [ids.GetCustomer(pb.GetCustomerRequest(name=n)).customer for n in names]
        seen.append(list(ids.ListMerges(pb.ListMergesRequest()).merges))
        seen.append(list(cards.ListCards(cpb.ListCardsRequest(page_size=100)).cards))
        seen.append(list(cards.ListStatusLabels(cpb.ListStatusLabelsRequest()).status_labels))
        return seen


def copy(source: str, target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "loyalty_identity", "copy", "--from", source, "--to", target],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_sqlite_to_postgresql_keeps_everything(tmp_path: Path) -> None:
    if databases.postgres_url() is None:
        pytest.skip("no PostgreSQL")
    source = f"sqlite:///{tmp_path / 'embedded.db'}"
    with running(source) as server:
        names = populate(server.port)
        before = snapshot(server.port, names)
    with databases.fresh_database("postgresql", tmp_path) as target:
        done = copy(source, target)
        assert done.returncode == 0, done.stderr
        assert "customer: 7 rows" in done.stdout
        with running(target) as server:
            assert snapshot(server.port, names) == before
            # The copy continues where the source left off: new rows get fresh ids.
            populate_more = identifier_grpc.IdentifierServiceStub(grpc.insecure_channel(f"127.0.0.1:{server.port}"))
            populate_more.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, "n@x.com"))]))
            # request ids came along: a retry is still answered from the record.
            again = populate_more.CreateCustomer(
                pb.CreateCustomerRequest(
                    profiles=[
                        profile(INSTORE, ident(MOBILE, "8613100000000")),
                        profile(WECHAT, ident(WECHAT_ID, "o-0"), account_id="wx"),
                    ],
                    request_id="00000000-0000-4000-8000-000000000000",
                )
            )
            assert again.customer.name == names[0]
        refused = copy(source, target)
        assert refused.returncode == 1 and "already holds data" in refused.stderr


def test_postgresql_back_to_sqlite_keeps_everything(tmp_path: Path) -> None:
    """The other way, into a file whose feed index is written by a trigger: every row once, the invariants hold."""
    if databases.postgres_url() is None:
        pytest.skip("no PostgreSQL")
    with databases.fresh_database("postgresql", tmp_path) as source:
        with running(source) as server:
            names = populate(server.port)
            before = snapshot(server.port, names)
        target = f"sqlite:///{tmp_path / 'embedded.db'}"
        done = copy(source, target)
        assert done.returncode == 0, done.stderr
        assert "event_customer: " in done.stdout
    with running(target) as server:
        assert snapshot(server.port, names) == before


def test_one_row_is_one_row(tmp_path: Path) -> None:
    """Each table's line counts in the singular for one row (not `customer: 1 rows`)."""
    source, target = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'copy.db'}"
    rows = tmp_path / "rows.csv"
    rows.write_text("source,email\nINSTORE,one@example.com\n")
    imported = subprocess.run(
        [sys.executable, "-m", "loyalty_identity", "import", "--database", source, "--org", "acme", str(rows)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    done = copy(source, target)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "customer: 1 row" in lines and "card: 0 rows" in lines, done.stdout
    assert not [line for line in lines if line.endswith(" 1 rows")], done.stdout
