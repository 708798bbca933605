"""Uniqueness under concurrency (RULES 2.4): many writers at once, one winner."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import grpc

from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, MOBILE, RichError, create, ident, profile, update

THREADS = 16


def run_together(calls: list) -> list[tuple[str, object]]:
    """Start every call at once; return ("ok", response) or (reason, RichError) per call."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        try:
            return ("ok", call())
        except grpc.RpcError as error:
            rich = RichError(error)
            return (rich.reason, rich)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_same_identifier_same_scope_sixteen_writers_one_winner(stub, db_rows) -> None:
    customers = [create(stub, profile(INSTORE, ident(EXTERNAL_ID, f"c-{i}"))) for i in range(THREADS)]
    contested = ident(MOBILE, "8615000000001")
    outcomes = run_together([lambda c=c: update(stub, c.name, INSTORE, add=[contested]) for c in customers])
    counts = Counter(reason for reason, _ in outcomes)
    assert counts == {"ok": 1, "IDENTIFIER_TAKEN": THREADS - 1}, counts
    for reason, error in outcomes:
        if reason != "ok":
            assert isinstance(error, RichError)
            assert error.code == grpc.StatusCode.ALREADY_EXISTS
            assert "locked" not in error.status.message
    [winner] = [response for reason, response in outcomes if reason == "ok"]
    rows = db_rows()
    holders = [row for row in rows["identifier"] if row[-1] == "8615000000001"]
    assert len(holders) == 1
    found = stub.LookupCustomer(pb.LookupCustomerRequest(source=INSTORE, identifier=contested)).customer
    assert found.name == winner.customer.name  # type: ignore[attr-defined]


def test_same_value_in_different_scopes_ends_with_one_holder(stub) -> None:
    """Sixteen customers each in their own scope grab one email at once.

    In any serial order the first adds it and every later one merges into
    the holder, so everyone ends up as one active customer holding it.
    """
    sources = [r.SOURCE_INSTORE, r.SOURCE_TMALL, r.SOURCE_TAOBAO, r.SOURCE_JD, r.SOURCE_ECOMMERCE, r.SOURCE_WEBSITE]
    scopes = [(s, "") for s in sources] + [(r.SOURCE_WECHAT, f"wx-{i}") for i in range(THREADS - len(sources))]
    customers = [
        create(stub, profile(source, ident(EXTERNAL_ID, f"s-{i}"), account_id=account))
        for i, (source, account) in enumerate(scopes)
    ]
    contested = ident(EMAIL, "shared@example.com")
    outcomes = run_together(
        [
            lambda c=c, scope=scope: update(stub, c.name, scope[0], scope[1], add=[contested])
            for c, scope in zip(customers, scopes, strict=True)
        ]
    )
    assert {reason for reason, _ in outcomes} == {"ok"}, Counter(reason for reason, _ in outcomes)
    survivors = {stub.GetCustomer(pb.GetCustomerRequest(name=c.name)).customer.name for c in customers}
    assert len(survivors) == 1
    [survivor] = survivors
    merged = stub.GetCustomer(pb.GetCustomerRequest(name=survivor)).customer
    assert len(merged.merged_customers) == THREADS - 1
    assert len(merged.profiles) == THREADS
    assert len(stub.ListMerges(pb.ListMergesRequest()).merges) == THREADS - 1
