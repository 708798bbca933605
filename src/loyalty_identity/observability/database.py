"""The database as observability sees it: its engine, its connection pool, the races it loses.

A narrow view that the store's `Database` satisfies; the composition root
hands it over, so observability never imports the store nor its driver.
"""

from __future__ import annotations

from typing import Protocol


class PoolStats(Protocol):
    """A connection pool at one moment."""

    @property
    def in_use(self) -> int: ...

    @property
    def open(self) -> int:  # in use plus idle
        ...

    @property
    def max(self) -> int: ...


class ObservedDatabase(Protocol):
    @property
    def kind(self) -> str:
        """The engine, as metrics and spans label it: sqlite, postgresql or cockroachdb."""
        ...

    def pool_stats(self) -> PoolStats | None:
        """The pool's connections now; None without a pool (SQLite)."""
        ...

    def lost_race(self, error: BaseException) -> str | None:
        """The race a driver error lost, named as the retries metric names it (unique_violation,
        serialization_failure, deadlock); None for any other error."""
        ...
