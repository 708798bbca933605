"""One contract for every CustomerRepository: in memory (the fast tier), SQLite and PostgreSQL.

Each test drives the aggregate through a unit of work, ends it, and reads the
result back in a new one: what the repository stored must be what the
aggregate held, and the facts it reports (who holds a value) must follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from loyalty_identity.domain.customer import CustomerAggregate
from loyalty_identity.domain.events import CustomerCreated, IdentifiersChanged
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import CustomerState, ScopedIdentifier
from loyalty_identity.domain.queries import IdentifierQuery
from loyalty_identity.domain.requests import ParsedIdentifier, ParsedProfile
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import CustomerRepository
from tests.contract.stores import sql_units
from tests.fakes import InMemoryCustomers

ORG = "acme"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
INSTORE, TMALL, WECHAT = Scope(Source.INSTORE, ""), Scope(Source.TMALL, ""), Scope(Source.WECHAT, "wx")
MOBILE = IdentifierValue(IdentifierType.MOBILE, "8613800138000")
EMAIL = IdentifierValue(IdentifierType.EMAIL, "ann@example.com")
OPENID = IdentifierValue(IdentifierType.WECHAT, "oAnn42")

Unit = Callable[[], AbstractContextManager[CustomerRepository]]


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def unit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Unit]:
    """A factory of units of work over one store; each yields its customer repository and commits at the end."""
    if request.param == "memory":
        memory = InMemoryCustomers()
        yield memory.unit
        return
    with sql_units(request.param, tmp_path, lambda repo: repo.customers) as units:
        yield units


def parsed(ident: IdentifierValue, path: str = "add[0]") -> ParsedIdentifier:
    return ParsedIdentifier(ident, "", "", path)


def new_customer(unit: Unit, scope: Scope, *idents: IdentifierValue) -> CustomerAggregate:
    with unit() as customers:
        profile = ParsedProfile(scope, [parsed(i) for i in idents], "profiles[0]")
        customer, [created] = CustomerAggregate.create([profile], NOW)
        assert isinstance(created, CustomerCreated)
        customers.add(ORG, customer, created, NOW)
    return customer


def read(unit: Unit, customer: CustomerAggregate) -> Any:
    with unit() as customers:
        found = customers.get(ORG, customer.id)
        assert found is not None
        return found


def test_a_customer_reads_back_whole(unit: Unit) -> None:
    ann = new_customer(unit, INSTORE, MOBILE, EMAIL)
    again = read(unit, ann)
    assert again.to_read_model() == ann.to_read_model()
    with unit() as customers:
        assert customers.get("other-org", ann.id) is None
        assert customers.find(ORG, ann.id) == ann.to_read_model()
        assert customers.find_by_identifier(ORG, INSTORE, MOBILE) == ann.to_read_model()
        assert customers.find_by_identifier(ORG, TMALL, MOBILE) is None


def test_find_many_answers_each_query_by_its_index(unit: Unit) -> None:
    ann = new_customer(unit, INSTORE, MOBILE, EMAIL)
    bob = new_customer(unit, WECHAT, OPENID)
    queries = [
        IdentifierQuery(EMAIL),  # any scope
        IdentifierQuery(MOBILE, TMALL),  # held, not in this scope
        IdentifierQuery(OPENID, WECHAT),
        IdentifierQuery(IdentifierValue(IdentifierType.EXTERNAL_ID, "nobody")),
        IdentifierQuery(MOBILE, INSTORE),
        IdentifierQuery(IdentifierValue(IdentifierType.CARD_NUMBER, "GD0001")),  # no such card
    ]
    with unit() as customers:
        found = customers.find_many(ORG, queries)
        assert found == {0: ann.to_read_model(), 2: bob.to_read_model(), 4: ann.to_read_model()}
        assert customers.find_many("other-org", queries) == {}


def test_identifiers_added_and_removed_are_stored_and_held(unit: Unit) -> None:
    ann = new_customer(unit, INSTORE, MOBILE, EMAIL)
    later = NOW + timedelta(minutes=1)
    with unit() as customers:
        customer, holders = customers.get_for_update(ORG, ann.id, [(TMALL, OPENID)])
        assert customer is not None and holders.in_scope == {} and holders.anywhere == {}
        removed = customer.remove_identifiers(INSTORE, [parsed(EMAIL, "remove[0]")])
        added = customer.add_identifiers(TMALL, [parsed(OPENID)], later)
        customers.save(ORG, [IdentifiersChanged(customer.name, added, removed)], later)
        customers.touch(customer, later)
        expected = customer.to_read_model()
    assert read(unit, ann).to_read_model() == expected
    with unit() as customers:
        facts = customers.holders(ORG, [(TMALL, OPENID), (INSTORE, EMAIL), (WECHAT, MOBILE)])
        assert facts.in_scope == {(TMALL, OPENID): ann.id}
        assert facts.anywhere == {OPENID: ann.id, MOBILE: ann.id}


def test_a_merge_moves_everything_and_repoints_earlier_victims(unit: Unit) -> None:
    ann = new_customer(unit, INSTORE, MOBILE)
    wx = new_customer(unit, WECHAT, OPENID)
    earlier = new_customer(unit, TMALL, EMAIL)
    with unit() as customers:
        found = customers.get_many(ORG, [earlier.id, wx.id], lock=True)
        merge, event = found[earlier.id].merge_into(found[wx.id], now=NOW, blocked=False, series={})
        customers.save(ORG, [event], NOW)
    with unit() as customers:
        found = customers.get_many(ORG, [wx.id, ann.id], lock=True)
        merge, event = found[wx.id].merge_into(found[ann.id], now=NOW, blocked=False, series={})
        customers.save(ORG, [event], NOW)
        expected = found[ann.id].to_read_model()
    assert merge.repointed_customers == [earlier.name]
    survivor = read(unit, ann)
    assert survivor.to_read_model() == expected
    assert survivor.victims == {wx.id, earlier.id}
    for victim in (wx, earlier):
        merged = read(unit, victim)
        assert (merged.state, merged.survivor, merged.profiles) == (CustomerState.MERGED, ann.id, {})
        with unit() as customers:
            assert customers.find(ORG, victim.id) == expected  # one hop, no chains
    with unit() as customers:
        assert customers.holders(ORG, [(TMALL, EMAIL)]).anywhere == {EMAIL: ann.id}


def test_an_unmerge_gives_back_what_was_brought(unit: Unit) -> None:
    ann = new_customer(unit, INSTORE, MOBILE)
    wx = new_customer(unit, WECHAT, OPENID)
    with unit() as customers:
        found = customers.get_many(ORG, [wx.id, ann.id], lock=True)
        added = [ScopedIdentifier(WECHAT, MOBILE)]
        merge, merged = found[wx.id].merge_into(
            found[ann.id], now=NOW, blocked=False, series={}, trigger_scope=WECHAT, trigger=MOBILE, added=added
        )
        changes = [merged]
        changes.append(IdentifiersChanged(ann.name, found[ann.id].add_identifiers(WECHAT, [parsed(MOBILE)], NOW)))
        customers.save(ORG, changes, NOW)
    with unit() as customers:
        found = customers.get_many(ORG, [wx.id, ann.id], lock=True)
        unmerged = found[ann.id].unmerge(found[wx.id], merge, value_owners={}, card_owners={}, now=NOW)
        customers.save(ORG, [unmerged], NOW)
        expected = {i: c.to_read_model() for i, c in found.items()}
    for customer in (ann, wx):
        assert read(unit, customer).to_read_model() == expected[customer.id]
    with unit() as customers:
        facts = customers.holders(ORG, [(WECHAT, OPENID), (WECHAT, MOBILE)])
        assert facts.in_scope == {(WECHAT, OPENID): wx.id}
        assert facts.anywhere == {OPENID: wx.id, MOBILE: ann.id}


def test_an_erasure_leaves_the_customer_and_its_victims_nothing(unit: Unit) -> None:
    ann = new_customer(unit, INSTORE, MOBILE)
    wx = new_customer(unit, WECHAT, OPENID)
    with unit() as customers:
        found = customers.get_many(ORG, [wx.id, ann.id], lock=True)
        _, event = found[wx.id].merge_into(found[ann.id], now=NOW, blocked=False, series={})
        customers.save(ORG, [event], NOW)
    later = NOW + timedelta(minutes=1)
    with unit() as customers:
        customer = customers.get(ORG, ann.id, lock=True)
        assert customer is not None
        values, erased = customer.erase(later)
        assert sorted(values, key=str) == sorted([MOBILE, OPENID], key=str)
        assert erased is not None and erased.erased_customers == [wx.name]
        side = customers.erased_side(customer)
        assert set(side) == {ann.name, wx.name} and side[ann.name] == customers.pk(customer)
        customers.erase(customer, later)
        expected = customer.to_read_model()
    again = read(unit, ann)
    assert again.to_read_model() == expected
    assert (expected.state, expected.profiles, expected.erase_time) == (CustomerState.ERASED, [], later)
    assert read(unit, wx).survivor == ann.id
    with unit() as customers:
        assert customers.find(ORG, wx.id) == expected  # a victim's name reads the erased customer
        assert customers.find_by_identifier(ORG, INSTORE, MOBILE) is None
        facts = customers.holders(ORG, [(INSTORE, MOBILE), (WECHAT, OPENID)])
        assert (facts.in_scope, facts.anywhere) == ({}, {})
