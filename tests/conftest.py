"""Fixtures: a real server on 127.0.0.1 with an OS-chosen port, on a fresh database.

Every test that uses a database runs twice: on SQLite and on the PostgreSQL
server that scripts/test.sh starts (LOYALTY_IDENTITY_TEST_POSTGRES_URL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.server import RunningServer, ServerConfig, create_server
from tests import databases


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        databases.require_postgres()
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'identity.db'}"
    url = databases.postgres_url()
    assert url is not None
    databases.reset_postgres(url)
    return url


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
def db_rows(database_url: str) -> Callable[[], dict[str, list[tuple[Any, ...]]]]:
    """A function returning every row of the service's tables, to prove nothing was written."""
    return lambda: databases.rows(database_url)


@pytest.fixture
def cards(channel: grpc.Channel) -> card_grpc.CardServiceStub:
    return card_grpc.CardServiceStub(channel)
