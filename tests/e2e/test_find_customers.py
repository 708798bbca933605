"""FindCustomers (RULES 2.10) through the real server, on both engines.

Many identifiers resolved in one call: in a scope or in any scope, card numbers
org-wide, answers in request order, a miss an empty answer. Each query is
validated exactly as LookupCustomer validates its own request.
"""

from __future__ import annotations

import grpc
import pytest

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests.helpers import (
    EMAIL,
    EXTERNAL_ID,
    INSTORE,
    MOBILE,
    TMALL,
    WECHAT,
    WECHAT_ID,
    RichError,
    create,
    expect_error,
    ident,
    profile,
    unique_email,
    unique_mobile,
    update,
)
from tests.security.test_auth import token_line

Code = grpc.StatusCode
CARD = r.IDENTIFIER_TYPE_CARD_NUMBER
UNSPECIFIED = r.SOURCE_UNSPECIFIED


def query(identifier: r.Identifier | None, source: int = UNSPECIFIED, account_id: str = "") -> pb.IdentifierQuery:
    return pb.IdentifierQuery(source=source, account_id=account_id, identifier=identifier)


def find(stub, *queries: pb.IdentifierQuery, **kwargs) -> list[pb.FoundCustomer]:
    return list(stub.FindCustomers(pb.FindCustomersRequest(queries=queries), **kwargs).results)


def lookup(stub, source: int, identifier: r.Identifier, account_id: str = "") -> r.Customer:
    request = pb.LookupCustomerRequest(source=source, account_id=account_id, identifier=identifier)
    return stub.LookupCustomer(request).customer


def issue_card(cards, customer: str) -> str:
    series = r.CardSeries(
        code=f"S{unique_mobile()}",
        name="Gold",
        type=r.CARD_TYPE_PHYSICAL,
        format=r.CardNumberFormat(prefix="GD", length=10, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
    )
    series_id = cards.CreateCardSeries(cpb.CreateCardSeriesRequest(series=series)).series.id
    return cards.IssueCard(cpb.IssueCardRequest(customer=customer, series_id=series_id)).card.number


def answer(found: pb.FoundCustomer) -> tuple[str, int, str]:
    return found.customer.name, found.source, found.account_id


# What is found ---------------------------------------------------------------


def test_answers_come_in_request_order_with_their_scope(stub, cards) -> None:
    mobile, email = unique_mobile(), unique_email()
    ann = create(
        stub,
        profile(TMALL, ident(EMAIL, email)),
        profile(WECHAT, ident(EMAIL, email), ident(WECHAT_ID, "o-ann"), account_id="wx-b"),
        profile(WECHAT, ident(EMAIL, email), account_id="wx-a"),
    )
    bob = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    number = issue_card(cards, bob.name)
    [stock] = cards.GenerateCards(
        cpb.GenerateCardsRequest(series_id=cards.GetCard(cpb.GetCardRequest(number=number)).card.series_id, count=1)
    ).numbers
    results = find(
        stub,
        query(ident(MOBILE, "+" + mobile[:2] + " " + mobile[2:]), INSTORE),  # any spelling, its scope
        query(ident(EMAIL, email.upper())),  # any scope: the first one holding it
        query(ident(MOBILE, mobile), TMALL),  # held, but not in this scope: a miss
        query(ident(CARD, number.lower()), WECHAT, "ignored"),  # cards ignore the scope
        query(ident(EXTERNAL_ID, "nobody")),  # nobody holds it
        query(ident(WECHAT_ID, "o-ann"), WECHAT, "wx-b"),
        query(ident(CARD, stock)),  # a card in stock has no holder
        query(ident(MOBILE, mobile)),
    )
    assert [answer(f) for f in results] == [
        (bob.name, INSTORE, ""),
        (ann.name, WECHAT, "wx-a"),  # WECHAT (2) before TMALL (6); wx-a before wx-b
        ("", UNSPECIFIED, ""),
        (bob.name, UNSPECIFIED, ""),
        ("", UNSPECIFIED, ""),
        (ann.name, WECHAT, "wx-b"),
        ("", UNSPECIFIED, ""),
        (bob.name, INSTORE, ""),
    ]
    # A hit is the whole customer, as LookupCustomer answers it; a miss leaves it unset.
    assert results[1].customer == lookup(stub, TMALL, ident(EMAIL, email))
    assert results[3].customer == lookup(stub, INSTORE, ident(MOBILE, mobile))
    assert not results[2].HasField("customer") and not results[4].HasField("customer")


def test_a_merged_customer_is_never_found_its_survivor_is(stub) -> None:
    mobile = unique_mobile()
    survivor = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(stub, profile(WECHAT, ident(WECHAT_ID, "o-victim"), account_id="wx"))
    update(stub, victim.name, WECHAT, "wx", add=[ident(MOBILE, mobile)])
    results = find(
        stub, query(ident(WECHAT_ID, "o-victim")), query(ident(MOBILE, mobile)), query(ident(MOBILE, mobile))
    )
    assert [answer(f) for f in results] == [
        (survivor.name, WECHAT, "wx"),
        (survivor.name, INSTORE, ""),
        (survivor.name, INSTORE, ""),
    ]
    assert {p.source for p in results[0].customer.profiles} == {INSTORE, WECHAT}


def test_a_hundred_queries_in_one_call(stub) -> None:
    emails = [unique_email() for _ in range(50)]
    holders = [create(stub, profile(TMALL, ident(EMAIL, email))).name for email in emails[:5]]
    queries = [query(ident(EMAIL, email), TMALL if i % 2 else UNSPECIFIED) for i, email in enumerate(emails * 2)]
    results = find(stub, *queries)
    assert len(results) == 100
    assert [f.customer.name for f in results] == (holders + [""] * 45) * 2
    assert [f.source for f in results[:5]] == [TMALL] * 5


def test_another_orgs_customers_are_not_found(start_server) -> None:
    server = start_server(tokens=f"{token_line('acme', 'a-token')};{token_line('globex', 'g-token')}")
    stub = identifier_grpc.IdentifierServiceStub(grpc.insecure_channel(f"127.0.0.1:{server.port}"))
    acme, globex = (("authorization", "Bearer a-token"),), (("authorization", "Bearer g-token"),)
    mobile = unique_mobile()
    ann = stub.CreateCustomer(
        pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, mobile))]), metadata=acme
    ).customer
    queries = [query(ident(MOBILE, mobile), INSTORE), query(ident(MOBILE, mobile))]
    assert [f.customer.name for f in find(stub, *queries, metadata=acme)] == [ann.name, ann.name]
    assert [f.HasField("customer") for f in find(stub, *queries, metadata=globex)] == [False, False]
    for metadata in [(), (("authorization", "Bearer wrong"),)]:
        expect_error(lambda m=metadata: find(stub, *queries, metadata=m), Code.UNAUTHENTICATED, "UNAUTHENTICATED")


