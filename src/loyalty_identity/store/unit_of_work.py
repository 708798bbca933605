"""One database transaction per use case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Any, Self

import peewee as pw

from loyalty_identity.service import deadlines
from loyalty_identity.service.ports import TransientStoreError, utc_now
from loyalty_identity.store.database import Database
from loyalty_identity.store.repository import PeeweeRepository, is_unique_violation


class StoreUnavailableError(Exception):
    """The database did not answer in time (lock wait exhausted, connection lost)."""


class PeeweeUnitOfWork:
    def __init__(
        self, database: Database, write: bool, clock: Callable[[], datetime], lock_timeout: float | None = None
    ) -> None:
        self._database = database
        self._write = write
        self._lock_timeout = lock_timeout
        self._committed = False
        self._txn: Any = None  # peewee's atomic() context
        self._handle: Any = None  # the transaction it opened
        self.repo = PeeweeRepository(clock)

    def __enter__(self) -> Self:
        lock = self._database.write_lock if self._write else None
        self._database.set_lock_timeout(self._lock_timeout)
        self._txn = self._database.db.atomic(lock) if lock else self._database.db.atomic()
        try:
            self._handle = self._txn.__enter__()
        except pw.OperationalError as error:
            deadlines.check()  # the wait for the lock used up the caller's time
            raise StoreUnavailableError(str(error)) from error
        return self

    def commit(self) -> None:
        self._committed = True

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None and not self._committed:
            self._handle.rollback(False)
        try:
            self._txn.__exit__(exc_type, exc, tb)
        except pw.OperationalError as error:  # failed COMMIT
            raise StoreUnavailableError(str(error)) from error
        if isinstance(exc, pw.IntegrityError) and is_unique_violation(exc):
            # A concurrent writer inserted the same key first: run again and
            # the use case sees it (and answers IDENTIFIER_TAKEN or merges).
            raise TransientStoreError(str(exc)) from exc
        if isinstance(exc, pw.OperationalError):
            raise StoreUnavailableError(str(exc)) from exc


class PeeweeUnitOfWorkFactory:
    def __init__(self, database: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def __call__(self, *, write: bool, lock_timeout: float | None = None) -> PeeweeUnitOfWork:
        return PeeweeUnitOfWork(self._database, write, self._clock, lock_timeout)
