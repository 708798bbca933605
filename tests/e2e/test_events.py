"""The change feed: one event per change in its transaction, numbered without gaps, listed and watched."""

from __future__ import annotations

import queue
import threading
import time
import uuid
from datetime import timedelta

import grpc
import pytest
from grpc import StatusCode as Code

from loyalty_identity.api.auth import hash_token
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_grpc, identifier_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants
from tests.e2e.test_cards import new_series
from tests.helpers import (
    EMAIL,
    INSTORE,
    MOBILE,
    TMALL,
    RichError,
    create,
    expect_error,
    ident,
    profile,
    unique_email,
    unique_mobile,
    update,
)
from tests.security.test_limits import wait_for_calls_in_flight
from tests.statements import wait_for_startup_purge


@pytest.fixture
def events(channel: grpc.Channel) -> event_grpc.EventServiceStub:
    return event_grpc.EventServiceStub(channel)


def all_events(events, reveal: bool = False) -> list[epb.Event]:
    return list(events.ListEvents(epb.ListEventsRequest(page_size=1000, reveal_values=reveal)).events)


def kinds(found: list[epb.Event]) -> list[str]:
    return [e.WhichOneof("change") for e in found]


def test_every_change_appends_one_event_in_order(stub, cards, events) -> None:
    mobile, email = unique_mobile(), unique_email()
    ann = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    tmall = create(stub, profile(TMALL, ident(EMAIL, email)))
    [merge] = update(stub, tmall.name, TMALL, add=[ident(MOBILE, mobile)]).merges
    series = new_series(cards, code="EVT", prefix="E", length=8)
    card = cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, series_id=series.id)).card
    cards.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=card.number, status_label="SUSPENDED"))
    stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge.name))

    found = all_events(events, reveal=True)

    assert [e.sequence for e in found] == list(range(1, len(found) + 1))
    assert kinds(found) == [
        "customer_created",
        "customer_created",
        "customers_merged",
        "identifiers_changed",  # what the merging request added, on the survivor
        "card_changed",
        "card_changed",
        "customers_unmerged",
    ]
    created, _, merged, added, issued, suspended, unmerged = found
    assert created.customers == [ann.name]
    assert [(i.type, i.value) for i in created.customer_created.identifiers] == [(MOBILE, mobile)]
    assert (merged.customers_merged.victim, merged.customers_merged.survivor) == (tmall.name, ann.name)
    assert merged.customers_merged.merge == merge.name
    assert [i.value for i in merged.customers_merged.moved_identifiers] == [email]
    assert merged.customers_merged.trigger.value == mobile
    assert added.identifiers_changed.customer == ann.name
    assert [(i.source, i.value) for i in added.identifiers_changed.added] == [(TMALL, mobile)]
    assert (issued.card_changed.number, issued.card_changed.customer) == (card.number, ann.name)
    assert issued.card_changed.previous_customer == "" and issued.card_changed.status == r.CARD_STATUS_ACTIVE
    assert suspended.card_changed.status == r.CARD_STATUS_SUSPENDED
    assert sorted(unmerged.customers) == sorted([tmall.name, ann.name])
    assert [i.value for i in unmerged.customers_unmerged.restored_identifiers] == [email]
    assert [i.value for i in unmerged.customers_unmerged.removed_identifiers] == [mobile]


def test_values_are_masked_unless_revealed(stub, events) -> None:
    mobile, email = "8613800138000", "ann.lee@example.com"
    create(stub, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, email)))

    [masked] = all_events(events)
    values = sorted(i.value for i in masked.customer_created.identifiers)
    assert values == ["86138****8000", "a****@example.com"]
    [revealed] = all_events(events, reveal=True)
    assert sorted(i.value for i in revealed.customer_created.identifiers) == [mobile, email]


def test_refused_dry_run_and_replayed_calls_write_no_event(stub, events) -> None:
    mobile = unique_mobile()
    request_id = str(uuid.uuid4())
    create(stub, profile(INSTORE, ident(MOBILE, mobile)), request_id=request_id)
    create(stub, profile(INSTORE, ident(MOBILE, mobile)), request_id=request_id)  # replay
    create(stub, profile(TMALL, ident(EMAIL, unique_email())), validate_only=True)
    expect_error(lambda: create(stub, profile(INSTORE, ident(MOBILE, mobile))), Code.ALREADY_EXISTS, "IDENTIFIER_TAKEN")
    found = all_events(events)
    assert kinds(found) == ["customer_created"]
    assert found[0].request_id == request_id


