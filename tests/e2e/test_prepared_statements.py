"""PostgreSQL's prepared statements (store/postgres.py): one per connection and statement, and a
failure never leaves a connection that believes in a statement it lacks, or lacks a name it reuses."""

from __future__ import annotations

from typing import Any

import peewee as pw
import pytest

from loyalty_identity.store.database import connect_database
from loyalty_identity.store.postgres import MAX_PREPARED
from tests import databases

pytestmark = pytest.mark.usefixtures("postgres")


@pytest.fixture
def postgres() -> None:
    databases.require_postgres()


def lean_database(options: str = "") -> Any:
    url = databases.postgres_url()
    assert url is not None
    return connect_database(url + options, max_connections=1).db


def sessions_prepared(db: Any) -> list[str]:
    return [row[0] for row in db.execute_sql("SELECT statement FROM pg_prepared_statements").fetchall()]


def test_a_statement_is_prepared_once_and_then_executed() -> None:
    db = lean_database()
    try:
        for value in (1, 2, 3):
            assert db.execute_prepared("SELECT $1::int * 2", [value]).fetchone() == (value * 2,)
        (prepared,) = sessions_prepared(db)  # the text of the message that prepared it
        assert prepared.startswith("PREPARE loyalty_0 AS SELECT $1::int * 2;")
    finally:
        db.close_all()


def test_a_failed_first_use_prepares_afresh_under_a_new_name() -> None:
    db = lean_database()
    try:
        # PREPARE succeeds, EXECUTE fails: the name exists on the server although the call failed.
        with pytest.raises(pw.DataError):
            db.execute_prepared("SELECT 1 / $1::int", [0])
        assert db.execute_prepared("SELECT 1 / $1::int", [1]).fetchone() == (1,)
        assert db.execute_prepared("SELECT 1 / $1::int", [1]).fetchone() == (1,)
        assert len(sessions_prepared(db)) == 2  # the first name is left alone, the second used from then on
    finally:
        db.close_all()


def test_a_failed_execute_inside_a_transaction_keeps_the_statement() -> None:
    db = lean_database()
    try:
        assert db.execute_prepared("SELECT 10 / $1::int", [5]).fetchone() == (2,)
        with pytest.raises(pw.DataError), db.atomic():
            db.execute_prepared("SELECT 10 / $1::int", [0])
        assert db.execute_prepared("SELECT 10 / $1::int", [2]).fetchone() == (5,)  # PREPARE outlives a rollback
    finally:
        db.close_all()


def test_past_the_bound_statements_run_unprepared() -> None:
    db = lean_database()
    try:
        for n in range(MAX_PREPARED + 3):
            assert db.execute_prepared(f"SELECT $1::int + {n}, '100%'", [1]).fetchone() == (1 + n, "100%")
        assert len(sessions_prepared(db)) == MAX_PREPARED
    finally:
        db.close_all()


def test_behind_a_transaction_pooler_nothing_is_prepared() -> None:
    db = lean_database("?prepared_statements=off")
    try:
        for value in (1, 2):
            assert db.execute_prepared("SELECT $1::int * 2, '%'", [value]).fetchone() == (value * 2, "%")
        assert sessions_prepared(db) == []
    finally:
        db.close_all()
