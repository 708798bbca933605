"""A request_id is exactly-once even when attempts overlap (issue 12).

Two server replicas share one database (in this process; the soak runs them as
separate processes). For every mutating RPC:

- *twins*: 16 copies of one request, same request_id, sent at the same moment
  to both replicas. Every copy must get OK with the same response bytes, and
  the database must change exactly as much as one copy changes it;
- *a retry after a short deadline*: a first attempt with a deadline of a few
  milliseconds, then at once the same request on the other replica. The retry
  must get OK, the stored reply when the first committed, and the effect
  happens once.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import grpc
import pytest

from loyalty_identity.api.protos import (
    card_grpc,
    card_pb,
    identifier_grpc,
    identifier_pb,
    merge_review_grpc,
    merge_review_pb,
)
from loyalty_identity.api.protos import resources_pb as r
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
    ident,
    profile,
    unique_email,
    unique_mobile,
    update,
)
from tests.reliability.slow_link import SlowLink

TWINS = 16
IDENTIFIERS = "loyalty.identity.v1.IdentifierService"
CARDS = "loyalty.identity.v1.CardService"
REVIEWS = "loyalty.identity.v1.MergeReviewService"


@dataclass(frozen=True)
class Call:
    """One mutating call, ready to send (with its request_id set)."""

    service: str
    method: str
    request: Any


class Replica:
    """Stubs and raw (bytes-level) calls to one server."""

    def __init__(self, channel: grpc.Channel) -> None:
        self.channel = channel
        self.ids = identifier_grpc.IdentifierServiceStub(channel)
        self.cards = card_grpc.CardServiceStub(channel)

    def send(self, call: Call, timeout: float = 30) -> bytes:
        """The response exactly as it came over the wire."""
        method = self.channel.unary_unary(
            f"/{call.service}/{call.method}",
            request_serializer=type(call.request).SerializeToString,
            response_deserializer=None,  # keep the bytes
        )
        response: bytes = method(call.request, timeout=timeout)
        return response


@pytest.fixture
def servers(start_server: Callable[..., Any]) -> list[Any]:
    return [start_server(), start_server()]


@pytest.fixture
def replicas(servers: list[Any]) -> Iterator[list[Replica]]:
    channels = [grpc.insecure_channel(f"127.0.0.1:{s.port}") for s in servers]
    yield [Replica(channel) for channel in channels]
    for channel in channels:
        channel.close()


# The calls, each prepared on fresh customers / cards ------------------------------------------


def _series(replica: Replica, max_active: int = 0) -> r.CardSeries:
    code = f"S{uuid.uuid4().hex[:10]}"
    return replica.cards.CreateCardSeries(card_pb.CreateCardSeriesRequest(series=_series_spec(code, max_active))).series


def _series_spec(code: str, max_active: int = 0) -> r.CardSeries:
    return r.CardSeries(
        code=code,
        name=f"{code} card",
        type=r.CARD_TYPE_DIGITAL,
        format=r.CardNumberFormat(prefix="T", length=14, method=r.CARD_NUMBER_METHOD_RANDOM),
        max_active_cards_per_customer=max_active,
    )


def _issued_card(replica: Replica) -> tuple[r.Card, r.Customer]:
    series = _series(replica)
    holder = create(replica.ids, profile(INSTORE, ident(EMAIL, unique_email())))
    issued = replica.cards.IssueCard(card_pb.IssueCardRequest(customer=holder.name, series_id=series.id))
    return issued.card, holder


def create_customer(replica: Replica) -> Call:
    request = identifier_pb.CreateCustomerRequest(
        profiles=[profile(INSTORE, ident(MOBILE, unique_mobile()), ident(EMAIL, unique_email()))]
    )
    return Call(IDENTIFIERS, "CreateCustomer", request)


def add_identifier(replica: Replica) -> Call:
    customer = create(replica.ids, profile(INSTORE, ident(MOBILE, unique_mobile())))
    request = identifier_pb.UpdateIdentifiersRequest(
        customer=customer.name, source=INSTORE, add=[ident(EMAIL, unique_email())]
    )
    return Call(IDENTIFIERS, "UpdateIdentifiers", request)


def remove_identifier(replica: Replica) -> Call:
    email = unique_email()
    customer = create(replica.ids, profile(INSTORE, ident(MOBILE, unique_mobile()), ident(EMAIL, email)))
    request = identifier_pb.UpdateIdentifiersRequest(
        customer=customer.name, source=INSTORE, remove=[ident(EMAIL, email)]
    )
    return Call(IDENTIFIERS, "UpdateIdentifiers", request)


def merging_add(replica: Replica) -> Call:
    mobile = unique_mobile()
    create(replica.ids, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(replica.ids, profile(TMALL, ident(EXTERNAL_ID, uuid.uuid4().hex)))
    request = identifier_pb.UpdateIdentifiersRequest(customer=victim.name, source=TMALL, add=[ident(MOBILE, mobile)])
    return Call(IDENTIFIERS, "UpdateIdentifiers", request)


def merge_customers(replica: Replica) -> Call:
    victim = create(replica.ids, profile(INSTORE, ident(MOBILE, unique_mobile())))
    survivor = create(replica.ids, profile(TMALL, ident(EXTERNAL_ID, uuid.uuid4().hex)))
    request = identifier_pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)
    return Call(IDENTIFIERS, "MergeCustomers", request)


def unmerge_customers(replica: Replica) -> Call:
    mobile = unique_mobile()
    create(replica.ids, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(replica.ids, profile(TMALL, ident(EXTERNAL_ID, uuid.uuid4().hex)))
    merged = update(replica.ids, victim.name, TMALL, add=[ident(MOBILE, mobile)])
    request = identifier_pb.UnmergeCustomersRequest(merge=merged.merges[0].name)
    return Call(IDENTIFIERS, "UnmergeCustomers", request)


def erase_customer(replica: Replica) -> Call:
    """A customer with a merged one: twins must erase once, append one event, and agree on the reply."""
    mobile = unique_mobile()
    survivor = create(replica.ids, profile(INSTORE, ident(MOBILE, mobile)), request_id=str(uuid.uuid4()))
    victim = create(replica.ids, profile(TMALL, ident(EXTERNAL_ID, uuid.uuid4().hex)))
    update(replica.ids, victim.name, TMALL, add=[ident(MOBILE, mobile)])
    return Call(IDENTIFIERS, "EraseCustomer", identifier_pb.EraseCustomerRequest(name=survivor.name))


def issue_card(replica: Replica) -> Call:
    series = _series(replica, max_active=1)  # a second issue would break the limit: twins must not run twice
    customer = create(replica.ids, profile(INSTORE, ident(EMAIL, unique_email())))
    return Call(CARDS, "IssueCard", card_pb.IssueCardRequest(customer=customer.name, series_id=series.id))


def unlink_card(replica: Replica) -> Call:
    card, _ = _issued_card(replica)
    return Call(CARDS, "UnlinkCard", card_pb.UnlinkCardRequest(number=card.number))


def update_card_status(replica: Replica) -> Call:
    card, _ = _issued_card(replica)
    return Call(CARDS, "UpdateCardStatus", card_pb.UpdateCardStatusRequest(number=card.number, status_label="EXPIRED"))


def generate_cards(replica: Replica) -> Call:
    series = _series(replica)
    return Call(CARDS, "GenerateCards", card_pb.GenerateCardsRequest(series_id=series.id, count=20))


def create_card_series(replica: Replica) -> Call:
    series = _series_spec(f"S{uuid.uuid4().hex[:10]}")
    return Call(CARDS, "CreateCardSeries", card_pb.CreateCardSeriesRequest(series=series))


def create_card(replica: Replica) -> Call:
    series = _series(replica)
    number = "T" + str(random.randrange(10**12, 10**13))
    return Call(CARDS, "CreateCard", card_pb.CreateCardRequest(series_id=series.id, number=number))


def create_status_label(replica: Replica) -> Call:
    label = f"L-{uuid.uuid4().hex[:8]}"
    return Call(CARDS, "CreateStatusLabel", card_pb.CreateStatusLabelRequest(label=label, status=r.CARD_STATUS_ACTIVE))


def _candidate(replica: Replica) -> str:
    """A merge candidate: the org's policy has CUID merges reviewed (no other call here merges on CUID)."""
    review = merge_review_grpc.MergeReviewServiceStub(replica.channel)
    policy = r.MergePolicy(rules=[r.TypeRule(type=r.IDENTIFIER_TYPE_CUID, mode=r.MERGE_MODE_REVIEW)])
    review.UpdateMergePolicy(merge_review_pb.UpdateMergePolicyRequest(policy=policy))
    cuid = uuid.uuid4().hex
    create(replica.ids, profile(INSTORE, ident(r.IDENTIFIER_TYPE_CUID, cuid)))
    victim = create(replica.ids, profile(TMALL, ident(EXTERNAL_ID, uuid.uuid4().hex)))
    with pytest.raises(grpc.RpcError) as refused:
        update(replica.ids, victim.name, TMALL, add=[ident(r.IDENTIFIER_TYPE_CUID, cuid)])
    return RichError(refused.value).metadata["candidate"]


