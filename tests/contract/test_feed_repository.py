"""One contract for the change feed of IdentityRepository: in memory (the fast tier), SQLite and PostgreSQL.

Events recorded in a unit of work appear when it ends without an error, numbered per org 1..N after
the org's last event, without gaps, in commit order; an unfinished unit hands its numbers back. Each
kind of event reads back as recorded, with its time and the transaction's request id. Bounds are
(purged through, last); purging forgets a prefix of each org's feed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomerErased,
    CustomersMerged,
    CustomersUnmerged,
    Event,
    IdentifiersChanged,
    MergeCandidateCreated,
    MergeCandidateResolved,
    MergePolicyChanged,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merge_policy import CandidateState, MergeMode, MergePolicy, ReviewReason
from loyalty_identity.domain.model import CardStatus, ScopedIdentifier
from loyalty_identity.domain.scopes import Scope, Source
from tests.contract.repositories import NOW, ORG, OTHER_ORG, STORES, Unit, repository_units


@pytest.fixture(params=STORES)
def unit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Unit]:
    yield from repository_units(request.param, tmp_path)


def name() -> str:
    return f"customers/{uuid.uuid4()}"


def scoped(source: Source, account: str, kind: IdentifierType, value: str) -> ScopedIdentifier:
    return ScopedIdentifier(Scope(source, account), IdentifierValue(kind, value))


MOBILE = scoped(Source.INSTORE, "", IdentifierType.MOBILE, "8613800138000")
OPENID = scoped(Source.WECHAT, "wx", IdentifierType.WECHAT, "oAnn42")


def created(customer: str = "") -> CustomerCreated:
    return CustomerCreated(customer or name(), [MOBILE, OPENID])


def every_kind() -> list[Change]:
    """One change of each kind the feed carries, every field set."""
    a, b, c = name(), name(), name()
    merge = f"merges/{uuid.uuid4()}"
    return [
        created(a),
        IdentifiersChanged(a, [OPENID], [MOBILE]),
        CustomersMerged(merge, a, b, [MOBILE, OPENID], ["GD0001"], [c], OPENID),
        CustomersMerged(merge, a, b, [], [], [], None),  # an explicit merge: no trigger
        CustomersUnmerged(merge, a, b, [MOBILE], [OPENID], ["GD0001"], [c]),
        CustomerErased(b, [a, c]),
        MergePolicyChanged(MergePolicy(((IdentifierType.EMAIL, MergeMode.REVIEW),), 5)),
        MergeCandidateCreated(f"mergeCandidates/{uuid.uuid4()}", a, b, MOBILE, ReviewReason.MERGE_LIMIT),
        MergeCandidateResolved(f"mergeCandidates/{uuid.uuid4()}", CandidateState.ACCEPTED, merge, [a, b]),
        CardChanged("GD0001", "series-1", CardStatus.ACTIVE, "VIP", a, b, CardStatus.ISSUED, "renewed"),
        CardChanged("GD0002", "series-1", CardStatus.NOT_ISSUED, "NOT_ISSUED", "", "", None, "created"),
    ]


def record(unit: Unit, changes: list[Change], org: str = ORG, at: datetime = NOW, request_id: str = "") -> None:
    with unit() as repo:
        repo.set_event_request_id(request_id)
        for change in changes:
            repo.record_event(org, change, at)


def feed(unit: Unit, org: str = ORG, after: int = 0, limit: int = 1000) -> list[Event]:
    with unit() as repo:
        return repo.list_events(org, after, limit)


def bounds(unit: Unit, org: str = ORG) -> tuple[int, int]:
    with unit() as repo:
        return repo.event_bounds(org)


def test_every_kind_of_event_reads_back_as_recorded(unit: Unit) -> None:
    changes = every_kind()
    request_id = str(uuid.uuid4())
    at = NOW.astimezone(timezone(timedelta(hours=8))) + timedelta(microseconds=7)  # read back in UTC
    record(unit, changes, at=at, request_id=request_id)
    events = feed(unit)
    assert events == [Event(i, at, request_id, change) for i, change in enumerate(changes, start=1)]
    assert all(e.create_time.tzinfo == UTC for e in events)


def test_events_are_numbered_per_org_without_gaps_in_commit_order(unit: Unit) -> None:
    assert bounds(unit) == (0, 0)
    assert feed(unit) == []
    first, second, third, elsewhere = created(), created(), created(), created()
    record(unit, [first, second])
    record(unit, [elsewhere], org=OTHER_ORG)
    with pytest.raises(RuntimeError), unit() as repo:  # its numbers are handed back
        repo.record_event(ORG, created(), NOW)
        raise RuntimeError("rolled back")
    before = feed(unit)
    with unit() as repo:  # two orgs in one unit: each gets its own next numbers
        repo.record_event(OTHER_ORG, second, NOW)
        repo.record_event(ORG, third, NOW)
        assert repo.list_events(ORG, 0, 10) == before  # recorded, not yet in the feed
    assert [(e.sequence, e.change) for e in feed(unit)] == [(1, first), (2, second), (3, third)]
    assert [(e.sequence, e.change) for e in feed(unit, OTHER_ORG)] == [(1, elsewhere), (2, second)]
    assert (bounds(unit), bounds(unit, OTHER_ORG), bounds(unit, "no-events")) == ((0, 3), (0, 2), (0, 0))
    assert [e.sequence for e in feed(unit, after=1, limit=1)] == [2]
    assert feed(unit, after=3) == []


def test_the_request_id_is_the_transactions(unit: Unit) -> None:
    request_id = str(uuid.uuid4())
    record(unit, [created()], request_id=request_id)
    record(unit, [created()])
    assert [e.request_id for e in feed(unit)] == [request_id, ""]


def test_purging_forgets_a_prefix_of_each_orgs_feed(unit: Unit) -> None:
    old, recent = NOW - timedelta(days=40), NOW
    record(unit, [created(), created()], at=old)
    record(unit, [created()], at=recent)
    record(unit, [created()], at=old)  # older than the one before it: the prefix goes through it
    record(unit, [created()], at=recent)
    record(unit, [created(), created()], org=OTHER_ORG, at=recent)
    with unit() as repo:
        assert repo.purge_events(NOW - timedelta(days=30)) == 4
    assert [e.sequence for e in feed(unit)] == [5]
    assert bounds(unit) == (4, 5)
    assert bounds(unit, OTHER_ORG) == (0, 2) and len(feed(unit, OTHER_ORG)) == 2
    with unit() as repo:
        assert repo.purge_events(NOW - timedelta(days=30)) == 0
    record(unit, [created()])
    assert [e.sequence for e in feed(unit)] == [5, 6]  # numbering goes on after the purged ones
    with unit() as repo:
        assert repo.purge_events(NOW + timedelta(days=1)) == 4
    assert (bounds(unit), feed(unit), bounds(unit, OTHER_ORG)) == ((6, 6), [], (2, 2))
