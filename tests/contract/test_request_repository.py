"""One contract for the request ids of IdentityRepository (RULES 2.7): in memory, SQLite and PostgreSQL.

A request id is claimed by the first unit of work that names it in its org; the next ones find its
fingerprint and answer (empty until one is saved). A savepoint taken after the claim lets a refused
request undo its work, events included, and keep the claim to store its refusal under. Purging forgets
the ids whose answer (or claim) is older than the cutoff.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from loyalty_identity.domain.events import CustomerCreated
from loyalty_identity.domain.model import ScopedIdentifier
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import Repository, StoredResponse
from tests.contract.repositories import NOW, ORG, OTHER_ORG, STORES, Unit, email, new_customer, repository_units

INSTORE = Scope(Source.INSTORE, "")


@pytest.fixture(params=STORES)
def unit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Unit]:
    yield from repository_units(request.param, tmp_path)


def claim(unit: Unit, request_id: str, fingerprint: str = "fp", org: str = ORG) -> StoredResponse | None:
    with unit() as repo:
        return repo.claim_request(org, request_id, fingerprint, NOW)


def work(repo: Repository, label: str) -> str:
    """A customer and an event written in repo's unit: what a request's work leaves. Its id."""
    customer = new_customer(repo, INSTORE, email(label))
    repo.record_event(ORG, CustomerCreated(customer.name, [ScopedIdentifier(INSTORE, email(label))]), NOW)
    return customer.id


def left(unit: Unit, *customer_ids: str) -> tuple[list[bool], int]:
    """Which of the customers exist, and how many events the feed holds."""
    with unit() as repo:
        return [repo.customers.get(ORG, i) is not None for i in customer_ids], len(repo.list_events(ORG, 0, 100))


def test_the_first_claim_wins_and_later_ones_read_its_answer(unit: Unit) -> None:
    request_id = str(uuid.uuid4())
    named = {f"customers/{uuid.uuid4()}", f"customers/{uuid.uuid4()}"}
    assert claim(unit, request_id, "fp-1") is None
    assert claim(unit, request_id, "fp-2") == StoredResponse("fp-1", b"")  # claimed, not answered
    with unit() as repo:
        repo.save_response(ORG, request_id, b"\x00the answer", named, NOW + timedelta(seconds=1))
    assert claim(unit, request_id, "fp-3") == StoredResponse("fp-1", b"\x00the answer")
    assert claim(unit, request_id, "fp-4", org=OTHER_ORG) is None  # request ids are per org


def test_an_unfinished_unit_hands_its_claim_back(unit: Unit) -> None:
    request_id = str(uuid.uuid4())
    with pytest.raises(RuntimeError), unit() as repo:
        assert repo.claim_request(ORG, request_id, "fp-1", NOW) is None
        raise RuntimeError("rolled back")
    assert claim(unit, request_id, "fp-2") is None
    assert claim(unit, request_id, "fp-3") == StoredResponse("fp-2", b"")


def test_a_savepoint_rollback_undoes_the_work_and_keeps_the_claim(unit: Unit) -> None:
    request_id = str(uuid.uuid4())
    with unit() as repo:
        assert not repo.has_savepoint
        assert repo.claim_request(ORG, request_id, "fp", NOW) is None
        kept = work(repo, "before")
        repo.savepoint()
        assert repo.has_savepoint
        undone = work(repo, "after")
        repo.save_response(ORG, request_id, b"undone too", [], NOW)
        repo.rollback_to_savepoint()
        assert repo.has_savepoint and repo.customers.get(ORG, undone) is None
        repo.save_response(ORG, request_id, b"\x00refused", [f"customers/{kept}"], NOW)
    assert left(unit, kept, undone) == ([True, False], 1)
    assert claim(unit, request_id) == StoredResponse("fp", b"\x00refused")
    with unit() as repo:
        assert not repo.has_savepoint  # one transaction's


def test_ensure_savepoint_keeps_the_first_and_a_savepoint_may_be_rolled_back_to_again(unit: Unit) -> None:
    with unit() as repo:
        repo.ensure_savepoint()
        first = work(repo, "first")
        repo.ensure_savepoint()  # taken already: still before first
        repo.rollback_to_savepoint()
        second = work(repo, "second")
        repo.rollback_to_savepoint()
        repo.savepoint()  # a new one, here
        third = work(repo, "third")
        repo.savepoint()  # and one after third: rolled back to, as the latest

        fourth = work(repo, "fourth")
        repo.rollback_to_savepoint()
    assert left(unit, first, second, third, fourth) == ([False, False, True, False], 1)


def test_purging_forgets_ids_answered_or_claimed_before_the_cutoff(unit: Unit) -> None:
    old, answered_late, recent = (str(uuid.uuid4()) for _ in range(3))
    long_ago = NOW - timedelta(days=3)
    with unit() as repo:
        for request_id in (old, answered_late):
            repo.claim_request(ORG, request_id, "fp", long_ago)
        repo.claim_request(OTHER_ORG, recent, "fp", NOW)
        repo.save_response(ORG, old, b"old", [f"customers/{uuid.uuid4()}"], long_ago)
        repo.save_response(ORG, answered_late, b"late", [], NOW)  # its answer's time is its time
    with unit() as repo:
        assert repo.purge_responses(NOW - timedelta(days=2)) == 1
    assert claim(unit, old, "again") is None
    assert claim(unit, answered_late) == StoredResponse("fp", b"late")
    assert claim(unit, recent, org=OTHER_ORG) == StoredResponse("fp", b"")
    with unit() as repo:
        assert repo.purge_responses(NOW + timedelta(days=1)) == 3
