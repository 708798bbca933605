"""Database URLs."""

from __future__ import annotations

import time
from pathlib import Path

import peewee as pw
import pytest

from loyalty_identity.store.database import (
    CONNECTION_DEFAULTS,
    DatabaseUnavailableError,
    WriterTurn,
    connect_database,
    connection_defaults,
    describe_url,
    open_database,
    redact_url,
)


def test_database_urls_are_logged_without_passwords() -> None:
    assert redact_url("postgresql://app:hunter2@db:5432/identity") == "postgresql://app:***@db:5432/identity"
    assert redact_url("sqlite:///loyalty-identity.db") == "sqlite:///loyalty-identity.db"


def test_database_urls_pick_the_engine() -> None:
    from playhouse.cockroachdb import PooledCockroachDatabase
    from playhouse.pool import PooledPostgresqlDatabase

    from loyalty_identity.store.database import UnsupportedDatabaseError, open_database
    from loyalty_identity.store.postgres import LeanPooledPostgresqlDatabase

    # Connections open lazily: nothing here needs a running server.
    assert isinstance(open_database("postgresql://u:p@127.0.0.1:1/db").db, PooledPostgresqlDatabase)
    assert isinstance(open_database("postgres://u@127.0.0.1:1/db").db, PooledPostgresqlDatabase)
    lean = open_database("postgresql://u@127.0.0.1:1/db").db
    assert isinstance(lean, LeanPooledPostgresqlDatabase) and lean.prepare
    behind_pgbouncer = open_database("postgresql://u@127.0.0.1:1/db?prepared_statements=off&sslmode=disable").db
    assert isinstance(behind_pgbouncer, LeanPooledPostgresqlDatabase) and not behind_pgbouncer.prepare
    # libpq's own options still reach it; ours does not (libpq would refuse it)
    assert behind_pgbouncer.database == "postgresql://u@127.0.0.1:1/db?sslmode=disable"
    cockroach = open_database("cockroachdb://root@127.0.0.1:26257/identity")
    assert isinstance(cockroach.db, PooledCockroachDatabase) and cockroach.kind == "cockroachdb"
    for bad in ["mysql://x/y", "sqlite://", "identity.db", "postgresql://u@h/db?prepared_statements=maybe"]:
        try:
            open_database(bad)
            raise AssertionError(f"{bad} was accepted")
        except UnsupportedDatabaseError:
            pass


def test_messages_name_the_database_never_the_password() -> None:
    assert describe_url("postgresql://app:hunter2@db:6432/identity") == "PostgreSQL at db:6432 (database identity)"
    assert describe_url("postgres://app:hunter2@db/identity") == "PostgreSQL at db:5432 (database identity)"
    assert describe_url("postgresql://app@[::1]/identity") == "PostgreSQL at [::1]:5432 (database identity)"
    assert describe_url("postgresql://a:b@h1:1,h2:2/x") == "PostgreSQL at h1:1,h2:2 (database x)"
    assert describe_url("cockroachdb://root@crdb/identity") == "CockroachDB at crdb:26257 (database identity)"
    assert describe_url("sqlite:///data/identity.db") == "SQLite database data/identity.db"


def test_unreachable_servers_fail_at_connect_in_one_line() -> None:
    with pytest.raises(DatabaseUnavailableError) as failed:
        connect_database("postgresql://app:hunter2@127.0.0.1:1/identity")
    assert str(failed.value) == "cannot open PostgreSQL at 127.0.0.1:1 (database identity): Connection refused"


def test_read_only_sqlite_is_never_created(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailableError, match="no SQLite database file"):
        open_database(f"sqlite:///{tmp_path / 'missing.db'}", read_only=True)
    assert list(tmp_path.iterdir()) == []
    connect_database(f"sqlite:///{tmp_path / 'made.db'}").db.execute_sql("CREATE TABLE t (a INTEGER)")
    reader = connect_database(f"sqlite:///{tmp_path / 'made.db'}", read_only=True)
    assert reader.db.execute_sql("SELECT COUNT(*) FROM t").fetchone() == (0,)
    with pytest.raises(pw.OperationalError, match="readonly"):
        reader.db.execute_sql("INSERT INTO t VALUES (1)")
    reader.close()


def test_connection_timeouts_and_keepalives_are_set_unless_the_url_sets_them(monkeypatch) -> None:
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    assert connection_defaults("postgresql://u@h1:5432,h2:5432/db?target_session_attrs=read-write") == (
        CONNECTION_DEFAULTS
    )
    given = connection_defaults("postgresql://u@h/db?connect_timeout=2&keepalives_idle=5")
    assert "connect_timeout" not in given and "keepalives_idle" not in given and given["keepalives_count"] == 3
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "9")
    assert "connect_timeout" not in connection_defaults("postgresql://u@h/db")


def test_a_multi_host_url_opens_without_connecting() -> None:
    database = open_database("postgresql://u@127.0.0.1:1,127.0.0.1:2/db?target_session_attrs=read-write")
    assert database.kind == "postgresql" and "target_session_attrs=read-write" in database.target
    assert describe_url(database.target) == "PostgreSQL at 127.0.0.1:1,127.0.0.1:2 (database db)"


def test_which_errors_are_a_lost_connection() -> None:
    postgres = open_database("postgresql://u@127.0.0.1:1/db")
    sqlite = open_database("sqlite:///:memory:")
    lost = pw.OperationalError("server closed the connection unexpectedly\n\tThis probably means ...")
    assert postgres.is_connection_lost(lost)
    assert postgres.is_connection_lost(pw.InterfaceError("connection already closed"))
    assert not postgres.is_connection_lost(pw.IntegrityError('duplicate key value violates unique constraint "x"'))
    assert not postgres.is_connection_lost(pw.OperationalError("could not connect to server: Connection refused"))
    assert not sqlite.is_connection_lost(lost)  # a file has no connection to lose


def test_writers_of_one_sqlite_file_take_turns_across_processes(tmp_path: Path) -> None:
    """Two WriterTurns on one file stand for two processes (a flock holds per open file)."""
    lock = str(tmp_path / "identity.db-writer")
    mine, theirs = WriterTurn(lock), WriterTurn(lock)
    assert mine.acquire(timeout=1)
    started = time.monotonic()
    assert not theirs.acquire(timeout=0.05)  # waits its timeout out, then gives up
    assert time.monotonic() - started >= 0.05
    mine.release()
    assert theirs.acquire(timeout=1)
    theirs.release()


def test_a_sqlite_database_queues_its_writers_on_a_file_beside_it(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'identity.db'}")
    assert database.writer_turn.acquire(timeout=1)
    database.writer_turn.release()
    assert (tmp_path / "identity.db-writer").exists()
    database.close()
