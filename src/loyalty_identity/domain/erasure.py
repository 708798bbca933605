"""What erasing a customer takes out of every stored copy (RULES 2.5.1).

The erased values are those the customer (and so the person: its victims hold
nothing of their own) held when it was erased. A record that concerns only the
erased customers (a feed event naming no one else, a merge record of which it
was victim or survivor) loses every value it holds; any other record loses the
erased values only, so what it says of other, active customers stays true and
the feed still replays to the tables. An erased value is an empty string
(never a real value: values have at least one character).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomerErased,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
)
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.model import Merge, Profile, ScopedIdentifier

ERASED_TEXT = "(erased)"  # a card log reason that quoted an erased value


@dataclass(frozen=True)
class Erasure:
    customers: frozenset[str]  # resource names: the erased customer and its victims
    values: frozenset[IdentifierValue]

    def mentions(self, text: str) -> bool:
        return any(v.value in text for v in self.values)

    def text(self, text: str) -> str:
        return ERASED_TEXT if self.mentions(text) else text

    def change(self, change: Change) -> Change:
        """The event as it is kept once the erasure happened."""
        everything = set(change.customers) <= self.customers
        scrub = self._scrubber(everything)
        match change:
            case CustomerCreated():
                return replace(change, identifiers=scrub(change.identifiers))
            case IdentifiersChanged():
                return replace(change, added=scrub(change.added), removed=scrub(change.removed))
            case CustomersMerged():
                trigger = scrub([change.trigger])[0] if change.trigger else None
                return replace(change, moved_identifiers=scrub(change.moved_identifiers), trigger=trigger)
            case CustomersUnmerged():
                return replace(
                    change,
                    restored_identifiers=scrub(change.restored_identifiers),
                    removed_identifiers=scrub(change.removed_identifiers),
                )
            case CardChanged():
                return replace(change, reason=self.text(change.reason))
            case CustomerErased():
                return change
        raise TypeError(f"not an event: {change!r}")

    def merge(self, merge: Merge) -> Merge:
        """The merge record as kept: names stay, values go (all of them when it concerns the erased)."""
        everything = merge.victim in self.customers or merge.survivor in self.customers
        scrub = self._scrubber(everything)
        return replace(
            merge,
            trigger=self._ident(merge.trigger, everything) if merge.trigger else None,
            moved_profiles=[
                Profile(p.scope, [self._ident(i, everything) for i in p.identifiers], p.create_time)
                for p in merge.moved_profiles
            ],
            added_identifiers=scrub(merge.added_identifiers),
        )

    def _ident(self, ident: IdentifierValue, everything: bool) -> IdentifierValue:
        return IdentifierValue(ident.type, "") if everything or ident in self.values else ident

    def _scrubber(self, everything: bool) -> Callable[[list[ScopedIdentifier]], list[ScopedIdentifier]]:
        def scrub(items: list[ScopedIdentifier]) -> list[ScopedIdentifier]:
            return [ScopedIdentifier(i.scope, self._ident(i.ident, everything)) for i in items]

        return scrub


def is_erased(ident: IdentifierValue) -> bool:
    return not ident.value


# A stored reply that carried erased values is replaced by this marker and the
# erased customer's name. Field number 0 is invalid protobuf: no real reply starts so.
_TOMBSTONE = b"\x00erased:"


def tombstone(customer: str) -> bytes:
    return _TOMBSTONE + customer.encode()


def tombstoned(reply: bytes) -> str | None:
    """The erased customer a stored reply was replaced for, or None for a real reply."""
    return reply[len(_TOMBSTONE) :].decode() if reply.startswith(_TOMBSTONE) else None
