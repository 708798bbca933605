"""The change feed's events: what a committed change did, in domain terms.

Use cases record one event per change in the same transaction as the change;
the store numbers them per org in commit order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.merge_policy import CandidateState, MergePolicy, ReviewReason
from loyalty_identity.domain.model import CardStatus, ScopedIdentifier
from loyalty_identity.domain.scopes import Scope

__all__ = [
    "CardChanged",
    "Change",
    "CustomerCreated",
    "CustomerErased",
    "CustomersMerged",
    "CustomersUnmerged",
    "Event",
    "IdentifiersChanged",
    "MergeCandidateCreated",
    "MergeCandidateResolved",
    "MergePolicyChanged",
    "ScopedIdentifier",
    "scoped",
]


@dataclass(frozen=True)
class CustomerCreated:
    customer: str
    identifiers: list[ScopedIdentifier]

    @property
    def customers(self) -> list[str]:
        return [self.customer]


@dataclass(frozen=True)
class IdentifiersChanged:
    customer: str
    added: list[ScopedIdentifier] = field(default_factory=list)
    removed: list[ScopedIdentifier] = field(default_factory=list)

    @property
    def customers(self) -> list[str]:
        return [self.customer]


@dataclass(frozen=True)
class CustomersMerged:
    merge: str
    victim: str
    survivor: str
    moved_identifiers: list[ScopedIdentifier]
    moved_cards: list[str]
    repointed_customers: list[str]
    trigger: ScopedIdentifier | None

    @property
    def customers(self) -> list[str]:
        return [self.victim, self.survivor, *self.repointed_customers]


@dataclass(frozen=True)
class CustomersUnmerged:
    merge: str
    victim: str
    survivor: str
    restored_identifiers: list[ScopedIdentifier]
    removed_identifiers: list[ScopedIdentifier]
    restored_cards: list[str]
    restored_customers: list[str]

    @property
    def customers(self) -> list[str]:
        return [self.victim, self.survivor, *self.restored_customers]


@dataclass(frozen=True)
class CardChanged:
    number: str
    series_id: str
    status: CardStatus
    status_label: str
    customer: str  # owner after the change, "" in stock
    previous_customer: str
    previous_status: CardStatus | None
    reason: str

    @property
    def customers(self) -> list[str]:
        return sorted({c for c in (self.previous_customer, self.customer) if c})


@dataclass(frozen=True)
class CustomerErased:
    """The customer and the customers merged into it lost every identifier; their cards are DELETED."""

    customer: str
    erased_customers: list[str]  # its victims, not the customer itself

    @property
    def customers(self) -> list[str]:
        return [self.customer, *self.erased_customers]


@dataclass(frozen=True)
class MergePolicyChanged:
    """The org's merge policy was replaced (SPEC 7.1). It names no customer."""

    policy: MergePolicy

    @property
    def customers(self) -> list[str]:
        return []


@dataclass(frozen=True)
class MergeCandidateCreated:
    """A merge the policy left to a person was refused and recorded (SPEC 7.2)."""

    candidate: str
    victim: str  # "" for a create
    survivor: str
    trigger: ScopedIdentifier
    reason: ReviewReason

    @property
    def customers(self) -> list[str]:
        return [c for c in (self.victim, self.survivor) if c]


@dataclass(frozen=True)
class MergeCandidateResolved:
    """A merge candidate was accepted, rejected or made obsolete."""

    candidate: str
    state: CandidateState
    merge: str  # merges/{id} accepting made, or ""
    named: list[str]  # the customers the candidate names

    @property
    def customers(self) -> list[str]:
        return list(self.named)


Change = (
    CustomerCreated
    | IdentifiersChanged
    | CustomersMerged
    | CustomersUnmerged
    | CardChanged
    | CustomerErased
    | MergePolicyChanged
    | MergeCandidateCreated
    | MergeCandidateResolved
)


@dataclass(frozen=True)
class Event:
    sequence: int
    create_time: datetime
    request_id: str
    change: Change


def scoped(scope: Scope, identifiers: list[IdentifierValue]) -> list[ScopedIdentifier]:
    return [ScopedIdentifier(scope, ident) for ident in identifiers]
