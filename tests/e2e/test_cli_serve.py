"""`loyalty-identity serve` as an operator runs it: a real process, signals, restarts."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from loyalty_identity.api.protos import identifier_grpc
from tests.databases import write_lock_held
from tests.helpers import EMAIL, INSTORE, create, ident, profile
from tests.security.test_limits import wait_until

READY = re.compile(r"ready on 127\.0\.0\.1:(\d+)")
METRICS = re.compile(r"metrics on http://127\.0\.0\.1:(\d+)/metrics")


class ServerProcess:
    def __init__(self, process: subprocess.Popen[str], port: int, log: list[str] | None = None) -> None:
        self.process = process
        self.port = port
        self.log: list[str] = log or []  # what it logged up to its ready line, then the rest
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)

    @property
    def metrics_port(self) -> int:
        """Where it serves /metrics (started with --metrics-listen)."""
        return next(int(m.group(1)) for line in self.log if (m := METRICS.search(line)))

    def logged(self, text: str) -> bool:
        return any(text in line for line in self.log)


def start(url: str, *extra: str, env: dict[str, str] | None = None) -> ServerProcess:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "loyalty_identity",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            url,
            *extra,
        ],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 30
    seen: list[str] = []
    for line in process.stderr:
        seen.append(line)
        match = READY.search(line)
        if match:
            return ServerProcess(process, int(match.group(1)), seen)
        if time.monotonic() > deadline:
            break
    process.kill()
    raise AssertionError("server never logged its ready line")


@contextmanager
def running(url: str, *extra: str) -> Iterator[ServerProcess]:
    server = start(url, *extra)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.process.kill()
        server.process.wait()


def test_serve_starts_answers_health_and_stops_on_sigterm(database_url: str) -> None:
    with running(database_url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
        assert health.status == health_pb2.HealthCheckResponse.SERVING
        customer = create(identifier_grpc.IdentifierServiceStub(channel), profile(INSTORE, ident(EMAIL, "a@b.com")))
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=30) == 0
    # The acknowledged write is there after a restart on the same database.
    with running(database_url) as server, grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = identifier_grpc.IdentifierServiceStub(channel)
        from loyalty_identity.api.protos import identifier_pb as pb

        assert stub.GetCustomer(pb.GetCustomerRequest(name=customer.name)).customer.name == customer.name


def test_sigterm_lets_an_in_flight_call_finish(database_url: str) -> None:
    from tests.e2e.test_observability import scrape, value  # it imports this module (readme_walkthrough)

    with (
        running(database_url, "--metrics-listen", "127.0.0.1:0") as server,
        grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel,
    ):
        stub = identifier_grpc.IdentifierServiceStub(channel)
        create(stub, profile(INSTORE, ident(EMAIL, "warm@b.com")))
        # Hold a lock so the next write waits inside the server.
        blocker = write_lock_held(database_url)
        blocker.__enter__()
        result: dict[str, object] = {}

        def call() -> None:
            try:
                result["customer"] = create(stub, profile(INSTORE, ident(EMAIL, "inflight@b.com")))
            except grpc.RpcError as error:
                result["error"] = error

        caller = threading.Thread(target=call)
        caller.start()
        wait_until(
            lambda: value(scrape(server.metrics_port), "loyalty_identity_rpc_in_flight") == 1,
            "the call waiting for the lock: the server to report it in flight",
        )
        server.process.send_signal(signal.SIGTERM)
        wait_until(lambda: server.logged("finishing in-flight calls"), "the server to log that it got SIGTERM")
        assert server.process.poll() is None, "server exited with a call in flight"
        blocker.__exit__(None, None, None)
        caller.join(timeout=30)
        assert "error" not in result, result.get("error")
        assert server.process.wait(timeout=30) == 0
        assert server.logged("finishing in-flight calls")


def test_serve_refuses_a_public_address_without_tokens(tmp_path: Path) -> None:
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "loyalty_identity",
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--database",
            f"sqlite:///{tmp_path / 'x.db'}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == 2
    assert "without tokens" in process.stderr


def serve_again(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """A second `serve` from another folder (so on another SQLite file), as an operator might start one."""
    folder = tmp_path / "second"
    folder.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "loyalty_identity", "serve", *flags],
        capture_output=True,
        text=True,
        timeout=20,  # a second server that starts serves until killed: this fails the test
        cwd=folder,
    )


def test_a_second_server_on_a_taken_address_does_not_start(tmp_path: Path) -> None:
    """grpcio's default SO_REUSEPORT let both start, the kernel splitting calls between two databases."""
    with running(f"sqlite:///{tmp_path / 'first.db'}", "--metrics-listen", "127.0.0.1:0") as first:
        metrics = first.metrics_port
        for flags, taken in [
            (["--listen", f"127.0.0.1:{first.port}"], f"listen address 127.0.0.1:{first.port}"),
            (["--listen", f"localhost:{first.port}"], f"listen address localhost:{first.port}"),
            (
                ["--listen", "127.0.0.1:0", "--metrics-listen", f"127.0.0.1:{metrics}"],
                f"metrics address 127.0.0.1:{metrics}",
            ),
        ]:
            second = serve_again(tmp_path, *flags)
            assert second.returncode == 1, second.stderr
            assert second.stderr.splitlines() == [f"loyalty-identity: error: {taken} is already in use"]
            assert not (tmp_path / "second" / "loyalty-identity.db").exists()  # refused before opening its database
        # The first one serves on, alone.
        with grpc.insecure_channel(f"127.0.0.1:{first.port}") as channel:
            health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
            assert health.status == health_pb2.HealthCheckResponse.SERVING
        assert first.process.poll() is None
