"""Open the database named by a URL: SQLite (the embedded default), PostgreSQL, CockroachDB.

What differs between the engines lives here, behind `Database`: how a write
transaction starts, how long it may wait for locks, which errors mean "run the
transaction again", and how connections are pooled.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import ParseResult, quote, unquote, urlparse

import peewee as pw
import psycopg2
from playhouse.cockroachdb import PooledCockroachDatabase
from playhouse.pool import PooledPostgresqlDatabase

from loyalty_identity.store.models import database_proxy
from loyalty_identity.store.postgres import LeanPooledPostgresqlDatabase

log = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = "sqlite:///loyalty-identity.db"
# Writers queue on a lock for up to this long before giving up.
LOCK_TIMEOUT_S = 30.0
# PostgreSQL error codes after which the whole transaction is simply run again, and the race each
# means as the retries metric names it (observability.telemetry.retry_cause).
LOST_RACE_PGCODES = {"40001": "serialization_failure", "40P01": "deadlock"}
RETRYABLE_PGCODES = frozenset(LOST_RACE_PGCODES)
LOCK_NOT_AVAILABLE = "55P03"


class UnsupportedDatabaseError(ValueError):
    """The URL itself is wrong (a usage error)."""


class DatabaseUnavailableError(RuntimeError):
    """A well-formed URL whose database cannot be opened: missing file, server down, wrong password."""


@dataclass(frozen=True)
class PoolStats:
    """A connection pool at one moment (for the metrics)."""

    in_use: int
    open: int  # in use plus idle
    max: int


class WriterTurn:
    """One writer at a time on a SQLite file.

    The threads of this process queue on a lock; other processes writing the same file (the
    processes of `serve --processes`, an import beside a server) on an advisory lock of a file
    next to it (`PATH-writer`, fcntl.flock), polled every 0.2 to 2 ms. SQLite would make them
    wait in its busy handler, which sleeps up to 100 ms between polls: long tails.
    """

    FIRST_PAUSE_S, LONGEST_PAUSE_S = 0.0002, 0.002

    def __init__(self, lock_path: str | None = None) -> None:
        self._thread = threading.Lock()
        self._lock_path = lock_path  # None: no other process writes (a memory database)
        self._fd: int | None = None

    def acquire(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if not self._thread.acquire(timeout=timeout):
            return False
        if self._take_file(deadline):
            return True
        self._thread.release()
        return False

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread.release()

    def _take_file(self, deadline: float) -> bool:
        if self._lock_path is None:
            return True
        if self._fd is None:  # once per process, under the thread lock; flock holds per open file
            self._fd = os.open(self._lock_path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        pause = self.FIRST_PAUSE_S
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(pause)
                pause = min(pause * 2, self.LONGEST_PAUSE_S)


def _set_event() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


@dataclass(frozen=True)
class Database:
    """An open database plus what the unit of work must know about it."""

    db: pw.Database
    kind: str  # "sqlite", "postgresql" or "cockroachdb"
    # SQL lock clause for BEGIN of a write transaction ("IMMEDIATE" on SQLite:
    # take the write lock up front so a writer never fails mid-transaction
    # with "database is locked"). The server engines lock rows instead.
    write_lock: str | None = None
    # Per thread (each has its own SQLite connection): the lock timeout last set.
    _timeouts: threading.local = field(default_factory=threading.local)
    # SQLite takes one writer at a time anyway; queueing writers on a lock (and other
    # processes' on a file lock) wakes the next one the moment the last commits, where
    # SQLite's busy handler would poll with sleeps of up to 100 ms (long tail latencies).
    writer_turn: WriterTurn = field(default_factory=WriterTurn)
    # Where ping() connects afresh: the libpq DSN, or the SQLite file's path.
    target: str = field(default="", repr=False)
    # Cleared by the readiness probe while the database cannot be reached: units of work refuse at once.
    reachable: threading.Event = field(default_factory=_set_event, repr=False)

    @property
    def pooled(self) -> bool:
        return self.kind != "sqlite"

    def close(self) -> None:
        if isinstance(self.db, PooledPostgresqlDatabase | PooledCockroachDatabase):
            self.db.close_all()
        else:
            self.db.close()

    def pool_stats(self) -> PoolStats | None:
        """The pool's connections now; None on SQLite, where each thread keeps its own connection."""
        db: Any = self.db
        if not isinstance(db, PooledPostgresqlDatabase | PooledCockroachDatabase):
            return None
        # Read without the pool's lock: len() of its dict and list is atomic, and
        # a scrape may be a connection off for an instant.
        in_use, idle = len(db._in_use), len(db._connections)
        return PoolStats(in_use=in_use, open=in_use + idle, max=int(db._max_connections or 0))

    def release(self) -> None:
        """Hand this thread's connection back to the pool after a transaction."""
        if self.pooled and not self.db.is_closed():
            self.db.close()

    def set_lock_timeout(self, seconds: float | None) -> None:
        """Bound the next transaction's wait for locks (None: the default).

        SQLite: before BEGIN. PostgreSQL: call inside the transaction (SET LOCAL).
        """
        limit = LOCK_TIMEOUT_S if seconds is None else max(0.001, min(seconds, LOCK_TIMEOUT_S))
        millis = int(limit * 1000)
        db: Any = self.db  # peewee's stubs leave connection() and execute_sql() untyped
        if self.kind == "sqlite":
            setting = (id(db.connection()), millis)
            if getattr(self._timeouts, "setting", None) != setting:
                db.execute_sql(f"PRAGMA busy_timeout = {millis}")
                self._timeouts.setting = setting
        elif seconds is not None:
            statement = f"SET LOCAL lock_timeout = {millis}"
            if isinstance(db, LeanPooledPostgresqlDatabase):
                db.defer(statement)  # goes out with the transaction's first statement (store/postgres.py)
            else:
                db.execute_sql(statement)

    def is_retryable(self, error: BaseException) -> bool:
        """A lost race that running the transaction again resolves."""
        if isinstance(error, pw.IntegrityError):
            text = str(error).lower()
            return "unique" in text or "duplicate key" in text
        return pgcode(error) in RETRYABLE_PGCODES

    @staticmethod
    def lost_race(error: BaseException) -> str | None:
        """The race a driver error lost, as the retries metric names it; None for any other error."""
        code = pgcode(error)
        if code is not None and code in LOST_RACE_PGCODES:
            return LOST_RACE_PGCODES[code]
        return "unique_violation" if isinstance(error, pw.IntegrityError) else None

    @staticmethod
    def is_lock_timeout(error: BaseException) -> bool:
        return pgcode(error) == LOCK_NOT_AVAILABLE or "database is locked" in str(error)

    @staticmethod
    def is_unreachable(error: BaseException) -> bool:
        """No connection to the database can be made (server down, file unreadable): not busy, not a lost
        connection (a dropped connection is retried on a fresh one; the readiness probe tells an outage)."""
        code = pgcode(error)
        if code is not None:
            return code in UNREACHABLE_PGCODES
        text = str(error).lower()
        return isinstance(error, pw.DatabaseError) and any(marker in text for marker in UNREACHABLE_MARKERS)

    def is_connection_lost(self, error: BaseException) -> bool:
        """The connection broke under a statement: the server died or was shut down (a failover), or the
        node no longer takes writes. The server rolls back what was not committed; whether a COMMIT that
        was on its way took effect, only the new primary knows."""
        if self.kind == "sqlite":
            return False
        code = pgcode(error)
        if code is not None:
            return code in LOST_PGCODES
        text = str(error).lower()
        return isinstance(error, pw.OperationalError | pw.InterfaceError) and any(m in text for m in LOST_MARKERS)

    def discard_idle(self) -> None:
        """Close the pool's idle connections: after one was lost, the others most likely lead to the same
        dead server, and each would fail a call before the pool noticed."""
        db: Any = self.db
        if isinstance(db, PooledPostgresqlDatabase | PooledCockroachDatabase):
            db.close_idle()

    def ping(self, timeout: float) -> None:
        """Connect afresh (never through the pool) and run one trivial read; raise if the database does not answer.

        The readiness probe (SPEC 9): a new connection notices a server that is down or a file that
        cannot be read, where a pooled connection may still look alive.
        """
        if self.kind == "sqlite":
            conn = sqlite3.connect(f"file:{quote(self.target)}?mode=rw", uri=True, timeout=timeout)
            try:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
            return
        pg = psycopg2.connect(self.target, connect_timeout=max(1, round(timeout)))
        try:
            with pg.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            pg.close()


