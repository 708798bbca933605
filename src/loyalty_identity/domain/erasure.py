"""What erasing a customer takes out of every stored copy (RULES 2.5.1).

One rule, whatever happened before and however many erasures came first:
every identifier that *came from* an erased customer goes from every record
that holds a copy of it, and nothing else does.

An identifier's origin is the customer that held it first: the one created
with it or that added it (for what a merging request adds, the survivor it is
added to). A merge moves identifiers to the survivor with their origin, an
unmerge gives them back, a remove ends them; none changes where they came
from. So a value the erased customer removed long ago goes, and so does a
value of it that a merge and an unmerge moved through another customer's
records; the values of a live customer stay, also in the records that name
the erased one too (a merge record with a victim unmerged since, say).

Because an identifier goes in every copy or in none, the redacted feed still
replays to the tables (domain/replay.py treats an emptied value as any other
value): an emptied identifier is added, moved, given back and removed as
itself. Every copy of an identifier is in an event that names its origin or a
customer it was merged into while it held it: the events that name the
erased customers are all an erasure has to read (the store finds them by an
index).

An erased value is an empty string (never a real value: values have at least
one character).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomerErased,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
    MergeCandidateCreated,
    MergeCandidateResolved,
    MergePolicyChanged,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Merge, Profile, ScopedIdentifier
from loyalty_identity.domain.scopes import Scope

ERASED_TEXT = "(erased)"  # a card log reason that quoted an erased value

# The origin of each identifier an event carries, by the event's field name.
Origins = dict[str, list[str]]
# Where each identifier a merge moved came from, by its place in the victim's profiles.
MovedOrigins = dict[tuple[Scope, IdentifierType], str]


class Provenance:
    """Replays events in sequence order and tells where each identifier they carry came from.

    Fed only a part of an org's feed (the events that name some customers),
    it still knows the origin of every identifier that ever came from those
    customers; an identifier it never saw added gets the customer that held
    it in the event (its history was purged, or belongs to customers not
    asked about).
    """

    def __init__(self) -> None:
        self._held: defaultdict[str, dict[ScopedIdentifier, str]] = defaultdict(dict)

    def apply(self, change: Change) -> Origins:
        match change:
            case CustomerCreated():
                self._held[change.customer] = {i: change.customer for i in change.identifiers}
                return {"identifiers": [change.customer] * len(change.identifiers)}
            case IdentifiersChanged():
                held = self._held[change.customer]
                removed = [held.pop(i, change.customer) for i in change.removed]
                held.update((i, change.customer) for i in change.added)
                return {"removed": removed, "added": [change.customer] * len(change.added)}
            case CustomersMerged():
                brought = self._held.pop(change.victim, {})
                moved = [brought.pop(i, change.victim) for i in change.moved_identifiers]
                self._held[change.survivor].update(zip(change.moved_identifiers, moved, strict=True))
                self._held[change.survivor].update(brought)  # a feed that disagrees with itself: keep it all
                return {"moved_identifiers": moved, "trigger": [change.survivor] if change.trigger else []}
            case CustomersUnmerged():
                holder = self._held[change.survivor]
                restored = [holder.pop(i, change.victim) for i in change.restored_identifiers]
                self._held[change.victim] = dict(zip(change.restored_identifiers, restored, strict=True))
                removed = [holder.pop(i, change.survivor) for i in change.removed_identifiers]
                return {"restored_identifiers": restored, "removed_identifiers": removed}
            case CustomerErased():
                for customer in change.customers:
                    self._held.pop(customer, None)
                return {}
            case CardChanged() | MergePolicyChanged() | MergeCandidateCreated() | MergeCandidateResolved():
                return {}
        raise TypeError(f"not an event: {change!r}")


@dataclass
class Erasure:
    """The redaction for erasing `customers`: a person, the customer and those merged into it.

    Feed it the events that name them, in sequence order (`events`); then
    `merge` and `text` redact merge records and card log reasons with what
    the events taught. `values` seeds the erased values (those the customer
    holds now), for what the feed no longer tells (purged history).
    """

    customers: frozenset[str]  # resource names
    values: set[str] = field(default_factory=set)  # erased values, as text
    _moved: dict[str, MovedOrigins] = field(default_factory=dict)  # by merge name

    def events(self, changes: Iterable[Change]) -> list[Change]:
        """Each event as it is kept once the erasure happened, in the order given."""
        provenance = Provenance()
        kept = [self._scrub(change, provenance.apply(change)) for change in changes]
        # Card reasons last: a reason may quote a value the events tell of only later.
        return [replace(c, reason=self.text(c.reason)) if isinstance(c, CardChanged) else c for c in kept]

    def merge(self, merge: Merge) -> Merge:
        """The merge record as kept: the victim's identifiers by where they came from, the added ones the survivor's.

        Without the merge's event (purged), what the victim brought counts as its own.
        """
        moved = self._moved.get(merge.name, {})
        victim_gone, survivor_gone = merge.victim in self.customers, merge.survivor in self.customers

        def kept(scope: Scope, ident: IdentifierValue) -> IdentifierValue:
            origin = moved.get((scope, ident.type))
            return self._ident(ident, victim_gone if origin is None else origin in self.customers)

        trigger = merge.trigger
        return replace(
            merge,
            trigger=self._ident(trigger, survivor_gone) if trigger else None,
            moved_profiles=[
                Profile(p.scope, [kept(p.scope, i) for i in p.identifiers], p.create_time) for p in merge.moved_profiles
            ],
            added_identifiers=[
                ScopedIdentifier(i.scope, self._ident(i.ident, survivor_gone)) for i in merge.added_identifiers
            ],
        )

    def text(self, text: str) -> str:
        """Free text (a card log's reason) that quotes an erased value reads ERASED_TEXT."""
        return ERASED_TEXT if any(value in text for value in self.values) else text

    def _scrub(self, change: Change, origins: Origins) -> Change:
        if isinstance(change, MergeCandidateCreated):
            return self._candidate(change)
        updates: dict[str, object] = {
            name: self._scoped(getattr(change, name), of) for name, of in origins.items() if name != "trigger"
        }
        if isinstance(change, CustomersMerged):
            self._moved[change.merge] = {
                (i.scope, i.ident.type): origin
                for i, origin in zip(change.moved_identifiers, origins["moved_identifiers"], strict=True)
            }
            if change.trigger:
                updates["trigger"] = self._scoped([change.trigger], origins["trigger"])[0]
        return replace(change, **updates) if updates else change  # type: ignore[arg-type]

    def _candidate(self, change: MergeCandidateCreated) -> MergeCandidateCreated:
        """A candidate records a request of, or about merging into, the erased: its value goes whoever holds it
        (RULES 2.5.4), as the candidate's own record loses it. Not an erased value elsewhere: the survivor
        may be alive and keep it."""
        if not set(change.customers) & self.customers or not change.trigger.ident.value:
            return change
        trigger = ScopedIdentifier(change.trigger.scope, IdentifierValue(change.trigger.ident.type, ""))
        return replace(change, trigger=trigger)

    def _scoped(self, items: Sequence[ScopedIdentifier], origins: Sequence[str]) -> list[ScopedIdentifier]:
        return [
            ScopedIdentifier(i.scope, self._ident(i.ident, origin in self.customers))
            for i, origin in zip(items, origins, strict=True)
        ]

    def _ident(self, ident: IdentifierValue, erased: bool) -> IdentifierValue:
        if not erased or not ident.value:
            return ident
        self.values.add(ident.value)
        return IdentifierValue(ident.type, "")


def merge_names(changes: Iterable[Change]) -> set[str]:
    """The merges the events tell of: their records hold copies of the same identifiers."""
    return {c.merge for c in changes if isinstance(c, CustomersMerged | CustomersUnmerged)}


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
