"""Idempotency under retries: a client that retries after random timeouts gets exactly-once effects."""

from __future__ import annotations

import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import grpc

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, TMALL, ident, profile

RETRYABLE = {grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.ABORTED}


def with_retries(method: Any, request: Any, rng: random.Random, counts: dict[str, int]) -> Any:
    """Send the same request (same request_id) until it gets an answer, with tiny random deadlines first."""
    for attempt in range(200):
        timeout = rng.uniform(0.001, 0.03) if attempt < 8 else 10.0
        try:
            return method(request, timeout=timeout)
        except grpc.RpcError as error:
            assert error.code() in RETRYABLE, f"{error.code()}: {error.details()}"
            counts["timeouts"] += 1
    raise AssertionError("never answered")


def test_retries_after_timeouts_have_exactly_once_effects(stub, cards, db_rows) -> None:
    series = cards.CreateCardSeries(
        cpb.CreateCardSeriesRequest(
            series=r.CardSeries(
                code="RT",
                name="Retry",
                type=r.CARD_TYPE_DIGITAL,
                format=r.CardNumberFormat(prefix="R", length=8, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
            )
        )
    ).series
    counts = {"timeouts": 0}
    lock = threading.Lock()

    def one_person(i: int) -> tuple[str, str, list[str]]:
        rng = random.Random(i)
        local = {"timeouts": 0}
        # Two customers that one update then merges: the TMALL one into the INSTORE one.
        store = with_retries(
            stub.CreateCustomer,
            pb.CreateCustomerRequest(
                profiles=[profile(INSTORE, ident(EMAIL, f"p{i}@retry.com"))], request_id=str(uuid.uuid4())
            ),
            rng,
            local,
        )
        online = with_retries(
            stub.CreateCustomer,
            pb.CreateCustomerRequest(
                profiles=[profile(TMALL, ident(EXTERNAL_ID, f"t-{i}"))], request_id=str(uuid.uuid4())
            ),
            rng,
            local,
        )
        merged = with_retries(
            stub.UpdateIdentifiers,
            pb.UpdateIdentifiersRequest(
                customer=online.customer.name,
                source=TMALL,
                add=[ident(EMAIL, f"p{i}@retry.com")],
                request_id=str(uuid.uuid4()),
            ),
            rng,
            local,
        )
        assert merged.customer.name == store.customer.name and len(merged.merges) == 1
        issued = [
            with_retries(
                cards.IssueCard,
                cpb.IssueCardRequest(customer=store.customer.name, series_id=series.id, request_id=str(uuid.uuid4())),
                rng,
                local,
            ).card.number
            for _ in range(2)
        ]
        with lock:
            counts["timeouts"] += local["timeouts"]
        return store.customer.name, online.customer.name, issued

    people = 12
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(one_person, range(people)))
    rows = db_rows()
    assert counts["timeouts"] > people, "the deadlines should have cut many calls short"
    assert len(rows["customer"]) == 2 * people  # no create ran twice
    assert len(rows["merge"]) == people  # no merge ran twice
    linked = [row for row in rows["card"] if row[6] is not None]  # customer_id column
    assert len(linked) == 2 * people  # no card issued twice
    assert len({n for _, _, numbers in results for n in numbers}) == 2 * people
    print(f"\n{counts['timeouts']} calls timed out and were retried")
