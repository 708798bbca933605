"""Card use cases of RULES 2.6: series, labels, stock, issuing, unlinking, statuses.

`link_card` and `unlink_card` are shared with UpdateIdentifiers (CARD_NUMBER
adds and removes). How many live cards a customer may hold is the Customer
aggregate's rule (domain/customer.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from loyalty_identity.domain import cards as rules
from loyalty_identity.domain.customer import CustomerAggregate, SeriesLimit
from loyalty_identity.domain.errors import Reason, invalid, not_found, refused
from loyalty_identity.domain.events import CardChanged
from loyalty_identity.domain.model import Card, CardSeries, CardStatus, Customer, StatusLabel
from loyalty_identity.domain.names import is_uuid, new_id
from loyalty_identity.service.ports import (
    CardChange,
    CardRecord,
    CustomerRecord,
    Repository,
    SeriesRecord,
    TransientStoreError,
)


@dataclass(frozen=True)
class IssueResult:
    card: Card
    customer: Customer


def find_series(repo: Repository, org: str, series_id: str, field_path: str, lock: bool = False) -> SeriesRecord:
    if not series_id:
        raise invalid(Reason.INVALID_ARGUMENT, field_path, "a card series id is required")
    if not is_uuid(series_id):
        raise invalid(Reason.INVALID_ARGUMENT, field_path, "a card series id is a lower-case UUID")
    series = repo.find_series(org, series_id, lock)
    if series is None:
        raise not_found(
            Reason.CARD_SERIES_NOT_FOUND, "card_series", series_id, f"no card series {series_id}", series_id=series_id
        )
    return series


def find_card(repo: Repository, org: str, number: str, lock: bool = False) -> CardRecord:
    card = repo.find_card(org, number, lock)
    if card is None:
        raise not_found(Reason.CARD_NOT_FOUND, "card", number, f"no card has number {number}", number=number)
    return card


def resolve_label(
    repo: Repository,
    org: str,
    label: str,
    default: CardStatus,
    allowed: frozenset[CardStatus],
    field_path: str,
) -> tuple[str, CardStatus]:
    """The label to store and the status it stands for; empty takes default's own label."""
    if not label:
        return rules.default_label(default), default
    label = rules.parse_label(label, field_path)
    status = CardStatus[label] if label in CardStatus.__members__ else repo.find_label(org, label)
    if status is None:
        raise not_found(Reason.STATUS_LABEL_NOT_FOUND, "status_label", label, f"no status label {label!r}", label=label)
    if status not in allowed:
        raise refused(
            Reason.INVALID_STATUS_TRANSITION,
            f"{field_path}: label {label!r} stands for {status.name}; here it must be "
            + " or ".join(sorted(s.name for s in allowed)),
            label=label,
            status=status.name,
        )
    return label, status


def apply_card_change(
    repo: Repository, org: str, card: CardRecord, change: CardChange, owner: str, now: datetime
) -> None:
    """Change the card (with its log entry) and record the change in the feed; owner: its owner after."""
    repo.change_card(org, card, change, now)
    repo.record_event(
        org,
        CardChanged(
            number=card.card.number,
            series_id=card.card.series_id,
            status=change.status,
            status_label=change.status_label,
            customer=owner,
            previous_customer=card.card.customer,
            previous_status=card.stored_status,
            reason=change.reason,
        ),
        now,
    )


def _materialize_expiry(repo: Repository, org: str, card: CardRecord, now: datetime) -> CardRecord:
    """Write down an expiry that so far was only computed, before changing the card further."""
    stored = card.stored_status
    if stored is card.card.status:
        return card
    change = CardChange(
        status=CardStatus.EXPIRED,
        status_label=rules.default_label(CardStatus.EXPIRED),
        customer_pk=card.customer_pk,
        issue_time=card.card.issue_time,
        expire_time=card.card.expire_time,
        reason="expired",
    )
    apply_card_change(repo, org, card, change, card.card.customer, now)
    return find_card(repo, org, card.card.number)


