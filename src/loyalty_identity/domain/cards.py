"""The rules of a card (RULES 2.6): number formats, status labels, expiry, status transitions, and the
card itself as stored (`StoredCard`), whose methods are the only way its status or owner changes.

How many live cards a customer may hold is the Customer aggregate's rule (domain/customer.py);
a series' numbers, stock and limit are the series aggregate's (domain/card_series.py).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from loyalty_identity.domain.enums import parse_enum
from loyalty_identity.domain.errors import Reason, invalid, not_found, refused
from loyalty_identity.domain.events import CardChanged
from loyalty_identity.domain.model import Card, CardStatus
from loyalty_identity.domain.text import check_text

MIN_NUMBER_LENGTH = 5
MAX_NUMBER_LENGTH = 150
MAX_GENERATE = 50_000
MAX_LABEL_LENGTH = 64
MAX_SERIES_NAME_LENGTH = 128
MAX_EXPIRY_DAYS = 36_500
_ALNUM = re.compile(r"[0-9A-Z]*")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")

# A linked card in one of these counts against max_active_cards_per_customer.
LIVE_STATUSES = frozenset({CardStatus.ISSUED, CardStatus.ACTIVE, CardStatus.SUSPENDED})
ISSUE_STATUSES = frozenset({CardStatus.ISSUED, CardStatus.ACTIVE})


@dataclass(frozen=True)
class SeriesLimit:
    """What a customer's live cards of one series must fit: the series' code and its limit (0: none)."""

    code: str
    limit: int


class CardType(IntEnum):
    PHYSICAL = 1
    DIGITAL = 2


class CardNumberMethod(IntEnum):
    SEQUENTIAL = 1
    RANDOM = 2


def luhn_digit(digits: str) -> str:
    """The check digit that makes digits + it pass the Luhn test."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # doubled: these sit in odd positions once the check digit is appended
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


@dataclass(frozen=True)
class NumberFormat:
    """prefix + body + [Luhn digit] + suffix, `length` characters in all."""

    prefix: str
    suffix: str
    length: int
    method: CardNumberMethod
    luhn: bool

    @property
    def body_length(self) -> int:
        """Characters chosen per card (the Luhn digit excluded)."""
        return self.length - len(self.prefix) - len(self.suffix) - (1 if self.luhn else 0)

    @property
    def capacity(self) -> int:
        """How many numbers generation can make (digit bodies)."""
        return int(10**self.body_length)

    def render(self, value: int) -> str:
        body = str(value).zfill(self.body_length)
        check = luhn_digit(self.prefix + body) if self.luhn else ""
        return f"{self.prefix}{body}{check}{self.suffix}"

    def random_number(self) -> str:
        return self.render(secrets.randbelow(self.capacity))

    def check(self, number: str, field_path: str) -> None:
        """Refuse a number that does not fit this format (CARD_NUMBER_FORMAT)."""

        def wrong(why: str) -> Exception:
            return invalid(Reason.CARD_NUMBER_FORMAT, field_path, f"the number does not fit the series: {why}")

        if len(number) != self.length:
            raise wrong(f"it must have {self.length} characters")
        if not _ALNUM.fullmatch(number):
            raise wrong("only letters and digits are allowed")
        if not number.startswith(self.prefix) or not number.endswith(self.suffix):
            raise wrong(f"it must start with {self.prefix!r} and end with {self.suffix!r}")
        if self.luhn:
            inner = number[: self.length - len(self.suffix)]
            if not inner.isdigit() or luhn_digit(inner[:-1]) != inner[-1]:
                raise wrong("its Luhn check digit is wrong")


def normalize_card_number(raw: str) -> str:
    """Card numbers are trimmed and upper-cased: a till may scan either case."""
    return raw.strip().upper()


def parse_format(prefix: str, suffix: str, length: int, method: int, luhn: bool) -> NumberFormat:
    prefix, suffix = prefix.strip().upper(), suffix.strip().upper()
    for name, part in (("prefix", prefix), ("suffix", suffix)):
        if not _ALNUM.fullmatch(part):
            raise invalid(Reason.INVALID_ARGUMENT, f"series.format.{name}", "only letters and digits are allowed")
    if not MIN_NUMBER_LENGTH <= length <= MAX_NUMBER_LENGTH:
        raise invalid(
            Reason.INVALID_ARGUMENT,
            "series.format.length",
            f"must be {MIN_NUMBER_LENGTH} to {MAX_NUMBER_LENGTH}, prefix and suffix included",
        )
    number_method = parse_enum(CardNumberMethod, method, "series.format.method")
    if luhn and not prefix.isdigit() and prefix:
        raise invalid(Reason.INVALID_ARGUMENT, "series.format.prefix", "a Luhn check digit needs an all-digit prefix")
    fmt = NumberFormat(prefix, suffix, length, number_method, luhn)
    if fmt.body_length < 1:
        raise invalid(
            Reason.INVALID_ARGUMENT,
            "series.format.length",
            "leaves no room for the number between prefix, check digit and suffix",
        )
    return fmt


