"""A call whose PostgreSQL connection breaks: run again on a new connection where safe, never OK when unsure.

The connection is broken from the server's side with pg_terminate_backend, as a failover or a
restart breaks it. Before COMMIT was sent, the server rolled the transaction back, so the call
runs again on a fresh connection and the caller never notices. A COMMIT that went unanswered
is made deterministic with a synchronous standby that never comes (`synchronous_standby_names`
naming nobody): the COMMIT is written locally and waits; the backend is then terminated, which
is exactly "committed, but the caller cannot know". Without a request_id the call must answer
UNAVAILABLE saying so (and the change is indeed there); with one, the server runs it again and
the request_id's claim answers with the first run's reply, applied once.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.server import RunningServer, ServerConfig, create_server
from tests.helpers import EXTERNAL_ID, INSTORE, create, expect_error, ident, profile
from tests.pg_cluster import PostgresNode, private_folder

CLIENT_BACKENDS = "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"


@pytest.fixture
def node() -> Iterator[PostgresNode]:
    folder = private_folder("failover-calls-pg-")
    server = PostgresNode(folder, "node")
    server.initdb()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def server(node: PostgresNode) -> Iterator[RunningServer]:
    running = create_server(ServerConfig(listen="127.0.0.1:0", database_url=node.url))
    running.start()
    try:
        yield running
    finally:
        running.stop(grace=5)


@pytest.fixture
def stub(server: RunningServer) -> Iterator[Any]:
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        yield identifier_grpc.IdentifierServiceStub(channel)


def retries(server: RunningServer, cause: str) -> float:
    """loyalty_identity_db_transaction_retries_total{cause}: operators see transactions run again."""
    assert server.telemetry is not None
    value: float = server.telemetry.metrics.retries.labels(cause)._value.get()
    return value


def create_with(stub: Any, value: str) -> None:
    request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, value))])
    stub.CreateCustomer(request, timeout=10)


def holders(node: PostgresNode, value: str) -> int:
    [(count,)] = node.execute("SELECT COUNT(*) FROM identifier WHERE value = %s", (value,))
    return int(count)


def events_of(node: PostgresNode, request_id: str) -> list[int]:
    return [int(s) for (s,) in node.execute("SELECT sequence FROM event WHERE request_id = %s", (request_id,))]


def test_calls_run_again_on_a_new_connection_when_theirs_broke_before_commit(
    node: PostgresNode, server: RunningServer, stub: Any
) -> None:
    kept = create(stub, profile(INSTORE, ident(EXTERNAL_ID, "before-the-break")))
    for _ in range(3):  # every pooled connection breaks: each call meets one first
        node.execute(f"SELECT pg_terminate_backend(pid) FROM ({CLIENT_BACKENDS}) AS b")
        assert stub.GetCustomer(pb.GetCustomerRequest(name=kept.name), timeout=10).customer == kept
        value = f"after-{uuid.uuid4()}"
        create_with(stub, value)
        assert holders(node, value) == 1
    assert retries(server, "connection_lost") >= 3
    assert retries(server, "commit_unknown") == 0


class UnansweredCommit:
    """COMMITs wait for a standby that never comes; terminate() breaks the one waiting."""

    def __init__(self, node: PostgresNode) -> None:
        self.node = node

    def __enter__(self) -> UnansweredCommit:
        self.node.execute("ALTER SYSTEM SET synchronous_standby_names = 'nobody'")
        self.node.execute("SELECT pg_reload_conf()")
        return self

    def terminate_the_waiting_commit(self, within: float = 20) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            waiting = self.node.execute("SELECT pid FROM pg_stat_activity WHERE wait_event = 'SyncRep'")
            if waiting:
                for (pid,) in waiting:
                    self.node.execute("SELECT pg_terminate_backend(%s)", (pid,))
                return
            time.sleep(0.02)
        raise AssertionError("no COMMIT waited for the standby")

    def __exit__(self, *exc: object) -> None:
        self.node.execute("ALTER SYSTEM RESET synchronous_standby_names")
        self.node.execute("SELECT pg_reload_conf()")


def in_thread(call: Callable[[], Any]) -> Callable[[], Any]:
    """Start call now; the returned function joins it and gives its result (or raises its error)."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except grpc.RpcError as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result() -> Any:
        thread.join(timeout=60)
        if isinstance(outcome[0], grpc.RpcError):
            raise outcome[0]
        return outcome[0]

    return result


def test_a_write_whose_commit_went_unanswered_is_unavailable_never_ok(node: PostgresNode, stub: Any) -> None:
    value = f"unknown-{uuid.uuid4()}"
    request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, value))])
    with UnansweredCommit(node) as commits:
        result = in_thread(lambda: stub.CreateCustomer(request, timeout=30))
        commits.terminate_the_waiting_commit()
        error = expect_error(result, grpc.StatusCode.UNAVAILABLE, "UNAVAILABLE")
    assert error.metadata == {"commit": "unknown"}
    assert "may or may not have been made" in error.status.message
    assert "request_id" in error.status.message
    assert holders(node, value) == 1  # it was committed: OK would have been right, but nobody could know


def test_a_write_with_a_request_id_whose_commit_went_unanswered_is_answered_once(
    node: PostgresNode, server: RunningServer, stub: Any
) -> None:
    value = f"exactly-once-{uuid.uuid4()}"
    request_id = str(uuid.uuid4())
    request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, value))], request_id=request_id)
    with UnansweredCommit(node) as commits:
        result = in_thread(lambda: stub.CreateCustomer(request, timeout=30))
        commits.terminate_the_waiting_commit()
    response = result()  # run again on a new connection: the claim found the first run's reply
    assert holders(node, value) == 1
    sequences = sorted(events_of(node, request_id))
    assert sequences == list(range(sequences[0], sequences[0] + len(sequences))), "applied more than once"
    assert stub.CreateCustomer(request, timeout=10) == response  # the stored answer, as any retry gets
    assert retries(server, "commit_unknown") == 1
