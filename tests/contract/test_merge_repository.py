"""One contract for the merge records of IdentityRepository: in memory (the fast tier), SQLite and PostgreSQL.

A merge reads back whole (its moved profiles, cards, re-pointed customers and the identifiers its
request added), under the keys of its victim and survivor, with the names of the customers of those
keys; lists newest first, by org or by one customer's key; an unmerge marks it; find_customer reads a
customer's key, state and survivor's key. Merges are made by the aggregate, as the use cases make them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from loyalty_identity.domain.customer import CustomerAggregate
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import CustomerState, Merge, ScopedIdentifier
from loyalty_identity.domain.names import new_id
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import CustomerRecord, Repository
from tests.contract.repositories import NOW, ORG, OTHER_ORG, STORES, Unit, email, new_customer, repository_units

INSTORE, TMALL, WECHAT, JD = (
    Scope(s, a) for s, a in [(Source.INSTORE, ""), (Source.TMALL, ""), (Source.WECHAT, "wx"), (Source.JD, "")]
)
MOBILE = IdentifierValue(IdentifierType.MOBILE, "8613800138000")


@pytest.fixture(params=STORES)
def unit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Unit]:
    yield from repository_units(request.param, tmp_path)


def customers(unit: Unit, *scopes: Scope) -> list[CustomerAggregate]:
    """A customer in each scope (with an email of its own), committed."""
    with unit() as repo:
        return [new_customer(repo, scope, email(f"c{i}-{uuid.uuid4().hex[:8]}")) for i, scope in enumerate(scopes)]


def merge(repo: Repository, victim_id: str, survivor_id: str, trigger: bool = False, request_id: str = "") -> Merge:
    """victim merged into survivor and its record inserted, as IdentityUseCases does (trigger: by an added MOBILE)."""
    victim, survivor = (repo.customers.get(ORG, i, lock=True) for i in (victim_id, survivor_id))
    assert victim is not None and survivor is not None
    scope = next(iter(victim.profiles))
    added = [ScopedIdentifier(scope, MOBILE)] if trigger else []
    done, merged = victim.merge_into(
        survivor,
        now=NOW + timedelta(minutes=1),
        blocked=False,
        series={},
        request_id=request_id,
        trigger_scope=scope if trigger else None,
        trigger=MOBILE if trigger else None,
        added=added,
    )
    keys = repo.customers.pk_of(done.victim), repo.customers.pk_of(done.survivor)
    repo.customers.save(ORG, [merged], NOW)
    repo.insert_merge(ORG, done, *keys)
    return done


def key(repo: Repository, customer: CustomerAggregate) -> int:
    """A customer's key (pk_of names only customers handed out in the unit: it is read first)."""
    found = repo.customers.get(ORG, customer.id)
    assert found is not None
    return repo.customers.pk(found)


def merge_id(done: Merge) -> str:
    return done.name.removeprefix("merges/")


def test_a_merge_reads_back_whole_under_its_customers_keys(unit: Unit) -> None:
    ann, bob = customers(unit, INSTORE, TMALL)
    request_id = str(uuid.uuid4())
    with unit() as repo:
        done = merge(repo, bob.id, ann.id, trigger=True, request_id=request_id)
    assert done.moved_profiles and done.added_identifiers and done.trigger_scope == TMALL
    with unit() as repo:
        keys = key(repo, bob), key(repo, ann)
        record = repo.find_merge(ORG, merge_id(done))
        assert record is not None
        assert (record.merge, record.victim_pk, record.survivor_pk, record.erased) == (done, *keys, "")
        assert repo.find_merge(ORG, merge_id(done), lock=True) == record
        assert repo.find_merge(OTHER_ORG, merge_id(done)) is None
        assert repo.find_merge(ORG, new_id()) is None
        assert repo.list_merges(ORG, None, None, 10) == [(record.pk, done)]


def test_an_explicit_merge_has_no_trigger(unit: Unit) -> None:
    ann, bob = customers(unit, INSTORE, TMALL)
    with unit() as repo:
        done = merge(repo, bob.id, ann.id)
    with unit() as repo:
        record = repo.find_merge(ORG, merge_id(done))
    assert record is not None and record.merge == done
    assert (done.trigger_scope, done.trigger, done.added_identifiers, done.request_id) == (None, None, [], "")


