"""Database URLs."""

from __future__ import annotations

from loyalty_identity.store.database import redact_url


def test_database_urls_are_logged_without_passwords() -> None:
    assert redact_url("postgresql://app:hunter2@db:5432/identity") == "postgresql://app:***@db:5432/identity"
    assert redact_url("sqlite:///loyalty-identity.db") == "sqlite:///loyalty-identity.db"


def test_database_urls_pick_the_engine() -> None:
    from playhouse.cockroachdb import PooledCockroachDatabase
    from playhouse.pool import PooledPostgresqlDatabase

    from loyalty_identity.store.database import UnsupportedDatabaseError, open_database

    # Connections open lazily: nothing here needs a running server.
    assert isinstance(open_database("postgresql://u:p@127.0.0.1:1/db").db, PooledPostgresqlDatabase)
    assert isinstance(open_database("postgres://u@127.0.0.1:1/db").db, PooledPostgresqlDatabase)
    cockroach = open_database("cockroachdb://root@127.0.0.1:26257/identity")
    assert isinstance(cockroach.db, PooledCockroachDatabase) and cockroach.kind == "cockroachdb"
    for bad in ["mysql://x/y", "sqlite://", "identity.db"]:
        try:
            open_database(bad)
            raise AssertionError(f"{bad} was accepted")
        except UnsupportedDatabaseError:
            pass