def test_list_events_pages_and_refuses_positions_it_cannot_continue_from(stub, events) -> None:
    for _ in range(5):
        create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    page = events.ListEvents(epb.ListEventsRequest(after_sequence=1, page_size=2))
    assert [e.sequence for e in page.events] == [2, 3] and page.last_sequence == 5
    caught_up = events.ListEvents(epb.ListEventsRequest(after_sequence=5))
    assert list(caught_up.events) == [] and caught_up.last_sequence == 5

    error = expect_error(
        lambda: events.ListEvents(epb.ListEventsRequest(after_sequence=6)), Code.OUT_OF_RANGE, "SEQUENCE_AHEAD"
    )
    assert error.metadata["last_sequence"] == "5"
    error = expect_error(
        lambda: events.ListEvents(epb.ListEventsRequest(after_sequence=-1)), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert error.field == "after_sequence"
    # AIP-158, as every List RPC: above the maximum reads as the maximum, negative is refused.
    assert events.ListEvents(epb.ListEventsRequest(page_size=100_000)) == events.ListEvents(
        epb.ListEventsRequest(page_size=1000)
    )
    error = expect_error(
        lambda: events.ListEvents(epb.ListEventsRequest(page_size=-1)), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    assert error.field == "page_size"


def test_events_past_retention_answer_out_of_range(start_server) -> None:
    running = start_server(event_retention=timedelta(0))
    wait_for_startup_purge(running)  # its purge at start must not race the events below
    with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        stub = identifier_grpc.IdentifierServiceStub(channel)
        events = event_grpc.EventServiceStub(channel)
        for _ in range(3):
            create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
        time.sleep(0.01)  # part of the test: the clock moves past the events' create time (retention 0)
        assert running.app.purge_events() == 3
        create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))

        error = expect_error(lambda: events.ListEvents(epb.ListEventsRequest()), Code.OUT_OF_RANGE, "EVENTS_EXPIRED")
        assert error.metadata["first_sequence"] == "4"
        assert [e.sequence for e in events.ListEvents(epb.ListEventsRequest(after_sequence=3)).events] == [4]
        with pytest.raises(grpc.RpcError) as caught:
            next(iter(events.WatchEvents(epb.WatchEventsRequest(after_sequence=1))))
        assert (caught.value.code(), RichError(caught.value).reason) == (Code.OUT_OF_RANGE, "EVENTS_EXPIRED")
        assert invariants.check(running.database.db) == []


class Watcher:
    """A WatchEvents stream read by a background thread."""

    def __init__(self, events, after: int = 0) -> None:
        self.call = events.WatchEvents(epb.WatchEventsRequest(after_sequence=after, reveal_values=True))
        self.received: queue.Queue[epb.Event | grpc.RpcError] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for message in self.call:
                self.received.put(message.event)
        except grpc.RpcError as error:
            self.received.put(error)

    def take(self, count: int, timeout: float = 10.0) -> list[epb.Event]:
        got: list[epb.Event] = []
        for _ in range(count):
            try:
                item = self.received.get(timeout=timeout)
            except queue.Empty:
                seqs = [e.sequence for e in got]
                missing = sorted(set(range(1, max(seqs, default=0) + 1)) - set(seqs))
                raise AssertionError(f"{len(got)} of {count} events, missing {missing}") from None
            assert isinstance(item, epb.Event), item
            got.append(item)
        return got


def test_watch_replays_then_streams_live_and_resumes_without_gaps(stub, events) -> None:
    first = create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    watcher = Watcher(events)
    assert kinds(watcher.take(1)) == ["customer_created"]

    mobile = unique_mobile()
    survivor = create(stub, profile(TMALL, ident(MOBILE, mobile)))
    update(stub, first.name, INSTORE, add=[ident(EMAIL, unique_email())])
    update(stub, first.name, r.SOURCE_JD, add=[ident(MOBILE, mobile)])  # merges first into survivor
    live = watcher.take(4)
    assert [e.sequence for e in live] == [2, 3, 4, 5]
    assert kinds(live) == ["customer_created", "identifiers_changed", "customers_merged", "identifiers_changed"]
    assert live[2].customers_merged.survivor == survivor.name
    watcher.call.cancel()

    resumed = Watcher(events, after=3)  # a client that processed up to 3 reconnects
    assert [e.sequence for e in resumed.take(2)] == [4, 5]
    create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    assert [e.sequence for e in resumed.take(1)] == [6]
    with pytest.raises(queue.Empty):
        resumed.received.get(timeout=0.5)  # nothing twice
    resumed.call.cancel()