def link_card(
    repo: Repository,
    org: str,
    customer: CustomerAggregate,
    card: CardRecord,
    series_id: str,
    label: str,
    field_prefix: str,
    now: datetime,
) -> None:
    """Issue a stock card to a customer (IssueCard, or a CARD_NUMBER add at field_prefix); it holds it after."""
    number = card.card.number
    if series_id and series_id != card.card.series_id:
        find_series(repo, org, series_id, f"{field_prefix}series_id")
        raise invalid(
            Reason.CARD_SERIES_MISMATCH,
            f"{field_prefix}series_id",
            f"card {number} belongs to series {card.card.series_id}",
            number=number,
            series_id=card.card.series_id,
        )
    if card.customer_pk is not None:
        raise refused(
            Reason.CARD_ALREADY_LINKED,
            f"card {number} is already linked to {card.card.customer}",
            number=number,
            customer=card.card.customer,
        )
    if card.card.status is not CardStatus.NOT_ISSUED:
        raise refused(
            Reason.INVALID_STATUS_TRANSITION,
            f"card {number} is {card.card.status.name}: only a card in stock can be issued",
            number=number,
            from_status=card.card.status.name,
        )
    label, status = resolve_label(
        repo, org, label, CardStatus.ACTIVE, rules.ISSUE_STATUSES, f"{field_prefix}status_label"
    )
    series = repo.series_by_pk(card.series_pk).series
    customer.check_card_limit(series.id, SeriesLimit(series.code, series.max_active_cards_per_customer))
    change = CardChange(
        status=status,
        status_label=label,
        customer_pk=repo.customers.pk(customer),
        issue_time=now,
        expire_time=rules.expire_time(now, series.expiry_days),
        reason="issued",
    )
    apply_card_change(repo, org, card, change, customer.name, now)
    c = card.card
    customer.hold_card(
        Card(c.number, c.series_id, status, label, customer.name, c.create_time, now, change.expire_time)
    )


def give_card_back(
    repo: Repository, org: str, card: CardRecord, to: CustomerRecord, reason: str, now: datetime
) -> None:
    """Unmerge: the card returns to the customer that brought it, as it is (logged, not a feed event of its own)."""
    card = _materialize_expiry(repo, org, card, now)
    c = card.card
    repo.change_card(
        org, card, CardChange(c.status, c.status_label, to.pk, c.issue_time, c.expire_time, reason=reason), now
    )


def unlink_card(repo: Repository, org: str, card: CardRecord, label: str, field_prefix: str, now: datetime) -> None:
    """Take a card back to stock (UnlinkCard, or a CARD_NUMBER remove at field_prefix)."""
    card = _materialize_expiry(repo, org, card, now)
    if card.card.status is CardStatus.DELETED:
        raise refused(
            Reason.INVALID_STATUS_TRANSITION,
            f"card {card.card.number} is DELETED, which is final",
            number=card.card.number,
            from_status=CardStatus.DELETED.name,
        )
    label, status = resolve_label(
        repo, org, label, CardStatus.NOT_ISSUED, frozenset({CardStatus.NOT_ISSUED}), f"{field_prefix}status_label"
    )
    change = CardChange(status, label, None, None, None, reason="unlinked")
    apply_card_change(repo, org, card, change, "", now)


