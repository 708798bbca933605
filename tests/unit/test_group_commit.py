"""Group commit on a real SQLite file (store/group_commit.py): what each caller of a batch is told, and what
the file holds afterwards. The writer thread is held inside one attempt, so the next attempts deterministically
queue behind it and land in the same batch."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.service import deadlines
from loyalty_identity.service.ports import StoreUnavailableError
from loyalty_identity.store.database import Database, connect_database
from loyalty_identity.store.group_commit import GroupCommitSettings, GroupCommitter

Job = Callable[[Any], Any]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = connect_database(f"sqlite:///{tmp_path / 'batch.db'}")
    database.db.execute_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    database.db.execute_sql(
        "CREATE TABLE t (v INTEGER UNIQUE, parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
    )
    yield database
    database.close()


class Batches:
    """A committer whose batches are recorded, and callers on threads of their own."""

    def __init__(self, database: Database, max_batch: int = 64) -> None:
        self.sizes: list[int] = []
        self.committer = GroupCommitter(
            database, GroupCommitSettings(max_batch=max_batch, max_batch_ms=1000), on_batch=self.sizes.append
        )
        self.answers: dict[str, Any] = {}
        self._threads: list[threading.Thread] = []
        self._database = database

    def call(self, name: str, job: Job, timeout: float | None = None) -> None:
        def run() -> None:
            with deadlines.deadline_in(timeout):
                try:
                    self.answers[name] = self.committer.run(job)
                except Exception as error:  # the caller's answer
                    self.answers[name] = error

        thread = threading.Thread(target=run)
        thread.start()
        self._threads.append(thread)
        time.sleep(0.05)  # queued in this order

    def wait(self) -> None:
        for thread in self._threads:
            thread.join(10)
        self.committer.close()

    def rows(self) -> list[int]:
        return [row[0] for row in self._database.db.execute_sql("SELECT v FROM t ORDER BY v").fetchall()]


def insert(database: Database, value: int, ran: list[int] | None = None) -> Job:
    def job(_repo: Any) -> int:
        if ran is not None:
            ran.append(value)
        database.db.execute_sql("INSERT INTO t (v) VALUES (?)", (value,))
        return value

    return job


def held(database: Database, value: int, gate: threading.Event, ran: list[int] | None = None) -> Job:
    """Inserts value, then keeps the writer until the gate opens (only on its first run)."""

    def job(repo: Any) -> int:
        insert(database, value, ran)(repo)
        if not gate.is_set():
            gate.wait(5)
        return value

    return job


def test_attempts_that_arrive_together_commit_together_and_each_gets_its_own_answer(database: Database) -> None:
    batches, gate = Batches(database), threading.Event()
    batches.call("first", held(database, 1, gate))
    batches.call("second", insert(database, 2))
    batches.call("taken", insert(database, 1))  # loses the race inside the batch: its savepoint alone goes
    batches.call("refused", _refused(database, 3))
    batches.call("third", insert(database, 4))
    gate.set()
    batches.wait()
    assert [batches.answers[name] for name in ("first", "second", "third")] == [1, 2, 4]
    assert type(batches.answers["taken"]).__name__ == "TransientStoreError"
    assert isinstance(batches.answers["refused"], DomainError)
    assert batches.rows() == [1, 2, 4]
    assert batches.sizes == [5]  # one COMMIT for the five


def test_no_caller_is_answered_before_its_batch_commits(database: Database) -> None:
    batches, gate = Batches(database), threading.Event()
    batches.call("first", held(database, 1, gate))
    batches.call("second", insert(database, 2))
    assert batches.answers == {}  # the second ran already, in the open batch: its caller still waits
    gate.set()
    batches.wait()
    assert batches.answers == {"first": 1, "second": 2}


def test_a_deadline_passed_before_its_turn_runs_nothing(database: Database) -> None:
    batches, gate, ran = Batches(database), threading.Event(), list[int]()
    batches.call("first", held(database, 1, gate, ran))
    batches.call("late", insert(database, 2, ran), timeout=0.01)
    gate.set()
    batches.wait()
    assert _reason(batches.answers["late"]) == Reason.DEADLINE_EXCEEDED
    assert ran == [1]
    assert batches.rows() == [1]


def test_a_deadline_that_passes_before_the_commit_rolls_the_batch_back_and_the_others_run_again(
    database: Database,
) -> None:
    """The deadline is the last thing checked before COMMIT, as without batches: the caller who gave up finds
    nothing written, and no other answer rests on its work."""
    batches, ran = Batches(database), list[int]()
    batches.call("first", insert(database, 1, ran))
    # The writer is free again: 'quick' (0.3 s deadline) runs first in the next batch, 'slow' keeps the batch
    # open past that deadline, and 'after' depends on nothing.
    blocker = threading.Event()
    batches.call("blocker", held(database, 10, blocker, ran))
    batches.call("quick", insert(database, 2, ran), timeout=0.3)
    batches.call("slow", _sleeps_once(database, 3, 0.5, ran))
    batches.call("after", insert(database, 4, ran))
    blocker.set()
    batches.wait()
    assert _reason(batches.answers["quick"]) == Reason.DEADLINE_EXCEEDED
    assert batches.answers["slow"] == 3 and batches.answers["after"] == 4 and batches.answers["blocker"] == 10
    assert batches.rows() == [1, 3, 4, 10]
    assert ran == [1, 10, 2, 3, 4, 10, 3, 4]  # the batch ran again without 'quick'
    assert batches.sizes == [1, 3]


def test_a_commit_that_fails_fails_every_caller_of_its_batch_and_writes_nothing(database: Database) -> None:
    batches, gate = Batches(database), threading.Event()
    batches.call("first", held(database, 1, gate))
    batches.call("orphan", _orphan(database, 2))  # a deferred foreign key: only COMMIT finds it
    gate.set()
    batches.wait()
    for name in ("first", "orphan"):
        assert isinstance(batches.answers[name], StoreUnavailableError)
    assert batches.rows() == []
    assert batches.sizes == []
    committer = GroupCommitter(database)  # the writer's connection is usable again
    assert committer.run(insert(database, 5)) == 5
    committer.close()
    assert [row[0] for row in database.db.execute_sql("SELECT v FROM t").fetchall()] == [5]


def test_a_file_locked_outside_the_turn_is_waited_on_within_each_callers_deadline(database: Database) -> None:
    """The sqlite3 shell or a backup holding the write lock: BEGIN waits no longer than a caller has left."""
    batches = Batches(database)
    outsider = sqlite3.connect(database.target, isolation_level=None)
    outsider.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    batches.call("hasty", insert(database, 1), timeout=0.3)
    batches.call("patient", insert(database, 2))
    while "hasty" not in batches.answers and time.monotonic() - started < 3:
        time.sleep(0.01)
    assert _reason(batches.answers.get("hasty")) == Reason.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 2  # not the 5 s lock timeout
    outsider.execute("ROLLBACK")
    outsider.close()
    batches.wait()
    assert batches.answers["patient"] == 2
    assert batches.rows() == [2]


def test_a_batch_takes_no_more_than_its_bound(database: Database) -> None:
    batches, gate = Batches(database, max_batch=2), threading.Event()
    batches.call("first", held(database, 1, gate))
    for value in (2, 3, 4):
        batches.call(f"v{value}", insert(database, value))
    gate.set()
    batches.wait()
    assert batches.rows() == [1, 2, 3, 4]
    assert batches.sizes == [2, 2]


def test_closing_commits_what_is_queued_then_refuses(database: Database) -> None:
    batches, gate = Batches(database), threading.Event()
    batches.call("first", held(database, 1, gate))
    batches.call("queued", insert(database, 2))
    closing = threading.Thread(target=batches.committer.close)
    closing.start()
    gate.set()
    closing.join(10)
    batches.wait()
    assert batches.answers == {"first": 1, "queued": 2}
    with pytest.raises(StoreUnavailableError):
        batches.committer.run(insert(database, 3))
    assert batches.rows() == [1, 2]


def test_an_unreachable_database_is_refused_at_once(database: Database) -> None:
    committer = GroupCommitter(database)
    database.reachable.clear()
    try:
        with pytest.raises(StoreUnavailableError) as refused:
            committer.run(insert(database, 1))
        assert refused.value.unreachable
    finally:
        database.reachable.set()
        committer.close()


def test_it_applies_to_sqlite_files_only(database: Database) -> None:
    assert GroupCommitSettings().applies_to(database) is True
    assert GroupCommitSettings(enabled=False).applies_to(database) is False
    assert GroupCommitSettings().applies_to(connect_database("sqlite:///:memory:")) is False


def _refused(database: Database, value: int) -> Job:
    def job(repo: Any) -> None:
        insert(database, value)(repo)
        raise DomainError(Reason.INVALID_ARGUMENT, "refused after writing")

    return job


def _orphan(database: Database, value: int) -> Job:
    def job(_repo: Any) -> int:
        database.db.execute_sql("INSERT INTO t (v, parent) VALUES (?, 99)", (value,))
        return value

    return job


def _sleeps_once(database: Database, value: int, seconds: float, ran: list[int]) -> Job:
    def job(repo: Any) -> int:
        insert(database, value, ran)(repo)
        if ran.count(value) == 1:
            time.sleep(seconds)
        return value

    return job


def _reason(answer: object) -> Reason | None:
    return answer.reason if isinstance(answer, DomainError) else None