def test_watch_ends_with_unavailable_on_shutdown(start_server) -> None:
    running = start_server()
    with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        watcher = Watcher(event_grpc.EventServiceStub(channel))
        wait_for_calls_in_flight(running, 1, "the watcher's stream")
        started = time.monotonic()
        running.stop(grace=5)
        ended = watcher.received.get(timeout=10)
        assert time.monotonic() - started < 5  # the stream does not hold shutdown for the whole grace
        assert isinstance(ended, grpc.RpcError)
        assert ended.code() == Code.UNAVAILABLE
        assert RichError(ended).reason == "UNAVAILABLE"


def test_watchers_beyond_the_limit_are_refused(start_server) -> None:
    from loyalty_identity.api.event_servicer import WatchSettings

    running = start_server(watch=WatchSettings(max_watchers=1))
    with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        events = event_grpc.EventServiceStub(channel)
        first = Watcher(events)
        wait_for_calls_in_flight(running, 1, "the first watcher's stream")
        second = Watcher(events)
        refused = second.received.get(timeout=10)
        assert isinstance(refused, grpc.RpcError)
        assert (refused.code(), RichError(refused).reason) == (Code.RESOURCE_EXHAUSTED, "RESOURCE_EXHAUSTED")
        first.call.cancel()


def test_watchers_stream_on_threads_of_their_own(start_server) -> None:
    """--max-workers is the number of threads serving calls, however many watchers stream."""
    from concurrent.futures import ThreadPoolExecutor

    from loyalty_identity.api.event_servicer import WatchSettings

    def call_threads() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name.startswith("rpc")}

    earlier = call_threads()  # of servers other tests started in this process
    running = start_server(max_workers=2, watch=WatchSettings(max_watchers=4))
    with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        watchers = [Watcher(event_grpc.EventServiceStub(channel)) for _ in range(4)]
        stub = identifier_grpc.IdentifierServiceStub(channel)
        with ThreadPoolExecutor(16) as callers:
            created = list(
                callers.map(lambda _: create(stub, profile(INSTORE, ident(EMAIL, unique_email()))), range(16))
            )
        assert len({c.name for c in created}) == 16
        for watcher in watchers:
            assert len(watcher.take(16)) == 16  # every watcher streams while the calls are served
        serving = call_threads() - earlier
        assert 1 <= len(serving) <= 2, [t.name for t in serving]
        for watcher in watchers:
            watcher.call.cancel()


def test_only_tokens_granted_reveal_see_unmasked_values(start_server) -> None:
    plain, revealing = f"plain-{uuid.uuid4()}", f"revealing-{uuid.uuid4()}"
    running = start_server(tokens=f"acme sha256:{hash_token(plain)}\nacme sha256:{hash_token(revealing)} reveal")
    with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        stub = identifier_grpc.IdentifierServiceStub(channel)
        events = event_grpc.EventServiceStub(channel)
        as_plain = [("authorization", f"Bearer {plain}")]
        as_revealing = [("authorization", f"Bearer {revealing}")]
        stub.CreateCustomer(
            pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613800138000"))]), metadata=as_plain
        )

        masked = events.ListEvents(epb.ListEventsRequest(), metadata=as_plain).events
        assert masked[0].customer_created.identifiers[0].value == "86138****8000"
        expect_error(
            lambda: events.ListEvents(epb.ListEventsRequest(reveal_values=True), metadata=as_plain),
            Code.PERMISSION_DENIED,
            "PERMISSION_DENIED",
        )
        with pytest.raises(grpc.RpcError) as caught:
            next(iter(events.WatchEvents(epb.WatchEventsRequest(reveal_values=True), metadata=as_plain)))
        assert RichError(caught.value).reason == "PERMISSION_DENIED"
        revealed = events.ListEvents(epb.ListEventsRequest(reveal_values=True), metadata=as_revealing).events
        assert revealed[0].customer_created.identifiers[0].value == "8613800138000"
