"""Card use cases of RULES 2.6: series, labels, stock, issuing, unlinking, statuses.

Each reads what it needs (a card with its series and the request's label, in one statement),
leaves every decision to the domain — the card (`StoredCard`), its series
(`CardSeriesAggregate`) and its owner (`CustomerAggregate`: the live-card limit) — and writes
the changes they return. `link_card`, `unlink_card` and `give_card_back` are shared with
UpdateIdentifiers (CARD_NUMBER adds and removes), CreateCustomer and UnmergeCustomers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from loyalty_identity.domain import cards as rules
from loyalty_identity.domain.card_series import CardSeriesAggregate
from loyalty_identity.domain.cards import StoredCard
from loyalty_identity.domain.customer import CustomerAggregate
from loyalty_identity.domain.errors import DomainError, Reason, invalid, not_found, refused
from loyalty_identity.domain.events import CardChanged
from loyalty_identity.domain.model import Card, CardSeries, CardStatus, Customer, StatusLabel
from loyalty_identity.domain.names import is_uuid, new_id, parse_customer_name
from loyalty_identity.service.ports import FoundCard, Repository, TransientStoreError

STOCK = frozenset({CardStatus.NOT_ISSUED})


@dataclass(frozen=True)
class IssueResult:
    card: Card
    customer: Customer


def check_series_id(series_id: str, field_path: str) -> None:
    if not series_id:
        raise invalid(Reason.INVALID_ARGUMENT, field_path, "a card series id is required")
    if not is_uuid(series_id):
        raise invalid(Reason.INVALID_ARGUMENT, field_path, "a card series id is a lower-case UUID")


def series_not_found(series_id: str) -> DomainError:
    return not_found(
        Reason.CARD_SERIES_NOT_FOUND, "card_series", series_id, f"no card series {series_id}", series_id=series_id
    )


def find_series(repo: Repository, org: str, series_id: str, field_path: str, lock: bool = False) -> CardSeriesAggregate:
    check_series_id(series_id, field_path)
    series = repo.find_series(org, series_id, lock)
    if series is None:
        raise series_not_found(series_id)
    return series


def find_card(repo: Repository, org: str, number: str, lock: bool = False, label: str = "") -> FoundCard:
    """label: as the request gives it; what it stands for comes with the card (FoundCard.label_status)."""
    found = repo.find_card(org, number, lock, label.strip())
    if found is None:
        raise not_found(Reason.CARD_NOT_FOUND, "card", number, f"no card has number {number}", number=number)
    return found


def resolve_label(
    raw: str, custom: CardStatus | None, default: CardStatus, allowed: frozenset[CardStatus], field_path: str
) -> tuple[str, CardStatus]:
    """The request's label (raw, "" for none) and the status it stands for; custom: the org's label of its name."""
    label = rules.parse_label(raw, field_path) if raw else None
    return rules.resolve_label(label, custom, default, allowed, field_path)


def look_up_label(
    repo: Repository, org: str, raw: str, default: CardStatus, allowed: frozenset[CardStatus], field_path: str
) -> tuple[str, CardStatus]:
    """resolve_label, looking the org's label up by a statement of its own (no card read brought it)."""
    label = rules.parse_label(raw, field_path) if raw else None
    custom = None if label is None or rules.is_reserved_label(label) else repo.find_label(org, label)
    return rules.resolve_label(label, custom, default, allowed, field_path)


def record(repo: Repository, org: str, card: StoredCard, change: CardChanged, now: datetime) -> None:
    """A change of a card: written with its log entry, and recorded in the feed."""
    repo.write_card(org, card, change, now)
    repo.record_event(org, change, now)


def expire_if_due(repo: Repository, org: str, card: StoredCard, now: datetime) -> None:
    """Write down an expiry that so far was only seen, before the card changes further."""
    change = card.expire_if_due(now)
    if change is not None:
        record(repo, org, card, change, now)


def link_card(
    repo: Repository,
    org: str,
    customer: CustomerAggregate,
    found: FoundCard,
    series_id: str,
    label: str,
    field_prefix: str,
    now: datetime,
) -> Card:
    """Issue a stock card to a customer (IssueCard, or a CARD_NUMBER add at field_prefix); it holds it after."""
    card = found.card
    if series_id and series_id != card.series_id:
        find_series(repo, org, series_id, f"{field_prefix}series_id")
        raise invalid(
            Reason.CARD_SERIES_MISMATCH,
            f"{field_prefix}series_id",
            f"card {card.number} belongs to series {card.series_id}",
            number=card.number,
            series_id=card.series_id,
        )
    card.check_issuable()
    label, status = resolve_label(
        label, found.label_status, CardStatus.ACTIVE, rules.ISSUE_STATUSES, f"{field_prefix}status_label"
    )
    change = customer.issue_card(card, found.series.limit, label, status, found.series.expire_time(now), now)
    record(repo, org, card, change, now)
    return card.read(now)


def unlink_card(
    repo: Repository,
    org: str,
    customer: CustomerAggregate,
    found: FoundCard,
    label: str,
    field_prefix: str,
    now: datetime,
) -> Card:
    """Take one of customer's cards back to stock (UnlinkCard, or a CARD_NUMBER remove at field_prefix)."""
    card = found.card
    expire_if_due(repo, org, card, now)
    card.check_unlinkable()
    label, status = resolve_label(
        label, found.label_status, CardStatus.NOT_ISSUED, STOCK, f"{field_prefix}status_label"
    )
    record(repo, org, card, customer.unlink_card(card, label, status, now), now)
    return card.read(now)


