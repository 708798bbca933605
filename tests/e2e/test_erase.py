"""EraseCustomer (RULES 2.5.1): the person's values leave every table and the SQLite file; the rest stays consistent."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc import StatusCode as Code

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_grpc, identifier_grpc, merge_review_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import merge_review_pb as mpb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants
from tests import databases
from tests.e2e.test_cards import card_ident, generate, new_series
from tests.helpers import (
    EMAIL,
    EXTERNAL_ID,
    INSTORE,
    MOBILE,
    TMALL,
    WECHAT,
    RichError,
    answer_of,
    create,
    expect_error,
    ident,
    profile,
    refusal,
    unique_email,
    unique_mobile,
    update,
)

ERASED = r.CUSTOMER_STATE_ERASED


def rid() -> str:
    return str(uuid.uuid4())


def erase(stub, name: str, **kwargs) -> pb.EraseCustomerResponse:
    return stub.EraseCustomer(pb.EraseCustomerRequest(name=name, **kwargs))


@dataclass
class Person:
    """Ann, with a merged WeChat customer, a card, feed history and stored replies."""

    ann: r.Customer
    wx: r.Customer
    merge: r.Merge
    card: str
    values: list[str]  # every value she ever held
    replays: dict[str, tuple[str, Any]]  # request_id -> (method, request) of calls that carried her values


def make_person(stub, cards) -> Person:
    # Not only ASCII: the feed and merge records store values JSON-escaped (\u5fae, \").
    mobile, email, openid = unique_mobile(), unique_email(), f'o{uuid.uuid4().hex[:10]}-微信"x'
    old_id = f"x-{uuid.uuid4().hex[:10]}"
    replays: dict[str, tuple[str, Any]] = {}

    def call(method: str, request):
        request.request_id = rid()
        replays[request.request_id] = (method, request)
        return getattr(stub, method)(request)

    ann = call("CreateCustomer", pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, mobile))])).customer
    call("UpdateIdentifiers", pb.UpdateIdentifiersRequest(customer=ann.name, source=INSTORE, add=[ident(EMAIL, email)]))
    update(stub, ann.name, TMALL, add=[ident(EXTERNAL_ID, old_id)])
    update(stub, ann.name, TMALL, remove=[ident(EXTERNAL_ID, old_id)])  # held once, removed before the erasure
    wx = create(stub, profile(WECHAT, ident(r.IDENTIFIER_TYPE_WECHAT, openid), account_id="wx-brand"))
    merged = call(
        "UpdateIdentifiers",
        pb.UpdateIdentifiersRequest(
            customer=wx.name, source=WECHAT, account_id="wx-brand", add=[ident(MOBILE, mobile)]
        ),
    )
    [merge] = merged.merges
    tag = uuid.uuid4().hex[:6].upper()  # several people in one org: series of their own
    series = new_series(cards, code=f"S{tag}", prefix=f"P{tag}", length=14)
    [number] = generate(cards, series, 1)
    update(stub, ann.name, INSTORE, add=[card_ident(number, series.id)])
    cards.UpdateCardStatus(
        cpb.UpdateCardStatusRequest(number=number, status_label="SUSPENDED", reason=f"lost, {email}")
    )
    return Person(
        stub.GetCustomer(pb.GetCustomerRequest(name=ann.name)).customer,
        wx,
        merge,
        number,
        [mobile, email, openid, old_id],
        replays,
    )


def spellings(value: str) -> list[bytes]:
    """A value as the tables may hold it: raw (UTF-8), or JSON-escaped inside a payload."""
    return [value.encode(), json.dumps(value)[1:-1].encode()]


def values_in(rows: dict[str, list[tuple]], values: list[str]) -> list[tuple[str, str]]:
    found = []
    for table, table_rows in rows.items():
        cells = [c for row in table_rows for c in row]
        raw = b"\0".join(bytes(c) if isinstance(c, bytes | memoryview) else str(c).encode() for c in cells)
        found += [(table, v) for v in values if any(s in raw for s in spellings(v))]
    return found


def assert_gone_everywhere(values: list[str], database_url: str, backend: str) -> None:
    """No table holds any of the values, and on SQLite neither do the file's bytes (the WAL checkpointed)."""
    assert values_in(databases.rows(database_url), values) == []
    if backend == "sqlite":
        path = Path(database_url.removeprefix("sqlite:///"))
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert [v for v in values if any(s in raw for s in spellings(v))] == []


