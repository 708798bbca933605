"""The card use cases (service/cards.py) over the in-memory repositories: no database, a fixed clock.

Each call runs in a unit of work of the fake store, as in a transaction: a refusal leaves
nothing behind. The tests look at what the use cases answer, refuse (DomainError.reason),
record in the feed (the store's events) and write to the cards' logs.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest

from loyalty_identity.domain.card_series import CardSeriesAggregate
from loyalty_identity.domain.cards import (
    CardNumberMethod,
    CardType,
    NumberFormat,
    SeriesSpec,
    parse_format,
    parse_series,
)
from loyalty_identity.domain.customer import CustomerAggregate
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.events import CardChanged, Change, CustomerCreated
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Card, CardSeries, CardStatus, StatusLabel
from loyalty_identity.domain.names import new_id
from loyalty_identity.domain.requests import ParsedIdentifier, ParsedProfile
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.cards import CardUseCases
from loyalty_identity.service.ports import Repository
from tests.fakes import InMemoryCards

ORG = "acme"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
NOT_ISSUED, ISSUED, ACTIVE, SUSPENDED, EXPIRED, DELETED = CardStatus
SEQUENTIAL, RANDOM = CardNumberMethod.SEQUENTIAL, CardNumberMethod.RANDOM
CARDS = CardUseCases()
T = TypeVar("T")


class Store(InMemoryCards):
    """The Repository the card use cases are given: customers, cards and the feed, in memory."""

    def __init__(self, clock: Callable[[], datetime] = lambda: NOW) -> None:
        super().__init__(clock=clock)
        self.events: list[Change] = []  # the feed, as committed
        self._recorded: list[Change] = []

    @contextmanager
    def unit(self) -> Iterator[Store]:
        self._recorded = []
        with super().unit():
            yield self
        self.events += self._recorded

    def record_event(self, org: str, change: Change, now: datetime) -> None:
        assert org == ORG
        self._recorded.append(change)

    def run(self, work: Callable[[Repository], T]) -> T:
        """work in a unit of work of its own."""
        with self.unit() as repo:
            return work(repo)  # Store has the part of Repository the card use cases use

    def refusal(self, work: Callable[[Repository], object]) -> DomainError:
        """The refusal of work, which leaves nothing behind."""
        before = (self.events[:], copy.deepcopy(self._committed))
        with pytest.raises(DomainError) as caught:
            self.run(work)
        assert (self.events, self._committed) == before
        return caught.value

    # Reads, each in a unit of its own.

    def card(self, number: str) -> Card:
        found = self.run(lambda repo: repo.find_card(ORG, number))
        assert found is not None
        return found.card.read(NOW)

    def series(self, series_id: str) -> CardSeriesAggregate:
        found = self.run(lambda repo: repo.find_series(ORG, series_id))
        assert found is not None
        return found

    def log(self, number: str) -> list[tuple[CardStatus | None, CardStatus, str, str, str]]:
        """(from, to, label, owner, reason) of each entry of the card's log."""
        entries = self.run(lambda repo: repo.list_card_changes(ORG, number, None, 100))
        return [(e.from_status, e.to_status, e.status_label, e.customer, e.reason) for _, e in entries]

    def reload(self, customer: CustomerAggregate) -> CustomerAggregate:
        found = self.run(lambda repo: repo.customers.get(ORG, customer.id))
        assert found is not None
        return found

    def held(self, customer: CustomerAggregate) -> dict[str, Card]:
        """The cards the customer's aggregate holds, as stored."""
        return self.reload(customer).cards

    # What the tests start from.

    def new_series(self, code: str = "GOLD", prefix: str = "GD", **rules: int) -> CardSeries:
        return self.run(create_series(series_spec(code, prefix, **rules)))

    def customer(self, *mobiles: str) -> CustomerAggregate:
        """A customer with a mobile number in store for each of mobiles (none: a customer with nothing yet)."""
        idents = [ParsedIdentifier(IdentifierValue(IdentifierType.MOBILE, m), "", "", "add[0]") for m in mobiles]
        profiles = [ParsedProfile(Scope(Source.INSTORE, ""), idents, "profiles[0]")] if idents else []
        customer, [created] = CustomerAggregate.create(profiles, NOW)
        assert isinstance(created, CustomerCreated)
        self.run(lambda repo: repo.customers.add(ORG, customer, created, NOW))
        return customer


