"""Merge candidates (SPEC 7.2) and the limit (7.1): REVIEW refuses and records, people accept or reject."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import uuid
from typing import Any

import grpc
import pytest
from grpc import StatusCode as Code

from loyalty_identity.api.protos import event_grpc, merge_review_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_grpc as pb_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import merge_review_pb as mpb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants
from loyalty_identity.store.database import open_database
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

REVIEW, NEVER = r.MERGE_MODE_REVIEW, r.MERGE_MODE_NEVER
PENDING, ACCEPTED = r.MERGE_CANDIDATE_STATE_PENDING, r.MERGE_CANDIDATE_STATE_ACCEPTED
REJECTED, OBSOLETE = r.MERGE_CANDIDATE_STATE_REJECTED, r.MERGE_CANDIDATE_STATE_OBSOLETE
WECHAT = r.SOURCE_WECHAT


@pytest.fixture
def review(channel: grpc.Channel) -> merge_review_grpc.MergeReviewServiceStub:
    return merge_review_grpc.MergeReviewServiceStub(channel)


def set_policy(review: Any, *rules: tuple[int, int], limit: int = 0) -> None:
    policy = r.MergePolicy(rules=[r.TypeRule(type=t, mode=m) for t, m in rules], max_merged_customers=limit)
    review.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=policy))


def rid() -> str:
    return str(uuid.uuid4())


def feed(channel: grpc.Channel) -> list[epb.Event]:
    return list(event_grpc.EventServiceStub(channel).ListEvents(epb.ListEventsRequest(page_size=1000)).events)


def candidate_events(channel: grpc.Channel) -> list[tuple[str, Any]]:
    kinds = ("merge_candidate_created", "merge_candidate_resolved")
    return [(k, getattr(e, k)) for e in feed(channel) if (k := e.WhichOneof("change")) in kinds]


def two_people(stub: Any) -> tuple[r.Customer, r.Customer, str]:
    """A holder of a mobile in-store, and another customer on Tmall (by email) about to add it."""
    mobile = unique_mobile()
    holder = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    other = create(stub, profile(TMALL, ident(EMAIL, unique_email())))
    return holder, other, mobile


def test_review_refuses_records_a_candidate_and_a_repeat_reuses_it(stub, review, channel, db_rows) -> None:
    set_policy(review, (MOBILE, REVIEW))
    holder, other, mobile = two_people(stub)
    request_id = rid()
    add = pb.UpdateIdentifiersRequest(customer=other.name, source=TMALL, add=[ident(MOBILE, mobile)])

    # A dry run answers the same refusal and records nothing.
    before = db_rows()
    dry = expect_error(
        lambda: stub.UpdateIdentifiers(pb.UpdateIdentifiersRequest(**_fields(add), validate_only=True)),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    assert dry.metadata["candidate"] == "" and dry.metadata["survivor"] == holder.name
    assert db_rows() == before

    refused = expect_error(
        lambda: stub.UpdateIdentifiers(pb.UpdateIdentifiersRequest(**_fields(add), request_id=request_id)),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    name = refused.metadata["candidate"]
    assert name.startswith("mergeCandidates/") and refused.metadata["survivor"] == holder.name
    # Nothing else changed: both customers as they were.
    assert stub.GetCustomer(pb.GetCustomerRequest(name=other.name)).customer == other
    assert stub.GetCustomer(pb.GetCustomerRequest(name=holder.name)).customer == holder

    candidate = review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name))
    assert (candidate.state, candidate.reason) == (PENDING, r.REVIEW_REASON_TYPE_POLICY)
    assert (candidate.victim, candidate.survivor) == (other.name, holder.name)
    assert (candidate.trigger_source, candidate.trigger.type, candidate.trigger.value) == (TMALL, MOBILE, mobile)
    assert candidate.update_identifiers == add and candidate.request_id == request_id
    assert not candidate.HasField("resolve_time") and candidate.merge == ""

    # The same request again (a retry): the stored refusal; another request_id: the same candidate.
    again = expect_error(
        lambda: stub.UpdateIdentifiers(pb.UpdateIdentifiersRequest(**_fields(add), request_id=request_id)),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    assert again.status == refused.status
    fresh = expect_error(lambda: stub.UpdateIdentifiers(add), Code.FAILED_PRECONDITION, "MERGE_NEEDS_REVIEW")
    assert fresh.metadata["candidate"] == name
    listed = review.ListMergeCandidates(mpb.ListMergeCandidatesRequest()).merge_candidates
    assert [c.name for c in listed] == [name]
    [(kind, created)] = candidate_events(channel)
    assert kind == "merge_candidate_created"
    assert (created.candidate, created.victim, created.survivor) == (name, other.name, holder.name)
    assert created.reason == r.REVIEW_REASON_TYPE_POLICY and created.trigger.type == MOBILE


def sent_to_review(stub: Any, other: r.Customer, mobile: str) -> str:
    """other adds the holder's mobile on Tmall: refused for review; the candidate's name."""
    refused = expect_error(
        lambda: update(stub, other.name, TMALL, add=[ident(MOBILE, mobile)]),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    return refused.metadata["candidate"]


def _fields(message: Any) -> dict[str, Any]:
    return {field.name: value for field, value in message.ListFields()}


def test_accept_runs_the_recorded_request_now(stub, review, channel) -> None:
    set_policy(review, (MOBILE, REVIEW))
    holder, other, mobile = two_people(stub)
    add = [ident(MOBILE, mobile)]
    refused = expect_error(
        lambda: update(stub, other.name, WECHAT, add=add, account_id="wx1"),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    name = refused.metadata["candidate"]
    # A dry run answers what accepting would do, and changes nothing.
    dry = review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name, validate_only=True))
    assert dry.merge_candidate.state == ACCEPTED and dry.merge.victim == other.name
    assert review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name)).state == PENDING
    assert stub.GetCustomer(pb.GetCustomerRequest(name=other.name)).customer.name == other.name
    accepted = review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name, request_id=rid()))
    assert accepted.merge_candidate.state == ACCEPTED and accepted.merge_candidate.HasField("resolve_time")
    assert accepted.merge.victim == other.name and accepted.merge.survivor == holder.name
    assert accepted.merge_candidate.merge == accepted.merge.name
    assert accepted.customer.name == holder.name
    scopes = {(p.source, p.account_id): {(i.type, i.value) for i in p.identifiers} for p in accepted.customer.profiles}
    assert scopes[(WECHAT, "wx1")] == {(MOBILE, mobile)}
    assert stub.GetCustomer(pb.GetCustomerRequest(name=other.name)).customer.name == holder.name
    # Accepted once: not again, and not rejected.
    for again in (
        lambda: review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name)),
        lambda: review.RejectMergeCandidate(mpb.RejectMergeCandidateRequest(name=name)),
    ):
        expect_error(again, Code.FAILED_PRECONDITION, "CANDIDATE_NOT_PENDING")
    kinds = [k for k, _ in candidate_events(channel)]
    assert kinds == ["merge_candidate_created", "merge_candidate_resolved"]
    assert candidate_events(channel)[1][1].merge == accepted.merge.name


def test_accept_fails_with_todays_reason_when_the_world_moved(stub, review) -> None:
    set_policy(review, (MOBILE, REVIEW))
    _holder, other, mobile = two_people(stub)
    name = sent_to_review(stub, other, mobile)
    # The victim was merged into a third customer meanwhile (explicitly).
    third = create(stub, profile(WECHAT, ident(EMAIL, unique_email()), account_id="wx9"))
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=other.name, survivor=third.name))
    expect_error(
        lambda: review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name)),
        Code.FAILED_PRECONDITION,
        "CUSTOMER_MERGED",
    )
    assert review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name)).state == PENDING


def test_accept_of_a_value_that_moved_is_outdated(stub, review) -> None:
    set_policy(review, (MOBILE, REVIEW))
    holder, other, mobile = two_people(stub)
    name = sent_to_review(stub, other, mobile)
    update(stub, holder.name, INSTORE, add=[ident(EMAIL, unique_email())])
    update(stub, holder.name, INSTORE, remove=[ident(MOBILE, mobile)])  # the holder no longer has it
    expect_error(
        lambda: review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name)),
        Code.FAILED_PRECONDITION,
        "CANDIDATE_OUTDATED",
    )
    assert review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name)).state == PENDING


def test_reject_blocks_the_pair(stub, review, channel) -> None:
    set_policy(review, (MOBILE, REVIEW))
    holder, other, mobile = two_people(stub)
    name = sent_to_review(stub, other, mobile)
    rejected = review.RejectMergeCandidate(mpb.RejectMergeCandidateRequest(name=name, request_id=rid()))
    assert rejected.state == REJECTED and rejected.HasField("resolve_time")
    # The pair is blocked now: the same add answers MERGE_BLOCKED, not a new candidate.
    expect_error(
        lambda: update(stub, other.name, TMALL, add=[ident(MOBILE, mobile)]), Code.FAILED_PRECONDITION, "MERGE_BLOCKED"
    )
    assert len(review.ListMergeCandidates(mpb.ListMergeCandidatesRequest()).merge_candidates) == 1
    # An explicit merge still may join them.
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=other.name, survivor=holder.name))


def test_a_create_is_recorded_and_accepted_into_the_survivor(stub, review) -> None:
    set_policy(review, (EMAIL, REVIEW))
    email = unique_email()
    holder = create(stub, profile(INSTORE, ident(EMAIL, email)))
    new_profile = profile(TMALL, ident(EMAIL, email), ident(MOBILE, unique_mobile()))
    refused = expect_error(
        lambda: stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[new_profile])),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    name = refused.metadata["candidate"]
    candidate = review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name))
    assert candidate.victim == "" and candidate.survivor == holder.name
    assert list(candidate.create_customer.profiles) == [new_profile]
    accepted = review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name))
    assert accepted.customer.name == holder.name and not accepted.HasField("merge")
    assert accepted.merge_candidate.merge == ""
    assert {p.source for p in accepted.customer.profiles} == {INSTORE, TMALL}
    # A create's candidate has no second customer: rejecting one blocks nothing.
    third_profile = profile(WECHAT, ident(EMAIL, email), account_id="w")
    refused = expect_error(
        lambda: stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[third_profile])),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    assert review.RejectMergeCandidate(mpb.RejectMergeCandidateRequest(name=refused.metadata["candidate"])).state == (
        REJECTED
    )


def test_the_limit_sends_a_merge_to_review(stub, review) -> None:
    set_policy(review, limit=1)
    holder, first, mobile = two_people(stub)
    update(stub, first.name, TMALL, add=[ident(MOBILE, mobile)])  # one merged into the holder: at the limit
    second = create(stub, profile(WECHAT, ident(EMAIL, unique_email()), account_id="wx2"))
    refused = expect_error(
        lambda: update(stub, second.name, WECHAT, add=[ident(MOBILE, mobile)], account_id="wx2"),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    assert refused.metadata["limit"] == "1" and refused.metadata["review_reason"] == "MERGE_LIMIT"
    candidate = review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=refused.metadata["candidate"]))
    assert candidate.reason == r.REVIEW_REASON_MERGE_LIMIT
    # Accepting ignores the limit.
    accepted = review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=candidate.name))
    assert accepted.merge.survivor == holder.name


def test_list_filters_and_pages(stub, review) -> None:
    set_policy(review, (MOBILE, REVIEW))
    names = []
    for _ in range(3):
        _holder, other, mobile = two_people(stub)
        refused = expect_error(
            lambda o=other, m=mobile: update(stub, o.name, TMALL, add=[ident(MOBILE, m)]),
            Code.FAILED_PRECONDITION,
            "MERGE_NEEDS_REVIEW",
        )
        names.append((refused.metadata["candidate"], other.name))
    review.RejectMergeCandidate(mpb.RejectMergeCandidateRequest(name=names[0][0]))
    first = review.ListMergeCandidates(mpb.ListMergeCandidatesRequest(page_size=2))
    rest = review.ListMergeCandidates(mpb.ListMergeCandidatesRequest(page_size=2, page_token=first.next_page_token))
    assert [c.name for c in [*first.merge_candidates, *rest.merge_candidates]] == [n for n, _ in reversed(names)]
    assert rest.next_page_token == ""
    pending = review.ListMergeCandidates(mpb.ListMergeCandidatesRequest(state=PENDING)).merge_candidates
    assert [c.name for c in pending] == [names[2][0], names[1][0]]
    mine = review.ListMergeCandidates(mpb.ListMergeCandidatesRequest(customer=names[1][1])).merge_candidates
    assert [c.name for c in mine] == [names[1][0]]
    other_query = mpb.ListMergeCandidatesRequest(state=PENDING, page_token=first.next_page_token)
    expect_error(lambda: review.ListMergeCandidates(other_query), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")


def test_bad_names_and_unknown_candidates(review) -> None:
    expect_error(
        lambda: review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name="merges/x")),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    missing = f"mergeCandidates/{uuid.uuid4()}"
    for call in (
        lambda: review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=missing)),
        lambda: review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=missing)),
        lambda: review.RejectMergeCandidate(mpb.RejectMergeCandidateRequest(name=missing)),
    ):
        expect_error(call, Code.NOT_FOUND, "CANDIDATE_NOT_FOUND")


def test_erasure_makes_candidates_obsolete_and_erases_their_values(stub, review, channel, database_url) -> None:
    set_policy(review, (MOBILE, REVIEW))
    _holder, other, mobile = two_people(stub)
    name = sent_to_review(stub, other, mobile)
    stub.EraseCustomer(pb.EraseCustomerRequest(name=other.name))
    candidate = review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name))
    assert candidate.state == OBSOLETE and candidate.trigger.value == ""
    assert all(i.value == "" for i in candidate.update_identifiers.add)
    created = dict(candidate_events(channel))["merge_candidate_created"]
    assert created.trigger.type == MOBILE and created.trigger.value == "" and created.trigger.erased
    assert dict(candidate_events(channel))["merge_candidate_resolved"].state == OBSOLETE
    expect_error(
        lambda: review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name)),
        Code.FAILED_PRECONDITION,
        "CANDIDATE_NOT_PENDING",
    )
    # `loyalty-identity check` agrees, and would see a candidate the erasure missed.
    database = open_database(database_url)
    try:
        assert invariants.check(database.db) == []
        database.db.execute_sql(
            f"UPDATE merge_candidate SET state = 1, trigger_value = 'x' WHERE uid = {database.db.param}",
            (name.removeprefix("mergeCandidates/"),),
        )
        [violation] = invariants.check(database.db)
        kinds = {row[0] for row in violation.rows}
        assert kinds == {"pending candidate", "candidate"}
    finally:
        database.close()


def test_never_and_review_together_never_wins(stub, review) -> None:
    set_policy(review, (MOBILE, REVIEW), (EMAIL, NEVER))
    mobile, email = unique_mobile(), unique_email()
    holder = create(stub, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, email)))
    other = create(stub, profile(TMALL, ident(r.IDENTIFIER_TYPE_EXTERNAL_ID, f"x-{uuid.uuid4()}")))
    expect_error(
        lambda: update(stub, other.name, TMALL, add=[ident(MOBILE, mobile), ident(EMAIL, email)]),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    assert review.ListMergeCandidates(mpb.ListMergeCandidatesRequest()).merge_candidates == []
    del holder


def test_an_import_row_that_needs_review_is_rejected_and_recorded(start_server, database_url, tmp_path) -> None:
    server = start_server()
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub, review = pb_grpc.IdentifierServiceStub(channel), merge_review_grpc.MergeReviewServiceStub(channel)
        set_policy(review, (MOBILE, REVIEW))
        mobile = unique_mobile()
        holder = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
        rows = tmp_path / "rows.csv"
        rows.write_text(f"customer,source,account_id,mobile,email\n1,TMALL,,{mobile},{unique_email()}\n")
        for dry in (True, False):  # a dry run records nothing
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "loyalty_identity",
                    "import",
                    str(rows),
                    "--database",
                    database_url,
                    "--org",
                    "default",
                ]
                + (["--dry-run"] if dry else []),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 1, done.stderr
            rejects = (tmp_path / "rows.csv.rejects.jsonl").read_text().splitlines()
            assert len(rejects) == 1 and "MERGE_NEEDS_REVIEW" in rejects[0]
            listed = review.ListMergeCandidates(mpb.ListMergeCandidatesRequest()).merge_candidates
            assert len(listed) == (0 if dry else 1)
        [candidate] = listed
        assert candidate.survivor == holder.name and candidate.victim == ""
        assert candidate.create_customer.profiles[0].source == TMALL
        accepted = review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=candidate.name))
        assert accepted.customer.name == holder.name


def test_metrics_count_automatic_merges_by_type_and_candidates(start_server) -> None:
    from tests.e2e.test_observability import scrape, value

    server = start_server(metrics_listen="127.0.0.1:0")
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub, review = pb_grpc.IdentifierServiceStub(channel), merge_review_grpc.MergeReviewServiceStub(channel)
        holder, other, mobile = two_people(stub)
        email = unique_email()
        update(stub, holder.name, INSTORE, add=[ident(EMAIL, email)])
        third = create(stub, profile(WECHAT, ident(r.IDENTIFIER_TYPE_EXTERNAL_ID, "m-1"), account_id="wm"))
        update(stub, third.name, WECHAT, add=[ident(EMAIL, email)], account_id="wm")  # automatic, by EMAIL
        set_policy(review, (MOBILE, REVIEW))
        names = []
        for person in (other, create(stub, profile(WECHAT, ident(EMAIL, unique_email()), account_id="wn"))):
            scope = (TMALL, "") if person is other else (WECHAT, "wn")
            refused = expect_error(
                lambda p=person, s=scope: update(stub, p.name, s[0], add=[ident(MOBILE, mobile)], account_id=s[1]),
                Code.FAILED_PRECONDITION,
                "MERGE_NEEDS_REVIEW",
            )
            names.append(refused.metadata["candidate"])
        samples = scrape(server.metrics_port)
        assert value(samples, "loyalty_identity_automatic_merges_total", trigger_type="EMAIL") == 1
        assert value(samples, "loyalty_identity_merge_candidates_created_total") == 2
        assert value(samples, "loyalty_identity_merge_candidates_pending", org="default") == 2
        review.RejectMergeCandidate(mpb.RejectMergeCandidateRequest(name=names[0]))
        samples = scrape(server.metrics_port)
        assert value(samples, "loyalty_identity_merge_candidates_resolved_total", state="REJECTED") == 1
        assert value(samples, "loyalty_identity_merge_candidates_resolved_total", state="ACCEPTED") == 0
        assert value(samples, "loyalty_identity_merge_candidates_pending", org="default") == 1


def test_an_explicit_merge_is_never_stopped_by_the_policy(stub, review) -> None:
    set_policy(review, (MOBILE, REVIEW), (EMAIL, NEVER), limit=1)
    holder, other, _mobile = two_people(stub)
    third = create(stub, profile(WECHAT, ident(EMAIL, unique_email()), account_id="wx5"))
    for victim in (other, third):  # past the limit too
        merged = stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=holder.name))
        assert merged.merge.survivor == holder.name
    assert review.ListMergeCandidates(mpb.ListMergeCandidatesRequest()).merge_candidates == []


def test_deciding_needs_the_review_grant_and_reading_any_token(start_server) -> None:
    def sha(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    server = start_server(tokens=f"acme sha256:{sha('plain')} reveal;acme sha256:{sha('lead')} review")
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub, review = pb_grpc.IdentifierServiceStub(channel), merge_review_grpc.MergeReviewServiceStub(channel)
        plain, lead = [("authorization", "Bearer plain")], [("authorization", "Bearer lead")]
        policy = r.MergePolicy(rules=[r.TypeRule(type=MOBILE, mode=REVIEW)])
        review.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=policy), metadata=lead)
        mobile = unique_mobile()
        stub.CreateCustomer(
            pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, mobile))]), metadata=plain
        )
        other = stub.CreateCustomer(
            pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(EMAIL, unique_email()))]), metadata=plain
        ).customer
        add = pb.UpdateIdentifiersRequest(customer=other.name, source=TMALL, add=[ident(MOBILE, mobile)])
        refused = expect_error(
            lambda: stub.UpdateIdentifiers(add, metadata=plain), Code.FAILED_PRECONDITION, "MERGE_NEEDS_REVIEW"
        )
        name = refused.metadata["candidate"]
        assert review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name), metadata=plain).state == PENDING
        assert len(review.ListMergeCandidates(mpb.ListMergeCandidatesRequest(), metadata=plain).merge_candidates) == 1
        for decide in (
            lambda: review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name), metadata=plain),
            lambda: review.RejectMergeCandidate(mpb.RejectMergeCandidateRequest(name=name), metadata=plain),
        ):
            denied = expect_error(decide, Code.PERMISSION_DENIED, "PERMISSION_DENIED")
            assert denied.metadata["grant"] == "review"
        assert review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name), metadata=plain).state == PENDING
        accepted = review.AcceptMergeCandidate(mpb.AcceptMergeCandidateRequest(name=name), metadata=lead)
        assert accepted.merge_candidate.state == ACCEPTED
