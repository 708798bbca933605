"""Group commit of SQLite write transactions (docs/GROUP_COMMIT.md).

One writer thread per process runs the queued write attempts back to back in one
BEGIN IMMEDIATE ... COMMIT, each in a SAVEPOINT of its own, so a refusal, a lost
race or a dry run rolls back only its own work; the batch's COMMIT is one fsync.
Every caller of a batch is answered only after that COMMIT: a reply still means
its write is on disk, and a crash loses only work nobody was told about.

The caller's thread keeps the attempt loop (`Application._attempts`: retries,
failover, the observer) and hands the body of one attempt to `GroupCommitter.run`.
Each attempt runs on the writer thread inside a copy of the caller's contextvars
(its deadline, the tracing context).

Deadlines keep their meaning: an attempt whose deadline passed before its turn
does not run, and every deadline of a batch is checked once more right before
its COMMIT. If one passed, the batch is rolled back, that caller is refused
(nothing was written) and the others run again in the next batch: none of their
answers may rest on work that is not committed.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import peewee as pw

from loyalty_identity.service import deadlines
from loyalty_identity.service.ports import StoreUnavailableError, utc_now
from loyalty_identity.store.database import LOCK_TIMEOUT_S, Database
from loyalty_identity.store.models import database_proxy
from loyalty_identity.store.repository import PeeweeRepository
from loyalty_identity.store.unit_of_work import checkpoint_wal, store_error

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_BATCH_LIMIT = 1024
# While another process holds the file's writer turn, the writer looks this often for callers that gave up.
TURN_POLL_S = 0.05
_SAVEPOINT = '"group_attempt"'


@dataclass(frozen=True)
class GroupCommitSettings:
    """enabled: SQLite files only (each connection to `:memory:` is a database of its own).

    max_batch: attempts committed together at most. max_batch_ms: how long after its
    BEGIN a batch keeps taking attempts that arrive. A batch also ends when no
    attempt is waiting: there is no timer, so a lone call pays no delay.
    """

    enabled: bool = True
    max_batch: int = 64
    max_batch_ms: float = 5.0

    def applies_to(self, database: Database) -> bool:
        return self.enabled and database.kind == "sqlite" and database.target not in ("", ":memory:")


class _Attempt:
    __slots__ = ("context", "deadline", "done", "error", "job", "queued_at", "result", "wants_checkpoint")

    def __init__(self, job: Callable[[PeeweeRepository], Any]) -> None:
        self.job = job
        self.context = contextvars.copy_context()
        self.deadline = deadlines.current()
        self.queued_at = time.monotonic()
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.wants_checkpoint = False

    def expired(self, now: float) -> bool:
        return self.deadline is not None and now >= self.deadline

    def clear(self) -> None:
        self.result, self.error, self.wants_checkpoint = None, None, False

    def finish(self, error: BaseException | None = None) -> None:
        if error is not None:
            self.result, self.error = None, error
        self.done.set()


class _Batch:
    """One write transaction of the writer, opened lazily: a batch whose first attempts all failed has
    rolled them back and begins again for the next one."""

    def __init__(self, db: Any) -> None:
        self._db = db
        self._txn: Any = None
        self.kept: list[_Attempt] = []  # ran to the end: their work is in the transaction
        self.refused: list[_Attempt] = []  # rolled back alone: their answer is an error

    @property
    def attempts(self) -> list[_Attempt]:
        return self.kept + self.refused

    def run(
        self, attempt: _Attempt, body: Callable[[_Attempt, PeeweeRepository], Any], clock: Callable[[], datetime]
    ) -> None:
        """Run one attempt; a peewee error from SAVEPOINT, ROLLBACK or BEGIN themselves propagates."""
        alone = not self.kept  # nothing of others to keep: no savepoint, a failure rolls everything back
        try:
            if self._txn is None:
                txn = self._db.transaction("IMMEDIATE")
                txn.__enter__()  # BEGIN IMMEDIATE
                self._txn = txn
            if not alone:
                self._db.execute_sql(f"SAVEPOINT {_SAVEPOINT}")
        except BaseException:
            self.refused.append(attempt)  # answered with the batch's failure
            raise
        repo = PeeweeRepository(clock)
        try:
            attempt.result = attempt.context.run(body, attempt, repo)
        except BaseException as error:  # handed to the caller's thread, which raises it
            attempt.result, attempt.error = None, error
            self.refused.append(attempt)  # first: if the rollback fails, the batch's failure answers it
            if alone:
                self.rollback()
            else:
                self._db.execute_sql(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
                self._db.execute_sql(f"RELEASE SAVEPOINT {_SAVEPOINT}")
            return
        attempt.wants_checkpoint = repo.wants_checkpoint
        self.kept.append(attempt)
        if not alone:
            self._db.execute_sql(f"RELEASE SAVEPOINT {_SAVEPOINT}")

    def commit(self) -> None:
        if self._txn is not None:
            txn, self._txn = self._txn, None
            txn.__exit__(None, None, None)  # COMMIT (peewee rolls back and re-raises if it fails)

    def rollback(self) -> None:
        if self._txn is not None:
            txn, self._txn = self._txn, None
            txn.__exit__(_BatchRolledBack, _BatchRolledBack(), None)

    def abandon(self) -> None:
        """After a failed statement of the batch itself: leave no transaction open."""
        try:
            self.rollback()
        except Exception:  # peewee's own transaction stack may be the broken part
            self._txn = None
            with contextlib.suppress(Exception):
                if self._db.in_transaction():
                    self._db.rollback()


class _BatchRolledBack(Exception):  # noqa: N818 (a signal to peewee, never raised)
    """Tells peewee's transaction to roll back."""


