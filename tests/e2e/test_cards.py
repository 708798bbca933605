"""CardService and cards through UpdateIdentifiers (RULES 2.6), against the real server."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.domain.cards import luhn_digit
from tests import databases
from tests.helpers import (
    EMAIL,
    EXTERNAL_ID,
    INSTORE,
    MOBILE,
    TMALL,
    WECHAT,
    create,
    expect_error,
    ident,
    profile,
    update,
)

Code = grpc.StatusCode
CARD = r.IDENTIFIER_TYPE_CARD_NUMBER
NO_SERIES = "00000000-0000-4000-8000-0000000000ff"


def series_msg(
    code: str = "GOLD",
    prefix: str = "GD",
    length: int = 10,
    method: int = r.CARD_NUMBER_METHOD_SEQUENTIAL,
    luhn: bool = False,
    max_active: int = 0,
    expiry_days: int = 0,
    suffix: str = "",
) -> r.CardSeries:
    return r.CardSeries(
        code=code,
        name=f"{code} card",
        type=r.CARD_TYPE_PHYSICAL,
        format=r.CardNumberFormat(prefix=prefix, suffix=suffix, length=length, method=method, luhn_check_digit=luhn),
        max_active_cards_per_customer=max_active,
        expiry_days=expiry_days,
    )


def new_series(cards, **kwargs) -> r.CardSeries:
    return cards.CreateCardSeries(cpb.CreateCardSeriesRequest(series=series_msg(**kwargs))).series


def generate(cards, series: r.CardSeries, count: int) -> list[str]:
    return list(cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=count)).numbers)


def card_ident(number: str, series_id: str = "", label: str = "") -> r.Identifier:
    return r.Identifier(type=CARD, value=number, series_id=series_id, status_label=label)


def get_card(cards, number: str) -> r.Card:
    return cards.GetCard(cpb.GetCardRequest(number=number)).card


def log_of(cards, number: str) -> list[r.CardStatusChange]:
    return list(cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=number)).changes)


def customer_with(stub, email: str) -> r.Customer:
    return create(stub, profile(INSTORE, ident(EMAIL, email)))


# Series and labels -------------------------------------------------------------


def test_series_is_created_read_and_listed(cards) -> None:
    created = new_series(cards, code="SILVER", prefix="sv", length=12, luhn=False, max_active=2, expiry_days=365)
    assert created.id and created.format.prefix == "SV"
    assert cards.GetCardSeries(cpb.GetCardSeriesRequest(id=created.id)).series == created
    others = [new_series(cards, code=f"S{i}") for i in range(3)]
    first = cards.ListCardSeries(cpb.ListCardSeriesRequest(page_size=2))
    second = cards.ListCardSeries(cpb.ListCardSeriesRequest(page_size=2, page_token=first.next_page_token))
    assert [s.code for s in [*first.series, *second.series]] == ["SILVER"] + [s.code for s in others]
    assert second.next_page_token == ""


def test_series_code_is_unique(cards, db_rows) -> None:
    new_series(cards, code="GOLD")
    before = db_rows()
    expect_error(lambda: new_series(cards, code="GOLD", prefix="X"), Code.ALREADY_EXISTS, "CARD_SERIES_CODE_TAKEN")
    assert db_rows() == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"length": 4, "prefix": ""}, "series.format.length"),
        ({"length": 151, "prefix": ""}, "series.format.length"),
        ({"prefix": "G-"}, "series.format.prefix"),
        ({"suffix": "x y"}, "series.format.suffix"),
        ({"method": 0}, "series.format.method"),
        ({"method": 9}, "series.format.method"),
        ({"prefix": "AB", "luhn": True}, "series.format.prefix"),
        ({"prefix": "12345", "length": 6, "luhn": True}, "series.format.length"),
        ({"max_active": -1}, "series.max_active_cards_per_customer"),
        ({"expiry_days": -3}, "series.expiry_days"),
        ({"code": "bad code"}, "series.code"),
    ],
)
def test_bad_series_is_invalid(cards, db_rows, kwargs, field) -> None:
    before = db_rows()
    error = expect_error(lambda: new_series(cards, **kwargs), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert error.field == field
    assert db_rows() == before


def test_missing_series_is_not_found(cards) -> None:
    error = expect_error(
        lambda: cards.GetCardSeries(cpb.GetCardSeriesRequest(id=NO_SERIES)), Code.NOT_FOUND, "CARD_SERIES_NOT_FOUND"
    )
    assert error.resource_infos[0].resource_name == NO_SERIES
    for malformed in ["nope", NO_SERIES.upper(), "x" * 20_000]:
        error = expect_error(
            lambda malformed=malformed: cards.GetCardSeries(cpb.GetCardSeriesRequest(id=malformed)),
            Code.INVALID_ARGUMENT,
            "INVALID_ARGUMENT",
        )
        assert error.field == "id"


def test_default_labels_exist_from_the_start_and_org_labels_add_to_them(cards) -> None:
    labels = cards.ListStatusLabels(cpb.ListStatusLabelsRequest()).status_labels
    assert [(lab.label, lab.status) for lab in labels] == [
        ("NOT_ISSUED", r.CARD_STATUS_NOT_ISSUED),
        ("ISSUED", r.CARD_STATUS_ISSUED),
        ("ACTIVE", r.CARD_STATUS_ACTIVE),
        ("SUSPENDED", r.CARD_STATUS_SUSPENDED),
        ("EXPIRED", r.CARD_STATUS_EXPIRED),
        ("DELETED", r.CARD_STATUS_DELETED),
    ]
    made = cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="Lost", status=r.CARD_STATUS_SUSPENDED))
    assert made.status_label.label == "Lost"
    labels = cards.ListStatusLabels(cpb.ListStatusLabelsRequest()).status_labels
    assert ("Lost", r.CARD_STATUS_SUSPENDED) in [(lab.label, lab.status) for lab in labels]
    for taken in ["Lost", "ACTIVE"]:
        expect_error(
            lambda taken=taken: cards.CreateStatusLabel(
                cpb.CreateStatusLabelRequest(label=taken, status=r.CARD_STATUS_ACTIVE)
            ),
            Code.ALREADY_EXISTS,
            "STATUS_LABEL_TAKEN",
        )
    expect_error(
        lambda: cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="X", status=0)),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )


# Stock ------------------------------------------------------------------------------


def test_create_card_checks_the_series_format(cards, db_rows) -> None:
    series = new_series(cards, prefix="79927", length=11, luhn=True)
    good = "7992739871" + luhn_digit("7992739871")
    assert good == "79927398713"
    card = cards.CreateCard(cpb.CreateCardRequest(series_id=series.id, number=good)).card
    assert (card.status, card.status_label, card.customer) == (r.CARD_STATUS_NOT_ISSUED, "NOT_ISSUED", "")
    before = db_rows()
    for bad in ["79927398714", "7992739871", "89927398713", "7992739871X"]:
        expect_error(
            lambda bad=bad: cards.CreateCard(cpb.CreateCardRequest(series_id=series.id, number=bad)),
            Code.INVALID_ARGUMENT,
            "CARD_NUMBER_FORMAT",
        )
    expect_error(
        lambda: cards.CreateCard(cpb.CreateCardRequest(series_id=series.id, number=good)),
        Code.ALREADY_EXISTS,
        "CARD_NUMBER_TAKEN",
    )
    expect_error(
        lambda: cards.CreateCard(cpb.CreateCardRequest(series_id=NO_SERIES, number=good)),
        Code.NOT_FOUND,
        "CARD_SERIES_NOT_FOUND",
    )
    expect_error(
        lambda: cards.CreateCard(
            cpb.CreateCardRequest(series_id=series.id, number="79927398721", status_label="ACTIVE")
        ),
        Code.FAILED_PRECONDITION,
        "INVALID_STATUS_TRANSITION",
    )
    expect_error(
        lambda: cards.CreateCard(cpb.CreateCardRequest(series_id=series.id, number="79927398721", status_label="Nope")),
        Code.NOT_FOUND,
        "STATUS_LABEL_NOT_FOUND",
    )
    assert db_rows() == before


def test_generate_makes_distinct_numbers_that_fit_and_skips_taken_ones(cards) -> None:
    series = new_series(cards, prefix="40", length=8, luhn=True, suffix="Z")
    by_hand = "40" + "0003" + luhn_digit("400003") + "Z"
    cards.CreateCard(cpb.CreateCardRequest(series_id=series.id, number=by_hand))
    numbers = generate(cards, series, 10)
    assert len(set(numbers)) == 10 and by_hand not in numbers
    for number in numbers:
        assert len(number) == 8 and number.startswith("40") and number.endswith("Z")
        assert luhn_digit(number[:6]) == number[6]
        assert get_card(cards, number).status == r.CARD_STATUS_NOT_ISSUED
    more = generate(cards, series, 5)
    assert not set(more) & set(numbers)


def test_random_series_generates_distinct_numbers(cards) -> None:
    series = new_series(cards, prefix="R", length=9, method=r.CARD_NUMBER_METHOD_RANDOM)
    numbers = generate(cards, series, 2000)
    assert len(set(numbers)) == 2000
    assert all(n.startswith("R") and len(n) == 9 for n in numbers)


def test_generate_bounds_and_exhaustion(cards, db_rows) -> None:
    tiny = new_series(cards, prefix="TINY", length=5)  # ten numbers in all
    before = db_rows()
    for count in [0, -1, 50_001]:
        expect_error(
            lambda count=count: cards.GenerateCards(cpb.GenerateCardsRequest(series_id=tiny.id, count=count)),
            Code.INVALID_ARGUMENT,
            "INVALID_ARGUMENT",
        )
    expect_error(lambda: generate(cards, tiny, 11), Code.FAILED_PRECONDITION, "SERIES_EXHAUSTED")
    assert db_rows() == before
    assert len(generate(cards, tiny, 10)) == 10
    expect_error(lambda: generate(cards, tiny, 1), Code.FAILED_PRECONDITION, "SERIES_EXHAUSTED")


def test_fifty_thousand_cards_in_one_call(cards, capsys) -> None:
    series = new_series(cards, prefix="9", length=16, luhn=True)
    started = time.perf_counter()
    numbers = generate(cards, series, 50_000)
    elapsed = time.perf_counter() - started
    assert len(set(numbers)) == 50_000
    with capsys.disabled():
        print(f"\nGenerateCards of 50,000 numbers took {elapsed:.2f} s")


def test_concurrent_generation_never_repeats_a_number(cards) -> None:
    sequential = new_series(cards, code="SEQ", prefix="1", length=10)
    random_series = new_series(cards, code="RND", prefix="2", length=7, method=r.CARD_NUMBER_METHOD_RANDOM)
    barrier = threading.Barrier(4)

    def run(series: r.CardSeries) -> list[str]:
        barrier.wait()
        return generate(cards, series, 3000)

    with ThreadPoolExecutor(4) as pool:
        batches = list(pool.map(run, [sequential, sequential, random_series, random_series]))
    everything = [n for batch in batches for n in batch]
    assert len(everything) == len(set(everything)) == 12_000


# Issuing -------------------------------------------------------------------------------


def test_issue_through_update_identifiers_and_find_by_card(stub, cards) -> None:
    series = new_series(cards)
    [number] = generate(cards, series, 1)
    ann = customer_with(stub, "ann@cards.com")
    response = update(stub, ann.name, INSTORE, add=[card_ident(number.lower(), series.id, "ISSUED")])
    [card] = response.customer.cards
    assert (card.number, card.status, card.status_label, card.customer) == (
        number,
        r.CARD_STATUS_ISSUED,
        "ISSUED",
        ann.name,
    )
    assert card.issue_time.seconds > 0 and not card.HasField("expire_time")
    # Cards are org-wide: any scope finds the holder.
    found = stub.LookupCustomer(pb.LookupCustomerRequest(source=WECHAT, identifier=card_ident(number))).customer
    assert found.name == ann.name
    again = update(stub, ann.name, TMALL, add=[card_ident(number)])
    assert [w.code for w in again.warnings] == ["ALREADY_PRESENT"]
    assert [(c.to_status, c.reason, c.customer) for c in log_of(cards, number)] == [
        (r.CARD_STATUS_NOT_ISSUED, "created", ""),
        (r.CARD_STATUS_ISSUED, "issued", ann.name),
    ]


def test_issue_card_takes_stock_then_generates(stub, cards) -> None:
    series = new_series(cards, expiry_days=30)
    stock = generate(cards, series, 2)
    ann = customer_with(stub, "stock@cards.com")
    first = cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, series_id=series.id)).card
    second = cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, series_id=series.id)).card
    assert [first.number, second.number] == stock
    assert first.status == r.CARD_STATUS_ACTIVE and first.status_label == "ACTIVE"
    assert first.expire_time.seconds - first.issue_time.seconds == 30 * 86400
    third = cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, series_id=series.id))
    assert third.card.number not in stock and third.card.customer == ann.name
    assert len(third.customer.cards) == 3


def test_issue_errors(stub, cards, db_rows) -> None:
    gold, silver = new_series(cards, code="G", prefix="G"), new_series(cards, code="S", prefix="S")
    [g1, g2] = generate(cards, gold, 2)
    ann = customer_with(stub, "a@issue.com")
    bob = create(stub, profile(TMALL, ident(EMAIL, "b@issue.com")))
    cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=g1))
    cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="Frozen", status=r.CARD_STATUS_SUSPENDED))
    before = db_rows()
    cases = [
        (cpb.IssueCardRequest(customer=bob.name, number="G999999999"), Code.NOT_FOUND, "CARD_NOT_FOUND"),
        (
            cpb.IssueCardRequest(customer=bob.name, number=g2, series_id=silver.id),
            Code.INVALID_ARGUMENT,
            "CARD_SERIES_MISMATCH",
        ),
        (cpb.IssueCardRequest(customer=bob.name, number=g1), Code.FAILED_PRECONDITION, "CARD_ALREADY_LINKED"),
        (
            cpb.IssueCardRequest(customer=bob.name, number=g2, status_label="Frozen"),
            Code.FAILED_PRECONDITION,
            "INVALID_STATUS_TRANSITION",
        ),
        (
            cpb.IssueCardRequest(customer=bob.name, number=g2, status_label="Gone"),
            Code.NOT_FOUND,
            "STATUS_LABEL_NOT_FOUND",
        ),
        (cpb.IssueCardRequest(customer=bob.name), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"),
        (cpb.IssueCardRequest(customer=bob.name, series_id=NO_SERIES), Code.NOT_FOUND, "CARD_SERIES_NOT_FOUND"),
        (
            cpb.IssueCardRequest(customer="customers/00000000-0000-4000-8000-0000000000cc", number=g2),
            Code.NOT_FOUND,
            "CUSTOMER_NOT_FOUND",
        ),
    ]
    for request, code, reason in cases:
        expect_error(lambda request=request: cards.IssueCard(request), code, reason)
    # A card held by someone else never merges: it is refused on the UpdateIdentifiers path too.
    error = expect_error(
        lambda: update(stub, bob.name, INSTORE, add=[card_ident(g1)]), Code.FAILED_PRECONDITION, "CARD_ALREADY_LINKED"
    )
    assert error.metadata["customer"] == ann.name
    expect_error(
        lambda: update(stub, bob.name, INSTORE, add=[card_ident("G000000404")]), Code.NOT_FOUND, "CARD_NOT_FOUND"
    )
    assert db_rows() == before
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=bob.name, survivor=ann.name))
    expect_error(
        lambda: cards.IssueCard(cpb.IssueCardRequest(customer=bob.name, number=g2)),
        Code.FAILED_PRECONDITION,
        "CUSTOMER_MERGED",
    )


def test_card_limit_per_customer_on_both_paths(stub, cards, db_rows) -> None:
    series = new_series(cards, max_active=1)
    [a, b] = generate(cards, series, 2)
    ann = customer_with(stub, "limit@cards.com")
    cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=a))
    before = db_rows()
    expect_error(
        lambda: cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=b)),
        Code.FAILED_PRECONDITION,
        "CARD_LIMIT_EXCEEDED",
    )
    expect_error(
        lambda: update(stub, ann.name, INSTORE, add=[card_ident(b)]), Code.FAILED_PRECONDITION, "CARD_LIMIT_EXCEEDED"
    )
    assert db_rows() == before
    # A suspended card still counts; an unlinked one does not.
    cards.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=a, status_label="SUSPENDED"))
    expect_error(
        lambda: cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=b)),
        Code.FAILED_PRECONDITION,
        "CARD_LIMIT_EXCEEDED",
    )
    update(stub, ann.name, INSTORE, remove=[card_ident(a)])
    assert cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=b)).card.customer == ann.name


def test_concurrent_issues_from_one_stock_never_share_a_card(stub, cards) -> None:
    series = new_series(cards)
    stock = generate(cards, series, 6)  # fewer than callers: two must be generated on the fly
    people = [customer_with(stub, f"p{i}@race.com") for i in range(8)]
    barrier = threading.Barrier(8)

    def issue(customer: r.Customer) -> str:
        barrier.wait()
        return cards.IssueCard(cpb.IssueCardRequest(customer=customer.name, series_id=series.id)).card.number

    with ThreadPoolExecutor(8) as pool:
        numbers = list(pool.map(issue, people))
    assert len(set(numbers)) == 8
    assert set(stock) <= set(numbers)
    for person, number in zip(people, numbers, strict=True):
        assert get_card(cards, number).customer == person.name


# Unlinking -------------------------------------------------------------------------------


def test_unlink_both_ways_back_to_stock(stub, cards, db_rows) -> None:
    series = new_series(cards)
    [a, b] = generate(cards, series, 2)
    cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="Returned", status=r.CARD_STATUS_NOT_ISSUED))
    ann = customer_with(stub, "unlink@cards.com")
    update(stub, ann.name, INSTORE, add=[card_ident(a), card_ident(b)])
    after_update = update(stub, ann.name, WECHAT, "wx", remove=[card_ident(a, label="Returned")])
    assert [c.number for c in after_update.customer.cards] == [b]
    card_a = get_card(cards, a)
    assert (card_a.status, card_a.status_label, card_a.customer) == (r.CARD_STATUS_NOT_ISSUED, "Returned", "")
    assert not card_a.HasField("issue_time")
    unlinked = cards.UnlinkCard(cpb.UnlinkCardRequest(number=b)).card
    assert (unlinked.status, unlinked.customer) == (r.CARD_STATUS_NOT_ISSUED, "")
    before = db_rows()
    expect_error(lambda: cards.UnlinkCard(cpb.UnlinkCardRequest(number=b)), Code.FAILED_PRECONDITION, "CARD_NOT_LINKED")
    expect_error(
        lambda: update(stub, ann.name, INSTORE, remove=[card_ident(b)]), Code.NOT_FOUND, "IDENTIFIER_NOT_FOUND"
    )
    expect_error(lambda: cards.UnlinkCard(cpb.UnlinkCardRequest(number="NOPE12345")), Code.NOT_FOUND, "CARD_NOT_FOUND")
    assert db_rows() == before
    assert [c.reason for c in log_of(cards, a)] == ["created", "issued", "unlinked"]


def test_unlinking_the_only_card_is_last_identifier(stub, cards, db_rows) -> None:
    series = new_series(cards)
    [number] = generate(cards, series, 1)
    only_card = create(stub, profile(INSTORE, card_ident(number)))
    assert [c.number for c in only_card.cards] == [number] and not only_card.profiles
    before = db_rows()
    expect_error(
        lambda: cards.UnlinkCard(cpb.UnlinkCardRequest(number=number)), Code.FAILED_PRECONDITION, "LAST_IDENTIFIER"
    )
    expect_error(
        lambda: update(stub, only_card.name, INSTORE, remove=[card_ident(number)]),
        Code.FAILED_PRECONDITION,
        "LAST_IDENTIFIER",
    )
    assert db_rows() == before


# Status changes ------------------------------------------------------------------------------


def test_status_transitions(stub, cards) -> None:
    series = new_series(cards)
    [linked, stock] = generate(cards, series, 2)
    ann = customer_with(stub, "status@cards.com")
    cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=linked))

    def set_status(number: str, label: str, reason: str = "") -> r.Card:
        return cards.UpdateCardStatus(
            cpb.UpdateCardStatusRequest(number=number, status_label=label, reason=reason)
        ).card

    def refused(number: str, label: str) -> None:
        expect_error(lambda: set_status(number, label), Code.FAILED_PRECONDITION, "INVALID_STATUS_TRANSITION")

    assert set_status(linked, "SUSPENDED", "lost wallet").status == r.CARD_STATUS_SUSPENDED
    assert set_status(linked, "ACTIVE").status == r.CARD_STATUS_ACTIVE
    for label in ["EXPIRED", "DELETED", "ACTIVE"]:
        refused(stock, label)  # stock cards change only by being issued
    refused(linked, "NOT_ISSUED")
    assert set_status(linked, "EXPIRED").status == r.CARD_STATUS_EXPIRED
    refused(linked, "DELETED")
    assert set_status(linked, "ACTIVE", "renewed").status == r.CARD_STATUS_ACTIVE
    assert set_status(linked, "DELETED", "fraud").status == r.CARD_STATUS_DELETED
    for label in ["ACTIVE", "EXPIRED", "DELETED"]:
        refused(linked, label)
    expect_error(
        lambda: cards.UnlinkCard(cpb.UnlinkCardRequest(number=linked)),
        Code.FAILED_PRECONDITION,
        "INVALID_STATUS_TRANSITION",
    )
    expect_error(lambda: set_status(linked, ""), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    history = log_of(cards, linked)
    assert [(c.from_status, c.to_status, c.reason) for c in history] == [
        (r.CARD_STATUS_UNSPECIFIED, r.CARD_STATUS_NOT_ISSUED, "created"),
        (r.CARD_STATUS_NOT_ISSUED, r.CARD_STATUS_ACTIVE, "issued"),
        (r.CARD_STATUS_ACTIVE, r.CARD_STATUS_SUSPENDED, "lost wallet"),
        (r.CARD_STATUS_SUSPENDED, r.CARD_STATUS_ACTIVE, "status changed"),
        (r.CARD_STATUS_ACTIVE, r.CARD_STATUS_EXPIRED, "status changed"),
        (r.CARD_STATUS_EXPIRED, r.CARD_STATUS_ACTIVE, "renewed"),
        (r.CARD_STATUS_ACTIVE, r.CARD_STATUS_DELETED, "fraud"),
    ]
    assert all(c.customer == ann.name and c.create_time.seconds > 0 for c in history[1:])
    page = cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=linked, page_size=4))
    rest = cards.ListCardStatusChanges(
        cpb.ListCardStatusChangesRequest(number=linked, page_size=4, page_token=page.next_page_token)
    )
    assert list(page.changes) + list(rest.changes) == history and not rest.next_page_token


def test_a_card_past_its_expiry_reads_expired(stub, cards, database_url) -> None:
    series = new_series(cards, expiry_days=10)
    [number] = generate(cards, series, 1)
    ann = customer_with(stub, "expiry@cards.com")
    cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=number))
    databases.execute(database_url, "UPDATE card SET expire_time = '2000-01-01 00:00:00' WHERE number = ?", (number,))
    card = get_card(cards, number)
    assert (card.status, card.status_label) == (r.CARD_STATUS_EXPIRED, "EXPIRED")
    assert stub.GetCustomer(pb.GetCustomerRequest(name=ann.name)).customer.cards[0].status == r.CARD_STATUS_EXPIRED
    expect_error(
        lambda: cards.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=number, status_label="DELETED")),
        Code.FAILED_PRECONDITION,
        "INVALID_STATUS_TRANSITION",
    )
    renewed = cards.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=number, status_label="ACTIVE")).card
    assert renewed.status == r.CARD_STATUS_ACTIVE and renewed.expire_time.seconds > time.time()
    assert [c.reason for c in log_of(cards, number)][-2:] == ["expired", "status changed"]


# Merges and reads ------------------------------------------------------------------------------


def test_cards_move_with_a_merge(stub, cards) -> None:
    series = new_series(cards)
    [a, b] = generate(cards, series, 2)
    survivor = create(stub, profile(INSTORE, ident(MOBILE, "8613600000001")))
    victim = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-card")))
    update(stub, victim.name, TMALL, add=[card_ident(a), card_ident(b)])
    merged = update(stub, victim.name, TMALL, add=[ident(MOBILE, "8613600000001")])
    assert merged.customer.name == survivor.name
    assert [c.number for c in merged.customer.cards] == [a, b]
    assert list(merged.merges[0].moved_cards) == [a, b]
    assert get_card(cards, a).customer == survivor.name
    assert log_of(cards, a)[-1].reason == f"merged into {survivor.name}"
    listed = cards.ListCards(cpb.ListCardsRequest(customer=victim.name)).cards
    assert [c.number for c in listed] == [a, b]


def test_a_merge_that_breaks_the_card_limit_is_refused(stub, cards, db_rows) -> None:
    series = new_series(cards, max_active=1)
    [a, b] = generate(cards, series, 2)
    survivor = create(stub, profile(INSTORE, ident(MOBILE, "8613600000002")))
    victim = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-limit")))
    cards.IssueCard(cpb.IssueCardRequest(customer=survivor.name, number=a))
    cards.IssueCard(cpb.IssueCardRequest(customer=victim.name, number=b))
    before = db_rows()
    expect_error(
        lambda: update(stub, victim.name, TMALL, add=[ident(MOBILE, "8613600000002")]),
        Code.FAILED_PRECONDITION,
        "CARD_LIMIT_EXCEEDED",
    )
    expect_error(
        lambda: stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)),
        Code.FAILED_PRECONDITION,
        "CARD_LIMIT_EXCEEDED",
    )
    assert db_rows() == before


def test_list_cards_filters_and_pages(stub, cards) -> None:
    gold, silver = new_series(cards, code="G", prefix="G"), new_series(cards, code="S", prefix="S")
    golds, silvers = generate(cards, gold, 3), generate(cards, silver, 2)
    ann = customer_with(stub, "list@cards.com")
    cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=golds[1]))
    cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=silvers[0]))
    mine = cards.ListCards(cpb.ListCardsRequest(customer=ann.name)).cards
    assert [c.number for c in mine] == [golds[1], silvers[0]]
    first = cards.ListCards(cpb.ListCardsRequest(series_id=gold.id, page_size=2))
    rest = cards.ListCards(cpb.ListCardsRequest(series_id=gold.id, page_size=2, page_token=first.next_page_token))
    assert [c.number for c in [*first.cards, *rest.cards]] == golds
    expect_error(
        lambda: cards.ListCards(cpb.ListCardsRequest(series_id=NO_SERIES)), Code.NOT_FOUND, "CARD_SERIES_NOT_FOUND"
    )
    expect_error(
        lambda: cards.ListCards(cpb.ListCardsRequest(page_token=first.next_page_token)),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    expect_error(
        lambda: stub.LookupCustomer(pb.LookupCustomerRequest(identifier=card_ident(golds[0]))),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
    )


def test_dry_run_issue_writes_nothing(stub, cards, db_rows) -> None:
    series = new_series(cards)
    [number] = generate(cards, series, 1)
    ann = customer_with(stub, "dry@cards.com")
    before = db_rows()
    dry = cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=number, validate_only=True))
    assert dry.card.customer == ann.name and dry.customer.cards[0].number == number
    assert db_rows() == before
    assert get_card(cards, number).customer == ""
