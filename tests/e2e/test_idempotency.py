"""request_id: a retried request gets the first response and changes nothing (RULES 2.7)."""

from __future__ import annotations

import uuid

import grpc

from loyalty_identity.api.protos import identifier_pb as pb
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, MOBILE, TMALL, create, expect_error, ident, profile, update

Code = grpc.StatusCode


def test_retried_create_returns_the_first_response(stub, db_rows) -> None:
    request = pb.CreateCustomerRequest(
        profiles=[profile(INSTORE, ident(MOBILE, "8613700000001"))], request_id=str(uuid.uuid4())
    )
    first = stub.CreateCustomer(request)
    after_first = db_rows()
    again = stub.CreateCustomer(request)
    assert again == first
    assert db_rows() == after_first
    assert len(after_first["customer"]) == 1


def test_request_id_is_case_insensitive_uuid(stub) -> None:
    request_id = str(uuid.uuid4())
    first = create(stub, profile(INSTORE, ident(EMAIL, "case@example.com")), request_id=request_id)
    again = create(stub, profile(INSTORE, ident(EMAIL, "case@example.com")), request_id=request_id.upper())
    assert again == first


def test_retried_merge_does_not_merge_twice(stub, db_rows) -> None:
    survivor = create(stub, profile(INSTORE, ident(MOBILE, "8613700000002")))
    victim = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-i2")))
    request_id = str(uuid.uuid4())
    first = update(stub, victim.name, TMALL, add=[ident(MOBILE, "8613700000002")], request_id=request_id)
    assert first.merges[0].request_id == request_id
    after_first = db_rows()
    again = update(stub, victim.name, TMALL, add=[ident(MOBILE, "8613700000002")], request_id=request_id)
    assert again == first  # not CUSTOMER_MERGED: the retry is answered from the record
    assert db_rows() == after_first
    assert len(after_first["merge"]) == 1
    listed = stub.ListMerges(pb.ListMergesRequest(customer=survivor.name)).merges
    assert [m.request_id for m in listed] == [request_id]


def test_same_request_id_with_another_request_is_refused(stub, db_rows) -> None:
    request_id = str(uuid.uuid4())
    c = create(stub, profile(INSTORE, ident(MOBILE, "8613700000003")), request_id=request_id)
    before = db_rows()
    error = expect_error(
        lambda: update(stub, c.name, INSTORE, add=[ident(EMAIL, "reuse@example.com")], request_id=request_id),
        Code.FAILED_PRECONDITION,
        "REQUEST_ID_REUSED",
    )
    assert error.metadata["request_id"] == request_id
    expect_error(
        lambda: create(stub, profile(INSTORE, ident(MOBILE, "8613700000004")), request_id=request_id),
        Code.FAILED_PRECONDITION,
        "REQUEST_ID_REUSED",
    )
    assert db_rows() == before


def test_a_failed_request_can_be_retried_with_its_request_id(stub) -> None:
    holder = create(stub, profile(INSTORE, ident(MOBILE, "8613700000005")))
    c = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-i5")))
    request_id = str(uuid.uuid4())
    expect_error(
        lambda: update(stub, c.name, INSTORE, add=[ident(MOBILE, "8613700000005")], request_id=request_id),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    update(stub, holder.name, INSTORE, remove=[ident(MOBILE, "8613700000005")], add=[ident(EMAIL, "h@example.com")])
    done = update(stub, c.name, INSTORE, add=[ident(MOBILE, "8613700000005")], request_id=request_id)
    assert done.customer.name == c.name


def test_dry_runs_do_not_consume_request_ids(stub, db_rows) -> None:
    request_id = str(uuid.uuid4())
    request = pb.CreateCustomerRequest(
        profiles=[profile(INSTORE, ident(MOBILE, "8613700000006"))], request_id=request_id, validate_only=True
    )
    stub.CreateCustomer(request)
    assert db_rows()["request"] == []
    request.validate_only = False
    assert stub.CreateCustomer(request).customer.profiles[0].identifiers[0].value == "8613700000006"


def test_malformed_request_id_is_invalid(stub) -> None:
    error = expect_error(
        lambda: create(stub, profile(INSTORE, ident(MOBILE, "8613700000007")), request_id="retry-1"),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert error.field == "request_id"