class GroupCommitter:
    """SQLite write transactions committed in batches by one writer thread."""

    def __init__(
        self,
        database: Database,
        settings: GroupCommitSettings | None = None,
        clock: Callable[[], datetime] = utc_now,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        """on_batch(attempts): told after each COMMIT, for the batch-size metric."""
        self._database = database
        self._settings = settings or GroupCommitSettings()
        self._clock = clock
        self._on_batch = on_batch or (lambda _attempts: None)
        self._queue: deque[_Attempt] = deque()
        self._ready = threading.Condition(threading.Lock())
        self._closed = False
        self._thread: threading.Thread | None = None

    # The caller's side -------------------------------------------------------

    def run(self, work: Callable[[PeeweeRepository], T]) -> T:
        """One attempt of a write transaction, committed with its batch.

        Returns once the batch's COMMIT is on disk; raises what the attempt raised
        (after its batch ended), DEADLINE_EXCEEDED when its deadline passed before it
        could commit (nothing written), or StoreUnavailableError when the batch failed.
        """
        if not self._database.reachable.is_set():
            raise StoreUnavailableError("the database cannot be reached", unreachable=True)
        deadlines.check()
        attempt = _Attempt(work)
        with self._ready:
            if self._closed:
                raise StoreUnavailableError("the server is stopping")
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="group-commit", daemon=True)
                self._thread.start()
            self._queue.append(attempt)
            self._ready.notify()
        # No timeout: the attempt may be in a batch that commits, and the answer must say so.
        attempt.done.wait()
        if attempt.error is not None:
            raise attempt.error
        return attempt.result  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop taking attempts; the writer commits what is queued, then closes its connection."""
        with self._ready:
            self._closed = True
            self._ready.notify()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=LOCK_TIMEOUT_S * 2)

    # The writer's side -------------------------------------------------------

    def _loop(self) -> None:
        db: Any = self._database.db
        with database_proxy.using(db):
            while self._wait_for_work():
                if not self._take_turn():
                    continue
                try:
                    self._write_batch(db)
                except Exception:  # never leave callers waiting on a dead writer
                    log.exception("group commit: the writer failed")
                finally:
                    self._database.writer_turn.release()
        with contextlib.suppress(pw.PeeweeException):
            db.close()  # this thread's connection

    def _wait_for_work(self) -> bool:
        with self._ready:
            self._ready.wait_for(lambda: self._queue or self._closed)
            return bool(self._queue)

    def _next(self) -> _Attempt | None:
        with self._ready:
            return self._queue.popleft() if self._queue else None

    def _take_turn(self) -> bool:
        """The file's writer turn (other processes of the group, an import); meanwhile callers whose deadline
        passes are refused, and after LOCK_TIMEOUT_S everyone waiting is, as a lone writer would be."""
        turn = self._database.writer_turn
        while not turn.acquire(timeout=TURN_POLL_S):
            if not self._refuse_waiting("no turn to write within the lock timeout"):
                return False
        return True

    def _refuse_waiting(self, why: str, head: Sequence[_Attempt] = ()) -> bool:
        """Put head back at the front of the queue, then answer whoever waits in vain: DEADLINE_EXCEEDED once its
        deadline passed, UNAVAILABLE once it waited LOCK_TIMEOUT_S for the database. Whether anyone still waits."""
        now = time.monotonic()
        with self._ready:
            waiting, self._queue = [*head, *self._queue], deque()
            for attempt in waiting:
                if attempt.expired(now):
                    attempt.finish(deadlines.exceeded())
                elif now - attempt.queued_at >= LOCK_TIMEOUT_S:
                    attempt.finish(StoreUnavailableError(why))
                else:
                    self._queue.append(attempt)
            return bool(self._queue)

    def _bound_lock_wait(self) -> None:
        """BEGIN IMMEDIATE waits in SQLite's busy handler while a writer outside the turn holds the file (the
        sqlite3 shell, a backup): no longer than the most pressed caller waiting has left, as without batches."""
        now = time.monotonic()
        with self._ready:
            ends = [attempt.deadline for attempt in self._queue if attempt.deadline is not None]
        self._database.set_lock_timeout(min(ends) - now if ends else None)

    def _write_batch(self, db: Any) -> None:
        batch = _Batch(db)
        try:
            committed = self._run_batch(db, batch)
        except Exception as error:  # BEGIN, SAVEPOINT or COMMIT refused, or a bug of ours: nothing was committed
            committed = False
            self._fail(batch, error)
        self._answer(batch, committed)

    def _run_batch(self, db: Any, batch: _Batch) -> bool:
        """Run the waiting attempts and commit them; False when the batch was rolled back to run again."""
        settings = self._settings
        started = time.monotonic()
        db.connect(reuse_if_open=True)
        self._bound_lock_wait()
        while len(batch.attempts) < settings.max_batch and (
            not batch.attempts or (time.monotonic() - started) * 1000 < settings.max_batch_ms
        ):
            attempt = self._next()
            if attempt is None:
                break
            if attempt.expired(time.monotonic()):
                attempt.finish(deadlines.exceeded())  # its turn came too late: it does not run
                continue
            batch.run(attempt, self._body, self._clock)
        if self._any_expired(batch):
            return False
        batch.commit()  # one fsync for the whole batch
        return True

    def _fail(self, batch: _Batch, error: Exception) -> None:
        batch.abandon()
        if not batch.kept and self._database.is_lock_timeout(error):
            # Its first BEGIN found the file locked: nothing ran. Its attempts wait on, within their time.
            self._refuse_waiting("the database stayed locked", head=batch.refused)
            batch.refused = []
            return
        if isinstance(error, pw.PeeweeException):
            log.warning("group commit: a batch of %d failed (%s)", len(batch.attempts), type(error).__name__)
        else:
            log.error("group commit: a batch of %d failed", len(batch.attempts), exc_info=error)
        unreachable = self._database.is_unreachable(error)
        batch.kept, batch.refused = [], batch.attempts
        for attempt in batch.refused:
            attempt.result, attempt.wants_checkpoint = None, False
            attempt.error = StoreUnavailableError(type(error).__name__, unreachable=unreachable)

    def _any_expired(self, batch: _Batch) -> bool:
        """The last step before COMMIT: a caller who gave up must find nothing written.

        Its work cannot be taken out of the batch alone, so the batch is rolled back,
        that caller refused, and every other attempt queued again to run afresh.
        """
        now = time.monotonic()
        expired = [attempt for attempt in batch.kept if attempt.expired(now)]
        if not expired:
            return False
        batch.rollback()
        again = [attempt for attempt in batch.attempts if attempt not in expired]
        for attempt in again:
            attempt.clear()
        with self._ready:
            self._queue.extendleft(reversed(again))
        for attempt in expired:
            attempt.result, attempt.error, attempt.wants_checkpoint = None, deadlines.exceeded(), False
        batch.kept, batch.refused = [], expired
        return True

    def _answer(self, batch: _Batch, committed: bool) -> None:
        answered = batch.attempts
        try:
            if committed and any(attempt.wants_checkpoint for attempt in answered):
                checkpoint_wal(self._database)  # before anyone of the batch is answered
            if committed and batch.kept:
                self._on_batch(len(answered))
        finally:
            for attempt in answered:  # only now: what they wrote is committed
                attempt.finish()

    def _body(self, attempt: _Attempt, repo: PeeweeRepository) -> Any:
        """One attempt's work, on the writer's connection, in the caller's context."""
        with database_proxy.using(self._database.db):
            try:
                result = attempt.job(repo)
                repo.flush_events()  # the feed's numbers now: one writer, so commit order
                deadlines.check()
            except pw.PeeweeException as error:
                raise store_error(self._database, error) from error
            return result