# SQLSTATEs of a connection that cannot be made: unable to establish, rejected, server starting up.
UNREACHABLE_PGCODES = frozenset({"08001", "08004", "57P03"})
# What the drivers say when no connection can be made (psycopg2 without a SQLSTATE, sqlite3). A
# multi-host URL (target_session_attrs=read-write) also fails so while no node takes writes yet.
UNREACHABLE_MARKERS = (
    "could not connect",
    "connection refused",
    "session is read-only",
    "server is in hot standby mode",
    "the database system is",  # starting up, shutting down, in recovery mode
    "could not translate host name",
    "timeout expired",
    "unable to open database file",
    "disk i/o error",
    "file is not a database",
    "database disk image is malformed",
)


# SQLSTATEs of a connection that broke: shutdown by an administrator or a crash, a connection
# failure, and a node that no longer takes writes (demoted; nothing was written).
LOST_PGCODES = frozenset({"57P01", "57P02", "08000", "08003", "08006", "25006"})
# What psycopg2 says, without a SQLSTATE, of a connection that broke (or that broke before and is used again).
LOST_MARKERS = (
    "server closed the connection",
    "connection already closed",
    "terminating connection",
    "could not receive data from server",
    "could not send data to server",
    "no connection to the server",
    "ssl connection has been closed",
    "connection not open",
)