@pytest.fixture
def events(channel) -> event_grpc.EventServiceStub:
    return event_grpc.EventServiceStub(channel)


def all_events(events) -> list[epb.Event]:
    return list(events.ListEvents(epb.ListEventsRequest(page_size=1000, reveal_values=True)).events)


def test_erasure_leaves_no_value_anywhere_and_the_feed_still_replays(
    stub, cards, events, server, database_url, backend
) -> None:
    person = make_person(stub, cards)
    bo_mail = unique_email()
    bo = create(stub, profile(INSTORE, ident(EMAIL, bo_mail)))
    assert {v for _, v in values_in(databases.rows(database_url), person.values)} == set(person.values)  # before

    done = erase(stub, person.ann.name, request_id=rid()).customer

    assert (done.name, done.state, list(done.profiles), list(done.cards)) == (person.ann.name, ERASED, [], [])
    assert done.HasField("erase_time") and list(done.merged_customers) == [person.wx.name]
    assert_gone_everywhere(person.values, database_url, backend)
    assert invariants.check(server.database.db) == []  # the feed replays to the tables; no erased value remains
    feed = all_events(events)
    last = feed[-1]
    assert last.WhichOneof("change") == "customer_erased"
    assert (last.customer_erased.customer, list(last.customer_erased.erased_customers)) == (
        person.ann.name,
        [person.wx.name],
    )
    assert [e.sequence for e in feed] == list(range(1, len(feed) + 1))
    created = feed[0].customer_created.identifiers[0]
    assert (created.value, created.erased, created.type) == ("", True, MOBILE)
    assert stub.GetCustomer(pb.GetCustomerRequest(name=bo.name)).customer == bo  # a bystander keeps everything
    assert any(i.value == bo_mail for e in feed for i in e.customer_created.identifiers)


def test_several_erasures_that_share_records_leave_no_value_anywhere(
    stub, cards, events, server, database_url, backend
) -> None:
    """Two people with a history each, and a third that one of them was merged into and unmerged from."""
    first, second = make_person(stub, cards), make_person(stub, cards)
    third_value = f"x-{uuid.uuid4().hex[:10]}"
    third = create(stub, profile(r.SOURCE_JD, ident(EXTERNAL_ID, third_value)))
    merge = stub.MergeCustomers(pb.MergeCustomersRequest(victim=second.ann.name, survivor=third.name)).merge
    stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge.name))
    bystander = unique_email()
    create(stub, profile(INSTORE, ident(EMAIL, bystander)))

    erase(stub, third.name)
    assert_gone_everywhere([third_value], database_url, backend)
    assert second.values[0] in revealed(events)  # the second person is alive: the merge's record of it stays
    for person in (second, first):
        erase(stub, person.ann.name, request_id=rid())
        assert invariants.check(server.database.db) == []
    assert_gone_everywhere([*first.values, *second.values, third_value], database_url, backend)
    assert bystander in revealed(events)


def test_erasure_empties_the_merge_candidates_naming_the_person(
    stub, cards, channel, events, server, database_url, backend
) -> None:
    """SPEC 7.2: the person's request sent to review, and a create that would combine into the person."""
    person = make_person(stub, cards)
    review = merge_review_grpc.MergeReviewServiceStub(channel)
    policy = r.MergePolicy(rules=[r.TypeRule(type=MOBILE, mode=r.MERGE_MODE_REVIEW)])
    review.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=policy))
    holder_mobile, asked, would_be = unique_mobile(), unique_email(), unique_email()
    create(stub, profile(r.SOURCE_TAOBAO, ident(MOBILE, holder_mobile)))  # a scope the person has no profile in
    jd = r.SOURCE_JD
    for refused in (
        lambda: update(stub, person.ann.name, jd, add=[ident(MOBILE, holder_mobile), ident(EMAIL, asked)]),
        lambda: stub.CreateCustomer(
            pb.CreateCustomerRequest(profiles=[profile(jd, ident(MOBILE, person.values[0]), ident(EMAIL, would_be))])
        ),
    ):
        expect_error(refused, Code.FAILED_PRECONDITION, "MERGE_NEEDS_REVIEW")
    recorded = values_in(databases.rows(database_url), [asked, would_be, person.values[0]])
    assert {("merge_candidate", asked), ("merge_candidate", would_be), ("merge_candidate", person.values[0])} <= set(
        recorded
    )

    erase(stub, person.ann.name, request_id=rid())

    assert_gone_everywhere([*person.values, asked, would_be], database_url, backend)
    listed = review.ListMergeCandidates(mpb.ListMergeCandidatesRequest()).merge_candidates
    assert [c.state for c in listed] == [r.MERGE_CANDIDATE_STATE_OBSOLETE] * 2
    assert invariants.check(server.database.db) == []
    assert holder_mobile in revealed(events)  # the live holder keeps its own value


