"""Helpers shared by the repositories: time conversion and plain row tuples."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from loyalty_identity.store.models import database_proxy
from loyalty_identity.store.postgres import LeanPooledPostgresqlDatabase


def to_db_time(value: datetime) -> datetime:
    """Times are stored as naive UTC: SQLite has no time zones."""
    return value.astimezone(UTC).replace(tzinfo=None)


def from_db_time(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


def plain_tuples(query: Any) -> list[tuple[Any, ...]]:
    """Rows of a select as plain tuples (peewee's stubs type them as models)."""
    return list(query.tuples())


def locking(query: Any) -> Any:
    """The query with FOR UPDATE where the engine has row locks.

    SQLite has none and needs none: its write transactions run one at a time.
    """
    return query.for_update() if query.model._meta.database.for_update else query


def as_datetime(value: Any) -> datetime:
    """A timestamp column read by plain SQL: SQLite gives ISO text, PostgreSQL datetimes (both naive UTC)."""
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


class PlainSql:
    """Plain SQL through Peewee's connection: the repositories' hot paths, bulk import and export, the
    invariant checker, deleting an org.

    Statements are written with `?` and adapted once to the driver's placeholder, here (only `copy`'s
    executemany and the frozen migrations write the driver's own).
    db: a database of its own (the checker, the import); by default the unit of work's.
    """

    def __init__(self, db: Any = None) -> None:
        self._db = db

    @property
    def _database(self) -> Any:
        return database_proxy.obj if self._db is None else self._db

    # Shared by every instance (one per unit of work); statements vary with the number of values a
    # request names, so the caches are emptied when they grow past a bound.
    _adapted: ClassVar[dict[tuple[str, str], str]] = {}
    _numbered: ClassVar[dict[str, str]] = {}  # statements with $1, $2... for PREPARE
    _BOUND: ClassVar[int] = 4096

    def _adapt(self, sql: str) -> str:
        param = self._database.param
        adapted = self._adapted.get((param, sql))
        if adapted is None:
            if len(self._adapted) > self._BOUND:
                self._adapted.clear()
            adapted = self._adapted[param, sql] = sql if param == "?" else sql.replace("?", param)
        return adapted

    @property
    def defers_writes(self) -> bool:
        """execute() sends its statement with the next one, or with COMMIT (PostgreSQL, store/postgres.py)."""
        return isinstance(self._database, LeanPooledPostgresqlDatabase)

    @property
    def dialect(self) -> str:
        """Whose SQL functions to use: "postgresql" (also CockroachDB) or "sqlite"."""
        return "postgresql" if self._database.for_update else "sqlite"

    @property
    def for_update(self) -> str:
        """The row-lock clause where the engine has row locks (SQLite writers run one at a time)."""
        return " FOR UPDATE" if self._database.for_update else ""

    def execute(self, sql: str, *params: Any) -> None:
        """A statement whose answer nobody reads (a write, a row lock): on PostgreSQL it goes out
        with the next statement (store/postgres.py)."""
        db = self._database
        if isinstance(db, LeanPooledPostgresqlDatabase):
            db.defer_write(self._adapt(sql), params)
        else:
            db.execute_sql(self._adapt(sql), params)

    def cursor(self, sql: str, *params: Any) -> Any:
        """Run sql now; the driver's cursor (its rows, rowcount)."""
        return self._database.execute_sql(self._adapt(sql), params)

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return list(self.cursor(sql, *params).fetchall())

    def one_prepared(self, sql: str, *params: Any) -> tuple[Any, ...] | None:
        """one(), prepared once per connection on PostgreSQL (for the statements every call makes).

        The statement must hold no ? but its parameters' (no JSON ? operator, none in literals).
        """
        db = self._database
        if not isinstance(db, LeanPooledPostgresqlDatabase):
            return self.one(sql, *params)
        row: tuple[Any, ...] | None = db.execute_prepared(self._number(sql), params).fetchone()
        return row

    def _number(self, sql: str) -> str:
        """The statement with its ? written $1, $2... for PREPARE."""
        numbered = self._numbered.get(sql)
        if numbered is None:
            if len(self._numbered) > self._BOUND:
                self._numbered.clear()
            parts = sql.split("?")
            numbered = self._numbered[sql] = "".join(
                part + (f"${i}" if i < len(parts) else "") for i, part in enumerate(parts, 1)
            )
        return numbered

    def one(self, sql: str, *params: Any) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.cursor(sql, *params).fetchone()
        return row
