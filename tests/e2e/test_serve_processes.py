"""`serve --processes N`: N server processes on one address and one database (issue 27, item 4).

A real `loyalty-identity serve --processes 2` is started as an operator starts it: the group
answers on one address, each process serves calls (its own /metrics say so), writes through
either land in the one database, a second server on the address is refused as before, SIGTERM
stops every process gracefully, a process that dies stops the group, and a failure at start
fails the command as a single server's does.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from tests.e2e.test_cli_serve import ServerProcess, running, serve_again
from tests.helpers import EMAIL, INSTORE, create, ident, profile
from tests.security.test_limits import wait_until

CHILD_METRICS = re.compile(r"process (\d) of 2: metrics on port (\d+)")
CALLS = "loyalty_identity_rpc_requests_total"


def children(group: ServerProcess) -> list[int]:
    """The group's server processes, as its ready line names them."""
    found = re.search(r"2 processes: pids (\d+), (\d+)", "".join(group.log))
    assert found is not None, group.log
    return [int(pid) for pid in found.groups()]


def served_calls(port: int) -> float:
    from tests.e2e.test_observability import scrape  # it imports test_cli_serve

    return sum(v for (name, _), v in scrape(port).items() if name == CALLS)


def test_two_processes_share_the_address_and_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'group.db'}"
    with running(url, "--processes", "2", "--metrics-listen", "127.0.0.1:0") as group:
        metrics = {int(i): int(port) for i, port in CHILD_METRICS.findall("".join(group.log))}
        assert sorted(metrics) == [1, 2], group.log
        assert "2 processes" in "".join(group.log)
        names = []
        # Each channel is a connection of its own, which the kernel gives to one of the processes.
        for _ in range(24):
            with grpc.insecure_channel(f"127.0.0.1:{group.port}") as channel:
                stub = identifier_grpc.IdentifierServiceStub(channel)
                names.append(create(stub, profile(INSTORE, ident(EMAIL, f"{uuid.uuid4().hex}@group.com"))).name)
        assert all(served_calls(port) > 0 for port in metrics.values()), "a process served no call"
        with grpc.insecure_channel(f"127.0.0.1:{group.port}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            for name in names:  # whichever process wrote it, one database holds it
                assert stub.GetCustomer(pb.GetCustomerRequest(name=name), timeout=10).customer.name == name
            health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
            assert health.status == health_pb2.HealthCheckResponse.SERVING
        pids = children(group)
        group.process.send_signal(signal.SIGTERM)
        assert group.process.wait(timeout=60) == 0
        wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in pids), "every process to stop")
        # Its last lines may still be on their way from the pipe to the log after it exited.
        wait_until(lambda: "stopped" in "".join(group.log), "the group's last log line")


def test_a_second_server_on_the_groups_address_is_refused(tmp_path: Path) -> None:
    with running(f"sqlite:///{tmp_path / 'first.db'}", "--processes", "2") as group:
        for extra in ([], ["--processes", "2"]):
            second = serve_again(tmp_path, "--listen", f"127.0.0.1:{group.port}", *extra)
            assert second.returncode == 1, second.stderr
            assert second.stderr.splitlines() == [
                f"loyalty-identity: error: listen address 127.0.0.1:{group.port} is already in use"
            ]
        assert group.process.poll() is None


def test_a_process_that_dies_stops_the_group(tmp_path: Path) -> None:
    with running(f"sqlite:///{tmp_path / 'group.db'}", "--processes", "2") as group:
        first, *others = children(group)
        subprocess.run(["kill", "-9", str(first)], check=True)
        assert group.process.wait(timeout=60) == 1
        ended = re.compile(r"loyalty-identity: error: process \d of 2 ended while serving")
        wait_until(lambda: ended.search("".join(group.log)) is not None, "the error line")
        wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in others), "the others to stop")


def test_a_group_that_cannot_start_fails_as_one_server_does(tmp_path: Path) -> None:
    bad = f"sqlite:///{tmp_path / 'missing' / 'identity.db'}"
    one, group = (
        subprocess.run(
            [sys.executable, "-m", "loyalty_identity", "serve", "--listen", "127.0.0.1:0", "--database", bad, *extra],
            capture_output=True,
            text=True,
            timeout=120,
        )
        for extra in ([], ["--processes", "2"])
    )
    assert one.returncode != 0
    assert (group.returncode, group.stderr.splitlines()[-1]) == (one.returncode, one.stderr.splitlines()[-1])


def test_the_number_of_processes_is_checked() -> None:
    for bad in ("0", "65", "two"):
        done = subprocess.run(
            [sys.executable, "-m", "loyalty_identity", "serve", "--processes", bad],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert "--processes" in done.stderr and "1 to 64" in done.stderr
