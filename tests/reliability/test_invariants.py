"""The invariant checker passes on what the service writes and catches each kind of damage."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid

import pytest

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, MOBILE, TMALL, create, ident, profile, update


@pytest.fixture
def backend() -> str:
    """The damage below is written in SQLite's SQL; the checker itself runs on both backends elsewhere."""
    return "sqlite"


@pytest.fixture
def populated(stub, cards, server, database_url):
    survivor = create(stub, profile(INSTORE, ident(MOBILE, "8613300000001")))
    victim = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-inv")))
    series = cards.CreateCardSeries(
        cpb.CreateCardSeriesRequest(
            series=r.CardSeries(
                code="INV",
                name="Inv",
                type=r.CARD_TYPE_DIGITAL,
                format=r.CardNumberFormat(prefix="I", length=6, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
                max_active_cards_per_customer=1,
            )
        )
    ).series
    [number, kept, _spare] = cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=3)).numbers
    cards.IssueCard(cpb.IssueCardRequest(customer=victim.name, number=number))
    update(stub, victim.name, TMALL, add=[ident(MOBILE, "8613300000001")])
    third = create(stub, profile(r.SOURCE_JD, ident(EMAIL, "third@inv.com")))
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=survivor.name, survivor=third.name))
    fourth = create(stub, profile(r.SOURCE_WEBSITE, ident(EMAIL, "fourth@inv.com")))
    undone = stub.MergeCustomers(pb.MergeCustomersRequest(victim=fourth.name, survivor=third.name)).merge
    stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=undone.name))
    # An erased person: a customer with a card and a request-id reply, and one merged into it.
    gone = create(stub, profile(r.SOURCE_JD, ident(EMAIL, "gone@inv.com")), request_id=str(uuid.uuid4()))
    cards.IssueCard(cpb.IssueCardRequest(customer=gone.name, number=kept))
    alias = create(stub, profile(r.SOURCE_TAOBAO, ident(EXTERNAL_ID, "gone-tb")))
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=alias.name, survivor=gone.name))
    stub.EraseCustomer(pb.EraseCustomerRequest(name=gone.name, request_id=str(uuid.uuid4())))
    return database_url.removeprefix("sqlite:///"), server


def violations(server) -> list[str]:
    return [v.invariant for v in invariants.check(server.database.db)]


def test_a_consistent_database_passes(populated) -> None:
    _, server = populated
    assert violations(server) == []


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("UPDATE customer SET survivor_id = NULL WHERE state = 2", "a merged customer's survivor is missing"),
        (
            "DELETE FROM identifier_key WHERE rowid = (SELECT MIN(rowid) FROM identifier_key)",
            "an identifier has no identifier_key",
        ),
        (
            "UPDATE identifier SET customer_id = (SELECT id FROM customer WHERE state = 2 LIMIT 1)"
            " WHERE id = (SELECT MIN(id) FROM identifier)",
            "a merged customer still holds",
        ),
        ("UPDATE card SET status = 1 WHERE customer_id IS NOT NULL", "a card in stock is not NOT_ISSUED"),
        ("UPDATE card SET status_label = 'Odd' WHERE customer_id IS NOT NULL", "a card's log does not end"),
        ("DELETE FROM merge WHERE id = (SELECT MIN(id) FROM merge)", "a merged customer has no standing merge record"),
        (
            "UPDATE customer SET state = 1, survivor_id = NULL WHERE state = 2",
            "a standing merge record's victim is not merged into its survivor",
        ),
        ("UPDATE merge SET unmerge_time = NULL", "a standing merge record's victim is not merged"),
        ("DELETE FROM event WHERE sequence = 3", "the feed of an org has gaps"),
        ("UPDATE event_counter SET last_sequence = last_sequence + 1", "the feed of an org has gaps"),
        ("DELETE FROM event WHERE kind = 'customers_unmerged'", "does not replay to its tables"),
        (
            "UPDATE event SET payload = replace(payload, 'third@inv.com', 'other@inv.com')",
            "does not replay to its tables",
        ),
        (
            'UPDATE event SET payload = replace(payload, \'"cards":["\', \'"cards":["X\')'
            " WHERE kind = 'customers_merged'",
            "does not replay to its tables",
        ),
        ("DELETE FROM identifier WHERE id = (SELECT MIN(id) FROM identifier)", "a profile has no identifiers"),
        (
            "UPDATE card SET customer_id = (SELECT customer_id FROM card WHERE customer_id IS NOT NULL), status = 3,"
            " status_label = 'ACTIVE' WHERE customer_id IS NULL",
            "more live cards of a series",
        ),
        # Erasure: the person's rows, and every copy of the values (RULES 2.5.1).
        (
            "UPDATE identifier SET customer_id = (SELECT id FROM customer WHERE state = 3)"
            " WHERE id = (SELECT MIN(id) FROM identifier)",
            "an erased customer holds",
        ),
        (
            "UPDATE card SET status = 3, status_label = 'ACTIVE'"
            " WHERE customer_id = (SELECT id FROM customer WHERE state = 3)",
            "a card's owner is not an active customer",
        ),
        ("UPDATE event SET payload = replace(payload, ',\"\"]', ',\"x\"]')", "a value of an erased customer remains"),
        ("UPDATE merge SET details = replace(details, ',\"\"]', ',\"x\"]')", "a value of an erased customer remains"),
        (
            "UPDATE request SET response = CAST(substr(response, 9) AS BLOB) WHERE substr(response, 1, 1) = X'00'",
            "a value of an erased customer remains",
        ),
        (
            "DELETE FROM request WHERE id = (SELECT MIN(id) FROM request)",
            "a stored answer's named customer has no stored answer",
        ),
    ],
)
def test_damage_is_reported(populated, damage: str, expected: str) -> None:
    path, server = populated
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute(damage)
    found = violations(server)
    assert any(expected in v for v in found), found


def test_check_command(populated) -> None:
    path, _ = populated
    ok = subprocess.run(
        [sys.executable, "-m", "loyalty_identity", "check", "--database", f"sqlite:///{path}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert f"{len(invariants.INVARIANTS)} of {len(invariants.INVARIANTS)} invariants hold" in ok.stdout
    with sqlite3.connect(path) as db:
        db.execute("UPDATE customer SET survivor_id = NULL WHERE state = 2")
    broken = subprocess.run(
        [sys.executable, "-m", "loyalty_identity", "check", "--database", f"sqlite:///{path}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert broken.returncode == 1
    assert "survivor is missing" in broken.stdout