class CardUseCases:
    def create_series(self, repo: Repository, org: str, spec: rules.SeriesSpec, now: datetime) -> CardSeries:
        if repo.series_code_taken(org, spec.code):
            raise refused(Reason.CARD_SERIES_CODE_TAKEN, f"series code {spec.code!r} is taken", code=spec.code)
        fmt = spec.format
        series = CardSeries(
            id=new_id(),
            code=spec.code,
            name=spec.name,
            type=spec.type,
            prefix=fmt.prefix,
            suffix=fmt.suffix,
            length=fmt.length,
            method=fmt.method,
            luhn=fmt.luhn,
            max_active_cards_per_customer=spec.max_active_cards_per_customer,
            expiry_days=spec.expiry_days,
        )
        return repo.insert_series(org, series, now).series

    def create_label(self, repo: Repository, org: str, label: str, status: CardStatus) -> StatusLabel:
        if label in CardStatus.__members__ or repo.find_label(org, label) is not None:
            raise refused(Reason.STATUS_LABEL_TAKEN, f"status label {label!r} exists", label=label)
        repo.insert_label(org, label, status)
        return StatusLabel(label, status)

    def list_labels(self, repo: Repository, org: str) -> list[StatusLabel]:
        defaults = [StatusLabel(rules.default_label(s), s) for s in CardStatus]
        return sorted(defaults + repo.list_labels(org), key=lambda item: (item.status, item.label))

    def create_card(self, repo: Repository, org: str, series_id: str, number: str, label: str, now: datetime) -> Card:
        series = find_series(repo, org, series_id, "series_id")
        series.format.check(number, "number")
        label, _ = resolve_label(
            repo, org, label, CardStatus.NOT_ISSUED, frozenset({CardStatus.NOT_ISSUED}), "status_label"
        )
        if repo.existing_numbers(org, [number]):
            raise refused(Reason.CARD_NUMBER_TAKEN, f"card number {number} exists", number=number)
        repo.insert_cards(org, series.pk, [number], label, now)
        return find_card(repo, org, number).card

    def generate_cards(
        self, repo: Repository, org: str, series_id: str, count: int, label: str, now: datetime
    ) -> list[str]:
        # Locked: concurrent generators of a series take turns with its counter.
        series = find_series(repo, org, series_id, "series_id", lock=True)
        label, _ = resolve_label(
            repo, org, label, CardStatus.NOT_ISSUED, frozenset({CardStatus.NOT_ISSUED}), "status_label"
        )
        numbers = new_numbers(repo, org, series, count)
        repo.insert_cards(org, series.pk, numbers, label, now)
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
            card = find_card(repo, org, number, lock=True)
        else:
            series = find_series(repo, org, series_id, "series_id")
            stock = repo.stock_card(series.pk)
            if stock is None:
                series = find_series(repo, org, series_id, "series_id", lock=True)
                # An empty stock is refilled with one new number.
                [fresh] = new_numbers(repo, org, series, 1)
                repo.insert_cards(org, series.pk, [fresh], rules.default_label(CardStatus.NOT_ISSUED), now)
                stock = find_card(repo, org, fresh)
            card = stock
        link_card(repo, org, customer, card, series_id, label, "", now)
        return find_card(repo, org, card.card.number).card

    def unlink(self, repo: Repository, org: str, number: str, label: str, now: datetime) -> Card:
        """UnlinkCard: back to stock, never leaving its owner with nothing."""
        owner_pk = find_card(repo, org, number).customer_pk
        if owner_pk is None:
            raise refused(Reason.CARD_NOT_LINKED, f"card {number} is in stock, linked to nobody", number=number)
        # The owner first, then the card: the order every writer of a customer's cards takes.
        owner = repo.customers.get_by_pk(owner_pk, lock=True)
        card = find_card(repo, org, number, lock=True)
        if card.customer_pk != owner_pk:
            raise TransientStoreError("the card changed hands concurrently")
        unlink_card(repo, org, card, label, "", now)
        owner.release_card(number)
        owner.require_holdings(owner.name)
        repo.customers.touch(owner, now)
        return find_card(repo, org, number).card

    def update_status(self, repo: Repository, org: str, number: str, label: str, reason: str, now: datetime) -> Card:
        card = _materialize_expiry(repo, org, find_card(repo, org, number, lock=True), now)
        label = rules.parse_label(label, "status_label")
        label, status = resolve_label(repo, org, label, CardStatus.ACTIVE, frozenset(CardStatus), "status_label")
        rules.check_transition(number, card.card.status, status)
        series = repo.series_by_pk(card.series_pk).series
        if card.card.status not in rules.LIVE_STATUSES and status in rules.LIVE_STATUSES:
            # A renewed card counts again against the customer's limit.
            assert card.customer_pk is not None
            owner = repo.customers.get_by_pk(card.customer_pk, lock=True)
            owner.check_card_limit(series.id, SeriesLimit(series.code, series.max_active_cards_per_customer))
        expires = card.card.expire_time
        if card.card.status is CardStatus.EXPIRED and status is not CardStatus.EXPIRED:
            expires = rules.expire_time(now, series.expiry_days)  # renewed
        change = CardChange(status, label, card.customer_pk, card.card.issue_time, expires, reason or "status changed")
        apply_card_change(repo, org, card, change, card.card.customer, now)
        return find_card(repo, org, number).card


def new_numbers(repo: Repository, org: str, series: SeriesRecord, count: int) -> list[str]:
    """count numbers of the series that no card of the org has yet."""
    fmt = series.format
    if fmt.method is rules.CardNumberMethod.SEQUENTIAL:
        return _sequential_numbers(repo, org, series, count)
    return _random_numbers(repo, org, fmt, count)


def _series_exhausted(series: SeriesRecord) -> Exception:
    return refused(
        Reason.SERIES_EXHAUSTED,
        f"card series {series.series.code} has no unused numbers left for this request",
        series_id=series.series.id,
    )


def _sequential_numbers(repo: Repository, org: str, series: SeriesRecord, count: int) -> list[str]:
    fmt = series.format
    value, numbers = series.next_value, list[str]()
    while len(numbers) < count:
        end = min(value + count - len(numbers), fmt.capacity)
        if value >= end:
            raise _series_exhausted(series)
        batch = [fmt.render(v) for v in range(value, end)]
        # Zero-padded bodies sort like their values: one range query finds
        # the numbers someone created by hand (CreateCard) in this stretch.
        taken = repo.numbers_between(org, batch[0], batch[-1])
        numbers += [n for n in batch if n not in taken]
        value = end
    repo.set_next_value(series.pk, value)
    return numbers


RANDOM_ROUNDS = 20


def _random_numbers(repo: Repository, org: str, fmt: rules.NumberFormat, count: int) -> list[str]:
    chosen: set[str] = set()
    for _ in range(RANDOM_ROUNDS):
        missing = count - len(chosen)
        if missing == 0:
            break
        candidates = {fmt.random_number() for _ in range(missing + missing // 10 + 1)} - chosen
        candidates -= repo.existing_numbers(org, sorted(candidates))
        chosen.update(list(candidates)[:missing])
    if len(chosen) < count:
        raise refused(Reason.SERIES_EXHAUSTED, "the series has too few unused random numbers left")
    return sorted(chosen)