def test_the_values_are_free_again(stub, cards, server) -> None:
    person = make_person(stub, cards)
    erase(stub, person.ann.name)
    mobile, email = person.values[:2]
    again = stub.CreateCustomer(
        pb.CreateCustomerRequest(
            profiles=[profile(INSTORE, ident(MOBILE, mobile)), profile(TMALL, ident(EMAIL, email))]
        )
    )
    assert again.customer.name != person.ann.name and list(again.warnings) == []
    other = create(stub, profile(WECHAT, ident(r.IDENTIFIER_TYPE_WECHAT, person.values[2]), account_id="wx-brand"))
    assert other.name not in (again.customer.name, person.wx.name)  # the openid merges no one
    assert invariants.check(server.database.db) == []


def test_every_rpc_on_the_erased_name_gives_the_documented_answer(stub, cards, db_rows) -> None:
    person = make_person(stub, cards)
    ann, wx = person.ann.name, person.wx.name
    erased = erase(stub, ann).customer
    other = create(stub, profile(INSTORE, ident(EMAIL, unique_email())))
    before = db_rows()

    assert stub.GetCustomer(pb.GetCustomerRequest(name=ann)).customer == erased
    assert stub.GetCustomer(pb.GetCustomerRequest(name=wx)).customer == erased  # a victim reads its survivor
    expect_error(
        lambda: stub.LookupCustomer(
            pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, person.values[0]))
        ),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
    )
    expect_error(
        lambda: stub.LookupCustomer(pb.LookupCustomerRequest(identifier=card_ident(person.card))),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
    )
    # FindCustomers never finds it either: not by a value it held (in its scope or any), nor by its card.
    queries = [
        pb.IdentifierQuery(source=INSTORE, identifier=ident(MOBILE, person.values[0])),
        pb.IdentifierQuery(identifier=ident(MOBILE, person.values[0])),
        pb.IdentifierQuery(identifier=card_ident(person.card)),
    ]
    found = stub.FindCustomers(pb.FindCustomersRequest(queries=queries)).results
    assert [result.HasField("customer") for result in found] == [False, False, False]
    for call in (
        lambda: update(stub, ann, INSTORE, add=[ident(EMAIL, unique_email())]),
        lambda: stub.MergeCustomers(pb.MergeCustomersRequest(victim=ann, survivor=other.name)),
        lambda: stub.MergeCustomers(pb.MergeCustomersRequest(victim=other.name, survivor=ann)),
        lambda: cards.IssueCard(cpb.IssueCardRequest(customer=ann, number=person.card)),
        lambda: stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=person.merge.name)),
    ):
        assert expect_error(call, Code.FAILED_PRECONDITION, "CUSTOMER_ERASED").metadata["customer"] == ann
    # A victim's name is a merged customer's: writes name its survivor, the erased customer.
    error = expect_error(
        lambda: update(stub, wx, TMALL, add=[ident(EMAIL, unique_email())]), Code.FAILED_PRECONDITION, "CUSTOMER_MERGED"
    )
    assert error.metadata["survivor"] == ann
    [listed] = stub.ListMerges(pb.ListMergesRequest(customer=ann)).merges
    assert (listed.name, listed.victim, listed.survivor) == (person.merge.name, wx, ann)
    assert listed.trigger.value == "" and all(not i.value for p in listed.moved_profiles for i in p.identifiers)
    card = cards.GetCard(cpb.GetCardRequest(number=person.card)).card
    assert (card.status, card.status_label, card.customer) == (r.CARD_STATUS_DELETED, "DELETED", ann)
    log = cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=person.card)).changes
    assert [c.reason for c in log[-2:]] == ["(erased)", "customer erased"]
    expect_error(
        lambda: cards.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=person.card, status_label="ACTIVE")),
        Code.FAILED_PRECONDITION,
        "INVALID_STATUS_TRANSITION",
    )
    assert db_rows() == before  # every refusal wrote nothing


