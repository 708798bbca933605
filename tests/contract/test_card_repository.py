"""One contract for every CardRepository: in memory (the fast tier), SQLite and PostgreSQL.

What a unit of work stores is what the next one reads: series (with their next sequential
value and the keys they are listed by), the org's status labels, cards in stock and linked,
and each card's log. The reads that bring what a change needs (find_card, take_stock) bring
the status the request's label stands for too. Owners are real customers: made through the
repository's `customers`, as the customer contract makes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import pytest

from loyalty_identity.domain.card_series import CardSeriesAggregate
from loyalty_identity.domain.cards import CardNumberMethod, CardType, StoredCard, parse_format, parse_series
from loyalty_identity.domain.customer import CustomerAggregate
from loyalty_identity.domain.events import CardChanged, CustomerCreated
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import CardStatus, CardStatusChange, StatusLabel
from loyalty_identity.domain.names import new_id
from loyalty_identity.domain.requests import ParsedIdentifier, ParsedProfile
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import CardRepository, CustomerRepository, FoundCard, Stock
from tests.contract.stores import sql_units
from tests.fakes import InMemoryCards

ORG, OTHER_ORG = "acme", "other-org"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)  # list_cards reads expiry against the real clock: far from it
FAR_AHEAD = datetime(2100, 1, 1, tzinfo=UTC)
NOT_ISSUED, ISSUED, ACTIVE, SUSPENDED, EXPIRED, DELETED = CardStatus
IN_STOCK = CardStatus.NOT_ISSUED.name  # a status's own label


class CardStore(CardRepository, Protocol):
    """The card port with the customers its cards are linked to."""

    @property
    def customers(self) -> CustomerRepository: ...


Unit = Callable[[], AbstractContextManager[CardStore]]


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def unit(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Unit]:
    """A factory of units of work over one store; each yields the repository and commits at the end."""
    if request.param == "memory":
        yield InMemoryCards().unit
        return
    with sql_units(request.param, tmp_path, lambda repo: repo) as units:
        yield units


def new_series(code: str, prefix: str = "GD", limit: int = 0, expiry_days: int = 0) -> CardSeriesAggregate:
    fmt = parse_format(prefix, "", 6, CardNumberMethod.SEQUENTIAL, False)
    return CardSeriesAggregate.create(new_id(), parse_series(code, code, CardType.PHYSICAL, fmt, limit, expiry_days))


def new_customer(store: CardStore, mobile: str) -> CustomerAggregate:
    ident = IdentifierValue(IdentifierType.MOBILE, mobile)
    profile = ParsedProfile(Scope(Source.INSTORE, ""), [ParsedIdentifier(ident, "", "", "add[0]")], "profiles[0]")
    customer, [created] = CustomerAggregate.create([profile], NOW)
    assert isinstance(created, CustomerCreated)
    store.customers.add(ORG, customer, created, NOW)
    return customer


def customer_key(store: CardStore, customer: CustomerAggregate) -> int:
    found = store.customers.get(ORG, customer.id)
    assert found is not None
    return store.customers.pk(found)


def stocked(unit: Unit, series: CardSeriesAggregate, numbers: list[str], org: str = ORG) -> list[StoredCard]:
    """A new series with numbers in stock."""
    with unit() as store:
        store.insert_series(org, series, NOW)
        return store.insert_cards(org, series, numbers, IN_STOCK, NOW)


def change(unit: Unit, number: str, how: Callable[[StoredCard], CardChanged], at: datetime = NOW) -> StoredCard:
    """One change of a card, by one of its methods, written in a unit of its own."""
    with unit() as store:
        found = store.find_card(ORG, number, lock=True)
        assert found is not None
        store.write_card(ORG, found.card, how(found.card), at)
        return found.card


def issue(
    owner: CustomerAggregate, expires: datetime | None = None, at: datetime = NOW
) -> Callable[[StoredCard], CardChanged]:
    return lambda card: card.issue(owner.name, ACTIVE.name, ACTIVE, expires, at)


def log(store: CardStore, number: str, org: str = ORG) -> list[CardStatusChange]:
    return [entry for _, entry in store.list_card_changes(org, number, None, 100)]


# Series and labels ------------------------------------------------------------------


def test_a_series_reads_back_whole_in_its_org(unit: Unit) -> None:
    gold = replace(new_series("GOLD", limit=2, expiry_days=30), next_value=7)
    with unit() as store:
        assert not store.series_code_taken(ORG, "GOLD")
        store.insert_series(ORG, gold, NOW)
    with unit() as store:
        assert store.find_series(ORG, gold.id) == gold
        assert store.find_series(ORG, gold.id, lock=True) == gold
        assert store.find_series(OTHER_ORG, gold.id) is None
        assert store.find_series(ORG, new_id()) is None
        assert store.series_code_taken(ORG, "GOLD")
        assert not store.series_code_taken(OTHER_ORG, "GOLD") and not store.series_code_taken(ORG, "SILVER")


def test_series_are_listed_in_the_order_made_with_their_keys(unit: Unit) -> None:
    made = [new_series(code) for code in ("C", "A", "B")]
    with unit() as store:
        store.insert_series(ORG, made[0], NOW)
        store.insert_series(OTHER_ORG, new_series("A"), NOW)
        for series in made[1:]:
            store.insert_series(ORG, series, NOW)
    with unit() as store:
        listed = store.list_series(ORG, None, 10)
        assert [series for _, series in listed] == [series.series for series in made]
        keys = [key for key, _ in listed]
        assert keys == sorted(set(keys))
        first = store.list_series(ORG, None, 2)
        assert first + store.list_series(ORG, first[-1][0], 10) == listed
        assert store.list_series(ORG, keys[-1], 10) == []
        assert [series.code for _, series in store.list_series(OTHER_ORG, None, 10)] == ["A"]


def test_the_next_value_is_written_only_when_the_series_advanced(unit: Unit) -> None:
    gold = new_series("GOLD")
    stocked(unit, gold, ["GD0001"])  # made by hand: generation skips it
    with unit() as store:
        series = store.find_series(ORG, gold.id, lock=True)
        assert series is not None
        series.next_value = 40  # not by its methods: not advanced, not written
        store.save_series(series)
    with unit() as store:
        series = store.find_series(ORG, gold.id, lock=True)
        assert series is not None and series.next_value == 0
        numbers = series.new_numbers(
            3,
            lambda first, last: store.numbers_between(ORG, first, last),
            lambda candidates: store.existing_numbers(ORG, candidates),
        )
        store.save_series(series)
        assert not series.advanced
    assert numbers == ["GD0000", "GD0002", "GD0003"]
    with unit() as store:
        assert store.find_series(ORG, gold.id) == replace(gold, next_value=4)


def test_labels_are_the_orgs_own(unit: Unit) -> None:
    with unit() as store:
        store.insert_label(ORG, "Welcome", ISSUED)
        store.insert_label(ORG, "Lost", SUSPENDED)
        store.insert_label(OTHER_ORG, "Frozen", SUSPENDED)
    with unit() as store:
        assert store.find_label(ORG, "Welcome") is ISSUED
        assert store.find_label(ORG, "welcome") is None
        assert store.find_label(ORG, "Frozen") is None
        assert store.find_label(ORG, ACTIVE.name) is None  # a status's own label is no row
        listed = sorted(store.list_labels(ORG), key=lambda item: item.label)
        assert listed == [StatusLabel("Lost", SUSPENDED), StatusLabel("Welcome", ISSUED)]
        assert store.list_labels("nobody") == []


# Cards --------------------------------------------------------------------------------


def test_created_cards_are_in_stock_with_a_first_log_entry(unit: Unit) -> None:
    gold = new_series("GOLD")
    made = stocked(unit, gold, ["GD0002", "GD0001"])
    assert made == [StoredCard(n, gold.id, NOT_ISSUED, IN_STOCK, "", NOW) for n in ("GD0002", "GD0001")]
    stocked(unit, new_series("GOLD"), ["GD0001"], org=OTHER_ORG)  # numbers are unique within an org
    with unit() as store:
        store.insert_label(ORG, "Boxed", NOT_ISSUED)
        series = store.find_series(ORG, gold.id)
        assert series is not None
        [boxed] = store.insert_cards(ORG, series, ["GD0009"], "Boxed", NOW)
    with unit() as store:
        for card in [*made, boxed]:
            assert store.find_card(ORG, card.number) == FoundCard(card, gold)
        assert store.find_card(ORG, "GD0404") is None
        assert store.existing_numbers(ORG, ["GD0001", "GD0003", "GD0002"]) == {"GD0001", "GD0002"}
        assert store.existing_numbers(OTHER_ORG, ["GD0002"]) == set()
        assert store.numbers_between(ORG, "GD0000", "GD0001") == {"GD0001"}  # both ends count
        assert store.numbers_between(ORG, "GD0002", "GD0008") == {"GD0002"}
        assert store.numbers_between(OTHER_ORG, "GD0000", "GD9999") == {"GD0001"}
        assert log(store, "GD0001") == [CardStatusChange("GD0001", None, NOT_ISSUED, IN_STOCK, "", "created", NOW)]
        assert log(store, "GD0009") == [CardStatusChange("GD0009", None, NOT_ISSUED, "Boxed", "", "created", NOW)]
        assert log(store, "GD0404") == []


def test_a_card_read_for_a_change_brings_what_the_label_stands_for(unit: Unit) -> None:
    gold = new_series("GOLD")
    [card] = stocked(unit, gold, ["GD0001"])
    with unit() as store:
        store.insert_label(ORG, "Welcome", ISSUED)
        store.insert_label(OTHER_ORG, "Frozen", SUSPENDED)
    with unit() as store:
        assert store.find_card(ORG, "GD0001", lock=True, label="Welcome") == FoundCard(card, gold, ISSUED)
        for label in ("", "Frozen", "Nope", ACTIVE.name):
            assert store.find_card(ORG, "GD0001", label=label) == FoundCard(card, gold, None)
        assert store.find_card(OTHER_ORG, "GD0001", label="Frozen") is None
        assert store.take_stock(ORG, gold.id, "Welcome") == Stock(gold, card, ISSUED)
        assert store.take_stock(ORG, gold.id, "Frozen") == Stock(gold, card, None)


def test_the_stock_is_the_oldest_card_not_issued(unit: Unit) -> None:
    gold, silver = new_series("GOLD"), new_series("SILVER", prefix="SV")
    five, one, _ = stocked(unit, gold, ["GD0005", "GD0001", "GD0003"])
    stocked(unit, silver, [])
    with unit() as store:
        ann = new_customer(store, "8613800138000")
        store.insert_label(ORG, "Welcome", ISSUED)
        assert store.take_stock(ORG, gold.id) == Stock(gold, five)  # made first, not the lowest number
        assert store.take_stock(ORG, silver.id, "Welcome") == Stock(silver, None, ISSUED)
        assert store.take_stock(ORG, new_id()) is None
        assert store.take_stock(OTHER_ORG, gold.id) is None
    change(unit, "GD0005", issue(ann))
    with unit() as store:
        assert store.take_stock(ORG, gold.id) == Stock(gold, one)


def test_a_written_card_reads_back_with_its_log(unit: Unit) -> None:
    gold = new_series("GOLD", expiry_days=30)
    stocked(unit, gold, ["GD0001", "GD0002"])
    with unit() as store:
        ann = new_customer(store, "8613800138000")
        store.insert_label(ORG, "Welcome", ISSUED)
    at = [NOW + timedelta(hours=h) for h in range(4)]
    issued = change(
        unit, "GD0001", lambda card: card.issue(ann.name, "Welcome", ISSUED, gold.expire_time(at[1]), at[1]), at[1]
    )
    change(unit, "GD0002", issue(ann, at=at[1]), at[1])  # another card's entries come between
    with unit() as store:
        assert store.find_card(ORG, "GD0001") == FoundCard(issued, gold)
        assert (issued.customer, issued.issue_time, issued.expire_time) == (ann.name, at[1], at[1] + timedelta(days=30))
    suspended = change(
        unit, "GD0001", lambda card: card.change_status(SUSPENDED.name, SUSPENDED, 30, "lost", at[2]), at[2]
    )
    unlinked = change(unit, "GD0001", lambda card: card.unlink(IN_STOCK, NOT_ISSUED), at[3])
    with unit() as store:
        assert store.find_card(ORG, "GD0001") == FoundCard(unlinked, gold)
        assert (unlinked.customer, unlinked.issue_time, unlinked.expire_time) == ("", None, None)
        assert suspended.expire_time == issued.expire_time
        assert log(store, "GD0001") == [
            CardStatusChange("GD0001", None, NOT_ISSUED, IN_STOCK, "", "created", NOW),
            CardStatusChange("GD0001", NOT_ISSUED, ISSUED, "Welcome", ann.name, "issued", at[1]),
            CardStatusChange("GD0001", ISSUED, SUSPENDED, SUSPENDED.name, ann.name, "lost", at[2]),
            CardStatusChange("GD0001", SUSPENDED, NOT_ISSUED, IN_STOCK, "", "unlinked", at[3]),
        ]
        entries = store.list_card_changes(ORG, "GD0001", None, 100)
        keys = [key for key, _ in entries]
        assert keys == sorted(set(keys))
        assert store.list_card_changes(ORG, "GD0001", None, 2) == entries[:2]
        assert store.list_card_changes(ORG, "GD0001", keys[1], 1) == entries[2:3]
        assert store.list_card_changes(ORG, "GD0001", keys[-1], 10) == []
        assert log(store, "GD0001", org=OTHER_ORG) == []
        assert [entry.reason for entry in log(store, "GD0002")] == ["created", "issued"]


def test_cards_are_listed_by_number_filtered_by_owner_and_series(unit: Unit) -> None:
    gold, silver = new_series("GOLD"), new_series("SILVER", prefix="SV")
    stocked(unit, gold, ["GD0003", "GD0001", "GD0002"])
    stocked(unit, silver, ["SV0002", "SV0001"])
    stocked(unit, new_series("GOLD"), ["GD0004"], org=OTHER_ORG)
    with unit() as store:
        ann, bob = new_customer(store, "8613800138000"), new_customer(store, "8613900139000")
    change(unit, "GD0003", issue(ann, FAR_AHEAD))
    expired = change(unit, "SV0002", issue(ann, LONG_AGO + timedelta(days=30), LONG_AGO))
    change(unit, "GD0001", issue(bob))
    with unit() as store:
        ann_key, bob_key = customer_key(store, ann), customer_key(store, bob)
        every = store.list_cards(ORG, None, None, None, 10)
        assert [card.number for card in every] == ["GD0001", "GD0002", "GD0003", "SV0001", "SV0002"]
        assert every[4] == replace(expired.read(NOW), status=EXPIRED, status_label=EXPIRED.name)  # read as it is now
        assert (every[2].status, every[2].customer, every[0].customer) == (ACTIVE, ann.name, bob.name)

        def numbers(
            customer_key: int | None, series_id: str | None, after: str | None = None, limit: int = 10
        ) -> list[str]:
            return [card.number for card in store.list_cards(ORG, customer_key, series_id, after, limit)]

        assert numbers(ann_key, None) == ["GD0003", "SV0002"]
        assert numbers(bob_key, None) == ["GD0001"]
        assert numbers(ann_key, silver.id) == ["SV0002"]
        assert numbers(bob_key, silver.id) == []
        assert numbers(None, gold.id) == ["GD0001", "GD0002", "GD0003"]
        assert numbers(None, None, "GD0002", 2) == ["GD0003", "SV0001"]
        assert numbers(None, None, "SV0002") == []
        assert [card.number for card in store.list_cards(OTHER_ORG, None, None, None, 10)] == ["GD0004"]


def test_an_unfinished_unit_leaves_nothing(unit: Unit) -> None:
    gold, silver = new_series("GOLD"), new_series("SILVER", prefix="SV")
    [card] = stocked(unit, gold, ["GD0001"])
    with pytest.raises(RuntimeError), unit() as store:
        ann = new_customer(store, "8613800138000")
        store.insert_series(ORG, silver, NOW)
        store.insert_label(ORG, "Lost", SUSPENDED)
        series = store.find_series(ORG, gold.id, lock=True)
        assert series is not None
        store.insert_cards(
            ORG, series, series.new_numbers(1, lambda first, last: set(), lambda numbers: set()), "", NOW
        )
        store.save_series(series)
        found = store.find_card(ORG, "GD0001", lock=True)
        assert found is not None
        store.write_card(ORG, found.card, issue(ann)(found.card), NOW)
        raise RuntimeError("rolled back")
    with unit() as store:
        assert store.customers.get(ORG, ann.id) is None
        assert store.find_series(ORG, silver.id) is None and not store.series_code_taken(ORG, "SILVER")
        assert store.find_label(ORG, "Lost") is None
        assert store.find_series(ORG, gold.id) == gold
        assert store.existing_numbers(ORG, ["GD0000"]) == set()
        assert store.find_card(ORG, "GD0001") == FoundCard(card, gold)
        assert [entry.reason for entry in log(store, "GD0001")] == ["created"]
