"""What the core reads and returns: customers, profiles, cards, merges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.scopes import Scope


class CustomerState(IntEnum):
    ACTIVE = 1
    MERGED = 2
    ERASED = 3  # right to be forgotten (RULES 2.5.1): no profiles, no identifiers, cards DELETED


class CardStatus(IntEnum):
    NOT_ISSUED = 1
    ISSUED = 2
    ACTIVE = 3
    SUSPENDED = 4
    EXPIRED = 5
    DELETED = 6


@dataclass(frozen=True)
class ScopedIdentifier:
    """An identifier together with the scope it is held in."""

    scope: Scope
    ident: IdentifierValue


@dataclass
class Profile:
    scope: Scope
    identifiers: list[IdentifierValue]
    create_time: datetime


@dataclass
class Card:
    number: str
    series_id: str
    status: CardStatus
    status_label: str
    customer: str  # resource name, "" while in stock
    create_time: datetime
    issue_time: datetime | None = None
    expire_time: datetime | None = None


@dataclass
class CardSeries:
    id: str
    code: str
    name: str
    type: int  # CardType
    prefix: str
    suffix: str
    length: int
    method: int  # CardNumberMethod
    luhn: bool
    max_active_cards_per_customer: int
    expiry_days: int


@dataclass
class StatusLabel:
    label: str
    status: CardStatus


@dataclass
class CardStatusChange:
    number: str
    from_status: CardStatus | None
    to_status: CardStatus
    status_label: str
    customer: str  # resource name after the change, "" in stock
    reason: str
    create_time: datetime


@dataclass
class Customer:
    name: str
    state: CustomerState
    profiles: list[Profile]
    cards: list[Card]
    survivor: str  # resource name, "" while ACTIVE
    merged_customers: list[str]
    create_time: datetime
    update_time: datetime
    erase_time: datetime | None = None  # set when ERASED


@dataclass
class Merge:
    name: str
    victim: str
    survivor: str
    trigger_scope: Scope | None
    trigger: IdentifierValue | None
    request_id: str
    create_time: datetime
    moved_profiles: list[Profile] = field(default_factory=list)
    moved_cards: list[str] = field(default_factory=list)
    repointed_customers: list[str] = field(default_factory=list)
    # What the merging request itself added (its trigger among them): an unmerge removes them again.
    added_identifiers: list[ScopedIdentifier] = field(default_factory=list)
    unmerge_time: datetime | None = None
    unmerge_request_id: str = ""


class WarningCode:
    ALREADY_PRESENT = "ALREADY_PRESENT"
    COMBINED_WITH_EXISTING = "COMBINED_WITH_EXISTING"
    MERGED = "MERGED"


@dataclass
class Warning:
    code: str
    message: str
    metadata: dict[str, str] = field(default_factory=dict)
