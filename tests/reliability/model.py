"""A small in-memory reference model of SPEC section 2, written independently of the service.

It answers each operation with ("ok", ...) or the error reason the service must
give, and keeps the state the service must show. Values are already normalized.
Where several errors apply at once the model checks them in the order the
service documents (removes, then adds in request order, then the merge).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

Scope = tuple[int, str]  # (source, account_id)
Ident = tuple[int, str]  # (type, value)


class Refused(Exception):  # noqa: N818 (the model refuses; it is not an error of the test)
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Person:
    active: bool = True
    survivor: str | None = None
    profiles: dict[Scope, dict[int, str]] = field(default_factory=dict)
    cards: set[str] = field(default_factory=set)

    def holds_anything(self) -> bool:
        return bool(self.cards) or any(self.profiles.values())


@dataclass
class Model:
    card_limit: int
    people: dict[str, Person] = field(default_factory=dict)
    card_owner: dict[str, str | None] = field(default_factory=dict)

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

    # Operations (each all-or-nothing) ----------------------------------------------

    def _atomic(self, operation):
        saved = copy.deepcopy((self.people, self.card_owner))
        try:
            return operation()
        except Refused:
            self.people, self.card_owner = saved
            raise

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
            else:
                target = new_name
                self.people[target] = Person()
            for scope, idents in profiles:
                self.people[target].profiles[scope] = dict(idents)
            return target, bool(candidates)

        return self._atomic(run)

    def update(self, name: str, scope: Scope, add: list[Ident], remove: list[Ident]) -> str:
        """Returns the name of the customer that owns the scope's profile afterwards."""

        def run() -> str:
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
            target = name
            if candidates:
                [target] = candidates
                self._merge(name, target)
            target_profile = self.people[target].profiles.setdefault(scope, {})
            for kind, value in pending:
                if target_profile.get(kind, value) != value:
                    raise Refused("IDENTIFIER_TYPE_ALREADY_SET")
                target_profile[kind] = value
            if not target_profile:
                del self.people[target].profiles[scope]
            if not self.people[target].holds_anything():
                raise Refused("LAST_IDENTIFIER")
            return target

        return self._atomic(run)

    def merge(self, victim: str, survivor: str) -> None:
        def run() -> None:
            if victim == survivor:
                raise Refused("SAME_CUSTOMER")
            self._active(victim)
            self._active(survivor)
            self._merge(victim, survivor)

        self._atomic(run)

    def issue(self, name: str, number: str) -> None:
        def run() -> None:
            person = self._active(name)
            if self.card_owner[number] is not None:
                raise Refused("CARD_ALREADY_LINKED")
            if len(person.cards) >= self.card_limit:
                raise Refused("CARD_LIMIT_EXCEEDED")
            person.cards.add(number)
            self.card_owner[number] = name

        self._atomic(run)

    def unlink(self, number: str) -> None:
        def run() -> None:
            owner = self.card_owner[number]
            if owner is None:
                raise Refused("CARD_NOT_LINKED")
            self.people[owner].cards.discard(number)
            self.card_owner[number] = None
            if not self.people[owner].holds_anything():
                raise Refused("LAST_IDENTIFIER")

        self._atomic(run)

    def lookup(self, scope: Scope, ident: Ident) -> str:
        holder = self.holder_in_scope(scope, ident)
        if holder is None:
            raise Refused("CUSTOMER_NOT_FOUND")
        return holder

    # Helpers ---------------------------------------------------------------------------

    def _active(self, name: str) -> Person:
        person = self.people[name]
        if not person.active:
            raise Refused("CUSTOMER_MERGED")
        return person

    def _merge(self, victim: str, survivor: str) -> None:
        v, s = self.people[victim], self.people[survivor]
        if set(v.profiles) & set(s.profiles):
            raise Refused("PROFILE_CONFLICT")
        if len(v.cards) + len(s.cards) > self.card_limit:
            raise Refused("CARD_LIMIT_EXCEEDED")
        s.profiles.update(v.profiles)
        s.cards |= v.cards
        for number in v.cards:
            self.card_owner[number] = survivor
        v.profiles, v.cards, v.active, v.survivor = {}, set(), False, survivor
        for person in self.people.values():
            if person.survivor == victim:
                person.survivor = survivor