@dataclass(frozen=True)
class SeriesSpec:
    """A validated CreateCardSeries request."""

    code: str
    name: str
    type: CardType
    format: NumberFormat
    max_active_cards_per_customer: int
    expiry_days: int


def parse_series(
    code: str, name: str, card_type: int, fmt: NumberFormat, max_active: int, expiry_days: int
) -> SeriesSpec:
    code = code.strip()
    if not _CODE.fullmatch(code):
        raise invalid(
            Reason.INVALID_ARGUMENT, "series.code", "1 to 64 letters, digits, '_', '.' or '-', starting alphanumeric"
        )
    name = name.strip()
    check_text(name, "series.name", MAX_SERIES_NAME_LENGTH, Reason.INVALID_ARGUMENT)
    series_type = parse_enum(CardType, card_type, "series.type")
    if max_active < 0:
        raise invalid(Reason.INVALID_ARGUMENT, "series.max_active_cards_per_customer", "must not be negative")
    if not 0 <= expiry_days <= MAX_EXPIRY_DAYS:
        raise invalid(Reason.INVALID_ARGUMENT, "series.expiry_days", f"must be 0 (never) to {MAX_EXPIRY_DAYS}")
    return SeriesSpec(code, name, series_type, fmt, max_active, expiry_days)


def parse_label(raw: str, field_path: str) -> str:
    label = raw.strip()
    check_text(label, field_path, MAX_LABEL_LENGTH, Reason.INVALID_ARGUMENT)
    return label


def is_reserved_label(label: str) -> bool:
    """Every status has a label of its own name (default_label): no org may define one of those."""
    return label in CardStatus.__members__


def check_new_label(label: str, taken: bool) -> None:
    """CreateStatusLabel: the name must be neither a status's own nor the org's already (taken)."""
    if taken or is_reserved_label(label):
        raise refused(Reason.STATUS_LABEL_TAKEN, f"status label {label!r} exists", label=label)


def resolve_label(
    label: str | None,
    custom: CardStatus | None,
    default: CardStatus,
    allowed: frozenset[CardStatus],
    field_path: str,
) -> tuple[str, CardStatus]:
    """The label to store and the status it stands for; no label (None) takes default's own label.

    label: as parsed (parse_label); custom: what the org's own label of that name stands for, if it has one.
    """
    if label is None:
        return default_label(default), default
    status = CardStatus[label] if is_reserved_label(label) else custom
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


def parse_status(raw: int, field_path: str) -> CardStatus:
    return parse_enum(CardStatus, raw, field_path)


def default_label(status: CardStatus) -> str:
    """Every status has a label of its own name from the start."""
    return status.name


def expire_time(issue_time: datetime, expiry_days: int) -> datetime | None:
    return issue_time + timedelta(days=expiry_days) if expiry_days else None


def effective_status(status: CardStatus, expires: datetime | None, now: datetime) -> CardStatus:
    """A linked card past its expiry reads as EXPIRED."""
    if expires is not None and expires <= now and status in LIVE_STATUSES:
        return CardStatus.EXPIRED
    return status


def renewed_expiry(
    current: CardStatus, target: CardStatus, expires: datetime | None, now: datetime, expiry_days: int
) -> datetime | None:
    """An EXPIRED card made live again is renewed: it expires afresh from now."""
    if current is CardStatus.EXPIRED and target is not CardStatus.EXPIRED:
        return expire_time(now, expiry_days)
    return expires


def renews(current: CardStatus, target: CardStatus) -> bool:
    """A change that makes a card live again (renewal, reactivation): it counts against the limit again."""
    return current not in LIVE_STATUSES and target in LIVE_STATUSES