def test_retries_of_requests_that_carried_erased_values_answer_customer_erased(stub, cards, db_rows) -> None:
    person = make_person(stub, cards)
    erase_id = rid()
    first = erase(stub, person.ann.name, request_id=erase_id)
    before = db_rows()
    for request_id, (method, request) in person.replays.items():
        error = expect_error(
            lambda m=method, q=request: getattr(stub, m)(q), Code.FAILED_PRECONDITION, "CUSTOMER_ERASED"
        )
        assert error.metadata["customer"] == person.ann.name, method
        different = type(request)()
        different.CopyFrom(request)
        different.ClearField("request_id")
        different.request_id = request_id
        if method == "CreateCustomer":
            different.profiles[0].identifiers[0].value = unique_mobile()
        else:
            different.remove.append(ident(EMAIL, unique_email()))
        expect_error(lambda m=method, q=different: getattr(stub, m)(q), Code.FAILED_PRECONDITION, "REQUEST_ID_REUSED")
    other = create(stub, profile(INSTORE, ident(EMAIL, unique_email())))
    expect_error(lambda: erase(stub, other.name, request_id=erase_id), Code.FAILED_PRECONDITION, "REQUEST_ID_REUSED")
    before = db_rows()
    again = erase(stub, person.ann.name, request_id=erase_id)
    assert again.SerializeToString(deterministic=True) == first.SerializeToString(deterministic=True)
    assert db_rows() == before


def test_erasure_is_idempotent_and_takes_a_merged_name_to_its_survivor(stub, cards, events, db_rows) -> None:
    person = make_person(stub, cards)
    first = erase(stub, person.wx.name).customer  # the victim's name erases the whole person
    assert first.name == person.ann.name and first.state == ERASED
    before, feed = db_rows(), all_events(events)
    assert erase(stub, person.ann.name).customer == first
    assert erase(stub, person.wx.name, request_id=rid()).customer == first
    assert all_events(events) == feed  # no second event
    after = db_rows()
    # The request_id's row and the names its reply carries (the customer and its victim); nothing else.
    stored = {"request", "request_customer"}
    assert len(after["request"]) == len(before["request"]) + 1
    named = {row[1] for row in set(after["request_customer"]) - set(before["request_customer"])}
    assert named == {name.removeprefix("customers/") for name in [first.name, *first.merged_customers]}
    assert {t: rows for t, rows in after.items() if t not in stored} == {
        t: rows for t, rows in before.items() if t not in stored
    }


def test_validate_only_writes_nothing(stub, cards, db_rows) -> None:
    person = make_person(stub, cards)
    before = db_rows()
    dry = erase(stub, person.ann.name, validate_only=True, request_id=rid()).customer
    assert (dry.state, list(dry.profiles)) == (ERASED, [])
    assert db_rows() == before
    assert stub.GetCustomer(pb.GetCustomerRequest(name=person.ann.name)).customer.state == r.CUSTOMER_STATE_ACTIVE


