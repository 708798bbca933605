"""Readiness follows the database (SPEC 9): a real PostgreSQL stopped and started, a SQLite file made unreadable.

While the database cannot be reached the health service answers NOT_SERVING (overall and per
service) within 10 seconds with no call needed, calls fail UNAVAILABLE with reason
DATABASE_UNAVAILABLE, and the outage is logged once when it starts and once when it ends;
health returns to SERVING on its own within 10 seconds of the database answering again.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.server import RunningServer
from tests.helpers import EMAIL, INSTORE, create, expect_error, ident, profile, unique_email

SERVING, NOT_SERVING = health_pb2.HealthCheckResponse.SERVING, health_pb2.HealthCheckResponse.NOT_SERVING
SERVICES = ["", "loyalty.identity.v1.IdentifierService", "loyalty.identity.v1.CardService"]
WITHIN_S = 10.0


class PrivatePostgres:
    """A PostgreSQL server of this test alone (Debian's binaries), to stop and start at will."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not found:
            pytest.skip("no PostgreSQL binaries (scripts/test.sh installs Debian's postgresql)")
        self.bin = Path(found[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="readiness-pg-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.dir, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._run("initdb", "-D", str(self.dir / "data"), "-U", "postgres", "--auth=trust", "--no-locale")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(self.bin / tool), *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    server.start()
    try:
        yield server
    finally:
        server.remove()


def statuses(channel: grpc.Channel) -> list[int]:
    stub = health_pb2_grpc.HealthStub(channel)
    return [stub.Check(health_pb2.HealthCheckRequest(service=name), timeout=5).status for name in SERVICES]


def wait_for(channel: grpc.Channel, status: int) -> float:
    """Seconds until every health status is `status` (at most WITHIN_S), polled without any other call."""
    started = time.monotonic()
    while time.monotonic() - started < WITHIN_S:
        if statuses(channel) == [status] * len(SERVICES):
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"health did not become {status} within {WITHIN_S} s: {statuses(channel)}")


def database_up(server: RunningServer) -> float:
    assert server.telemetry is not None
    value: float = server.telemetry.metrics.database_up._value.get()
    return value


def outage_and_recovery(
    server: RunningServer, make_unreachable: Callable[[], None], make_reachable: Callable[[], None], caplog
) -> None:
    assert database_up(server) == 1
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = identifier_grpc.IdentifierServiceStub(channel)
        kept = create(stub, profile(INSTORE, ident(EMAIL, unique_email())))
        assert statuses(channel) == [SERVING] * len(SERVICES)
        with caplog.at_level(logging.INFO, logger="loyalty_identity.api.readiness"):
            make_unreachable()
            wait_for(channel, NOT_SERVING)
            assert database_up(server) == 0  # loyalty_identity_database_up, for the alert (deploy/prometheus)
            for call in (
                lambda: stub.GetCustomer(pb.GetCustomerRequest(name=kept.name)),
                lambda: create(stub, profile(INSTORE, ident(EMAIL, unique_email()))),
            ):
                error = expect_error(call, grpc.StatusCode.UNAVAILABLE, "DATABASE_UNAVAILABLE")
                assert "cannot be reached" in error.status.message
            time.sleep(2.5)  # more probes fail: still one line
            make_reachable()
            wait_for(channel, SERVING)
            assert database_up(server) == 1
            assert stub.GetCustomer(pb.GetCustomerRequest(name=kept.name)).customer == kept
        lines = [r.getMessage() for r in caplog.records if r.name == "loyalty_identity.api.readiness"]
        assert len(lines) == 2, lines
        assert lines[0].startswith("database unavailable") and lines[1].startswith("database reachable again")


def test_health_follows_a_postgresql_server_stopped_and_started(
    start_server, private_postgres: PrivatePostgres, caplog
) -> None:
    server = start_server(database_url=private_postgres.url)
    outage_and_recovery(server, private_postgres.stop, private_postgres.start, caplog)


def test_health_follows_a_sqlite_file_made_unreadable(start_server, tmp_path: Path, caplog) -> None:
    """The file is moved away and a directory put in its place (unreadable even to root), then put back."""
    path = tmp_path / "identity.db"
    server = start_server(database_url=f"sqlite:///{path}")
    aside = tmp_path / "aside"
    aside.mkdir()

    def unreadable() -> None:
        for file in tmp_path.glob("identity.db*"):
            file.rename(aside / file.name)
        path.mkdir()

    def readable() -> None:
        path.rmdir()
        for file in aside.iterdir():
            file.rename(tmp_path / file.name)

    outage_and_recovery(server, unreadable, readable, caplog)


def test_a_busy_database_stays_busy_not_unavailable(start_server, database_url: str) -> None:
    """A lock wait is not an outage: the call waits (here until its deadline), and health stays SERVING."""
    from tests import databases

    server = start_server()
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = identifier_grpc.IdentifierServiceStub(channel)
        with databases.write_lock_held(database_url):
            request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, unique_email()))])
            with pytest.raises(grpc.RpcError) as waited:
                stub.CreateCustomer(request, timeout=1.5)
            # The caller's deadline ends the wait (the client may see it first, without details): never an outage.
            assert waited.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
            assert statuses(channel) == [SERVING] * len(SERVICES)