def accept_candidate(replica: Replica) -> Call:
    """Twins must merge once, resolve the candidate once, and agree on the reply."""
    request = merge_review_pb.AcceptMergeCandidateRequest(name=_candidate(replica))
    return Call(REVIEWS, "AcceptMergeCandidate", request)


def reject_candidate(replica: Replica) -> Call:
    """Twins must block the pair once and resolve the candidate once."""
    return Call(REVIEWS, "RejectMergeCandidate", merge_review_pb.RejectMergeCandidateRequest(name=_candidate(replica)))


CALLS = [
    create_customer,
    add_identifier,
    remove_identifier,
    merging_add,
    merge_customers,
    unmerge_customers,
    erase_customer,
    issue_card,
    unlink_card,
    update_card_status,
    generate_cards,
    create_card_series,
    create_card,
    create_status_label,
    accept_candidate,
    reject_candidate,
]


# The same calls, each prepared so that it is refused (a definite refusal, stored as the answer).


def create_customer_taken(replica: Replica) -> Call:
    email = unique_email()
    create(replica.ids, profile(INSTORE, ident(EMAIL, email)))
    return Call(
        IDENTIFIERS,
        "CreateCustomer",
        identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, email))]),
    )


def add_identifier_taken(replica: Replica) -> Call:
    call = add_identifier(replica)
    create(replica.ids, profile(INSTORE, call.request.add[0]))  # another customer holds it first
    return call


