"""request_id: a retried request gets the first answer, a reply or a refusal, and changes nothing (RULES 2.7)."""

from __future__ import annotations

import time
import uuid

import grpc

from loyalty_identity.api.protos import identifier_pb as pb
from tests import databases
from tests.helpers import (
    EMAIL,
    EXTERNAL_ID,
    INSTORE,
    MOBILE,
    TMALL,
    RichError,
    answer_of,
    create,
    expect_error,
    ident,
    profile,
    refusal,
    update,
)

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


def only_its_request_id(before: dict[str, list], after: dict[str, list], request_id: str) -> None:
    """A refusal wrote its request_id's row (and the customers it names), nothing else."""
    changed = {table for table in after if after[table] != before[table]}
    assert changed <= {"request", "request_customer"}, changed
    [row] = set(after["request"]) - set(before["request"])
    assert row[2] == request_id and len(after["request"]) == len(before["request"]) + 1


def test_a_refusal_is_the_answer_to_its_request_id_even_after_the_world_changed(stub, db_rows) -> None:
    """RULES 2.7: the holder lets go of the value, yet the retry is refused as the first attempt was."""
    holder = create(stub, profile(INSTORE, ident(MOBILE, "8613700000005")))
    c = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-i5")))
    request_id = str(uuid.uuid4())

    def claim() -> None:
        update(stub, c.name, INSTORE, add=[ident(MOBILE, "8613700000005")], request_id=request_id)

    before = db_rows()
    first = refusal(claim)
    taken = RichError(first)
    assert (taken.code, taken.reason, taken.metadata["customer"]) == (
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
        holder.name,
    )
    only_its_request_id(before, db_rows(), request_id)
    update(stub, holder.name, INSTORE, remove=[ident(MOBILE, "8613700000005")], add=[ident(EMAIL, "h@example.com")])
    after_release = db_rows()
    assert answer_of(refusal(claim)) == answer_of(first)  # code, message, ErrorInfo and all: byte for byte
    assert db_rows() == after_release
    # A new request_id is a new request: it runs on today's state.
    done = update(stub, c.name, INSTORE, add=[ident(MOBILE, "8613700000005")], request_id=str(uuid.uuid4()))
    assert done.customer.name == c.name


def test_a_refused_create_is_refused_again_after_the_holder_let_go(stub, db_rows) -> None:
    holder = create(stub, profile(INSTORE, ident(EXTERNAL_ID, "held-1")))
    request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, "held-1"))])
    request.request_id = str(uuid.uuid4())
    first = refusal(lambda: stub.CreateCustomer(request))
    assert (RichError(first).reason, RichError(first).metadata["customer"]) == ("IDENTIFIER_TAKEN", holder.name)
    update(stub, holder.name, INSTORE, remove=[ident(EXTERNAL_ID, "held-1")], add=[ident(EMAIL, "gone@example.com")])
    before = db_rows()
    assert answer_of(refusal(lambda: stub.CreateCustomer(request))) == answer_of(first)
    assert db_rows() == before


def test_a_profile_conflict_stays_the_answer_after_the_conflict_is_gone(stub, db_rows) -> None:
    """The refusal the issue saw twins disagree on: PROFILE_CONFLICT, then the conflicting profile goes."""
    survivor = create(stub, profile(INSTORE, ident(MOBILE, "8613700000008")))
    victim = create(stub, profile(INSTORE, ident(EMAIL, "pc@example.com")), profile(TMALL, ident(EXTERNAL_ID, "pc-1")))
    request = pb.UpdateIdentifiersRequest(
        customer=victim.name, source=TMALL, add=[ident(MOBILE, "8613700000008")], request_id=str(uuid.uuid4())
    )
    before = db_rows()
    first = refusal(lambda: stub.UpdateIdentifiers(request))
    conflict = RichError(first)
    assert (conflict.reason, conflict.metadata["victim"], conflict.metadata["survivor"]) == (
        "PROFILE_CONFLICT",
        victim.name,
        survivor.name,
    )
    only_its_request_id(before, db_rows(), request.request_id)
    update(stub, victim.name, INSTORE, remove=[ident(EMAIL, "pc@example.com")])  # no INSTORE profile left
    after_change = db_rows()
    assert answer_of(refusal(lambda: stub.UpdateIdentifiers(request))) == answer_of(first)
    assert db_rows() == after_change
    request.request_id = str(uuid.uuid4())
    assert stub.UpdateIdentifiers(request).customer.name == survivor.name  # now it merges


def test_not_found_and_its_resource_info_are_answered_again(stub) -> None:
    request = pb.MergeCustomersRequest(
        victim=f"customers/{uuid.uuid4()}", survivor=f"customers/{uuid.uuid4()}", request_id=str(uuid.uuid4())
    )
    first = refusal(lambda: stub.MergeCustomers(request))
    assert RichError(first).resource_infos and RichError(first).reason == "CUSTOMER_NOT_FOUND"
    assert answer_of(refusal(lambda: stub.MergeCustomers(request))) == answer_of(first)


def test_another_request_under_a_refused_request_id_is_request_id_reused(stub, db_rows) -> None:
    holder = create(stub, profile(INSTORE, ident(MOBILE, "8613700000009")))
    request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613700000009"))])
    request.request_id = str(uuid.uuid4())
    first = refusal(lambda: stub.CreateCustomer(request))
    before = db_rows()
    other = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613700000010"))])
    other.request_id = request.request_id
    reused = expect_error(lambda: stub.CreateCustomer(other), Code.FAILED_PRECONDITION, "REQUEST_ID_REUSED")
    assert reused.metadata["request_id"] == request.request_id
    assert answer_of(refusal(lambda: stub.CreateCustomer(request))) == answer_of(first)
    assert db_rows() == before and holder.name == RichError(first).metadata["customer"]


def test_errors_of_the_request_itself_store_nothing(stub, db_rows) -> None:
    """Checked before the transaction, from the request alone: a retry gets the same error anyway."""
    c = create(stub, profile(INSTORE, ident(MOBILE, "8613700000011")))
    request_id = str(uuid.uuid4())
    before = db_rows()
    expect_error(
        lambda: update(stub, c.name, INSTORE, add=[ident(EMAIL, "not an email")], request_id=request_id),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
    )
    assert db_rows() == before
    assert update(stub, c.name, INSTORE, add=[ident(EMAIL, "fine@example.com")], request_id=request_id).customer


def test_a_refusal_cut_short_by_its_deadline_is_not_stored(stub, database_url, db_rows) -> None:
    """DEADLINE_EXCEEDED is not an answer: the retry runs again, on the state it finds then."""
    holder = create(stub, profile(INSTORE, ident(MOBILE, "8613700000012")))
    c = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-i12")))
    request = pb.UpdateIdentifiersRequest(
        customer=c.name, source=INSTORE, add=[ident(MOBILE, "8613700000012")], request_id=str(uuid.uuid4())
    )
    before = db_rows()
    with databases.write_lock_held(database_url):
        late = refusal(lambda: stub.UpdateIdentifiers(request, timeout=0.5))
        assert late.code() == Code.DEADLINE_EXCEEDED  # the client's timer: no status details
        time.sleep(1.0)  # the server gave up waiting for the lock too
    time.sleep(0.5)
    assert db_rows() == before
    update(stub, holder.name, INSTORE, remove=[ident(MOBILE, "8613700000012")], add=[ident(EMAIL, "h12@example.com")])
    assert stub.UpdateIdentifiers(request).customer.name == c.name  # not the refusal it would have been


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
