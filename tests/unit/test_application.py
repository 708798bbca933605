"""The service layer's transaction runner, with a fake unit of work."""

from __future__ import annotations

from typing import Any, Self

import pytest

from loyalty_identity.service.application import MAX_TRANSACTION_ATTEMPTS, Application
from loyalty_identity.service.ports import TransientStoreError


class FakeUnitOfWork:
    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.repo: Any = None

    def __enter__(self) -> Self:
        self.log.append("begin")
        return self

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
