"""The service layer's transaction runner, with a fake unit of work."""

from __future__ import annotations

import time
import uuid
from typing import Any, Self

import pytest

from loyalty_identity.domain.errors import DomainError, Reason, refused
from loyalty_identity.domain.replies import decode_refusal
from loyalty_identity.service import deadlines
from loyalty_identity.service.application import MAX_TRANSACTION_ATTEMPTS, Application, Mutation, Reply
from loyalty_identity.service.ports import ConnectionLostError, StoreUnavailableError, TransientStoreError


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
    attempts = []

    def always_conflicts(_repo: Any) -> None:
        attempts.append(1)
        raise TransientStoreError("always")

    with pytest.raises(TransientStoreError):
        app._transaction(True, always_conflicts)
    assert MAX_TRANSACTION_ATTEMPTS >= 3
    assert len(attempts) == MAX_TRANSACTION_ATTEMPTS  # the first run and every retry, then it gives up


def test_nothing_commits_once_the_deadline_passed_even_while_waiting_for_the_last_lock() -> None:
    log: list[str] = []
    app = Application(lambda *, write, lock_timeout=None: FakeUnitOfWork(log, flush_takes=0.05))
    with deadlines.deadline_in(0.02), pytest.raises(DomainError) as refused:
        app._transaction(True, lambda _repo: "done")
    assert refused.value.reason is Reason.DEADLINE_EXCEEDED
    assert log == ["begin", "flush", "end"]  # rolled back after the flush, never committed


class FailingUnitOfWork(FakeUnitOfWork):
    """Each attempt takes the next of `failures`: where it fails ("enter", "commit") and with what; then succeeds."""

    def __init__(self, log: list[str], failures: list[tuple[str, Exception]]) -> None:
        super().__init__(log)
        self.failure = failures.pop(0) if failures else None

    def __enter__(self) -> Self:
        if self.failure and self.failure[0] == "enter":
            raise self.failure[1]
        return super().__enter__()

    def commit(self) -> None:
        if self.failure and self.failure[0] == "commit":
            raise self.failure[1]
        super().commit()


def app_failing(failures: list[tuple[str, Exception]]) -> tuple[Application, list[str]]:
    log: list[str] = []
    return Application(lambda *, write, lock_timeout=None: FailingUnitOfWork(log, failures)), log


LOST = ConnectionLostError("server closed the connection", commit_unknown=False)
UNANSWERED = ConnectionLostError("server closed the connection", commit_unknown=True)
UNREACHABLE = StoreUnavailableError("connection refused", unreachable=True)


def test_a_transaction_whose_connection_broke_before_commit_runs_again() -> None:
    app, log = app_failing([("commit", LOST)])
    assert app._transaction(True, lambda _repo: "done") == "done"
    assert log.count("begin") == 2 and log.count("commit") == 1


def test_a_write_without_a_request_id_whose_commit_went_unanswered_is_never_run_again() -> None:
    app, log = app_failing([("commit", UNANSWERED)])
    with pytest.raises(ConnectionLostError) as lost:
        app._transaction(True, lambda _repo: "done")
    assert lost.value.commit_unknown
    assert log.count("begin") == 1


@pytest.mark.parametrize("write, exactly_once", [(True, True), (False, False)])
def test_an_unanswered_commit_is_run_again_under_a_request_id_and_for_a_read(write: bool, exactly_once: bool) -> None:
    app, log = app_failing([("commit", UNANSWERED)])
    assert app._transaction(write, lambda _repo: "done", exactly_once=exactly_once) == "done"
    assert log.count("begin") == 2


def test_after_a_lost_connection_the_call_waits_for_a_new_primary() -> None:
    app, log = app_failing([("commit", LOST), ("enter", UNREACHABLE), ("enter", UNREACHABLE)])
    assert app._transaction(True, lambda _repo: "done") == "done"
    assert log.count("begin") == 2  # the attempts that could not connect began nothing


def test_a_database_unreachable_from_the_start_is_refused_at_once() -> None:
    app, log = app_failing([("enter", UNREACHABLE)])
    with pytest.raises(StoreUnavailableError):
        app._transaction(True, lambda _repo: "done")
    assert log == []


def test_a_deadline_that_passes_after_an_unanswered_commit_does_not_say_nothing_was_written() -> None:
    app, _log = app_failing([("commit", UNANSWERED)] + [("enter", UNREACHABLE)] * 100)
    with deadlines.deadline_in(0.3), pytest.raises(ConnectionLostError) as lost:
        app._transaction(True, lambda _repo: "done", exactly_once=True)
    assert lost.value.commit_unknown


class FakeRequests:
    """The request_id part of the repository port, logging what the use case layer asks of it."""

    def __init__(self, log: list[Any]) -> None:
        self.log = log

    def set_event_request_id(self, _request_id: str) -> None:
        return None

    def claim_request(self, *_args: Any) -> None:
        self.log.append("claim")

    def savepoint(self) -> None:
        self.log.append("savepoint")

    def rollback_to_savepoint(self) -> None:
        self.log.append("rollback to savepoint")

    def save_response(self, _org: str, _request_id: str, response: bytes, customers: Any, _now: Any) -> None:
        refusal = decode_refusal(response)
        self.log.append(("save", refusal.reason if refusal else response, sorted(customers)))


def mutate(flush_takes: float, failure: Exception) -> tuple[list[Any], BaseException]:
    """A call with a request_id whose work fails with failure; what the transaction did, and what the caller got."""
    log: list[Any] = []

    def uow(*, write: bool, lock_timeout: float | None = None) -> FakeUnitOfWork:
        unit = FakeUnitOfWork(log, flush_takes)
        unit.repo = FakeRequests(log)
        return unit

    def work(_repo: Any, _request_id: str | None) -> None:
        raise failure

    reply: Reply[None, Any] = Reply(lambda _: None, lambda _: None, lambda _: ())
    with deadlines.deadline_in(0.02), pytest.raises(Exception) as raised:
        Application(uow)._mutate("default", Mutation("f" * 64, str(uuid.uuid4())), work, reply)
    return log, raised.value


HOLDER = f"customers/{uuid.uuid4()}"
TAKEN = refused(Reason.IDENTIFIER_TAKEN, "another customer holds this EMAIL", customer=HOLDER)


def test_a_refusal_is_stored_under_its_request_id_and_its_work_undone() -> None:
    log, raised = mutate(0.0, TAKEN)
    assert raised == TAKEN
    assert log == [
        "begin",
        "claim",
        "savepoint",
        "rollback to savepoint",
        ("save", Reason.IDENTIFIER_TAKEN, [HOLDER]),
        "flush",
        "commit",
        "end",
    ]


def test_a_refusal_whose_deadline_passed_before_commit_is_not_stored() -> None:
    log, raised = mutate(0.05, TAKEN)
    assert isinstance(raised, DomainError) and raised.reason is Reason.DEADLINE_EXCEEDED
    assert "commit" not in log  # rolled back: its retry runs again


@pytest.mark.parametrize(
    "failure",
    [
        DomainError(Reason.UNAVAILABLE, "the database is busy"),
        DomainError(Reason.DEADLINE_EXCEEDED, "late"),
        DomainError(Reason.REQUEST_ID_REUSED, "another request"),
        KeyError("a bug"),
    ],
)
def test_failures_that_are_not_answers_are_not_stored(failure: Exception) -> None:
    log, raised = mutate(0.0, failure)
    assert raised is failure
    assert log == ["begin", "claim", "savepoint", "end"]  # no commit: the claim goes with the rest
