"""A server that fails to start closes what it opened: the database, the metrics endpoint, tracing.

Observed from outside: the database's open connections (file handles of this
process on SQLite, backends on PostgreSQL), the metrics port (free again), and
this process's threads (the metrics server's and tracing's are gone).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from loyalty_identity.api import server as server_module
from loyalty_identity.api.server import ServerConfig, create_server
from tests.databases import connect, sqlite_path

# Tracing on, to a collector that is never reached (nothing is exported before the failure).
TRACING = "http://127.0.0.1:9"


def open_connections(url: str) -> int:
    """Connections to the database held by this process."""
    path = sqlite_path(url)
    if path is not None:
        target = os.path.realpath(path)
        links = (os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd"))
        return sum(1 for link in links if link == target)
    with connect(url) as conn:
        cursor = conn.cursor()
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


@pytest.fixture
def nothing_left_open() -> Callable[[str], None]:
    """Call with the database URL after the failed start: asserts everything is closed again."""
    before = set(threading.enumerate())

    def check(url: str) -> None:
        assert open_connections(url) == 0
        deadline = time.monotonic() + 5
        while (left := set(threading.enumerate()) - before) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not left, [thread.name for thread in left]

    return check


@pytest.fixture
def late_bind(monkeypatch: pytest.MonkeyPatch) -> None:
    """No early address check: the address is found taken at the real bind, when everything else is open."""
    monkeypatch.setattr(server_module, "check_free", lambda *_: None)


def settings(url: str, **changes: Any) -> ServerConfig:
    return ServerConfig(**{"listen": "127.0.0.1:0", "database_url": url, "otlp_endpoint": TRACING, **changes})


@pytest.mark.usefixtures("late_bind")
def test_a_taken_grpc_port_closes_the_database_metrics_and_tracing(
    database_url: str, taken_port: int, nothing_left_open: Callable[[str], None]
) -> None:
    assert open_connections(database_url) == 0
    metrics = free_port()
    config = settings(database_url, listen=f"127.0.0.1:{taken_port}", metrics_listen=f"127.0.0.1:{metrics}")
    with pytest.raises(server_module.StartupError, match=re.escape(f"127.0.0.1:{taken_port}")):
        create_server(config)
    assert is_free(metrics)
    nothing_left_open(database_url)


@pytest.mark.usefixtures("late_bind")
def test_a_taken_metrics_port_closes_the_database_and_tracing(
    database_url: str, taken_port: int, nothing_left_open: Callable[[str], None]
) -> None:
    with pytest.raises(server_module.AddressInUseError, match=re.escape(f"metrics address 127.0.0.1:{taken_port}")):
        create_server(settings(database_url, metrics_listen=f"127.0.0.1:{taken_port}"))
    nothing_left_open(database_url)


def test_a_failed_migration_closes_the_database(tmp_path: Path, nothing_left_open: Callable[[str], None]) -> None:
    path = tmp_path / "odd.db"
    url = f"sqlite:///{path}"
    with connect(url) as conn:  # a table of the service's name, not of its shape
        conn.execute("CREATE TABLE customer (x INTEGER)")
    with pytest.raises(pw.DatabaseError):  # the migration cannot shape the table
        create_server(settings(url))
    nothing_left_open(url)


def test_unreadable_tls_files_fail_before_the_database_is_opened(
    tmp_path: Path, nothing_left_open: Callable[[str], None]
) -> None:
    url = f"sqlite:///{tmp_path / 'never.db'}"
    tls = server_module.TlsConfig(tmp_path / "cert.pem", tmp_path / "key.pem")
    with pytest.raises(server_module.StartupError, match=re.escape("key.pem")):
        create_server(settings(url, tls=tls))
    assert not (tmp_path / "never.db").exists()
    nothing_left_open(url)
