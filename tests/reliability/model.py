"""A small in-memory reference model of RULES section 2, written independently of the service.

It answers each operation with ("ok", ...) or the error reason the service must
give, and keeps the state the service must show. Values are already normalized.
Where several errors apply at once the model checks them in the order the
service documents (removes, then adds in request order, then the merge).

Unmerge follows the UnmergeCustomers contract (identifier_service.proto): the
victim gets back exactly what it brought, what the merging request added goes
away, anything else that changed since refuses the whole undo, and the pair
is then blocked from automatic merges until an explicit one.

The merge policy (RULES 2.5.3-2.5.4) is asked where an automatic merge or a
create's combine would happen, after the rules that refuse it anyway: NEVER is
IDENTIFIER_TAKEN, REVIEW (or passing the limit) is MERGE_NEEDS_REVIEW and a
merge candidate, kept even though the request changed nothing else.

Erase follows the EraseCustomer contract (RULES 2.5.1): a merged name erases its
survivor; the erased customer keeps its name and its (DELETED) cards but holds
nothing, and every write naming it, or unmerge involving it, is CUSTOMER_ERASED.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

Scope = tuple[int, str]  # (source, account_id)
Ident = tuple[int, str]  # (type, value)
T = TypeVar("T")


class Refused(Exception):  # noqa: N818 (the model refuses; it is not an error of the test)
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NeedsReview(Refused):
    """MERGE_NEEDS_REVIEW: the model keeps a candidate for it (the caller records it, named by the service)."""

    def __init__(self, key: CandidateKey) -> None:
        super().__init__("MERGE_NEEDS_REVIEW")
        self.key = key


# (victim or None for a create, survivor, trigger scope, trigger identifier): one pending candidate each.
CandidateKey = tuple[str | None, str, Scope, Ident]
# The recorded request: ("update", name, scope, add, remove) or ("create", profiles).
Recorded = tuple


@dataclass
class Candidate:
    key: CandidateKey
    request: Recorded
    state: str = "PENDING"


@dataclass
class Person:
    active: bool = True  # not merged away (an erased customer stays "active": reads answer it)
    erased: bool = False
    survivor: str | None = None
    profiles: dict[Scope, dict[int, str]] = field(default_factory=dict)
    cards: set[str] = field(default_factory=set)

    def holds_anything(self) -> bool:
        return bool(self.cards) or any(self.profiles.values())


@dataclass
class MergeRecord:
    """What one merge moved, as the model saw it: all an unmerge needs."""

    victim: str
    survivor: str
    profiles: dict[Scope, dict[int, str]]  # the victim's profiles as they moved
    cards: dict[str, int]  # the victim's cards, with how often each had been issued then
    repointed: set[str]  # earlier victims of the victim, pointed at the survivor
    added: set[tuple[Scope, Ident]]  # what the merging request added (its trigger among them)
    undone: bool = False


@dataclass
class Model:
    card_limit: int
    people: dict[str, Person] = field(default_factory=dict)
    card_owner: dict[str, str | None] = field(default_factory=dict)
    card_issues: dict[str, int] = field(default_factory=dict)  # IssueCard calls per card
    merges: dict[str, MergeRecord] = field(default_factory=dict)
    blocks: set[frozenset[str]] = field(default_factory=set)  # pairs unmerged as two people
    modes: dict[int, str] = field(default_factory=dict)  # identifier type -> AUTO, REVIEW or NEVER
    limit: int = 0  # max_merged_customers, 0: none
    candidates: dict[str, Candidate] = field(default_factory=dict)  # by the service's name
    approved: bool = False  # running an accepted candidate: the policy is not asked

    # Queries -------------------------------------------------------------------

    def resolve(self, name: str) -> str:
        person = self.people[name]
        return name if person.active else str(person.survivor)

    def holder_in_scope(self, scope: Scope, ident: Ident) -> str | None:
        for name, person in self.people.items():
            if person.active and person.profiles.get(scope, {}).get(ident[0]) == ident[1]:
                return name
        return None

    def owners(self, ident: Ident) -> set[str]:
        return {
            name
            for name, person in self.people.items()
            if person.active and any(p.get(ident[0]) == ident[1] for p in person.profiles.values())
        }

    def merged_into(self, name: str) -> set[str]:
        return {other for other, person in self.people.items() if not person.active and person.survivor == name}

    def holdings(self) -> dict[str, set[tuple[int, str, int, str]]]:
        """Each active customer holding identifiers, with (source, account, type, value) of each."""
        held = {
            name: {(*scope, *ident) for scope, p in person.profiles.items() for ident in p.items()}
            for name, person in self.people.items()
            if person.active
        }
        return {name: items for name, items in held.items() if items}

    # Operations (each all-or-nothing) ----------------------------------------------

    def _atomic(self, operation: Callable[[], T], dry_run: bool = False) -> T:
        fields = ("people", "card_owner", "card_issues", "merges", "blocks", "candidates")
        saved = copy.deepcopy([getattr(self, name) for name in fields])
        try:
            result = operation()
        except Refused:
            dry_run = True
            raise
        finally:
            if dry_run:
                for name, value in zip(fields, saved, strict=True):
                    setattr(self, name, value)
        return result

    def create(self, new_name: str, profiles: list[tuple[Scope, list[Ident]]]) -> tuple[str, bool]:
        """Returns (customer name, combined with an existing one)."""

        def run() -> tuple[str, bool]:
            candidates: set[str] = set()
            for scope, idents in profiles:
                for ident in idents:
                    if self.holder_in_scope(scope, ident) is not None:
                        raise Refused("IDENTIFIER_TAKEN")
                    candidates |= self.owners(ident)
            if len(candidates) > 1:
                raise Refused("AMBIGUOUS_MERGE")
            if candidates:
                [target] = candidates
                if set(self.people[target].profiles) & {scope for scope, _ in profiles}:
                    raise Refused("PROFILE_CONFLICT")
                proofs = [(scope, i) for scope, idents in profiles for i in idents if target in self.owners(i)]
                self._ask_policy(None, target, proofs, merged_after=0)
            else:
                target = new_name
                self.people[target] = Person()
            for scope, idents in profiles:
                self.people[target].profiles[scope] = dict(idents)
            return target, bool(candidates)

        return self._atomic(run)

    def update(
        self, name: str, scope: Scope, add: list[Ident], remove: list[Ident], merge_name: str
    ) -> tuple[str, MergeRecord | None]:
        """Returns the customer that owns the scope's profile afterwards, and the merge made (named merge_name)."""

        def run() -> tuple[str, MergeRecord | None]:
            person = self._active(name)
            profile = person.profiles.setdefault(scope, {})
            for ident in remove:
                if profile.get(ident[0]) != ident[1]:
                    raise Refused("IDENTIFIER_NOT_FOUND")
                del profile[ident[0]]
            pending: list[Ident] = []
            candidates: set[str] = set()
            for ident in add:
                if profile.get(ident[0]) == ident[1] or ident in pending:
                    continue  # ALREADY_PRESENT
                if self.holder_in_scope(scope, ident) is not None:
                    raise Refused("IDENTIFIER_TAKEN")
                if ident[0] in profile or ident[0] in {t for t, _ in pending}:
                    raise Refused("IDENTIFIER_TYPE_ALREADY_SET")
                candidates |= self.owners(ident) - {name}
                pending.append(ident)
            if not profile:
                del person.profiles[scope]
            if len(candidates) > 1:
                raise Refused("AMBIGUOUS_MERGE")
            target, record = name, None
            if candidates:
                [target] = candidates
                proofs = [(scope, i) for i in pending if target in self.owners(i)]
                record = self._merge(
                    name, target, merge_name, automatic=True, added={(scope, i) for i in pending}, proofs=proofs
                )
            target_profile = self.people[target].profiles.setdefault(scope, {})
            for kind, value in pending:
                if target_profile.get(kind, value) != value:
                    raise Refused("IDENTIFIER_TYPE_ALREADY_SET")
                target_profile[kind] = value
            if not target_profile:
                del self.people[target].profiles[scope]
            if not self.people[target].holds_anything():
                raise Refused("LAST_IDENTIFIER")
            return target, copy.deepcopy(record)

        return self._atomic(run)

    def merge(self, victim: str, survivor: str, merge_name: str) -> MergeRecord:
        def run() -> MergeRecord:
            if victim == survivor:
                raise Refused("SAME_CUSTOMER")
            self._active(victim)
            self._active(survivor)
            return copy.deepcopy(self._merge(victim, survivor, merge_name, automatic=False, added=set()))

        return self._atomic(run)

    def unmerge(self, merge_name: str, dry_run: bool = False) -> tuple[str, Person, str, Person]:
        """Returns (victim, its state, holder, its state) after the unmerge (or as it would be)."""

        def run() -> tuple[str, Person, str, Person]:
            record = self.merges.get(merge_name)
            if record is None:
                raise Refused("MERGE_NOT_FOUND")
            if self.people[record.victim].erased or self.people[record.survivor].erased:
                raise Refused("CUSTOMER_ERASED")
            victim = self.people[record.victim]
            if record.undone or victim.active:
                raise Refused("UNMERGE_CONFLICT")
            holder_name = str(victim.survivor)
            holder = self.people[holder_name]
            if holder.erased:
                raise Refused("CUSTOMER_ERASED")
            for scope, brought in record.profiles.items():
                now = holder.profiles.get(scope, {})
                if any(now.get(kind) != value for kind, value in brought.items()):
                    raise Refused("UNMERGE_CONFLICT")  # removed or moved since
                extra = {(kind, value) for kind, value in now.items() if brought.get(kind) != value}
                if any((scope, ident) not in record.added for ident in extra):
                    raise Refused("UNMERGE_CONFLICT")  # the holder added to a profile the victim brought
            for number, issues in record.cards.items():
                if self.card_owner[number] != holder_name or self.card_issues[number] != issues:
                    raise Refused("UNMERGE_CONFLICT")  # unlinked, or unlinked and issued again
            for scope, (kind, value) in record.added:
                if holder.profiles.get(scope, {}).get(kind) == value:
                    del holder.profiles[scope][kind]
            for scope in record.profiles:
                del holder.profiles[scope]
            holder.profiles = {scope: p for scope, p in holder.profiles.items() if p}
            brought_idents = {i for p in record.profiles.values() for i in p.items()}
            if any(i in brought_idents for p in holder.profiles.values() for i in p.items()):
                raise Refused("UNMERGE_CONFLICT")  # a value may belong to one customer only
            holder.cards -= set(record.cards)
            victim.profiles, victim.cards = copy.deepcopy(record.profiles), set(record.cards)
            victim.active, victim.survivor = True, None
            for number in record.cards:
                self.card_owner[number] = record.victim
            for other in record.repointed:
                if self.people[other].survivor == holder_name:
                    self.people[other].survivor = record.victim
            if not holder.holds_anything() or not victim.holds_anything():
                raise Refused("UNMERGE_CONFLICT")  # no active customer holds nothing
            record.undone = True
            self.blocks.add(frozenset((record.victim, record.survivor)))
            return record.victim, copy.deepcopy(victim), holder_name, copy.deepcopy(holder)

        return self._atomic(run, dry_run)

    def issue(self, name: str, number: str) -> None:
        def run() -> None:
            person = self._active(name)
            if self.card_owner[number] is not None:
                raise Refused("CARD_ALREADY_LINKED")
            if len(person.cards) >= self.card_limit:
                raise Refused("CARD_LIMIT_EXCEEDED")
            person.cards.add(number)
            self.card_owner[number] = name
            self.card_issues[number] = self.card_issues.get(number, 0) + 1

        self._atomic(run)

    def unlink(self, number: str) -> None:
        def run() -> None:
            owner = self.card_owner[number]
            if owner is None:
                raise Refused("CARD_NOT_LINKED")
            if self.people[owner].erased:
                raise Refused("INVALID_STATUS_TRANSITION")  # its cards are DELETED, which is final
            self.people[owner].cards.discard(number)
            self.card_owner[number] = None
            if not self.people[owner].holds_anything():
                raise Refused("LAST_IDENTIFIER")

        self._atomic(run)

    def erase(self, name: str, dry_run: bool = False) -> tuple[str, set[str], set[Ident]]:
        """Returns (the erased customer, the names erased with it, the values erased); nothing twice."""

        def run() -> tuple[str, set[str], set[Ident]]:
            target = self.resolve(name)
            person = self.people[target]
            if person.erased:
                return target, set(), set()
            values = {ident for profile in person.profiles.values() for ident in profile.items()}
            person.profiles, person.cards, person.erased = {}, set(), True  # its cards stay its own, DELETED
            names = {target} | self.merged_into(target)
            for candidate in self.candidates.values():
                if candidate.state == "PENDING" and {candidate.key[0], candidate.key[1]} & names:
                    candidate.state = "OBSOLETE"
            return target, names, values

        return self._atomic(run, dry_run)

    def set_policy(self, modes: dict[int, str], limit: int) -> bool:
        """Whether the policy changed (a feed event)."""
        changed = (self.modes, self.limit) != (modes, limit)
        self.modes, self.limit = dict(modes), limit
        return changed

    def accept(self, name: str, merge_name: str, new_name: str) -> tuple[str, MergeRecord | None]:
        """The candidate's request run now, the policy not asked: it must merge into the survivor."""

        def run() -> tuple[str, MergeRecord | None]:
            candidate = self.candidates[name]
            if candidate.state != "PENDING":
                raise Refused("CANDIDATE_NOT_PENDING")
            victim, survivor = candidate.key[0], candidate.key[1]
            self.approved = True
            try:
                if candidate.request[0] == "update":
                    _, customer, scope, add, remove = candidate.request
                    target, record = self.update(customer, scope, add, remove, merge_name)
                    if record is None or (record.victim, record.survivor) != (victim, survivor):
                        raise Refused("CANDIDATE_OUTDATED")
                else:
                    target, combined = self.create(new_name, candidate.request[1])
                    record = None
                    if not combined or target != survivor:
                        raise Refused("CANDIDATE_OUTDATED")
            finally:
                self.approved = False
            candidate.state = "ACCEPTED"
            return target, record

        return self._atomic(run)

    def reject(self, name: str) -> None:
        candidate = self.candidates[name]
        if candidate.state != "PENDING":
            raise Refused("CANDIDATE_NOT_PENDING")
        candidate.state = "REJECTED"
        if candidate.key[0] is not None:
            self.blocks.add(frozenset((candidate.key[0], candidate.key[1])))

    def lookup(self, scope: Scope, ident: Ident) -> str:
        holder = self.holder_in_scope(scope, ident)
        if holder is None:
            raise Refused("CUSTOMER_NOT_FOUND")
        return holder

    def find(self, scope: Scope | None, ident: Ident) -> tuple[str, int, str]:
        """FindCustomers' answer to one query: (holder or "", source, account_id); scope None: any scope."""
        if scope is not None:
            holder = self.holder_in_scope(scope, ident)
            return (holder, *scope) if holder else ("", 0, "")
        owners = self.owners(ident)
        assert len(owners) <= 1, f"{ident} is held by {owners}"
        for name in owners:
            held = [s for s, values in self.people[name].profiles.items() if values.get(ident[0]) == ident[1]]
            return (name, *min(held))
        return ("", 0, "")

    # Helpers ---------------------------------------------------------------------------

    def _active(self, name: str) -> Person:
        person = self.people[name]
        if person.erased:
            raise Refused("CUSTOMER_ERASED")
        if not person.active:
            raise Refused("CUSTOMER_MERGED")
        return person

    def _ask_policy(
        self, victim: str | None, survivor: str, proofs: list[tuple[Scope, Ident]], merged_after: int
    ) -> None:
        """NEVER over REVIEW over AUTO; past the limit an otherwise automatic merge goes to review."""
        if self.approved:
            return
        modes = [self.modes.get(ident[0], "AUTO") for _, ident in proofs]
        if "NEVER" in modes:
            raise Refused("IDENTIFIER_TAKEN")
        review = next((ident[0] for (_, ident), mode in zip(proofs, modes, strict=True) if mode == "REVIEW"), None)
        if (self.limit and merged_after > self.limit) or review is not None:
            scope, ident = next(((s, i) for s, i in proofs if i[0] == review), proofs[0])
            raise NeedsReview((victim, survivor, scope, ident))

    def pending_candidate(self, key: CandidateKey) -> str | None:
        return next((n for n, c in self.candidates.items() if c.key == key and c.state == "PENDING"), None)

    def _blocked(self, a: str, b: str) -> set[frozenset[str]]:
        """Blocked pairs with one customer on each side, a side being a customer and those merged into it."""
        side_a, side_b = {a} | self.merged_into(a), {b} | self.merged_into(b)
        return {pair for pair in self.blocks if len(pair & side_a) == 1 and len(pair & side_b) == 1}

    def _merge(
        self,
        victim: str,
        survivor: str,
        merge_name: str,
        automatic: bool,
        added: set[tuple[Scope, Ident]],
        proofs: list[tuple[Scope, Ident]] | None = None,
    ) -> MergeRecord:
        blocked = self._blocked(victim, survivor)
        if blocked and automatic:
            raise Refused("MERGE_BLOCKED")
        self.blocks -= blocked  # an explicit merge overrules earlier unmerges
        v, s = self.people[victim], self.people[survivor]
        if set(v.profiles) & set(s.profiles):
            raise Refused("PROFILE_CONFLICT")
        if len(v.cards) + len(s.cards) > self.card_limit:
            raise Refused("CARD_LIMIT_EXCEEDED")
        if automatic and proofs:
            merged_after = len(self.merged_into(survivor) | self.merged_into(victim) | {victim})
            self._ask_policy(victim, survivor, proofs, merged_after)
        record = MergeRecord(
            victim=victim,
            survivor=survivor,
            profiles=copy.deepcopy(v.profiles),
            cards={number: self.card_issues[number] for number in v.cards},
            repointed=self.merged_into(victim),
            added=added,
        )
        self.merges[merge_name] = record
        s.profiles.update(v.profiles)
        s.cards |= v.cards
        for number in v.cards:
            self.card_owner[number] = survivor
        v.profiles, v.cards, v.active, v.survivor = {}, set(), False, survivor
        for person in self.people.values():
            if person.survivor == victim:
                person.survivor = survivor
        return record