def remove_identifier_not_held(replica: Replica) -> Call:
    """NOT_FOUND: its ResourceInfo quotes the value."""
    call = remove_identifier(replica)
    replica.ids.UpdateIdentifiers(call.request)  # removed already
    return call


def merging_add_profile_conflict(replica: Replica) -> Call:
    mobile = unique_mobile()
    create(replica.ids, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(
        replica.ids,
        profile(INSTORE, ident(EMAIL, unique_email())),
        profile(TMALL, ident(EXTERNAL_ID, uuid.uuid4().hex)),
    )
    request = identifier_pb.UpdateIdentifiersRequest(customer=victim.name, source=TMALL, add=[ident(MOBILE, mobile)])
    return Call(IDENTIFIERS, "UpdateIdentifiers", request)


def merge_customers_conflict(replica: Replica) -> Call:
    victim = create(replica.ids, profile(INSTORE, ident(MOBILE, unique_mobile())))
    survivor = create(replica.ids, profile(INSTORE, ident(EMAIL, unique_email())))
    request = identifier_pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)
    return Call(IDENTIFIERS, "MergeCustomers", request)


def unmerge_customers_undone(replica: Replica) -> Call:
    call = unmerge_customers(replica)
    replica.ids.UnmergeCustomers(call.request)  # undone already: UNMERGE_CONFLICT
    return call


def erase_customer_unknown(replica: Replica) -> Call:
    request = identifier_pb.EraseCustomerRequest(name=f"customers/{uuid.uuid4()}")
    return Call(IDENTIFIERS, "EraseCustomer", request)


def issue_card_over_limit(replica: Replica) -> Call:
    call = issue_card(replica)
    replica.cards.IssueCard(call.request)  # the one card the series allows
    return call


def unlink_card_in_stock(replica: Replica) -> Call:
    [number] = replica.cards.GenerateCards(card_pb.GenerateCardsRequest(series_id=_series(replica).id, count=1)).numbers
    return Call(CARDS, "UnlinkCard", card_pb.UnlinkCardRequest(number=number))


