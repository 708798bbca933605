"""One contract for every CandidateRepository: in memory (the fast tier), SQLite and PostgreSQL.

What a unit of work stores is what the next one reads: a candidate whole (its
recorded request too), one pending candidate per victim, survivor and trigger,
paging newest first, and the pending count per org.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from loyalty_identity.domain.candidates import (
    CandidateState,
    MergeCandidate,
    RecordedCreate,
    RecordedUpdate,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merge_policy import ReviewReason
from loyalty_identity.domain.model import ScopedIdentifier
from loyalty_identity.domain.requests import IdentifierInput, ProfileInput
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import CandidateRepository
from tests.contract.stores import sql_units
from tests.fakes import InMemoryCandidates

ORG = "acme"
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
TRIGGER = ScopedIdentifier(Scope(Source.TMALL, ""), IdentifierValue(IdentifierType.MOBILE, "8613800138000"))

Unit = Callable[[], AbstractContextManager[CandidateRepository]]


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def unit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Unit]:
    if request.param == "memory":
        yield InMemoryCandidates().unit
        return
    with sql_units(request.param, tmp_path, lambda repo: repo.candidates) as units:
        yield units


def candidate(victim: str = "", survivor: str = "", at: datetime = NOW, **changes: object) -> MergeCandidate:
    request = RecordedUpdate(
        victim or str(uuid.uuid4()), int(Source.TMALL), "", (IdentifierInput(1, "138 0013 8000"),), ()
    )
    made = MergeCandidate(
        id=str(uuid.uuid4()),
        reason=ReviewReason.TYPE_POLICY,
        victim=request.customer_id,
        survivor=survivor or str(uuid.uuid4()),
        trigger=TRIGGER,
        request=request,
        request_id=str(uuid.uuid4()),
        create_time=at,
    )
    return replace(made, **changes)


def test_a_recorded_candidate_reads_back_whole(unit: Unit) -> None:
    offered = candidate()
    with unit() as candidates:
        stored, created = candidates.record(ORG, offered)
    assert created and stored == offered
    with unit() as candidates:
        assert candidates.get(ORG, offered.id) == offered
        assert candidates.get("other-org", offered.id) is None


def test_a_create_request_with_profiles_reads_back_whole(unit: Unit) -> None:
    profiles = (
        ProfileInput(int(Source.TMALL), "", (IdentifierInput(1, "8613800138000"), IdentifierInput(2, "A@B.COM"))),
        ProfileInput(int(Source.WECHAT), "wx", (IdentifierInput(13, "GD001", "series-1", "VIP"),)),
    )
    offered = candidate(victim="", request=RecordedCreate(profiles))
    offered = replace(offered, victim="")
    with unit() as candidates:
        candidates.record(ORG, offered)
    with unit() as candidates:
        assert candidates.get(ORG, offered.id) == offered


def test_one_pending_candidate_per_victim_survivor_and_trigger(unit: Unit) -> None:
    first = candidate()
    again = candidate(victim=first.victim, survivor=first.survivor)
    with unit() as candidates:
        candidates.record(ORG, first)
    with unit() as candidates:
        stored, created = candidates.record(ORG, again)
    assert not created and stored.id == first.id
    # Once resolved, the same merge may be proposed again.
    resolved = replace(first, state=CandidateState.REJECTED, resolve_time=NOW + timedelta(minutes=1))
    with unit() as candidates:
        candidates.save(ORG, resolved)
    with unit() as candidates:
        stored, created = candidates.record(ORG, again)
        assert created and stored.id == again.id
        assert candidates.get(ORG, first.id) == resolved


def test_pages_newest_first_by_state_and_customer(unit: Unit) -> None:
    made = [candidate() for _ in range(4)]
    with unit() as candidates:
        for item in made:
            candidates.record(ORG, item)
        candidates.save(ORG, replace(made[0], state=CandidateState.OBSOLETE, resolve_time=NOW))
    with unit() as candidates:
        everything = candidates.page(ORG, None, "", None, 10)
        assert [c.id for c in everything] == [c.id for c in reversed(made)]
        first = candidates.page(ORG, None, "", None, 2)
        rest = candidates.page(ORG, None, "", first[-1].pk, 10)
        assert [c.id for c in first + rest] == [c.id for c in reversed(made)]
        pending = candidates.page(ORG, CandidateState.PENDING, "", None, 10)
        assert [c.id for c in pending] == [c.id for c in reversed(made[1:])]
        assert [c.id for c in candidates.page(ORG, None, made[2].survivor, None, 10)] == [made[2].id]
        assert [c.id for c in candidates.page(ORG, None, made[3].victim, None, 10)] == [made[3].id]
        assert candidates.pending_by_org() == {ORG: 3}


def test_an_unfinished_unit_leaves_nothing(unit: Unit) -> None:
    offered = candidate()
    with pytest.raises(RuntimeError), unit() as candidates:
        candidates.record(ORG, offered)
        raise RuntimeError("rolled back")
    with unit() as candidates:
        assert candidates.get(ORG, offered.id) is None