# Each use case as the work of a unit (Store.run, Store.refusal), as the Application runs it.


def create_series(spec: SeriesSpec, org: str = ORG) -> Callable[[Repository], CardSeries]:
    return lambda repo: CARDS.create_series(repo, org, spec, NOW)


def create_label(label: str, status: CardStatus, org: str = ORG) -> Callable[[Repository], StatusLabel]:
    return lambda repo: CARDS.create_label(repo, org, label, status)


def create_cards(series_id: str, *numbers: str, label: str = "") -> Callable[[Repository], list[Card]]:
    return lambda repo: [CARDS.create_card(repo, ORG, series_id, number, label, NOW) for number in numbers]


def generate(series_id: str, count: int, label: str = "") -> Callable[[Repository], list[str]]:
    return lambda repo: CARDS.generate_cards(repo, ORG, series_id, count, label, NOW)


def issue(
    customer: CustomerAggregate, series_id: str = "", number: str = "", label: str = "", at: datetime = NOW
) -> Callable[[Repository], Card]:
    """IssueCard to the customer, loaded and locked as the Application loads it."""

    def work(repo: Repository) -> Card:
        holder = repo.customers.get(ORG, customer.id, lock=True)
        assert holder is not None
        return CARDS.issue_card(repo, ORG, holder, series_id, number, label, at)

    return work


def unlink(number: str, label: str = "", at: datetime = NOW) -> Callable[[Repository], Card]:
    return lambda repo: CARDS.unlink(repo, ORG, number, label, at)


def update(number: str, label: str, reason: str = "", at: datetime = NOW) -> Callable[[Repository], Card]:
    return lambda repo: CARDS.update_status(repo, ORG, number, label, reason, at)


def series_spec(
    code: str, prefix: str, length: int = 6, method: int = SEQUENTIAL, limit: int = 0, expiry_days: int = 0
) -> SeriesSpec:
    fmt = parse_format(prefix, "", length, method, False)
    return parse_series(code, f"{code} cards", CardType.PHYSICAL, fmt, limit, expiry_days)


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def ann(store: Store) -> CustomerAggregate:
    return store.customer("8613800138000")


@pytest.fixture
def bob(store: Store) -> CustomerAggregate:
    return store.customer("8613900139000")


def changed(card: Card, before: CardStatus, previous_customer: str, reason: str) -> CardChanged:
    """The feed's event of a change that left card as it is."""
    return CardChanged(
        card.number, card.series_id, card.status, card.status_label, card.customer, previous_customer, before, reason
    )


# Series and labels -------------------------------------------------------------------


def test_a_series_is_created_once_per_code(store: Store) -> None:
    spec = series_spec("GOLD", "GD", limit=2, expiry_days=30)
    gold = store.run(create_series(spec))
    assert (gold.code, gold.prefix, gold.max_active_cards_per_customer, gold.expiry_days) == ("GOLD", "GD", 2, 30)
    assert store.series(gold.id) == CardSeriesAggregate(gold)
    taken = store.refusal(create_series(spec))
    assert taken.reason is Reason.CARD_SERIES_CODE_TAKEN
    elsewhere = store.run(create_series(spec, org="other-org"))
    assert elsewhere.code == "GOLD" and elsewhere.id != gold.id
    assert store.events == []


def test_a_label_is_created_once_and_never_with_a_status_name(store: Store) -> None:
    assert store.run(create_label("Welcome", ISSUED)) == StatusLabel("Welcome", ISSUED)
    for name in ("Welcome", "ACTIVE", "NOT_ISSUED"):
        refused = store.refusal(create_label(name, SUSPENDED))
        assert refused.reason is Reason.STATUS_LABEL_TAKEN
    assert store.run(create_label("Welcome", SUSPENDED, org="other-org"))