def update_card_status_final(replica: Replica) -> Call:
    card, _ = _issued_card(replica)
    replica.cards.UpdateCardStatus(card_pb.UpdateCardStatusRequest(number=card.number, status_label="DELETED"))
    return Call(CARDS, "UpdateCardStatus", card_pb.UpdateCardStatusRequest(number=card.number, status_label="ACTIVE"))


def generate_cards_unknown_series(replica: Replica) -> Call:
    return Call(CARDS, "GenerateCards", card_pb.GenerateCardsRequest(series_id=str(uuid.uuid4()), count=20))


def create_card_series_code_taken(replica: Replica) -> Call:
    series = _series_spec(_series(replica).code)
    return Call(CARDS, "CreateCardSeries", card_pb.CreateCardSeriesRequest(series=series))


def create_card_number_taken(replica: Replica) -> Call:
    call = create_card(replica)
    replica.cards.CreateCard(call.request)
    return call


def create_status_label_taken(replica: Replica) -> Call:
    call = create_status_label(replica)
    replica.cards.CreateStatusLabel(call.request)
    return call


def accept_candidate_decided(replica: Replica) -> Call:
    call = reject_candidate(replica)
    replica.send(call)  # rejected already: CANDIDATE_NOT_PENDING
    return Call(REVIEWS, "AcceptMergeCandidate", merge_review_pb.AcceptMergeCandidateRequest(name=call.request.name))


REFUSED = [
    create_customer_taken,
    add_identifier_taken,
    remove_identifier_not_held,
    merging_add_profile_conflict,
    merge_customers_conflict,
    unmerge_customers_undone,
    erase_customer_unknown,
    issue_card_over_limit,
    unlink_card_in_stock,
    update_card_status_final,
    generate_cards_unknown_series,
    create_card_series_code_taken,
    create_card_number_taken,
    create_status_label_taken,
    accept_candidate_decided,
]


def prepared(prepare: Callable[[Replica], Call], replica: Replica) -> Call:
    call = prepare(replica)
    call.request.request_id = str(uuid.uuid4())
    return call


def table_counts(url: str) -> dict[str, int]:
    with databases.connect(url) as conn:
        cursor = conn.cursor()
        counts = {}
        for table in databases.TABLES:
            if table == "event_counter":  # one row per org, made by its first event
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = int(cursor.fetchone()[0])
        return counts


def change_of(url: str, send: Callable[[], object]) -> tuple[object, dict[str, int]]:
    """What send() answered, and by how many rows it changed each table."""
    before = table_counts(url)
    answer = send()
    after = table_counts(url)
    return answer, {table: after[table] - before[table] for table in after if after[table] != before[table]}


def at_once(replicas: list[Replica], call: Call, copies: int) -> list[bytes | grpc.RpcError]:
    """copies of call, released together, spread over the replicas; their answers in order."""
    start = threading.Barrier(copies)

    def send(i: int) -> bytes | grpc.RpcError:
        start.wait()
        try:
            return replicas[i % len(replicas)].send(call)
        except grpc.RpcError as error:
            return error

    with ThreadPoolExecutor(copies) as pool:
        return list(pool.map(send, range(copies)))


def describe(answer: bytes | grpc.RpcError) -> str:
    if isinstance(answer, grpc.RpcError):
        return f"{answer.code().name}: {answer.details()}"
    return "OK"


def exactly(answer: bytes | grpc.RpcError) -> object:
    """An answer as its caller gets it, byte for byte: the reply's bytes, or the refusal's status and trailers."""
    return answer_of(answer) if isinstance(answer, grpc.RpcError) else answer


@pytest.mark.parametrize("prepare", CALLS, ids=[c.__name__ for c in CALLS])
def test_twins_at_once_all_get_the_one_reply_and_act_once(
    prepare: Callable[[Replica], Call], replicas: list[Replica], database_url: str
) -> None:
    # The change one copy makes, on calls prepared alike.
    single = prepared(prepare, replicas[0])
    _, one_change = change_of(database_url, lambda: replicas[0].send(single))
    assert one_change.pop("request") == 1 and one_change, "the call stores its reply and changes something"
    one_change["request"] = 1

    for _ in range(3):
        call = prepared(prepare, replicas[0])
        answers, change = change_of(database_url, lambda c=call: at_once(replicas, c, TWINS))
        assert isinstance(answers, list)
        assert [describe(a) for a in answers] == ["OK"] * TWINS
        assert len(set(answers)) == 1, "every copy gets the very same response bytes"
        assert change == one_change, "sixteen copies change the database exactly as one does"
        # A later retry too, on either replica.
        assert {replica.send(call) for replica in replicas} == set(answers)