def pgcode(error: BaseException) -> str | None:
    """The SQLSTATE of a driver error, however peewee wrapped it."""
    for candidate in (error, error.__cause__, error.__context__, *getattr(error, "args", ())):
        code = getattr(candidate, "pgcode", None)
        if code:
            return str(code)
    return None


def redact_url(url: str) -> str:
    """The URL without its password, for logs."""
    parsed = urlparse(url)
    if parsed.password is None:
        return url
    netloc = parsed.netloc.replace(f":{parsed.password}@", ":***@", 1)
    return parsed._replace(netloc=netloc).geturl()


def describe_url(url: str) -> str:
    """Which database a URL names, for messages: the file, or the server's host and port; never a password."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return f"SQLite database {_sqlite_path(parsed)}"
    engine, default_port = ("CockroachDB", 26257) if parsed.scheme.startswith("cockroach") else ("PostgreSQL", 5432)
    server = parsed.netloc.rpartition("@")[2] or "localhost"
    try:
        has_port = parsed.port is not None
    except ValueError:  # not a number, or several hosts: say it as written
        has_port = True
    if not has_port and "," not in server:
        server += f":{default_port}"
    name = parsed.path.lstrip("/")
    return f"{engine} at {server}" + (f" (database {name})" if name else "")


def _sqlite_path(parsed: ParseResult) -> str:
    return unquote(parsed.path[1:] if parsed.path.startswith("/") else parsed.path)


def open_database(url: str, max_connections: int = 20, *, read_only: bool = False) -> Database:
    """Bind the models to the URL's database; connections open lazily, at first use.

    read_only: a SQLite file must exist already and is opened read-only (never
    created); the server engines are opened as usual.
    """
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = _sqlite_path(parsed)
        if not path:
            raise UnsupportedDatabaseError(f"no file in database URL {url!r}")
        database = _open_sqlite(path, read_only)
    elif parsed.scheme in ("postgresql", "postgres"):
        query, prepare = _take_option(parsed.query, "prepared_statements")
        if prepare not in (None, "on", "off"):
            raise UnsupportedDatabaseError(f"prepared_statements={prepare} in the database URL: use on or off")
        dsn = parsed._replace(scheme="postgresql", query=query).geturl()
        database = _open_postgres(dsn, max_connections, prepare=prepare != "off")
    elif parsed.scheme in ("cockroachdb", "cockroach"):
        database = _open_cockroach(parsed._replace(scheme="postgresql").geturl(), max_connections)
    else:
        raise UnsupportedDatabaseError(
            f"unsupported database URL {redact_url(url)!r}: use sqlite:///PATH, postgresql://... or cockroachdb://..."
        )
    database_proxy.initialize(database.db)
    return database


def connect_database(url: str, max_connections: int = 20, *, read_only: bool = False) -> Database:
    """open_database, then connect once: a database that cannot be opened fails here, with a one-line reason."""
    database = open_database(url, max_connections, read_only=read_only)
    try:
        database.db.connect(reuse_if_open=True)
    except pw.PeeweeException as error:
        database.close()
        raise DatabaseUnavailableError(f"cannot open {describe_url(url)}: {_reason(error)}") from error
    database.release()
    return database


def _reason(error: BaseException) -> str:
    """The driver's reason, on one line: psycopg2 repeats the host and port, then adds hints on further lines."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if not lines:
        return type(error).__name__
    reason = lines[0].rpartition(" failed: ")[2]
    return reason.removeprefix("FATAL:").strip()


