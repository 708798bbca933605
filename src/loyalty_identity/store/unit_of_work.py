"""One database transaction per use case."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Any, Self

import peewee as pw

from loyalty_identity.service import deadlines
from loyalty_identity.service.ports import ConnectionLostError, StoreUnavailableError, TransientStoreError, utc_now
from loyalty_identity.store.database import LOCK_TIMEOUT_S, Database
from loyalty_identity.store.models import database_proxy
from loyalty_identity.store.repository import PeeweeRepository

log = logging.getLogger(__name__)


class _RolledBack(Exception):  # noqa: N818 (a signal to peewee, never raised)
    """Tells peewee's transaction to roll back."""


class PeeweeUnitOfWork:
    def __init__(
        self,
        database: Database,
        write: bool,
        clock: Callable[[], datetime],
        lock_timeout: float | None = None,
        transaction: bool = True,
    ) -> None:
        self._database = database
        self._write = write
        self._lock_timeout = lock_timeout
        self._transaction = transaction or write  # a write always runs in a transaction
        self._committed = False
        self._txn: Any = None  # peewee's atomic() context
        self._holds_turn = False
        self.repo = PeeweeRepository(clock)

    def __enter__(self) -> Self:
        database = self._database
        if not database.reachable.is_set():
            # The readiness probe found the database gone (api/readiness.py): refuse at once, without a
            # statement, until it answers again (SPEC 9), rather than wait on it or on a stale connection.
            raise StoreUnavailableError("the database cannot be reached", unreachable=True)
        # The repositories' statements go to this database, whatever other servers the process runs.
        self._scope = database_proxy.using(database.db)
        self._scope.__enter__()
        if not self._transaction:
            return self  # one statement, its own snapshot: no BEGIN, no COMMIT
        lock = database.write_lock if self._write else None
        if lock:
            self._wait_for_writer_turn()
        try:
            if database.kind == "sqlite":
                database.set_lock_timeout(self._lock_timeout)
            if lock:
                self._txn = database.db.atomic(lock)
            elif database.kind != "sqlite" and not self._write:
                self._txn = database.db.atomic(isolation_level="REPEATABLE READ")  # one snapshot per read
            else:
                self._txn = database.db.atomic()
            self._txn.__enter__()
            if database.kind != "sqlite":
                database.set_lock_timeout(self._lock_timeout)
        except pw.PeeweeException as error:
            self._abandon(error)
            raise self._translate(error) from error
        return self

    def flush(self) -> None:
        # The feed's events go last: the org's sequence counter stays locked
        # only from here to COMMIT (store/event_repository.py).
        pending = self.repo.events_mark() > 0
        if pending and self._transaction and self._lock_timeout is not None and self._database.kind != "sqlite":
            # On PostgreSQL the counter is taken with the COMMIT: its wait is bounded by what is
            # left of the caller's deadline now, not by what was left when the transaction began.
            self._database.set_lock_timeout(deadlines.remaining())
        self.repo.flush_events()

    def commit(self) -> None:
        self.flush()
        self._committed = True

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._transaction:
            self._database.release()
            self._scope.__exit__(None, None, None)
            if isinstance(exc, pw.PeeweeException):
                raise self._translate(exc) from exc
            return
        committing = exc_type is None and self._committed
        try:
            if exc_type is None and not self._committed:
                # Left without commit(): roll back, as peewee does when the block raises.
                self._txn.__exit__(_RolledBack, _RolledBack(), None)
            else:
                self._txn.__exit__(exc_type, exc, tb)  # COMMIT, or ROLLBACK after an error
                if exc_type is None and self.repo.wants_checkpoint:
                    checkpoint_wal(self._database)
        except pw.PeeweeException as error:  # a failed COMMIT (SERIALIZABLE may refuse it), a lost connection
            self._abandon(error)
            raise self._translate(error, committing) from error
        finally:
            self._release_turn()
            self._database.release()
            self._scope.__exit__(None, None, None)
        if isinstance(exc, pw.PeeweeException):
            raise self._translate(exc) from exc

    def _wait_for_writer_turn(self) -> None:
        wait = LOCK_TIMEOUT_S if self._lock_timeout is None else max(0.0, min(self._lock_timeout, LOCK_TIMEOUT_S))
        if not self._database.writer_turn.acquire(timeout=wait):
            deadlines.check()
            raise StoreUnavailableError("no turn to write within the lock timeout")
        self._holds_turn = True

    def _release_turn(self) -> None:
        if self._holds_turn:
            self._holds_turn = False
            self._database.writer_turn.release()

    def _abandon(self, error: BaseException) -> None:
        """After a failure outside the body, leave no transaction open on the connection."""
        try:
            if self._txn is not None and self._database.db.in_transaction():
                self._database.db.rollback()
        except pw.PeeweeException:
            pass
        self._release_turn()
        self._database.release()
        self._scope.__exit__(None, None, None)

    def _translate(self, error: BaseException, committing: bool = False) -> Exception:
        """committing: the error came while COMMIT was on its way (or its answer was)."""
        return store_error(self._database, error, commit_unknown=committing and self._write)


def store_error(database: Database, error: BaseException, commit_unknown: bool = False) -> Exception:
    """A driver error as the service layer's store error (service/ports.py).

    commit_unknown: a write's COMMIT was on its way (or its answer was) when the error came.
    """
    if database.is_connection_lost(error):
        database.discard_idle()
        # Before COMMIT was sent the server rolls the transaction back when the connection breaks:
        # only a write's COMMIT can have taken effect unseen.
        return ConnectionLostError(type(error).__name__, commit_unknown=commit_unknown)
    if database.is_retryable(error):
        # A concurrent writer got there first: run again and the use case
        # sees it (and answers IDENTIFIER_TAKEN, merges, or refuses).
        return TransientStoreError(type(error).__name__)
    if database.is_lock_timeout(error):
        deadlines.check()  # the wait for the lock used up the caller's time
        return StoreUnavailableError(type(error).__name__)
    return StoreUnavailableError(type(error).__name__, unreachable=database.is_unreachable(error))


def checkpoint_wal(database: Database) -> None:
    """After an erasure on SQLite: copy the WAL into the file and truncate it.

    secure_delete zeroes what the erasure freed in the pages it wrote, but
    earlier versions of those pages stay in the WAL until a checkpoint.
    Best effort: a reader still on an old snapshot makes it partial, and
    the next automatic checkpoint finishes the job.
    """
    if database.kind != "sqlite":
        return
    db: Any = database.db  # peewee's stubs leave execute_sql() untyped
    try:
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except pw.PeeweeException as error:  # committed already: the caller must get its answer
        log.warning("checkpoint after an erasure failed: %s", type(error).__name__)


class PeeweeUnitOfWorkFactory:
    def __init__(self, database: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def __call__(self, *, write: bool, lock_timeout: float | None = None, transaction: bool = True) -> PeeweeUnitOfWork:
        return PeeweeUnitOfWork(self._database, write, self._clock, lock_timeout, transaction)
