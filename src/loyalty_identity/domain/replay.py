"""Rebuild who holds what from the change feed alone.

What a downstream consumer of the feed does; the invariant checker does it too
and compares the result with the tables, so an event that is missing, extra
or wrong shows up as a difference.

An erased identifier (empty value) is replayed as any other: an erasure empties
every copy of an identifier or none (domain/erasure.py), so it is added, moved,
given back and removed as itself, and erased customers hold nothing at the end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomerErased,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
)
from loyalty_identity.domain.model import ScopedIdentifier


@dataclass
class FeedState:
    identifiers: dict[str, set[ScopedIdentifier]] = field(default_factory=lambda: defaultdict(set))
    cards: dict[str, str] = field(default_factory=dict)  # number -> owner (linked cards only)
    problems: list[str] = field(default_factory=list)

    def apply(self, change: Change) -> None:
        match change:
            case CustomerCreated():
                if change.customer in self.identifiers:
                    self.problems.append(f"{change.customer} created twice")
                self.identifiers[change.customer] = set(change.identifiers)
            case IdentifiersChanged():
                held = self.identifiers[change.customer]
                if not set(change.removed) <= held:
                    self.problems.append(f"{change.customer} lost identifiers it did not hold")
                held -= set(change.removed)
                held |= set(change.added)
            case CustomersMerged():
                moved = self.identifiers.pop(change.victim, set())
                if moved != set(change.moved_identifiers):
                    self.problems.append(f"{change.merge} moved other identifiers than the victim held")
                self.identifiers[change.survivor] |= moved
                for number in change.moved_cards:
                    self.cards[number] = change.survivor
            case CustomersUnmerged():
                held = self.identifiers[change.survivor]
                taken = set(change.restored_identifiers) | set(change.removed_identifiers)
                if not taken <= held:
                    self.problems.append(f"unmerge of {change.merge} took identifiers the survivor did not hold")
                held -= taken
                self.identifiers[change.victim] = set(change.restored_identifiers)
                for number in change.restored_cards:
                    self.cards[number] = change.victim
            case CustomerErased():
                # Its cards stay linked to it (DELETED); its identifiers, and its victims', are gone.
                for customer in change.customers:
                    self.identifiers.pop(customer, None)
            case CardChanged():
                if change.customer:
                    self.cards[change.number] = change.customer
                else:
                    self.cards.pop(change.number, None)

    def holdings(self) -> dict[str, set[ScopedIdentifier]]:
        """Customers holding at least one identifier, with what they hold."""
        return {customer: held for customer, held in self.identifiers.items() if held}


def replay(changes: Iterable[Change]) -> FeedState:
    state = FeedState()
    for change in changes:
        state.apply(change)
    return state
