"""Open the database named by a URL and bring its schema up to date."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlparse

import peewee as pw

from loyalty_identity.store.models import SCHEMA_V1, SCHEMA_V2, BaseModel, SchemaVersionRow, database_proxy

log = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = "sqlite:///loyalty-identity.db"
# Writers queue on SQLite's lock for up to this long before giving up.
SQLITE_BUSY_TIMEOUT_S = 30.0


class UnsupportedDatabaseError(ValueError):
    pass


@dataclass(frozen=True)
class Database:
    """An open database plus what the unit of work must know about it."""

    db: pw.Database
    # SQL lock clause for BEGIN of a write transaction ("IMMEDIATE" on SQLite:
    # take the write lock up front so a writer never fails mid-transaction
    # with "database is locked").
    write_lock: str | None
    # Per thread (each has its own connection): the lock timeout last set.
    _timeouts: threading.local = field(default_factory=threading.local)

    def close(self) -> None:
        self.db.close()

    def set_lock_timeout(self, seconds: float | None) -> None:
        """Bound the next transaction's wait for locks (None: the default)."""
        if not isinstance(self.db, pw.SqliteDatabase):
            return
        db: Any = self.db  # peewee's stubs leave connection() and execute_sql() untyped
        limit = SQLITE_BUSY_TIMEOUT_S if seconds is None else max(0.0, min(seconds, SQLITE_BUSY_TIMEOUT_S))
        setting = (id(db.connection()), int(limit * 1000))
        if getattr(self._timeouts, "setting", None) != setting:
            db.execute_sql(f"PRAGMA busy_timeout = {setting[1]}")
            self._timeouts.setting = setting


def redact_url(url: str) -> str:
    """The URL without its password, for logs."""
    parsed = urlparse(url)
    if parsed.password is None:
        return url
    netloc = parsed.netloc.replace(f":{parsed.password}@", ":***@", 1)
    return parsed._replace(netloc=netloc).geturl()


def open_database(url: str) -> Database:
    """Connect to `sqlite:///path` and bind the models to it."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:] if parsed.path.startswith("/") else parsed.path)
        if not path:
            raise UnsupportedDatabaseError(f"no file in database URL {url!r}")
        database = _open_sqlite(path)
    else:
        raise UnsupportedDatabaseError(f"unsupported database URL {url!r} (use sqlite:///path)")
    database_proxy.initialize(database.db)
    return database


def _open_sqlite(path: str) -> Database:
    db = pw.SqliteDatabase(
        path,
        timeout=SQLITE_BUSY_TIMEOUT_S,
        pragmas={
            "journal_mode": "wal",
            "synchronous": "full",  # an acknowledged write survives a crash
            "foreign_keys": 1,
            "busy_timeout": int(SQLITE_BUSY_TIMEOUT_S * 1000),
        },
    )
    return Database(db=db, write_lock="IMMEDIATE")


MIGRATIONS: list[tuple[int, list[type[BaseModel]]]] = [(1, SCHEMA_V1), (2, SCHEMA_V2)]


def migrate(database: Database) -> int:
    """Create or upgrade the schema; safe to run at every start. Returns the version."""
    db = database.db
    with db.atomic(*([database.write_lock] if database.write_lock else [])):
        db.create_tables([SchemaVersionRow], safe=True)
        current = SchemaVersionRow.select(pw.fn.MAX(SchemaVersionRow.version)).scalar() or 0
        for version, models in MIGRATIONS:
            if version <= current:
                continue
            db.create_tables(models, safe=True)
            SchemaVersionRow.create(version=version, apply_time=datetime.now(UTC))
            log.info("schema migrated to version %d", version)
            current = version
    return current
