"""The service layer's transaction runner, with a fake unit of work."""

from __future__ import annotations

import time
from typing import Any, Self

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.service import deadlines
from loyalty_identity.service.application import MAX_TRANSACTION_ATTEMPTS, Application
from loyalty_identity.service.ports import TransientStoreError


class FakeUnitOfWork:
    def __init__(self, log: list[str], flush_takes: float = 0.0) -> None:
        self.log = log
        self.repo: Any = None
        self.flush_takes = flush_takes  # the wait for the feed's counter

    def __enter__(self) -> Self:
        self.log.append("begin")
        return self

    def flush(self) -> None:
        time.sleep(self.flush_takes)
        self.log.append("flush")

    def commit(self) -> None:
        self.log.append("commit")

    def __exit__(self, *exc: Any) -> None:
        self.log.append("end")


def test_a_transaction_that_loses_a_race_is_run_again_whole() -> None:
    log: list[str] = []
    app = Application(lambda *, write, lock_timeout=None: FakeUnitOfWork(log))
    attempts = []

    def work(_repo: Any) -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise TransientStoreError("lost a race")
        return "done"

    assert app._transaction(True, work) == "done"
    assert len(attempts) == 3
    assert log.count("begin") == 3 and log.count("commit") == 1


def test_retries_are_bounded() -> None:
    app = Application(lambda *, write, lock_timeout=None: FakeUnitOfWork([]))

    def always_conflicts(_repo: Any) -> None:
        raise TransientStoreError("always")

    with pytest.raises(TransientStoreError):
        app._transaction(True, always_conflicts)
    assert MAX_TRANSACTION_ATTEMPTS >= 3


def test_nothing_commits_once_the_deadline_passed_even_while_waiting_for_the_last_lock() -> None:
    log: list[str] = []
    app = Application(lambda *, write, lock_timeout=None: FakeUnitOfWork(log, flush_takes=0.05))
    with deadlines.deadline_in(0.02), pytest.raises(DomainError) as refused:
        app._transaction(True, lambda _repo: "done")
    assert refused.value.reason is Reason.DEADLINE_EXCEEDED
    assert log == ["begin", "flush", "end"]  # rolled back after the flush, never committed