def give_card_back(repo: Repository, org: str, found: FoundCard, to: str, reason: str, now: datetime) -> None:
    """Unmerge: the card returns to the customer that brought it (to: its name), as it is: logged, no event."""
    card = found.card
    expire_if_due(repo, org, card, now)
    repo.write_card(org, card, card.hand_back(to, reason), now)


def lock_owner(repo: Repository, org: str, number: str, label: str) -> tuple[FoundCard, CustomerAggregate | None]:
    """The card, locked after its owner: the order every writer of a customer's cards takes."""
    owner_name = find_card(repo, org, number).card.customer
    owner = repo.customers.get(org, parse_customer_name(owner_name, "customer"), lock=True) if owner_name else None
    found = find_card(repo, org, number, lock=True, label=label)
    if found.card.customer != owner_name:
        raise TransientStoreError("the card changed hands concurrently")
    return found, owner


class CardUseCases:
    def create_series(self, repo: Repository, org: str, spec: rules.SeriesSpec, now: datetime) -> CardSeries:
        if repo.series_code_taken(org, spec.code):
            raise refused(Reason.CARD_SERIES_CODE_TAKEN, f"series code {spec.code!r} is taken", code=spec.code)
        series = CardSeriesAggregate.create(new_id(), spec)
        repo.insert_series(org, series, now)
        return series.series

    def create_label(self, repo: Repository, org: str, label: str, status: CardStatus) -> StatusLabel:
        rules.check_new_label(
            label, taken=not rules.is_reserved_label(label) and repo.find_label(org, label) is not None
        )
        repo.insert_label(org, label, status)
        return StatusLabel(label, status)

    def list_labels(self, repo: Repository, org: str) -> list[StatusLabel]:
        defaults = [StatusLabel(rules.default_label(s), s) for s in CardStatus]
        return sorted(defaults + repo.list_labels(org), key=lambda item: (item.status, item.label))

    def create_card(self, repo: Repository, org: str, series_id: str, number: str, label: str, now: datetime) -> Card:
        series = find_series(repo, org, series_id, "series_id")
        series.check_number(number, "number")
        label, _ = look_up_label(repo, org, label, CardStatus.NOT_ISSUED, STOCK, "status_label")
        if repo.existing_numbers(org, [number]):
            raise refused(Reason.CARD_NUMBER_TAKEN, f"card number {number} exists", number=number)
        [card] = repo.insert_cards(org, series, [number], label, now)
        return card.read(now)

    def generate_cards(
        self, repo: Repository, org: str, series_id: str, count: int, label: str, now: datetime
    ) -> list[str]:
        # Locked: concurrent generators of a series take turns with its counter.
        series = find_series(repo, org, series_id, "series_id", lock=True)
        label, _ = look_up_label(repo, org, label, CardStatus.NOT_ISSUED, STOCK, "status_label")
        numbers = self._new_numbers(repo, org, series, count)
        repo.insert_cards(org, series, numbers, label, now)
        return numbers

    def _new_numbers(self, repo: Repository, org: str, series: CardSeriesAggregate, count: int) -> list[str]:
        numbers = series.new_numbers(
            count,
            lambda first, last: repo.numbers_between(org, first, last),
            lambda candidates: repo.existing_numbers(org, candidates),
        )
        repo.save_series(series)
        return numbers

    def issue_card(
        self,
        repo: Repository,
        org: str,
        customer: CustomerAggregate,
        series_id: str,
        number: str,
        label: str,
        now: datetime,
    ) -> Card:
        if number:
            found = find_card(repo, org, number, lock=True, label=label)
        else:
            found = self._from_stock(repo, org, series_id, label, now)
        return link_card(repo, org, customer, found, series_id, label, "", now)

    def _from_stock(self, repo: Repository, org: str, series_id: str, label: str, now: datetime) -> FoundCard:
        """The series' oldest card in stock; an empty stock is refilled with one new number."""
        check_series_id(series_id, "series_id")
        stock = repo.take_stock(org, series_id, label.strip())
        if stock is None:
            raise series_not_found(series_id)
        if stock.card is not None:
            return FoundCard(stock.card, stock.series, stock.label_status)
        series = find_series(repo, org, series_id, "series_id", lock=True)
        numbers = self._new_numbers(repo, org, series, 1)
        [fresh] = repo.insert_cards(org, series, numbers, rules.default_label(CardStatus.NOT_ISSUED), now)
        return FoundCard(fresh, series, stock.label_status)

    def unlink(self, repo: Repository, org: str, number: str, label: str, now: datetime) -> Card:
        """UnlinkCard: back to stock, never leaving its owner with nothing."""
        found, owner = lock_owner(repo, org, number, label)
        if owner is None:
            raise refused(Reason.CARD_NOT_LINKED, f"card {number} is in stock, linked to nobody", number=number)
        card = unlink_card(repo, org, owner, found, label, "", now)
        owner.require_holdings(owner.name)
        repo.customers.touch(owner, now)
        return card

    def update_status(self, repo: Repository, org: str, number: str, label: str, reason: str, now: datetime) -> Card:
        found, owner = lock_owner(repo, org, number, label)
        card = found.card
        expire_if_due(repo, org, card, now)
        clean = rules.parse_label(label, "status_label")
        label, status = resolve_label(
            clean, found.label_status, CardStatus.ACTIVE, frozenset(CardStatus), "status_label"
        )
        if owner is None:  # in stock: the card's own rules refuse (only IssueCard takes a card from stock)
            change = card.change_status(label, status, found.series.series.expiry_days, reason, now)
        else:
            change = owner.change_card_status(
                card, found.series.limit, label, status, found.series.series.expiry_days, reason, now
            )
        record(repo, org, card, change, now)
        return card.read(now)
