"""Pooled PostgreSQL connections that the server dropped: a call fails retryably, the next one works.

The pool pings only connections idle for a while (store/postgres.py), so a
connection PostgreSQL closed moments after its last use is found broken by the
next statement sent on it. That call must say UNAVAILABLE (retry), never
UNKNOWN or INTERNAL, write nothing, and the pool must drop the connection.
"""

from __future__ import annotations

import grpc
import pytest

from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.store.database import open_database
from loyalty_identity.store.migrations import migrate
from tests import databases
from tests.helpers import INSTORE, MOBILE, RichError, create, ident, profile, unique_mobile


@pytest.fixture
def backend() -> str:
    databases.require_postgres()
    return "postgresql"


def drop_server_connections(url: str) -> int:
    """Terminate every other backend of the test database, as a PostgreSQL restart would."""
    with databases.connect(url) as conn:
        cursor = conn.cursor()
        cursor.execute(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def test_a_dropped_connection_fails_one_call_retryably_and_the_next_works(stub, database_url) -> None:
    customer = create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    assert drop_server_connections(database_url) >= 1
    outcomes = []
    for _ in range(10):  # at most the connections the pool held fail, each once
        try:
            found = stub.GetCustomer(pb.GetCustomerRequest(name=customer.name)).customer
        except grpc.RpcError as error:
            rich = RichError(error)
            outcomes.append((rich.code, rich.reason))
            continue
        assert found.name == customer.name
        break
    else:
        pytest.fail(f"never answered: {outcomes}")
    assert set(outcomes) <= {(grpc.StatusCode.UNAVAILABLE, "UNAVAILABLE")}, outcomes
    # Writes too: the pool hands out a fresh connection.
    assert drop_server_connections(database_url) >= 1
    for _ in range(10):
        try:
            create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
            break
        except grpc.RpcError as error:
            assert RichError(error).reason == "UNAVAILABLE"
    else:
        pytest.fail("no write went through")


def test_a_cursor_used_directly_runs_inside_the_transaction(database_url) -> None:
    """copy and the benchmark's loader write with executemany on a cursor: all or nothing still."""
    database = open_database(database_url, max_connections=2)
    try:
        migrate(database)
        db = database.db
        with pytest.raises(RuntimeError), db.atomic():
            db.cursor().executemany(
                'INSERT INTO "status_label" (org, label, status) VALUES (%s, %s, %s)',
                [("acme", "Lost", 4), ("acme", "Stolen", 4)],
            )
            raise RuntimeError("the copy fails halfway")
        assert databases.rows(database_url)["status_label"] == []
        with db.atomic():
            db.cursor().executemany(
                'INSERT INTO "status_label" (org, label, status) VALUES (%s, %s, %s)', [("acme", "Lost", 4)]
            )
        assert len(databases.rows(database_url)["status_label"]) == 1
    finally:
        database.close()
