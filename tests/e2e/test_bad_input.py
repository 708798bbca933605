"""Malformed requests get INVALID_ARGUMENT or NOT_FOUND with the right reason, and write nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest

from loyalty_identity.api.protos import card_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.service.commands import MAX_IDENTIFIERS_PER_REQUEST
from tests.e2e.test_cards import series_msg
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, MOBILE, WECHAT, WECHAT_ID, create, expect_error, ident, profile

Code = grpc.StatusCode
UNKNOWN_CUSTOMER = "customers/00000000-0000-4000-8000-00000000abcd"
SERVICE = "/loyalty.identity.v1.IdentifierService/"


def create_request(*profiles: r.Profile) -> Callable[[Any, str], Any]:
    return lambda stub, _name: stub.CreateCustomer(pb.CreateCustomerRequest(profiles=profiles))


def update_request(source: int = INSTORE, account_id: str = "", add=(), remove=(), customer: str = "") -> Callable:
    def call(stub: Any, name: str) -> Any:
        return stub.UpdateIdentifiers(
            pb.UpdateIdentifiersRequest(
                customer=customer or name, source=source, account_id=account_id, add=add, remove=remove
            )
        )

    return call


too_many = [ident(EXTERNAL_ID, f"ext-{i}") for i in range(MAX_IDENTIFIERS_PER_REQUEST + 1)]

CASES: list[tuple[str, Callable[[Any, str], Any], grpc.StatusCode, str, str]] = [
    ("no profiles", create_request(), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", "profiles"),
    (
        "empty profile",
        create_request(profile(INSTORE)),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "profiles[0].identifiers",
    ),
    (
        "two profiles, one scope",
        create_request(profile(INSTORE, ident(EMAIL, "a@x.com")), profile(INSTORE, ident(MOBILE, "8612345678"))),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "profiles[1]",
    ),
    (
        "unknown source",
        create_request(profile(99, ident(EMAIL, "a@x.com"))),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "profiles[0].source",
    ),
    (
        "unspecified source",
        create_request(profile(0, ident(EMAIL, "a@x.com"))),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "profiles[0].source",
    ),
    (
        "unknown type",
        create_request(profile(INSTORE, ident(77, "v"))),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "profiles[0].identifiers[0].type",
    ),
    (
        "missing account",
        create_request(profile(WECHAT, ident(WECHAT_ID, "o"))),
        Code.INVALID_ARGUMENT,
        "ACCOUNT_ID_REQUIRED",
        "profiles[0].account_id",
    ),
    (
        "forbidden account",
        create_request(profile(INSTORE, ident(EMAIL, "a@x.com"), account_id="acc")),
        Code.INVALID_ARGUMENT,
        "ACCOUNT_ID_NOT_ALLOWED",
        "profiles[0].account_id",
    ),
    (
        "bad email",
        create_request(profile(INSTORE, ident(EMAIL, "not-an-email"))),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
        "profiles[0].identifiers[0].value",
    ),
    (
        "bad mobile",
        create_request(profile(INSTORE, ident(MOBILE, "12-34"))),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
        "profiles[0].identifiers[0].value",
    ),
    (
        "empty value",
        create_request(profile(INSTORE, ident(EXTERNAL_ID, ""))),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
        "profiles[0].identifiers[0].value",
    ),
    (
        "oversized value",
        create_request(profile(INSTORE, ident(EXTERNAL_ID, "x" * 10_000))),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
        "profiles[0].identifiers[0].value",
    ),
    (
        "NUL byte",
        create_request(profile(INSTORE, ident(EXTERNAL_ID, "ab\x00c"))),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
        "profiles[0].identifiers[0].value",
    ),
    (
        "placeholder",
        create_request(profile(INSTORE, ident(EXTERNAL_ID, "undefined"))),
        Code.INVALID_ARGUMENT,
        "BLOCKED_VALUE",
        "profiles[0].identifiers[0].value",
    ),
    (
        "too many identifiers",
        create_request(profile(INSTORE, *too_many)),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "profiles",
    ),
    (
        "malformed customer name",
        update_request(add=[ident(EMAIL, "a@x.com")], customer="customers/abc"),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "customer",
    ),
    (
        "upper-case customer id",
        update_request(add=[ident(EMAIL, "a@x.com")], customer=UNKNOWN_CUSTOMER.upper()),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "customer",
    ),
    (
        "unknown customer",
        update_request(add=[ident(EMAIL, "a@x.com")], customer=UNKNOWN_CUSTOMER),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
        "",
    ),
    ("nothing to do", update_request(), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", "add"),
    ("update too many", update_request(add=too_many), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", "add"),
    (
        "update bad remove",
        update_request(remove=[ident(EMAIL, "@@")]),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
        "remove[0].value",
    ),
    (
        "update missing account",
        update_request(source=WECHAT, add=[ident(WECHAT_ID, "o")]),
        Code.INVALID_ARGUMENT,
        "ACCOUNT_ID_REQUIRED",
        "account_id",
    ),
    (
        "update unknown source",
        update_request(source=-5, add=[ident(WECHAT_ID, "o")]),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "source",
    ),
    (
        "get empty name",
        lambda stub, _n: stub.GetCustomer(pb.GetCustomerRequest()),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "name",
    ),
    (
        "get foreign collection",
        lambda stub, n: stub.GetCustomer(pb.GetCustomerRequest(name=n.replace("customers", "merges"))),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "name",
    ),
    (
        "merge malformed victim",
        lambda stub, n: stub.MergeCustomers(pb.MergeCustomersRequest(victim="x", survivor=n)),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "victim",
    ),
    (
        "merge unknown survivor",
        lambda stub, n: stub.MergeCustomers(pb.MergeCustomersRequest(victim=n, survivor=UNKNOWN_CUSTOMER)),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
        "",
    ),
    (
        "list malformed customer",
        lambda stub, _n: stub.ListMerges(pb.ListMergesRequest(customer="customers/")),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
        "customer",
    ),
]


@pytest.mark.parametrize(("case", "call", "code", "reason", "field"), CASES, ids=[c[0] for c in CASES])
def test_malformed_request_is_refused_without_writing(stub, db_rows, case, call, code, reason, field) -> None:
    existing = create(stub, profile(INSTORE, ident(EMAIL, "existing@example.com")))
    before = db_rows()
    error = expect_error(lambda: call(stub, existing.name), code, reason)
    if field:
        assert error.field == field
    assert db_rows() == before


@pytest.mark.parametrize(
    "payload",
    [b"\xff\xff\xff", b"\x0a\x05ab", b"\x0a\x02\xff\xfe", b"\x08" + b"\xff" * 11],
    ids=["garbage", "truncated", "invalid utf-8", "overlong varint"],
)
def test_undecodable_bytes_are_invalid_argument_not_internal(channel, payload: bytes) -> None:
    raw_call = channel.unary_unary(SERVICE + "GetCustomer", request_serializer=None, response_deserializer=None)
    expect_error(lambda: raw_call(payload), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")


def accepted(enum_name: str) -> str:
    """The names a caller may send, as the proto spells them (UNSPECIFIED left out)."""
    values = r.DESCRIPTOR.enum_types_by_name[enum_name].values
    return ", ".join(v.name for v in values if v.number != 0)


def series_with(card_type: Any = r.CARD_TYPE_PHYSICAL, method: int = r.CARD_NUMBER_METHOD_SEQUENTIAL) -> Callable:
    msg = series_msg(method=method)
    msg.type = card_type  # any number, as a client of another proto version could send
    return lambda _stub, cards, _name: cards.CreateCardSeries(cpb.CreateCardSeriesRequest(series=msg))


def lookup_request(source: int, id_type: int) -> Callable:
    request = pb.LookupCustomerRequest(source=source, identifier=ident(id_type, "ext-1"))
    return lambda stub, _cards, _name: stub.LookupCustomer(request)


def update_with(**kwargs: Any) -> Callable:
    return lambda stub, _cards, name: update_request(**kwargs)(stub, name)


def create_with(*profiles: r.Profile) -> Callable:
    return lambda stub, _cards, _name: create_request(*profiles)(stub, _name)


EMAIL_AT = ident(EMAIL, "enum@x.com")
ENUM_CASES: list[tuple[str, Callable, str, str, str]] = [
    (
        "create, no source",
        create_with(profile(0, EMAIL_AT)),
        "profiles[0].source",
        "missing source (unset or SOURCE_UNSPECIFIED)",
        "Source",
    ),
    (
        "create, unknown source",
        create_with(profile(INSTORE, EMAIL_AT), profile(99, ident(MOBILE, "8612345678"))),
        "profiles[1].source",
        "unknown source 99",
        "Source",
    ),
    (
        "create, no type",
        create_with(profile(INSTORE, EMAIL_AT, ident(0, "v"))),
        "profiles[0].identifiers[1].type",
        "missing identifier type (unset or IDENTIFIER_TYPE_UNSPECIFIED)",
        "IdentifierType",
    ),
    (
        "update, unknown type",
        update_with(add=[EMAIL_AT, ident(77, "v")]),
        "add[1].type",
        "unknown identifier type 77",
        "IdentifierType",
    ),
    (
        "update, no remove type",
        update_with(remove=[ident(0, "v")]),
        "remove[0].type",
        "missing identifier type (unset or IDENTIFIER_TYPE_UNSPECIFIED)",
        "IdentifierType",
    ),
    ("update, negative source", update_with(source=-5, add=[EMAIL_AT]), "source", "unknown source -5", "Source"),
    (
        "lookup, no source",
        lookup_request(0, EXTERNAL_ID),
        "source",
        "missing source (unset or SOURCE_UNSPECIFIED)",
        "Source",
    ),
    (
        "lookup, unknown type",
        lookup_request(INSTORE, 99),
        "identifier.type",
        "unknown identifier type 99",
        "IdentifierType",
    ),
    (
        "series, no type",
        series_with(card_type=0),
        "series.type",
        "missing card type (unset or CARD_TYPE_UNSPECIFIED)",
        "CardType",
    ),
    ("series, unknown type", series_with(card_type=3), "series.type", "unknown card type 3", "CardType"),
    (
        "series, no method",
        series_with(method=0),
        "series.format.method",
        "missing card number method (unset or CARD_NUMBER_METHOD_UNSPECIFIED)",
        "CardNumberMethod",
    ),
    (
        "series, unknown method",
        series_with(method=9),
        "series.format.method",
        "unknown card number method 9",
        "CardNumberMethod",
    ),
    (
        "label, no status",
        lambda _stub, cards, _name: cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="VIP")),
        "status",
        "missing card status (unset or CARD_STATUS_UNSPECIFIED)",
        "CardStatus",
    ),
    (
        "label, unknown status",
        lambda _stub, cards, _name: cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="VIP", status=42)),
        "status",
        "unknown card status 42",
        "CardStatus",
    ),
]


@pytest.mark.parametrize(("case", "call", "field", "problem", "enum_name"), ENUM_CASES, ids=[c[0] for c in ENUM_CASES])
def test_enum_errors_say_missing_or_unknown_name_the_field_and_list_the_names(
    stub, channel, db_rows, case, call, field, problem, enum_name
) -> None:
    existing = create(stub, profile(INSTORE, ident(EMAIL, "existing@example.com")))
    cards = card_grpc.CardServiceStub(channel)
    before = db_rows()
    error = expect_error(lambda: call(stub, cards, existing.name), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert error.field == field
    expected = f"{field}: {problem}; accepted: {accepted(enum_name)}"
    assert error.status.message == expected
    assert error.bad_requests[0].field_violations[0].description == expected
    assert db_rows() == before