def attempt(replica: Replica, call: Call) -> bytes | grpc.RpcError:
    try:
        return replica.send(call)
    except grpc.RpcError as error:
        return error


@pytest.mark.parametrize("prepare", REFUSED, ids=[c.__name__ for c in REFUSED])
def test_twins_of_a_refused_request_all_get_the_one_refusal(
    prepare: Callable[[Replica], Call], replicas: list[Replica], database_url: str
) -> None:
    """RULES 2.7: a refusal is an answer too; the copies agree on it byte for byte (ErrorInfo, details)."""
    single = prepared(prepare, replicas[0])
    first, one_change = change_of(database_url, lambda: attempt(replicas[0], single))
    assert isinstance(first, grpc.RpcError), "prepared to be refused"
    assert one_change.pop("request") == 1 and set(one_change) <= {"request_customer"}, "it stores its answer alone"
    one_change["request"] = 1

    for _ in range(3):
        call = prepared(prepare, replicas[0])
        answers, change = change_of(database_url, lambda c=call: at_once(replicas, c, TWINS))
        assert isinstance(answers, list)
        assert all(isinstance(a, grpc.RpcError) for a in answers), [describe(a) for a in answers]
        assert len({exactly(a) for a in answers}) == 1, "every copy gets the very same refusal"
        assert change == one_change, "sixteen copies change the database exactly as one does"
        assert {exactly(attempt(replica, call)) for replica in replicas} == {exactly(answers[0])}


@dataclass(frozen=True)
class Changing:
    """A call that is refused, and another that, once done, lets it through."""

    call: Call
    change: Call


def create_while_the_holder_lets_go(replica: Replica) -> Changing:
    email = unique_email()
    holder = create(replica.ids, profile(INSTORE, ident(EMAIL, email)))
    let_go = identifier_pb.UpdateIdentifiersRequest(
        customer=holder.name, source=INSTORE, remove=[ident(EMAIL, email)], add=[ident(MOBILE, unique_mobile())]
    )
    create_it = identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, email))])
    return Changing(Call(IDENTIFIERS, "CreateCustomer", create_it), Call(IDENTIFIERS, "UpdateIdentifiers", let_go))


