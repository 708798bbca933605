"""CreateCustomer, GetCustomer and LookupCustomer through the real server."""

from __future__ import annotations

import grpc

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
    create,
    expect_error,
    ident,
    profile,
)

Code = grpc.StatusCode


def lookup(stub, source: int, identifier: r.Identifier, account_id: str = "") -> r.Customer:
    return stub.LookupCustomer(
        pb.LookupCustomerRequest(source=source, account_id=account_id, identifier=identifier)
    ).customer


def test_create_normalizes_and_returns_the_customer(stub) -> None:
    customer = create(
        stub,
        profile(INSTORE, ident(MOBILE, "+91 98765-43210"), ident(EMAIL, " Ann@Example.COM ")),
        profile(WECHAT, ident(WECHAT_ID, "oWx-1"), account_id="wx-main"),
    )
    assert customer.name.startswith("customers/")
    assert customer.state == r.CUSTOMER_STATE_ACTIVE
    scopes = [(p.source, p.account_id) for p in customer.profiles]
    assert scopes == [(INSTORE, ""), (WECHAT, "wx-main")]
    instore = {i.type: i.value for i in customer.profiles[0].identifiers}
    assert instore == {MOBILE: "919876543210", EMAIL: "ann@example.com"}
    assert customer.create_time.seconds > 0
    assert stub.GetCustomer(pb.GetCustomerRequest(name=customer.name)).customer == customer


def test_lookup_finds_by_any_spelling_in_its_scope_only(stub) -> None:
    customer = create(stub, profile(INSTORE, ident(MOBILE, "919876543210")))
    assert lookup(stub, INSTORE, ident(MOBILE, "+91 (98765) 43210")).name == customer.name
    error = expect_error(
        lambda: lookup(stub, TMALL, ident(MOBILE, "919876543210")), Code.NOT_FOUND, "CUSTOMER_NOT_FOUND"
    )
    assert error.metadata["scope"] == "TMALL"


def test_lookup_needs_an_identifier_and_a_valid_scope(stub) -> None:
    expect_error(
        lambda: stub.LookupCustomer(pb.LookupCustomerRequest(source=INSTORE)), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    expect_error(lambda: lookup(stub, WECHAT, ident(WECHAT_ID, "o1")), Code.INVALID_ARGUMENT, "ACCOUNT_ID_REQUIRED")
    expect_error(lambda: lookup(stub, INSTORE, ident(MOBILE, "12")), Code.INVALID_ARGUMENT, "INVALID_IDENTIFIER")


def test_create_with_taken_identifier_in_same_scope_fails_and_writes_nothing(stub, db_rows) -> None:
    holder = create(stub, profile(INSTORE, ident(MOBILE, "8613800000001")))
    before = db_rows()
    error = expect_error(
        lambda: create(
            stub,
            profile(TMALL, ident(EXTERNAL_ID, "tm-1")),
            profile(INSTORE, ident(EMAIL, "b@example.com"), ident(MOBILE, "+86 138 0000 0001")),
        ),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    assert error.metadata["customer"] == holder.name
    assert db_rows() == before


def test_create_combines_with_the_one_customer_holding_an_identifier_elsewhere(stub) -> None:
    existing = create(stub, profile(INSTORE, ident(MOBILE, "8613800000002")))
    response = stub.CreateCustomer(
        pb.CreateCustomerRequest(
            profiles=[profile(WECHAT, ident(WECHAT_ID, "o-2"), ident(MOBILE, "8613800000002"), account_id="wx")]
        )
    )
    assert response.customer.name == existing.name
    assert [w.code for w in response.warnings] == ["COMBINED_WITH_EXISTING"]
    assert response.warnings[0].metadata["customer"] == existing.name
    assert {(p.source, p.account_id) for p in response.customer.profiles} == {(INSTORE, ""), (WECHAT, "wx")}
    assert lookup(stub, WECHAT, ident(WECHAT_ID, "o-2"), "wx").name == existing.name


def test_create_combining_into_a_customer_with_that_scope_is_a_profile_conflict(stub, db_rows) -> None:
    create(stub, profile(INSTORE, ident(MOBILE, "8613800000003")), profile(TMALL, ident(EXTERNAL_ID, "t-3")))
    before = db_rows()
    expect_error(
        lambda: create(stub, profile(TMALL, ident(MOBILE, "8613800000003"))),
        Code.FAILED_PRECONDITION,
        "PROFILE_CONFLICT",
    )
    assert db_rows() == before


def test_create_with_identifiers_of_two_customers_is_ambiguous(stub, db_rows) -> None:
    create(stub, profile(INSTORE, ident(MOBILE, "8613800000004")))
    create(stub, profile(INSTORE, ident(EMAIL, "two@example.com")))
    before = db_rows()
    error = expect_error(
        lambda: create(stub, profile(TMALL, ident(MOBILE, "8613800000004"), ident(EMAIL, "two@example.com"))),
        Code.FAILED_PRECONDITION,
        "AMBIGUOUS_MERGE",
    )
    assert len(error.metadata["customers"].split(",")) == 2
    assert db_rows() == before


def test_get_unknown_customer_is_not_found_with_resource_info(stub) -> None:
    name = "customers/00000000-0000-4000-8000-000000000000"
    error = expect_error(
        lambda: stub.GetCustomer(pb.GetCustomerRequest(name=name)), Code.NOT_FOUND, "CUSTOMER_NOT_FOUND"
    )
    assert error.resource_infos[0].resource_name == name
    assert error.resource_infos[0].resource_type == "customer"


def test_validate_only_create_writes_nothing(stub, db_rows) -> None:
    before = db_rows()
    response = stub.CreateCustomer(
        pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613800000005"))], validate_only=True)
    )
    assert response.customer.name.startswith("customers/")
    assert response.customer.profiles[0].identifiers[0].value == "8613800000005"
    assert db_rows() == before
    expect_error(
        lambda: stub.GetCustomer(pb.GetCustomerRequest(name=response.customer.name)),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
    )


def test_validate_only_reports_the_error_the_call_would_give(stub) -> None:
    create(stub, profile(INSTORE, ident(MOBILE, "8613800000006")))
    expect_error(
        lambda: stub.CreateCustomer(
            pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613800000006"))], validate_only=True)
        ),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