# What is refused ---------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 101])
def test_one_to_a_hundred_queries(stub, count: int) -> None:
    queries = [query(ident(EMAIL, f"q{i}@example.com")) for i in range(count)]
    error = expect_error(lambda: find(stub, *queries), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert error.field == "queries"


# (source, account_id, identifier) of a LookupCustomer request, the reason it gets, and the field.
BAD_QUERIES = [
    (INSTORE, "", None, "INVALID_ARGUMENT", "identifier"),
    (INSTORE, "", ident(0, "x1"), "INVALID_ARGUMENT", "identifier.type"),
    (INSTORE, "", ident(99, "x1"), "INVALID_ARGUMENT", "identifier.type"),
    (INSTORE, "", ident(MOBILE, "12"), "INVALID_IDENTIFIER", "identifier.value"),
    (TMALL, "", ident(EMAIL, "ann at example.com"), "INVALID_IDENTIFIER", "identifier.value"),
    (INSTORE, "", ident(EXTERNAL_ID, "a\x00b"), "INVALID_IDENTIFIER", "identifier.value"),
    (INSTORE, "", ident(CARD, " "), "INVALID_IDENTIFIER", "identifier.value"),
    (INSTORE, "", ident(EMAIL, "test@test.com"), "BLOCKED_VALUE", "identifier.value"),
    (INSTORE, "", ident(MOBILE, "0000000000"), "BLOCKED_VALUE", "identifier.value"),
    (WECHAT, "", ident(WECHAT_ID, "o1"), "ACCOUNT_ID_REQUIRED", "account_id"),
    (WECHAT, "  ", ident(WECHAT_ID, "o1"), "ACCOUNT_ID_REQUIRED", "account_id"),
    (WECHAT, "x" * 129, ident(WECHAT_ID, "o1"), "INVALID_ARGUMENT", "account_id"),
    (INSTORE, "acc", ident(MOBILE, "8613800138000"), "ACCOUNT_ID_NOT_ALLOWED", "account_id"),
    (99, "", ident(MOBILE, "8613800138000"), "INVALID_ARGUMENT", "source"),
]


@pytest.mark.parametrize(("source", "account_id", "identifier", "reason", "field"), BAD_QUERIES)
def test_each_query_is_refused_as_lookup_customer_refuses_it(
    stub, source: int, account_id: str, identifier: r.Identifier | None, reason: str, field: str
) -> None:
    request = pb.LookupCustomerRequest(source=source, account_id=account_id, identifier=identifier)
    looked_up = expect_error(lambda: stub.LookupCustomer(request), Code.INVALID_ARGUMENT, reason)
    assert looked_up.field == field
    good = query(ident(MOBILE, unique_mobile()), INSTORE)
    bad = query(identifier, source, account_id)
    found = expect_error(lambda: find(stub, good, good, bad, good), Code.INVALID_ARGUMENT, reason)
    assert found.field == f"queries[2].{field}"
    assert found.metadata == looked_up.metadata
    assert found.status.message == f"queries[2].{looked_up.status.message}"


def test_a_query_without_a_source_takes_no_account(stub) -> None:
    error = expect_error(
        lambda: find(stub, query(ident(MOBILE, unique_mobile())), query(ident(EMAIL, unique_email()), account_id="wx")),
        Code.INVALID_ARGUMENT,
        "ACCOUNT_ID_NOT_ALLOWED",
    )
    assert error.field == "queries[1].account_id"


def test_a_card_query_ignores_its_scope_as_lookup_does(stub, cards) -> None:
    ann = create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    number = issue_card(cards, ann.name)
    for source, account_id in [(UNSPECIFIED, "any"), (WECHAT, ""), (INSTORE, "x"), (99, "")]:
        assert lookup(stub, source, ident(CARD, number), account_id).name == ann.name
        [found] = find(stub, query(ident(CARD, number), source, account_id))
        assert answer(found) == (ann.name, UNSPECIFIED, "")


def test_the_first_refused_query_names_the_error(stub) -> None:
    error = expect_error(
        lambda: find(stub, query(ident(MOBILE, "12")), query(ident(EMAIL, "null"))),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
    )
    assert isinstance(error, RichError) and error.field == "queries[0].identifier.value"
