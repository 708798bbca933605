"""Helpers shared by the repositories: time conversion and plain row tuples."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


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


def optional_int(value: Any) -> int | None:
    return None if value is None else int(value)
