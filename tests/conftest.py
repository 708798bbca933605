"""Fixtures: a real server on 127.0.0.1 with an OS-chosen port and a fresh SQLite file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.server import RunningServer, ServerConfig, create_server


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'identity.db'}"


@pytest.fixture
def start_server(database_url: str) -> Iterator[Callable[..., RunningServer]]:
    """Start servers with settings of the test's choosing; all are stopped afterwards."""
    started: list[RunningServer] = []

    def start(**settings: Any) -> RunningServer:
        config = ServerConfig(**{"listen": "127.0.0.1:0", "database_url": database_url, **settings})
        running = create_server(config)
        running.start()
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop(grace=5)


@pytest.fixture
def server(start_server: Callable[..., RunningServer]) -> RunningServer:
    return start_server()


@pytest.fixture
def channel(server: RunningServer) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as ch:
        yield ch


@pytest.fixture
def stub(channel: grpc.Channel) -> identifier_grpc.IdentifierServiceStub:
    return identifier_grpc.IdentifierServiceStub(channel)


@pytest.fixture
def db_rows(database_url: str):
    """A function returning every row of the service's tables, to prove nothing was written."""
    import sqlite3

    path = database_url.removeprefix("sqlite:///")
    tables = [
        "customer",
        "profile",
        "identifier",
        "identifier_key",
        "merge",
        "request",
        "card_series",
        "status_label",
        "card",
        "card_status_change",
    ]

    def snapshot() -> dict[str, list[tuple[object, ...]]]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}

    return snapshot


@pytest.fixture
def cards(channel: grpc.Channel) -> card_grpc.CardServiceStub:
    return card_grpc.CardServiceStub(channel)