def merge_while_the_conflict_goes(replica: Replica) -> Changing:
    """The issue's PROFILE_CONFLICT: the victim's conflicting profile is removed at the same moment."""
    mobile, email = unique_mobile(), unique_email()
    create(replica.ids, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(
        replica.ids, profile(INSTORE, ident(EMAIL, email)), profile(TMALL, ident(EXTERNAL_ID, uuid.uuid4().hex))
    )
    merging = identifier_pb.UpdateIdentifiersRequest(customer=victim.name, source=TMALL, add=[ident(MOBILE, mobile)])
    drop = identifier_pb.UpdateIdentifiersRequest(customer=victim.name, source=INSTORE, remove=[ident(EMAIL, email)])
    return Changing(Call(IDENTIFIERS, "UpdateIdentifiers", merging), Call(IDENTIFIERS, "UpdateIdentifiers", drop))


CHANGING = [create_while_the_holder_lets_go, merge_while_the_conflict_goes]


@pytest.mark.parametrize("prepare", CHANGING, ids=[c.__name__ for c in CHANGING])
def test_twins_agree_while_the_world_changes_under_them(
    prepare: Callable[[Replica], Changing], replicas: list[Replica]
) -> None:
    """Issue 21.4: twins on two replicas got one OK and one PROFILE_CONFLICT when the refused one
    stored nothing and the other ran after the world changed. Now the first answer is every answer."""
    outcomes: dict[str, int] = {}
    rng = random.Random(21)
    for _ in range(8):
        changing = prepare(replicas[0])
        changing.call.request.request_id = str(uuid.uuid4())
        start = threading.Barrier(TWINS + 1)

        lag = rng.uniform(0, 0.005)  # the change lands before, among or after the twins

        def send(i: int, c: Changing = changing, barrier: threading.Barrier = start, d: float = lag) -> object:
            barrier.wait()
            if i == TWINS:
                time.sleep(d)
                return attempt(replicas[0], c.change)
            return attempt(replicas[i % 2], c.call)

        with ThreadPoolExecutor(TWINS + 1) as pool:
            *answers, changed = pool.map(send, range(TWINS + 1))
        assert isinstance(changed, bytes), describe(changed)
        assert len({exactly(a) for a in answers}) == 1, sorted({describe(a) for a in answers})
        assert {exactly(attempt(replica, changing.call)) for replica in replicas} == {exactly(answers[0])}
        outcome = describe(answers[0]).split(":")[0]
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(f"\n{prepare.__name__}: twins agreed every time: {outcomes}")


RETRIED = [remove_identifier, merging_add, merge_customers, unmerge_customers, erase_customer, issue_card, unlink_card]
ROUNDS = 30


def stored_time(url: str, request_id: str) -> datetime:
    """When the request_id's answer was stored: by the first attempt if before the retry was sent."""
    with databases.connect(url) as conn:
        cursor = conn.cursor()
        sql = 'SELECT create_time FROM "request" WHERE request_id = ?'
        cursor.execute(sql if databases.sqlite_path(url) else sql.replace("?", "%s"), (request_id,))
        value = cursor.fetchone()[0]
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


@pytest.fixture
def slow_replica(replicas: list[Replica], servers: list[Any]) -> Iterator[tuple[Replica, SlowLink]]:
    """The first replica behind a slow link: calls reach it late, deadlines run from when they were sent."""
    link = SlowLink(servers[0].port)
    channel = grpc.insecure_channel(f"127.0.0.1:{link.port}")
    grpc.channel_ready_future(channel).result(timeout=10)
    yield Replica(channel), link
    channel.close()
    link.close()


@dataclass(frozen=True)
class Retried:
    first: bytes | grpc.RpcError  # the first attempt's answer
    retry: bytes  # the retry's
    retry_sent: datetime


def first_then_retry(slow: Replica, other: Replica, call: Call, deadline: float) -> Retried:
    """The call with a short deadline, then at once on the other replica (a refusal there raises)."""
    first: bytes | grpc.RpcError
    try:
        first = slow.send(call, timeout=deadline)
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, describe(error)
        first = error
    retry_sent = datetime.now(UTC)
    return Retried(first, other.send(call), retry_sent)


@pytest.mark.parametrize("prepare", RETRIED, ids=[c.__name__ for c in RETRIED])
def test_a_retry_after_a_short_deadline_gets_the_stored_reply(
    prepare: Callable[[Replica], Call],
    replicas: list[Replica],
    slow_replica: tuple[Replica, SlowLink],
    database_url: str,
) -> None:
    rng = random.Random(12)
    single = prepared(prepare, replicas[0])
    started = time.monotonic()
    _, one_change = change_of(database_url, lambda: replicas[0].send(single))
    took = time.monotonic() - started
    slow, link = slow_replica
    timed_out = committed_late = 0
    for _ in range(ROUNDS):
        call = prepared(prepare, replicas[0])
        deadline = rng.uniform(0.005, 0.03)
        # The call reaches the server a little before the client gives up: the
        # server is often still at work when the retry arrives, and commits.
        link.delay = max(0.0, deadline - rng.uniform(0, 2 * took))
        answers, change = change_of(
            database_url,
            lambda c=call, d=deadline: first_then_retry(slow, replicas[1], c, d),
        )
        assert isinstance(answers, Retried)
        if isinstance(answers.first, bytes):
            assert answers.retry == answers.first
        else:
            timed_out += 1
            committed_late += stored_time(database_url, call.request.request_id) < answers.retry_sent
        assert change == one_change, "the request took effect exactly once"
        assert replicas[0].send(call) == answers.retry  # and its answer stays the same
    print(
        f"\n{prepare.__name__}: {timed_out} of {ROUNDS} first attempts timed out,"
        f" {committed_late} of them committed all the same; every retry got the one reply"
    )