def test_every_status_has_its_own_label_listed_with_the_orgs(store: Store) -> None:
    for label, status in (("Welcome", ISSUED), ("Lost", SUSPENDED), ("Blocked", SUSPENDED)):
        store.run(create_label(label, status))
    listed = store.run(lambda repo: CARDS.list_labels(repo, ORG))
    assert [(item.status, item.label) for item in listed] == [
        (NOT_ISSUED, "NOT_ISSUED"),
        (ISSUED, "ISSUED"),
        (ISSUED, "Welcome"),
        (ACTIVE, "ACTIVE"),
        (SUSPENDED, "Blocked"),
        (SUSPENDED, "Lost"),
        (SUSPENDED, "SUSPENDED"),
        (EXPIRED, "EXPIRED"),
        (DELETED, "DELETED"),
    ]


# CreateCard and GenerateCards ----------------------------------------------------------


def test_a_card_made_by_hand_goes_to_stock(store: Store) -> None:
    gold = store.new_series()
    store.run(create_label("Boxed", NOT_ISSUED))
    [plain] = store.run(create_cards(gold.id, "GD0042"))
    [boxed] = store.run(create_cards(gold.id, "GD0043", label=" Boxed "))
    assert plain == Card("GD0042", gold.id, NOT_ISSUED, "NOT_ISSUED", "", NOW)
    assert (boxed.status, boxed.status_label) == (NOT_ISSUED, "Boxed")
    assert store.card("GD0042") == plain
    assert store.log("GD0043") == [(None, NOT_ISSUED, "Boxed", "", "created")]
    assert store.events == []  # stock is not in the feed


@pytest.mark.parametrize(
    ("series_id", "number", "label", "reason"),
    [
        ("", "GD0001", "", Reason.INVALID_ARGUMENT),
        ("GOLD", "GD0001", "", Reason.INVALID_ARGUMENT),  # a code is no id
        (new_id(), "GD0001", "", Reason.CARD_SERIES_NOT_FOUND),
        ("gold", "SV0001", "", Reason.CARD_NUMBER_FORMAT),
        ("gold", "GD001", "", Reason.CARD_NUMBER_FORMAT),
        ("gold", "GD0001", "Nope", Reason.STATUS_LABEL_NOT_FOUND),
        ("gold", "GD0001", "Welcome", Reason.INVALID_STATUS_TRANSITION),  # stands for ISSUED
        ("gold", "GD0001", "ACTIVE", Reason.INVALID_STATUS_TRANSITION),
        ("gold", "GD0007", "", Reason.CARD_NUMBER_TAKEN),
    ],
)
def test_create_card_refuses(store: Store, series_id: str, number: str, label: str, reason: Reason) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0007"))
    store.run(create_label("Welcome", ISSUED))
    series_id = gold.id if series_id == "gold" else series_id
    refused = store.refusal(create_cards(series_id, number, label=label))
    assert refused.reason is reason


def test_sequential_numbers_skip_those_made_by_hand(store: Store) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001", "GD0003"))
    assert store.run(generate(gold.id, 3)) == ["GD0000", "GD0002", "GD0004"]
    assert store.run(generate(gold.id, 2, label="NOT_ISSUED")) == ["GD0005", "GD0006"]
    assert store.series(gold.id).next_value == 7
    assert store.card("GD0006") == Card("GD0006", gold.id, NOT_ISSUED, "NOT_ISSUED", "", NOW)
    assert store.log("GD0004") == [(None, NOT_ISSUED, "NOT_ISSUED", "", "created")]
    assert store.events == []


def test_a_series_out_of_numbers_refuses_more(store: Store) -> None:
    tiny = store.new_series("TINY", prefix="TINY", length=5)  # ten numbers: TINY0 to TINY9
    store.run(create_cards(tiny.id, "TINY9"))
    assert store.run(generate(tiny.id, 9)) == [f"TINY{d}" for d in range(9)]
    assert store.refusal(generate(tiny.id, 1)).reason is Reason.SERIES_EXHAUSTED
    assert store.series(tiny.id).next_value == 9