def check_transition(number: str, current: CardStatus, target: CardStatus) -> None:
    """UpdateCardStatus rules. Moves to and from stock are IssueCard and UnlinkCard."""

    def refuse(why: str) -> Exception:
        return refused(
            Reason.INVALID_STATUS_TRANSITION,
            f"card {number}: {why}",
            number=number,
            from_status=current.name,
            to_status=target.name,
        )

    if current is CardStatus.DELETED:
        raise refuse("a deleted card never changes status")
    if current is CardStatus.NOT_ISSUED:
        raise refuse("a card in stock changes status only by being issued (IssueCard)")
    if target is CardStatus.NOT_ISSUED:
        raise refuse("a card goes back to stock only by being unlinked (UnlinkCard)")
    if current is CardStatus.EXPIRED and target is CardStatus.DELETED:
        raise refuse("an expired card cannot be deleted")


@dataclass
class StoredCard:
    """A card as stored: its status as written (read() shows a live card past its expiry as EXPIRED).

    Its methods are the only changes a card knows; each returns the CardChanged it made, which the
    feed records and the repository writes (with the card's log entry).
    """

    number: str
    series_id: str
    status: CardStatus
    status_label: str
    customer: str  # the owner's resource name, "" in stock
    create_time: datetime
    issue_time: datetime | None = None
    expire_time: datetime | None = None

    def read(self, now: datetime) -> Card:
        """The card as a reader sees it now."""
        status = effective_status(self.status, self.expire_time, now)
        label = self.status_label if status is self.status else default_label(status)
        return Card(
            self.number,
            self.series_id,
            status,
            label,
            self.customer,
            self.create_time,
            self.issue_time,
            self.expire_time,
        )

    def expire_if_due(self, now: datetime) -> CardChanged | None:
        """Write down an expiry that so far was only seen (read()), before the card changes further."""
        if effective_status(self.status, self.expire_time, now) is self.status:
            return None
        return self._become(CardStatus.EXPIRED, default_label(CardStatus.EXPIRED), self.customer, "expired")

    def issue(self, owner: str, label: str, status: CardStatus, expires: datetime | None, now: datetime) -> CardChanged:
        """A card in stock goes to owner (IssueCard, a CARD_NUMBER add); status one of ISSUE_STATUSES."""
        self.check_issuable()
        assert status in ISSUE_STATUSES
        self.issue_time, self.expire_time = now, expires
        return self._become(status, label, owner, "issued")

    def check_issuable(self) -> None:
        """Only a card in stock can be issued: linked to nobody (a card never triggers a merge), NOT_ISSUED."""
        if self.customer:
            raise refused(
                Reason.CARD_ALREADY_LINKED,
                f"card {self.number} is already linked to {self.customer}",
                number=self.number,
                customer=self.customer,
            )
        if self.status is not CardStatus.NOT_ISSUED:
            raise refused(
                Reason.INVALID_STATUS_TRANSITION,
                f"card {self.number} is {self.status.name}: only a card in stock can be issued",
                number=self.number,
                from_status=self.status.name,
            )

    def unlink(self, label: str, status: CardStatus) -> CardChanged:
        """Back to stock (UnlinkCard, a CARD_NUMBER remove); expire_if_due() first."""
        self.check_unlinkable()
        assert status is CardStatus.NOT_ISSUED
        self.issue_time = self.expire_time = None
        return self._become(status, label, "", "unlinked")

    def check_unlinkable(self) -> None:
        """DELETED is final: such a card stays with its (erased) owner."""
        if self.status is CardStatus.DELETED:
            raise refused(
                Reason.INVALID_STATUS_TRANSITION,
                f"card {self.number} is DELETED, which is final",
                number=self.number,
                from_status=CardStatus.DELETED.name,
            )

    def change_status(
        self, label: str, status: CardStatus, expiry_days: int, reason: str, now: datetime
    ) -> CardChanged:
        """UpdateCardStatus; expire_if_due() first. A renewed card expires afresh."""
        check_transition(self.number, self.status, status)
        self.expire_time = renewed_expiry(self.status, status, self.expire_time, now, expiry_days)
        return self._become(status, label, self.customer, reason or "status changed")

    def hand_back(self, to: str, reason: str) -> CardChanged:
        """An unmerge returns the card, as it is, to the customer that brought it (logged, no feed event)."""
        return self._become(self.status, self.status_label, to, reason)

    def _become(self, status: CardStatus, label: str, owner: str, reason: str) -> CardChanged:
        change = CardChanged(
            number=self.number,
            series_id=self.series_id,
            status=status,
            status_label=label,
            customer=owner,
            previous_customer=self.customer,
            previous_status=self.status,
            reason=reason,
        )
        self.status, self.status_label, self.customer = status, label, owner
        return change
