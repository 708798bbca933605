"""Limits: message size, calls at once, deadlines; and logs that keep secrets."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import grpc

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.server import RunningServer
from tests.databases import write_lock_held
from tests.helpers import EMAIL, EXTERNAL_ID, INSTORE, MOBILE, TMALL, create, expect_error, ident, profile
from tests.security.test_auth import stub_for, token_line

Code = grpc.StatusCode


def wait_until(condition: Callable[[], bool], what: str, within: float = 10.0) -> None:
    """Poll condition until it holds; fail, naming what was awaited, after `within` seconds."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, f"waited {within} s for {what}"
        time.sleep(0.01)


def calls_in_flight(server: RunningServer) -> float:
    """The calls the server is serving now: its loyalty_identity_rpc_in_flight gauge."""
    assert server.telemetry is not None
    return server.telemetry.metrics.registry.get_sample_value("loyalty_identity_rpc_in_flight") or 0.0


def wait_for_calls_in_flight(server: RunningServer, count: int, what: str) -> None:
    wait_until(lambda: calls_in_flight(server) == count, f"{what}: the server to report {count} calls in flight")


def test_oversized_messages_are_refused(stub, server) -> None:
    huge = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, "x" * (2 << 20)))])
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        raw = channel.unary_unary(
            "/loyalty.identity.v1.IdentifierService/CreateCustomer",
            request_serializer=pb.CreateCustomerRequest.SerializeToString,
            response_deserializer=pb.CreateCustomerResponse.FromString,
        )
        try:
            raw(huge, timeout=10)
            raise AssertionError("a 2 MiB request was accepted")
        except grpc.RpcError as error:
            assert error.code() == Code.RESOURCE_EXHAUSTED


def test_calls_beyond_the_concurrency_limit_are_refused(start_server, database_url) -> None:
    server = start_server(max_concurrent_rpcs=2)
    stub = identifier_grpc.IdentifierServiceStub(grpc.insecure_channel(f"127.0.0.1:{server.port}"))
    create(stub, profile(INSTORE, ident(EMAIL, "warm@limit.com")))
    results: list[object] = []

    def blocked_call(i: int) -> None:
        results.append(create(stub, profile(INSTORE, ident(EMAIL, f"held{i}@limit.com"))))

    threads = [threading.Thread(target=blocked_call, args=(i,)) for i in range(2)]
    with write_lock_held(database_url):
        for thread in threads:
            thread.start()
        wait_for_calls_in_flight(server, 2, "both calls waiting for the lock")
        try:
            stub.GetCustomer(pb.GetCustomerRequest(name="customers/00000000-0000-4000-8000-000000000000"), timeout=5)
            raise AssertionError("a third concurrent call was served")
        except grpc.RpcError as error:
            assert error.code() == Code.RESOURCE_EXHAUSTED
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2


def test_a_call_past_its_deadline_writes_nothing(server, stub, database_url, db_rows) -> None:
    c = create(stub, profile(INSTORE, ident(EMAIL, "deadline@limit.com")))
    before = db_rows()
    with write_lock_held(database_url):
        started = time.monotonic()
        try:
            stub.UpdateIdentifiers(
                pb.UpdateIdentifiersRequest(customer=c.name, source=TMALL, add=[ident(EXTERNAL_ID, "late-1")]),
                timeout=0.5,
            )
            raise AssertionError("the call finished while the database was locked")
        except grpc.RpcError as error:
            assert error.code() == Code.DEADLINE_EXCEEDED
        assert time.monotonic() - started < 5
        # The server gives up waiting for the lock too: the call ends before the lock is released.
        wait_for_calls_in_flight(server, 0, "the call past its deadline to end")
    assert db_rows() == before


def test_logs_never_hold_identifier_values_or_tokens(start_server, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="loyalty_identity")
    secret = "s3cr3t-token-value"
    server = start_server(tokens=token_line("acme", secret))
    stub = stub_for(server, secret)
    values = ["8613400000001", "leak.check@example.com", "openid-leak-123"]
    ann = stub.CreateCustomer(
        pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, values[0]), ident(EMAIL, values[1]))])
    ).customer
    stub.UpdateIdentifiers(
        pb.UpdateIdentifiersRequest(customer=ann.name, source=TMALL, add=[ident(EXTERNAL_ID, values[2])])
    )
    expect_error(
        lambda: stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, values[0]))])),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    expect_error(
        lambda: stub.CreateCustomer(
            pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, "not an email " + values[2]))])
        ),
        Code.INVALID_ARGUMENT,
        "INVALID_IDENTIFIER",
    )
    expect_error(
        lambda: stub_for(server, "wrong-" + secret).CreateCustomer(pb.CreateCustomerRequest()),
        Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
    )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "rpc CreateCustomer org=acme outcome=IDENTIFIER_TAKEN" in logged  # the access log is there
    for value in [*values, secret, "+86"]:
        assert value not in logged