def test_merges_list_newest_first_by_org_or_by_a_customers_key(unit: Unit) -> None:
    hub, a, b, c = customers(unit, INSTORE, TMALL, WECHAT, JD)
    with unit() as repo:
        first = merge(repo, a.id, hub.id)
        second = merge(repo, b.id, hub.id)
    with unit() as repo:
        third = merge(repo, hub.id, c.id)  # re-points a and b at c
    with unit() as repo:
        new_customer(repo, INSTORE, email("elsewhere"), org=OTHER_ORG)
        listed = repo.list_merges(ORG, None, None, 10)
        assert [m for _, m in listed] == [third, second, first]
        keys = [pk for pk, _ in listed]
        assert keys == sorted(keys, reverse=True)
        assert [m for _, m in repo.list_merges(ORG, None, keys[0], 10)] == [second, first]
        assert [m for _, m in repo.list_merges(ORG, None, None, 2)] == [third, second]
        assert repo.list_merges(OTHER_ORG, None, None, 10) == []
        hub_key = key(repo, hub)
        assert [m for _, m in repo.list_merges(ORG, hub_key, None, 10)] == [third, second, first]
        assert [m for _, m in repo.list_merges(ORG, hub_key, keys[0], 1)] == [second]
        a_key = key(repo, a)
        assert [m for _, m in repo.list_merges(ORG, a_key, None, 10)] == [first]  # its own merge only


def test_an_unmerge_marks_the_merge(unit: Unit) -> None:
    ann, bob = customers(unit, INSTORE, TMALL)
    with unit() as repo:
        done = merge(repo, bob.id, ann.id)
    request_id = str(uuid.uuid4())
    later = NOW + timedelta(hours=1, microseconds=123)
    with unit() as repo:
        record = repo.find_merge(ORG, merge_id(done), lock=True)
        assert record is not None and record.merge.unmerge_time is None
        repo.mark_unmerged(record.pk, later, request_id)
    with unit() as repo:
        marked = repo.find_merge(ORG, merge_id(done))
        assert marked is not None
        assert (marked.merge.unmerge_time, marked.merge.unmerge_request_id) == (later, request_id)
        assert repo.list_merges(ORG, None, None, 10) == [(marked.pk, marked.merge)]


def test_find_customer_reads_its_key_state_and_survivors_key(unit: Unit) -> None:
    ann, bob = customers(unit, INSTORE, TMALL)
    with unit() as repo:
        ann_key, bob_key = key(repo, ann), key(repo, bob)
        assert repo.find_customer(ORG, ann.id) == CustomerRecord(ann_key, ann.id, CustomerState.ACTIVE, None)
        assert repo.find_customer(OTHER_ORG, ann.id) is None
        assert repo.find_customer(ORG, new_id()) is None
        merge(repo, bob.id, ann.id)
        # Its own transaction's writes are seen.
        assert repo.find_customer(ORG, bob.id) == CustomerRecord(bob_key, bob.id, CustomerState.MERGED, ann_key)
    with unit() as repo:
        assert repo.find_customer(ORG, bob.id) == CustomerRecord(bob_key, bob.id, CustomerState.MERGED, ann_key)
        assert repo.find_customer(ORG, ann.id) == CustomerRecord(ann_key, ann.id, CustomerState.ACTIVE, None)


def test_a_merge_of_an_erased_customer_says_so(unit: Unit) -> None:
    ann, bob = customers(unit, INSTORE, TMALL)
    with unit() as repo:
        done = merge(repo, bob.id, ann.id)
    with unit() as repo:
        survivor = repo.customers.get(ORG, ann.id, lock=True)
        assert survivor is not None
        survivor.erase(NOW + timedelta(hours=1))
        repo.customers.erase(survivor, NOW + timedelta(hours=1))
    with unit() as repo:
        record = repo.find_merge(ORG, merge_id(done))
        assert record is not None and record.erased == ann.name


def test_an_unfinished_unit_leaves_no_merge(unit: Unit) -> None:
    ann, bob = customers(unit, INSTORE, TMALL)
    with pytest.raises(RuntimeError), unit() as repo:
        done = merge(repo, bob.id, ann.id)
        raise RuntimeError("rolled back")
    with unit() as repo:
        assert repo.find_merge(ORG, merge_id(done)) is None
        assert repo.list_merges(ORG, None, None, 10) == []
        record = repo.find_customer(ORG, bob.id)
        assert record is not None and record.state is CustomerState.ACTIVE
