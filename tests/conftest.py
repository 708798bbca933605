"""Fixtures: a real server on 127.0.0.1 with an OS-chosen port and a fresh SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.server import RunningServer, ServerConfig, create_server


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'identity.db'}"


@pytest.fixture
def server(database_url: str) -> Iterator[RunningServer]:
    running = create_server(ServerConfig(listen="127.0.0.1:0", database_url=database_url))
    running.start()
    yield running
    running.stop(grace=5)


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
