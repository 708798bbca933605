"""The two database backends the suite runs on, and backend-neutral helpers for tests."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import psycopg2
import pytest

POSTGRES_URL_ENV = "LOYALTY_IDENTITY_TEST_POSTGRES_URL"
TABLES = [
    "customer",
    "profile",
    "identifier",
    "identifier_key",
    "merge",
    "request",
    "request_customer",
    "card_series",
    "status_label",
    "card",
    "card_status_change",
    "merge_block",
    "event_counter",
    "event",
    "event_customer",
    "merge_policy",
    "suppression",
    "merge_candidate",
]


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_URL_ENV) or None


def require_postgres() -> str:
    """The test PostgreSQL's URL; without one the test is skipped, or fails under CI (never skip an engine)."""
    url = postgres_url()
    if url is None:
        message = f"no PostgreSQL: set {POSTGRES_URL_ENV} (scripts/test.sh starts one)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def libpq_url(url: str) -> str:
    """The URL without the service's own option (prepared_statements), which libpq would refuse."""
    parsed = urlparse(url)
    query = "&".join(pair for pair in parsed.query.split("&") if pair and not pair.startswith("prepared_statements="))
    return parsed._replace(query=query).geturl()


def sqlite_path(url: str) -> str | None:
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


@contextmanager
def connect(url: str) -> Iterator[Any]:
    """A plain DB-API connection (autocommit) to the test database."""
    path = sqlite_path(url)
    if path is not None:
        conn: Any = sqlite3.connect(path, timeout=30, isolation_level=None)
    else:
        conn = psycopg2.connect(libpq_url(url))
        conn.autocommit = True
    try:
        yield conn
    finally:
        conn.close()


def execute(url: str, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run one statement; write `?` for parameters on both backends."""
    with connect(url) as conn:
        cursor = conn.cursor()
        cursor.execute(sql if sqlite_path(url) else sql.replace("?", "%s"), params)


def rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the service's tables, to prove that nothing was written."""
    with connect(url) as conn:
        cursor = conn.cursor()
        snapshot = {}
        for table in TABLES:
            cursor.execute(f'SELECT * FROM "{table}"')
            snapshot[table] = sorted(tuple(row) for row in cursor.fetchall())
        return snapshot


def reset_postgres(url: str) -> None:
    """Empty every table (the schema stays), so each test starts from nothing."""
    with connect(url) as conn:
        cursor = conn.cursor()
        present = []
        for table in TABLES:
            cursor.execute("SELECT to_regclass(%s)", (f"public.{table}",))
            if cursor.fetchone()[0] is not None:
                present.append(f'"{table}"')
        if present:
            cursor.execute(f"TRUNCATE {', '.join(present)} RESTART IDENTITY CASCADE")


@contextmanager
def write_lock_held(url: str) -> Iterator[None]:
    """Hold a lock that makes every write of the service wait, while reads go on."""
    with connect(url) as conn:
        cursor = conn.cursor()
        if sqlite_path(url):
            cursor.execute("BEGIN IMMEDIATE")
        else:
            cursor.execute("BEGIN")
            cursor.execute('LOCK TABLE "customer", "card", "request" IN SHARE ROW EXCLUSIVE MODE')
        try:
            yield
        finally:
            cursor.execute("ROLLBACK")


@contextmanager
def fresh_database(backend: str, folder: Any) -> Iterator[str]:
    """The URL of a brand-new, empty database (no schema at all)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'fresh.db'}"
        return
    admin = postgres_url()
    assert admin is not None
    name = f"fresh_{os.getpid()}_{abs(hash(str(folder))) % 10**8}"
    with connect(admin) as conn:
        conn.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlparse(admin)._replace(path=f"/{name}").geturl()  # its options (PgBouncer's) kept
    finally:
        with connect(admin) as conn:
            conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