def test_bad_names(stub, db_rows) -> None:
    before = db_rows()
    for name in ("", "customers/abc", "merges/" + str(uuid.uuid4())):
        expect_error(lambda n=name: erase(stub, n), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    expect_error(lambda: erase(stub, f"customers/{uuid.uuid4()}"), Code.NOT_FOUND, "CUSTOMER_NOT_FOUND")
    expect_error(
        lambda: erase(stub, "customers/" + str(uuid.uuid4()), request_id="nope"),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert db_rows() == before


# --- Exact erasure after any history (issue 21): values that moved or went before the erasure.


def revealed(events) -> str:
    return str(all_events(events))


def test_merge_unmerge_remove_then_erase_both_leaves_no_value_and_the_feed_replays(
    stub, events, server, database_url
) -> None:
    mobile, e1, e2 = unique_mobile(), unique_email(), unique_email()
    v = create(stub, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, e1)))
    s = create(stub, profile(TMALL, ident(EMAIL, e2)))
    merge = stub.MergeCustomers(pb.MergeCustomersRequest(victim=v.name, survivor=s.name)).merge
    stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge.name))
    update(stub, v.name, INSTORE, remove=[ident(MOBILE, mobile)])

    erase(stub, v.name)
    # The mobile V removed went where the merge and the unmerge had copied it too; S keeps its own.
    assert values_in(databases.rows(database_url), [mobile, e1]) == []
    assert mobile not in revealed(events) and e2 in revealed(events)
    assert invariants.check(server.database.db) == []
    [listed] = stub.ListMerges(pb.ListMergesRequest(customer=s.name)).merges
    assert all(not i.value for p in listed.moved_profiles for i in p.identifiers)

    erase(stub, s.name)
    assert values_in(databases.rows(database_url), [mobile, e1, e2]) == []
    assert invariants.check(server.database.db) == []


def test_an_unmerged_victims_values_stay_when_its_old_survivor_is_erased(stub, events, server, database_url) -> None:
    kept, gone = unique_email(), unique_email()
    v = create(stub, profile(INSTORE, ident(EMAIL, kept)))
    s = create(stub, profile(TMALL, ident(EMAIL, gone)))
    merge = stub.MergeCustomers(pb.MergeCustomersRequest(victim=v.name, survivor=s.name)).merge
    stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge.name))
    erase(stub, s.name)
    assert values_in(databases.rows(database_url), [gone]) == []
    merged = [e.customers_merged for e in all_events(events) if e.WhichOneof("change") == "customers_merged"]
    assert [i.value for i in merged[0].moved_identifiers] == [kept]  # V is alive: the record of what it brought stays
    assert stub.GetCustomer(pb.GetCustomerRequest(name=v.name)).customer.profiles[0].identifiers[0].value == kept
    assert invariants.check(server.database.db) == []


def erasures_that_share_a_merge(stub) -> tuple[r.Customer, r.Customer, list[str]]:
    """S holds V (merged) and gave up m, which X holds now: erasing S and X both touch the merge record."""
    m, e, f = unique_mobile(), unique_email(), unique_email()
    v = create(stub, profile(INSTORE, ident(MOBILE, m), ident(EMAIL, e)))
    s = create(stub, profile(TMALL, ident(EMAIL, f)))
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=v.name, survivor=s.name))
    update(stub, s.name, INSTORE, remove=[ident(MOBILE, m)])
    x = create(stub, profile(r.SOURCE_JD, ident(MOBILE, m)))
    return s, x, [m, e, f]


def test_two_erasures_touching_one_merge_record_leave_nothing(stub, server, database_url) -> None:
    s, x, values = erasures_that_share_a_merge(stub)
    erase(stub, s.name)
    erase(stub, x.name)
    assert values_in(databases.rows(database_url), values) == []
    assert invariants.check(server.database.db) == []


def test_concurrent_erasures_on_two_replicas_lose_no_redaction(start_server, database_url) -> None:
    """Issue 21: EraseCustomer(S) and EraseCustomer(X) at the same moment on two replicas, round after round."""
    replicas = [start_server(), start_server()]
    channels = [grpc.insecure_channel(f"127.0.0.1:{replica.port}") for replica in replicas]
    try:
        stubs = [identifier_grpc.IdentifierServiceStub(channel) for channel in channels]
        with ThreadPoolExecutor(2) as pool:
            for _ in range(8):
                s, x, values = erasures_that_share_a_merge(stubs[0])
                barrier = threading.Barrier(2)

                def erase_when_both_are_ready(stub: Any, name: str, barrier: threading.Barrier = barrier) -> None:
                    barrier.wait()
                    erase(stub, name)

                for done in [
                    pool.submit(erase_when_both_are_ready, stubs[0], s.name),
                    pool.submit(erase_when_both_are_ready, stubs[1], x.name),
                ]:
                    done.result()
                assert values_in(databases.rows(database_url), values) == []
        assert invariants.check(replicas[0].database.db) == []
    finally:
        for channel in channels:
            channel.close()


