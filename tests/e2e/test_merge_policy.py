"""Merge policies (SPEC 7.1): GetMergePolicy / UpdateMergePolicy, and NEVER applied where merges and combines happen."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import grpc
import pytest
from grpc import StatusCode as Code

from loyalty_identity.api.protos import event_grpc, merge_review_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import merge_review_pb as mpb
from loyalty_identity.api.protos import resources_pb as r
from tests.helpers import (
    EMAIL,
    INSTORE,
    MOBILE,
    TMALL,
    create,
    expect_error,
    ident,
    profile,
    unique_email,
    unique_mobile,
    update,
)

AUTO, REVIEW, NEVER = r.MERGE_MODE_AUTO, r.MERGE_MODE_REVIEW, r.MERGE_MODE_NEVER


@pytest.fixture
def review(channel: grpc.Channel) -> merge_review_grpc.MergeReviewServiceStub:
    return merge_review_grpc.MergeReviewServiceStub(channel)


def policy(*rules: tuple[int, int], limit: int = 0) -> r.MergePolicy:
    return r.MergePolicy(rules=[r.TypeRule(type=t, mode=m) for t, m in rules], max_merged_customers=limit)


def set_policy(review: Any, value: r.MergePolicy, **kwargs: Any) -> r.MergePolicy:
    return review.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=value, **kwargs))


def policy_events(channel: grpc.Channel) -> list[r.MergePolicy]:
    feed = event_grpc.EventServiceStub(channel).ListEvents(epb.ListEventsRequest(page_size=1000)).events
    return [e.merge_policy_changed.policy for e in feed if e.WhichOneof("change") == "merge_policy_changed"]


def test_the_default_policy_is_empty_and_a_new_one_is_kept_whole_and_told_once(review, channel) -> None:
    assert review.GetMergePolicy(mpb.GetMergePolicyRequest()) == r.MergePolicy()
    wanted = policy((EMAIL, AUTO), (MOBILE, NEVER))
    kept = set_policy(review, wanted)
    assert kept == policy((MOBILE, NEVER), (EMAIL, AUTO))  # by type
    assert review.GetMergePolicy(mpb.GetMergePolicyRequest()) == kept
    set_policy(review, wanted)  # the same again: no change, no event
    assert policy_events(channel) == [kept]
    set_policy(review, r.MergePolicy())
    assert policy_events(channel) == [kept, r.MergePolicy()]


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (policy((r.IDENTIFIER_TYPE_CARD_NUMBER, NEVER)), "policy.rules[0].type"),
        (policy((r.IDENTIFIER_TYPE_UNSPECIFIED, NEVER)), "policy.rules[0].type"),
        (policy((MOBILE, NEVER), (MOBILE, AUTO)), "policy.rules[1].type"),
        (policy((MOBILE, r.MERGE_MODE_UNSPECIFIED)), "policy.rules[0].mode"),
        (policy(limit=-1), "policy.max_merged_customers"),
        (policy((MOBILE, r.MergeMode.Value("MERGE_MODE_NEVER") + 7)), "policy.rules[0].mode"),
    ],
)
def test_a_bad_policy_is_refused_and_nothing_is_written(review, db_rows, bad: r.MergePolicy, field: str) -> None:
    before = db_rows()
    error = expect_error(lambda: set_policy(review, bad), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert error.field == field
    assert db_rows() == before


def test_validate_only_and_request_ids(review, db_rows) -> None:
    before = db_rows()
    dry = set_policy(review, policy((MOBILE, NEVER)), validate_only=True)
    assert dry == policy((MOBILE, NEVER)) and db_rows() == before
    request_id = str(uuid.uuid4())
    first = set_policy(review, policy((MOBILE, NEVER)), request_id=request_id)
    set_policy(review, r.MergePolicy())
    assert set_policy(review, policy((MOBILE, NEVER)), request_id=request_id) == first  # answered, not run again
    assert review.GetMergePolicy(mpb.GetMergePolicyRequest()) == r.MergePolicy()
    expect_error(
        lambda: set_policy(review, policy((EMAIL, NEVER)), request_id=request_id),
        Code.FAILED_PRECONDITION,
        "REQUEST_ID_REUSED",
    )


def test_never_refuses_the_value_as_taken_where_it_would_merge_or_combine(stub, review, db_rows) -> None:
    mobile, email = unique_mobile(), unique_email()
    holder = create(stub, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, email)))
    other = create(stub, profile(TMALL, ident(EMAIL, unique_email())))
    set_policy(review, policy((MOBILE, NEVER)))
    before = db_rows()

    taken = expect_error(
        lambda: update(stub, other.name, TMALL, add=[ident(MOBILE, mobile)]), Code.ALREADY_EXISTS, "IDENTIFIER_TAKEN"
    )
    assert (taken.metadata["customer"], taken.metadata["field"]) == (holder.name, "add[0]")
    # Adds of several modes: NEVER wins, even beside an AUTO value that would merge the same two.
    mixed = expect_error(
        lambda: update(stub, other.name, r.SOURCE_JD, add=[ident(EMAIL, email), ident(MOBILE, mobile)]),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    assert mixed.metadata["field"] == "add[1]"
    created = expect_error(
        lambda: stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(MOBILE, mobile))])),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    assert created.metadata["customer"] == holder.name
    assert db_rows() == before

    # An AUTO type still merges, and an explicit merge is never stopped.
    merged = update(stub, other.name, r.SOURCE_JD, add=[ident(EMAIL, email)])
    assert [m.survivor for m in merged.merges] == [holder.name]
    third = create(stub, profile(r.SOURCE_TAOBAO, ident(EMAIL, unique_email())))
    assert stub.MergeCustomers(pb.MergeCustomersRequest(victim=third.name, survivor=holder.name)).merge.victim == (
        third.name
    )


def test_a_policy_is_the_orgs_own(start_server) -> None:
    server = start_server(tokens="acme sha256:" + _sha("acme-token") + " review;beta sha256:" + _sha("beta-token"))
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = merge_review_grpc.MergeReviewServiceStub(channel)
        acme = [("authorization", "Bearer acme-token")]
        beta = [("authorization", "Bearer beta-token")]
        stub.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=policy((MOBILE, NEVER))), metadata=acme)
        assert stub.GetMergePolicy(mpb.GetMergePolicyRequest(), metadata=beta) == r.MergePolicy()
        assert stub.GetMergePolicy(mpb.GetMergePolicyRequest(), metadata=acme) == policy((MOBILE, NEVER))


def test_changing_the_policy_needs_the_review_grant(start_server) -> None:
    server = start_server(tokens=f"acme sha256:{_sha('plain')} reveal;acme sha256:{_sha('lead')} review")
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = merge_review_grpc.MergeReviewServiceStub(channel)
        plain, lead = [("authorization", "Bearer plain")], [("authorization", "Bearer lead")]
        request = mpb.UpdateMergePolicyRequest(policy=policy((MOBILE, NEVER)))
        expect_error(
            lambda: stub.UpdateMergePolicy(request, metadata=plain), Code.PERMISSION_DENIED, "PERMISSION_DENIED"
        )
        # Reading needs any token of the org; the refused change wrote nothing.
        assert stub.GetMergePolicy(mpb.GetMergePolicyRequest(), metadata=plain) == r.MergePolicy()
        assert stub.UpdateMergePolicy(request, metadata=lead) == policy((MOBILE, NEVER))
        assert stub.GetMergePolicy(mpb.GetMergePolicyRequest(), metadata=plain) == policy((MOBILE, NEVER))


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