def test_random_numbers_skip_those_taken(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    lucky = store.new_series("LUCKY", prefix="L", length=5, method=RANDOM)
    store.run(create_cards(lucky.id, "L0007"))
    drawn = iter([7, 7, 3, 7, 42])  # the first round draws 3 numbers for 2 wanted, the second 2 for 1

    def draw(fmt: NumberFormat) -> str:
        return fmt.render(next(drawn))

    monkeypatch.setattr(NumberFormat, "random_number", draw)
    assert store.run(generate(lucky.id, 2)) == ["L0003", "L0042"]
    assert store.series(lucky.id).next_value == 0  # random series keep no counter
    assert store.card("L0042").status is NOT_ISSUED


def test_random_numbers_run_out_when_every_one_is_taken(store: Store) -> None:
    tiny = store.new_series("TINY", prefix="TINY", length=5, method=RANDOM)
    store.run(create_cards(tiny.id, *(f"TINY{d}" for d in range(10))))
    refused = store.refusal(generate(tiny.id, 1))
    assert refused.reason is Reason.SERIES_EXHAUSTED


# IssueCard -----------------------------------------------------------------------------


def test_a_card_is_issued_from_stock_oldest_first(store: Store, ann: CustomerAggregate, bob: CustomerAggregate) -> None:
    gold = store.new_series(expiry_days=365)
    store.run(create_cards(gold.id, "GD0002", "GD0001"))
    card = store.run(issue(ann, series_id=gold.id))
    assert card == Card("GD0002", gold.id, ACTIVE, "ACTIVE", ann.name, NOW, NOW, NOW + 365 * DAY)
    assert store.card("GD0002") == card and store.held(ann) == {"GD0002": card}
    assert store.events == [changed(card, NOT_ISSUED, "", "issued")]
    assert store.log("GD0002") == [
        (None, NOT_ISSUED, "NOT_ISSUED", "", "created"),
        (NOT_ISSUED, ACTIVE, "ACTIVE", ann.name, "issued"),
    ]
    assert store.run(issue(bob, series_id=gold.id)).number == "GD0001"


def test_a_card_is_issued_by_its_number(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001", "GD0002"))
    assert store.run(issue(ann, number="GD0002")).customer == ann.name
    card = store.run(issue(ann, series_id=gold.id, number="GD0001"))
    assert (card.number, card.customer, card.expire_time) == ("GD0001", ann.name, None)  # the series never expires
    assert sorted(store.held(ann)) == ["GD0001", "GD0002"]


def test_an_empty_stock_is_refilled_with_a_new_number(
    store: Store, ann: CustomerAggregate, bob: CustomerAggregate
) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0000"))
    store.run(issue(bob, number="GD0000"))
    card = store.run(issue(ann, series_id=gold.id))
    assert (card.number, card.status, card.customer) == ("GD0001", ACTIVE, ann.name)  # GD0000 was made by hand
    assert store.series(gold.id).next_value == 2
    assert store.log("GD0001") == [
        (None, NOT_ISSUED, "NOT_ISSUED", "", "created"),
        (NOT_ISSUED, ACTIVE, "ACTIVE", ann.name, "issued"),
    ]
    assert store.events[-1] == changed(card, NOT_ISSUED, "", "issued")


def test_issuing_with_a_label(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001", "GD0002", "GD0003"))
    store.run(create_label("Welcome", ISSUED))
    from_stock = store.run(issue(ann, series_id=gold.id, label=" Welcome "))
    assert (from_stock.number, from_stock.status, from_stock.status_label) == ("GD0001", ISSUED, "Welcome")
    by_number = store.run(issue(ann, number="GD0002", label="Welcome"))
    assert (by_number.status, by_number.status_label) == (ISSUED, "Welcome")
    own = store.run(issue(ann, number="GD0003", label="ISSUED"))
    assert (own.status, own.status_label) == (ISSUED, "ISSUED")
    assert store.log("GD0001")[-1] == (NOT_ISSUED, ISSUED, "Welcome", ann.name, "issued")


@pytest.mark.parametrize(
    ("series_id", "number", "label", "reason"),
    [
        ("", "", "", Reason.INVALID_ARGUMENT),
        (new_id(), "", "", Reason.CARD_SERIES_NOT_FOUND),
        ("", "GD0404", "", Reason.CARD_NOT_FOUND),
        ("silver", "GD0001", "", Reason.CARD_SERIES_MISMATCH),
        (new_id(), "GD0001", "", Reason.CARD_SERIES_NOT_FOUND),  # the series asked for is looked up first
        ("", "GD0002", "", Reason.CARD_ALREADY_LINKED),
        ("gold", "", "Nope", Reason.STATUS_LABEL_NOT_FOUND),
        ("", "GD0001", "Nope", Reason.STATUS_LABEL_NOT_FOUND),
        ("", "GD0001", "Lost", Reason.INVALID_STATUS_TRANSITION),  # stands for SUSPENDED
        ("gold", "", "SUSPENDED", Reason.INVALID_STATUS_TRANSITION),
        ("", "GD0001", "NOT_ISSUED", Reason.INVALID_STATUS_TRANSITION),
    ],
)
def test_issue_refuses(
    store: Store,
    ann: CustomerAggregate,
    bob: CustomerAggregate,
    series_id: str,
    number: str,
    label: str,
    reason: Reason,
) -> None:
    gold, silver = store.new_series(), store.new_series("SILVER", prefix="SV")
    ids = {"gold": gold.id, "silver": silver.id}
    store.run(create_cards(gold.id, "GD0001", "GD0002"))
    store.run(issue(bob, number="GD0002"))
    store.run(create_label("Lost", SUSPENDED))
    series_id = ids.get(series_id, series_id)
    refused = store.refusal(issue(ann, series_id, number, label))
    assert refused.reason is reason
    assert store.card("GD0001").status is NOT_ISSUED


def test_a_linked_card_is_not_issued_again_even_to_its_owner(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001"))
    store.run(issue(ann, number="GD0001"))
    store.run(update("GD0001", "DELETED"))
    refused = store.refusal(issue(ann, number="GD0001"))
    assert (refused.reason, refused.metadata["customer"]) == (Reason.CARD_ALREADY_LINKED, ann.name)


def test_the_series_limit_counts_live_cards(store: Store, ann: CustomerAggregate, bob: CustomerAggregate) -> None:
    gold, silver = store.new_series(limit=1), store.new_series("SILVER", prefix="SV", limit=1)
    store.run(create_cards(gold.id, "GD0001", "GD0002", "GD0003"))
    store.run(create_cards(silver.id, "SV0001"))
    store.run(issue(ann, series_id=gold.id))
    issue_gold = issue(ann, gold.id)
    refused = store.refusal(issue_gold)
    assert (refused.reason, refused.metadata["limit"]) == (Reason.CARD_LIMIT_EXCEEDED, "1")
    store.run(update("GD0001", "SUSPENDED"))  # still live
    assert store.refusal(issue_gold).reason is Reason.CARD_LIMIT_EXCEEDED
    assert store.run(issue(ann, series_id=silver.id)).number == "SV0001"  # another series, another limit
    assert store.run(issue(bob, series_id=gold.id)).number == "GD0002"  # another customer
    store.run(update("GD0001", "DELETED"))
    assert store.run(issue(ann, series_id=gold.id)).number == "GD0003"


def test_a_card_past_its_expiry_no_longer_counts_against_the_limit() -> None:
    now = [NOW]
    store = Store(clock=lambda: now[0])  # customers are read against it, as the SQL store reads them
    gold = store.new_series(limit=1, expiry_days=30)
    store.run(create_cards(gold.id, "GD0001", "GD0002"))
    holder = store.customer("8613900000077")
    store.run(issue(holder, number="GD0001"))
    assert store.refusal(issue(holder, number="GD0002")).reason is Reason.CARD_LIMIT_EXCEEDED
    now[0] = later = NOW + 40 * DAY
    assert store.run(issue(holder, number="GD0002", at=later)).status is ACTIVE
    assert store.held(holder)["GD0001"].status is EXPIRED


# UnlinkCard ----------------------------------------------------------------------------


def test_an_unlinked_card_goes_back_to_stock(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series(expiry_days=30)
    store.run(create_cards(gold.id, "GD0001"))
    store.run(create_label("Returned", NOT_ISSUED))
    store.run(issue(ann, number="GD0001"))
    later = NOW + DAY
    card = store.run(unlink("GD0001", label="Returned", at=later))
    assert card == Card("GD0001", gold.id, NOT_ISSUED, "Returned", "", NOW)
    assert store.card("GD0001") == card and store.held(ann) == {}
    assert store.events[-1] == changed(card, ACTIVE, ann.name, "unlinked")
    assert store.log("GD0001")[-1] == (ACTIVE, NOT_ISSUED, "Returned", "", "unlinked")
    assert store.reload(ann).update_time == later
    assert store.run(issue(ann, series_id=gold.id)).number == "GD0001"  # in stock again


def test_an_expired_card_is_unlinked_after_its_expiry_is_written(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series(expiry_days=30)
    store.run(create_cards(gold.id, "GD0001"))
    store.run(issue(ann, number="GD0001"))
    store.run(unlink("GD0001", at=NOW + 31 * DAY))
    assert [entry[:2] for entry in store.log("GD0001")[-2:]] == [(ACTIVE, EXPIRED), (EXPIRED, NOT_ISSUED)]
    assert [(e.previous_status, e.status, e.reason) for e in store.events if isinstance(e, CardChanged)][-2:] == [
        (ACTIVE, EXPIRED, "expired"),
        (EXPIRED, NOT_ISSUED, "unlinked"),
    ]


def test_unlink_refuses(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001", "GD0002", "GD0003"))
    store.run(issue(ann, number="GD0002"))
    store.run(issue(ann, number="GD0003"))
    store.run(update("GD0003", "DELETED"))

    assert store.refusal(unlink("GD0404")).reason is Reason.CARD_NOT_FOUND
    assert store.refusal(unlink("GD0001")).reason is Reason.CARD_NOT_LINKED
    assert store.refusal(unlink("GD0003")).reason is Reason.INVALID_STATUS_TRANSITION  # DELETED is final
    assert store.refusal(unlink("GD0002", "ACTIVE")).reason is Reason.INVALID_STATUS_TRANSITION  # stock: NOT_ISSUED
    assert store.refusal(unlink("GD0002", "Nope")).reason is Reason.STATUS_LABEL_NOT_FOUND


def test_a_customer_keeps_its_last_card(store: Store) -> None:
    carded = store.customer()  # nothing but the card it will get
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001"))
    store.run(issue(carded, number="GD0001"))
    refused = store.refusal(unlink("GD0001"))
    assert (refused.reason, refused.metadata["customer"]) == (Reason.LAST_IDENTIFIER, carded.name)
    assert store.card("GD0001").customer == carded.name and list(store.held(carded)) == ["GD0001"]


# UpdateCardStatus -----------------------------------------------------------------------


def test_a_status_change_is_logged_with_its_reason(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series(expiry_days=30)
    store.run(create_cards(gold.id, "GD0001"))
    store.run(create_label("Lost", SUSPENDED))
    store.run(issue(ann, number="GD0001", label="ISSUED"))
    later = NOW + DAY
    lost = store.run(update("GD0001", " Lost ", "lost at the till", at=later))
    assert lost == Card("GD0001", gold.id, SUSPENDED, "Lost", ann.name, NOW, NOW, NOW + 30 * DAY)
    assert store.held(ann) == {"GD0001": lost}
    assert store.events[-1] == changed(lost, ISSUED, ann.name, "lost at the till")
    found = store.run(update("GD0001", "ACTIVE", at=later))
    assert (found.status, found.status_label) == (ACTIVE, "ACTIVE")
    assert store.log("GD0001")[-2:] == [
        (ISSUED, SUSPENDED, "Lost", ann.name, "lost at the till"),
        (SUSPENDED, ACTIVE, "ACTIVE", ann.name, "status changed"),
    ]


@pytest.mark.parametrize(
    ("number", "label", "why"),
    [
        ("GD0001", "ACTIVE", "only by being issued"),  # in stock
        ("GD0002", "NOT_ISSUED", "only by being unlinked"),
        ("GD0003", "ACTIVE", "never changes status"),  # DELETED
        ("GD0004", "DELETED", "cannot be deleted"),  # EXPIRED
    ],
)
def test_refused_transitions(store: Store, ann: CustomerAggregate, number: str, label: str, why: str) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001", "GD0002", "GD0003", "GD0004"))
    for linked, status in (("GD0002", "ACTIVE"), ("GD0003", "DELETED"), ("GD0004", "EXPIRED")):
        store.run(issue(ann, number=linked))
        store.run(update(linked, status))
    current = store.card(number).status
    refused = store.refusal(update(number, label))
    assert refused.reason is Reason.INVALID_STATUS_TRANSITION and why in refused.message
    assert (refused.metadata["from_status"], refused.metadata["to_status"]) == (current.name, label)


def test_update_status_refuses_an_unknown_card_or_label_or_none(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series()
    store.run(create_cards(gold.id, "GD0001"))
    store.run(issue(ann, number="GD0001"))
    assert store.refusal(update("GD0404", "")).reason is Reason.CARD_NOT_FOUND
    assert store.refusal(update("GD0001", "Nope")).reason is Reason.STATUS_LABEL_NOT_FOUND
    assert store.refusal(update("GD0001", " ")).reason is Reason.INVALID_ARGUMENT  # the label is required


def test_a_renewed_card_counts_against_the_limit_again(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series(limit=1)
    store.run(create_cards(gold.id, "GD0001", "GD0002"))
    store.run(issue(ann, number="GD0001"))
    store.run(update("GD0001", "EXPIRED"))  # no longer live: room for another
    store.run(issue(ann, number="GD0002"))
    for label in ("ACTIVE", "ISSUED", "SUSPENDED"):
        refused = store.refusal(update("GD0001", label))
        assert refused.reason is Reason.CARD_LIMIT_EXCEEDED
    store.run(update("GD0002", "SUSPENDED"))  # live to live is no renewal
    store.run(update("GD0002", "DELETED"))
    assert store.run(update("GD0001", "ACTIVE")).status is ACTIVE


def test_a_renewed_card_expires_afresh(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series(expiry_days=30)
    store.run(create_cards(gold.id, "GD0001"))
    store.run(issue(ann, number="GD0001"))
    assert store.run(update("GD0001", "EXPIRED", at=NOW + DAY)).expire_time == NOW + 30 * DAY
    assert store.run(update("GD0001", "SUSPENDED", at=NOW + 2 * DAY)).expire_time == NOW + 32 * DAY
    assert store.run(update("GD0001", "ACTIVE", at=NOW + 3 * DAY)).expire_time == NOW + 32 * DAY  # not renewed


def test_a_seen_expiry_is_written_before_the_change(store: Store, ann: CustomerAggregate) -> None:
    gold = store.new_series(expiry_days=30)
    store.run(create_cards(gold.id, "GD0001"))
    issued = store.run(issue(ann, number="GD0001"))
    later = NOW + 31 * DAY
    # Refused after the expiry is written: the refusal takes the expiry back too.
    refused = store.refusal(update("GD0001", "DELETED", at=later))
    assert refused.metadata["from_status"] == "EXPIRED"
    card = store.run(update("GD0001", "SUSPENDED", "found again", at=later))
    assert (card.status, card.expire_time) == (SUSPENDED, later + 30 * DAY)
    expired = Card("GD0001", gold.id, EXPIRED, "EXPIRED", ann.name, NOW, NOW, issued.expire_time)
    assert store.events[-2:] == [
        changed(expired, ACTIVE, ann.name, "expired"),
        changed(card, EXPIRED, ann.name, "found again"),
    ]
    assert store.log("GD0001")[-2:] == [
        (ACTIVE, EXPIRED, "EXPIRED", ann.name, "expired"),
        (EXPIRED, SUSPENDED, "SUSPENDED", ann.name, "found again"),
    ]