def test_an_erasure_tombstones_only_the_replies_that_name_the_erased(stub, server) -> None:
    """Issue 21.2: "ext-1" is inside "ext-12", "b@x.example" inside "ab@x.example"; Y's reply names Y alone."""
    x = create(stub, profile(INSTORE, ident(EXTERNAL_ID, "ext-1"), ident(EMAIL, "b@x.example")))
    y_request = pb.CreateCustomerRequest(
        profiles=[profile(INSTORE, ident(EXTERNAL_ID, "ext-12"), ident(EMAIL, "ab@x.example"))], request_id=rid()
    )
    y = stub.CreateCustomer(y_request)
    erase(stub, x.name)
    again = stub.CreateCustomer(y_request)
    assert again.SerializeToString(deterministic=True) == y.SerializeToString(deterministic=True)
    assert stub.GetCustomer(pb.GetCustomerRequest(name=y.customer.name)).customer.state == r.CUSTOMER_STATE_ACTIVE
    assert invariants.check(server.database.db) == []


def test_stored_refusals_that_name_the_erased_are_tombstoned_and_no_other(stub, server, db_rows) -> None:
    mobile = unique_mobile()
    x = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    w = create(stub, profile(TMALL, ident(EXTERNAL_ID, f"w-{uuid.uuid4().hex[:8]}")))
    taken = pb.UpdateIdentifiersRequest(customer=w.name, source=INSTORE, add=[ident(MOBILE, mobile)], request_id=rid())
    assert RichError(refusal(lambda: stub.UpdateIdentifiers(taken))).metadata["customer"] == x.name
    last = pb.UpdateIdentifiersRequest(
        customer=w.name, source=TMALL, remove=list(w.profiles[0].identifiers), request_id=rid()
    )
    kept = refusal(lambda: stub.UpdateIdentifiers(last))
    assert RichError(kept).reason == "LAST_IDENTIFIER"  # names w only

    erase(stub, x.name)
    before = db_rows()
    erased = expect_error(lambda: stub.UpdateIdentifiers(taken), Code.FAILED_PRECONDITION, "CUSTOMER_ERASED")
    assert erased.metadata["customer"] == x.name  # not run again: the value is free now, it would succeed
    assert answer_of(refusal(lambda: stub.UpdateIdentifiers(last))) == answer_of(kept)
    assert db_rows() == before
    assert invariants.check(server.database.db) == []


def test_the_checker_finds_a_reply_that_names_the_erased_and_is_not_a_tombstone(stub, server, database_url) -> None:
    x_request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, unique_mobile()))], request_id=rid())
    x = stub.CreateCustomer(x_request)
    erase(stub, x.customer.name)
    assert invariants.check(server.database.db) == []
    databases.execute(  # the reply put back, as if the erasure had missed it
        database_url,
        'UPDATE "request" SET response = ? WHERE request_id = ?',
        (x.SerializeToString(deterministic=True), x_request.request_id),
    )
    [violation] = invariants.check(server.database.db)
    assert violation.rows == [("reply", "default", x_request.request_id)]


def test_two_erasures_of_one_person_at_once_under_their_own_request_ids(start_server) -> None:
    """The later one waits for the person's lock, then answers the erased customer: stored after the
    erasure, its reply names the erased and is no tombstone, rightly (RELIABILITY invariant 4d)."""
    servers = [start_server(), start_server()]
    channels = [grpc.insecure_channel(f"127.0.0.1:{s.port}") for s in servers]
    stubs = [identifier_grpc.IdentifierServiceStub(c) for c in channels]
    try:
        for _ in range(5):
            person = create(stubs[0], profile(INSTORE, ident(MOBILE, unique_mobile())), request_id=rid())
            start = threading.Barrier(2)

            def erase_at_once(stub: Any, name: str = person.name, barrier: threading.Barrier = start) -> r.Customer:
                barrier.wait()
                return erase(stub, name, request_id=rid()).customer

            with ThreadPoolExecutor(2) as pool:
                first, second = pool.map(erase_at_once, stubs)
            assert first == second and first.state == ERASED
            assert invariants.check(servers[0].database.db) == []
    finally:
        for channel in channels:
            channel.close()
