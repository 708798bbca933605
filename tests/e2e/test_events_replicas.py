"""The change feed across replicas: servers sharing one PostgreSQL database."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

import grpc
import pytest

from loyalty_identity.api.protos import event_grpc, identifier_grpc
from loyalty_identity.store import invariants
from tests import databases
from tests.e2e.test_events import Watcher
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, create, ident, profile, unique_email, unique_mobile, update


@pytest.fixture
def backend() -> str:
    """Replicas share a PostgreSQL database (SQLite serves one process)."""
    databases.require_postgres()
    return "postgresql"


def concurrent_changes(ports: list[int], writers: int, per_writer: int) -> Iterator[int]:
    """Writers spread over the given servers; yields one count per acknowledged change."""
    acknowledged: queue.Queue[int] = queue.Queue()

    def write(index: int) -> None:
        with grpc.insecure_channel(f"127.0.0.1:{ports[index % len(ports)]}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            for _ in range(per_writer):
                customer = create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
                acknowledged.put(1)
                update(stub, customer.name, TMALL, add=[ident(EMAIL, unique_email())])
                acknowledged.put(1)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while not acknowledged.empty():
        yield acknowledged.get()


def test_watchers_on_several_replicas_see_every_change_once_in_order(start_server) -> None:
    replicas = [start_server(), start_server()]
    with (
        grpc.insecure_channel(f"127.0.0.1:{replicas[0].port}") as a,
        grpc.insecure_channel(f"127.0.0.1:{replicas[1].port}") as b,
    ):
        watchers = [Watcher(event_grpc.EventServiceStub(a)), Watcher(event_grpc.EventServiceStub(b))]
        total = sum(concurrent_changes([r.port for r in replicas], writers=8, per_writer=10))
        for watcher in watchers:
            seen = watcher.take(total, timeout=30)
            assert [e.sequence for e in seen] == list(range(1, total + 1))
            watcher.call.cancel()
        assert invariants.check(replicas[0].database.db) == []