def _open_sqlite(path: str, read_only: bool = False) -> Database:
    pragmas: dict[str, Any] = {
        "journal_mode": "wal",
        "synchronous": "full",  # an acknowledged write survives a crash
        "foreign_keys": 1,
        # Deleted and overwritten content is zeroed, not left in free space (erasure, RULES 2.5.1).
        "secure_delete": 1,
        "busy_timeout": int(LOCK_TIMEOUT_S * 1000),
    }
    if not read_only:
        db = pw.SqliteDatabase(path, timeout=LOCK_TIMEOUT_S, pragmas=pragmas)
        turn = WriterTurn(None if path == ":memory:" else f"{path}-writer")
        return Database(db=db, kind="sqlite", write_lock="IMMEDIATE", writer_turn=turn, target=path)
    # sqlite3 would create a missing file: refuse it here, then open with mode=ro, which never creates one.
    if not Path(path).is_file():
        raise DatabaseUnavailableError(f"no SQLite database file {path}")
    del pragmas["journal_mode"]  # a setting the file keeps; setting it is a write
    uri = f"file:{quote(path)}?mode=ro"
    db = pw.SqliteDatabase(uri, uri=True, timeout=LOCK_TIMEOUT_S, pragmas=pragmas)
    return Database(db=db, kind="sqlite", write_lock="IMMEDIATE", target=path)


def _take_option(query: str, name: str) -> tuple[str, str | None]:
    """The URL's query without our own option name (libpq would refuse it), and its value."""
    kept, value = [], None
    for pair in query.split("&") if query else []:
        key, _, given = pair.partition("=")
        if key == name:
            value = given
        else:
            kept.append(pair)
    return "&".join(kept), value


def _open_postgres(dsn: str, max_connections: int, *, prepare: bool = True) -> Database:
    # Writes run READ COMMITTED with explicit row locks: every writer of a
    # customer's data first locks the customer's row (SELECT ... FOR UPDATE),
    # so writers of one customer queue instead of aborting each other, and
    # unique constraints settle races between different customers (the loser
    # runs again). Reads run REPEATABLE READ: one snapshot per request.
    # prepare: the hot reads as prepared statements (session state: off behind PgBouncer's transaction mode).
    db = LeanPooledPostgresqlDatabase(
        dsn,
        max_connections=max_connections,
        stale_timeout=300,
        timeout=LOCK_TIMEOUT_S,
        prepare=prepare,
        **connection_defaults(dsn),
    )
    return Database(db=db, kind="postgresql", target=dsn)


# libpq waits forever for a connection, and notices a server that vanished (no reset: a machine
# or a network gone) only after hours of TCP silence. A failover needs both to end sooner; a
# setting in the URL (or PGCONNECT_TIMEOUT) wins.
CONNECTION_DEFAULTS = {
    "connect_timeout": 5,  # seconds, per host of a multi-host URL
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


def connection_defaults(dsn: str) -> dict[str, int]:
    """CONNECTION_DEFAULTS without what the URL or the environment sets."""
    given = {pair.partition("=")[0] for pair in urlparse(dsn).query.split("&")}
    if os.environ.get("PGCONNECT_TIMEOUT"):
        given.add("connect_timeout")
    return {name: value for name, value in CONNECTION_DEFAULTS.items() if name not in given}


def _open_cockroach(dsn: str, max_connections: int) -> Database:
    # CockroachDB runs every transaction SERIALIZABLE, takes the same row locks,
    # and reports conflicts as 40001, which run the transaction again.
    db = PooledCockroachDatabase(dsn, max_connections=max_connections, stale_timeout=300, timeout=LOCK_TIMEOUT_S)
    return Database(db=db, kind="cockroachdb", target=dsn)
