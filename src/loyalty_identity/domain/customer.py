"""The Customer aggregate: one customer with its profiles, the cards it holds and the customers merged into it.

Every rule of RULES 2.3-2.5 about one customer's identity lives here: which
identifiers a request may remove or add, when an add means a merge, what a
merge moves and when it is refused. Methods that change the customer return
the domain events they caused; those events are the one description of the
change — the store writes its tables from them, the feed publishes them,
metrics count them.

What lies outside one customer comes in as facts read beforehand: who holds
the request's identifiers (`Holders`), whether an unmerge keeps two customers
apart, the limits of card series. The aggregate never reads a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from loyalty_identity.domain import cards as card_rules
from loyalty_identity.domain.cards import LIVE_STATUSES, SeriesLimit, StoredCard
from loyalty_identity.domain.errors import DomainError, Reason, not_found, refused
from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomerErased,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merge_policy import (
    DEFAULT_POLICY,
    Decision,
    MergeMode,
    MergePolicy,
    ReviewDraft,
    needs_review,
    never_merges,
)
from loyalty_identity.domain.merging import check_no_shared_scope, single_survivor
from loyalty_identity.domain.model import (
    Card,
    CardStatus,
    Customer,
    CustomerState,
    Merge,
    Profile,
    ScopedIdentifier,
    Warning,
    WarningCode,
)
from loyalty_identity.domain.names import customer_name, merge_name, new_id
from loyalty_identity.domain.requests import ParsedIdentifier, ParsedProfile, already_present
from loyalty_identity.domain.scopes import Scope


@dataclass(frozen=True)
class Holders:
    """Who holds the identifiers a request names, read in one query before the rules run.

    in_scope: the customer (id) holding (scope, identifier); anywhere: the
    active customer holding the value in any scope of the org (at most one).
    """

    in_scope: Mapping[tuple[Scope, IdentifierValue], str] = field(default_factory=dict)
    anywhere: Mapping[IdentifierValue, str] = field(default_factory=dict)
    policy: MergePolicy = DEFAULT_POLICY  # the org's merge policy (SPEC 7.1), read with the holders
    # Suppression (domain/suppression.py), read with the holders when the write asked:
    # the values found suppressed, and whether a keyless server found the org has any.
    suppressed: frozenset[IdentifierValue] = frozenset()
    org_has_suppressions: bool = False


@dataclass
class ProfileState:
    values: dict[IdentifierType, str]
    create_time: datetime

    def identifiers(self) -> list[IdentifierValue]:
        return sorted((IdentifierValue(t, v) for t, v in self.values.items()), key=lambda i: (i.type, i.value))


@dataclass
class AddPlan:
    """UpdateIdentifiers' adds sorted out before anything changes (RULES 2.5 step 3)."""

    pending: list[ParsedIdentifier]  # to add, to this customer or to its survivor
    survivor: str | None  # id of the one customer the adds prove to be the same person
    trigger: ParsedIdentifier | None  # the first add that proves it
    proofs: list[IdentifierValue]  # the survivor must still hold these once it is locked
    warnings: list[Warning]
    proof_items: list[ParsedIdentifier] = field(default_factory=list)  # the adds that prove it, in order


@dataclass
class NewCustomerPlan:
    """CreateCustomer sorted out: a new customer, or the profiles go to an existing one."""

    survivor: str | None
    proofs: list[IdentifierValue]
    proof_items: list[tuple[Scope, ParsedIdentifier]] = field(default_factory=list)  # what proves it, where


def read_model(
    customer_id: str,
    state: CustomerState,
    profiles: list[Profile],
    cards: list[Card],
    survivor: str,
    victims: Iterable[str],
    create_time: datetime,
    update_time: datetime,
) -> Customer:
    """What a reader sees of a customer: the aggregate's to_read_model() and the store's read
    path (straight from a row) both make it here. profiles and cards in their listed order."""
    erased = state is CustomerState.ERASED
    return Customer(
        name=customer_name(customer_id),
        state=state,
        profiles=profiles,
        # An erased customer's DELETED cards stay linked to it (ListCards), but it lists none.
        cards=[] if erased else cards,
        survivor=customer_name(survivor) if survivor else "",
        merged_customers=[customer_name(victim) for victim in sorted(victims)],
        create_time=create_time,
        update_time=update_time,
        # Nothing changes an erased customer after its erasure: its last update is the erasure.
        erase_time=update_time if erased else None,
    )


@dataclass
class CustomerAggregate:
    id: str
    state: CustomerState
    survivor: str  # id of the customer it was merged into; "" while active
    profiles: dict[Scope, ProfileState]
    cards: dict[str, Card]  # by number; status as a reader sees it (expired past expire_time)
    victims: set[str]  # ids of the customers merged into it
    create_time: datetime
    update_time: datetime

    @property
    def name(self) -> str:
        return customer_name(self.id)

    # Creating -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, profiles: list[ParsedProfile], now: datetime, customer_id: str | None = None
    ) -> tuple[CustomerAggregate, list[Change]]:
        """A new customer with the profiles' identifiers (cards are linked afterwards)."""
        customer = cls(customer_id or new_id(), CustomerState.ACTIVE, "", {}, {}, set(), now, now)
        added = customer._add_profiles(profiles, now)
        return customer, [CustomerCreated(customer.name, added)]

    def combine(
        self,
        profiles: list[ParsedProfile],
        now: datetime,
        policy: MergePolicy = DEFAULT_POLICY,
        proofs: Sequence[tuple[Scope, ParsedIdentifier]] = (),
    ) -> tuple[list[Change], Warning]:
        """CreateCustomer whose identifiers this customer holds elsewhere: the profiles come here (RULES 2.5),
        if the org's merge policy lets the proving types combine on their own (SPEC 7.1: no customer
        is merged into this one, so no limit applies)."""
        new_scopes = {p.scope for p in profiles if p.profile_identifiers}
        check_no_shared_scope(new_scopes, set(self.profiles), "the new profiles", self.name)
        if proofs:
            decision = policy.decide([p.ident.type for _, p in proofs], len(self.victims))
            apply_policy(policy, decision, proofs, self, victim_id="")
        added = self._add_profiles(profiles, now)
        self.update_time = now
        warning = Warning(
            WarningCode.COMBINED_WITH_EXISTING,
            f"an identifier already belongs to {self.name}: the profiles were added to it",
            {"customer": self.name},
        )
        return ([IdentifiersChanged(self.name, added=added)] if added else []), warning

    def _add_profiles(self, profiles: list[ParsedProfile], now: datetime) -> list[ScopedIdentifier]:
        added = []
        for profile in profiles:
            items = profile.profile_identifiers
            if items:
                self.profiles[profile.scope] = ProfileState({i.ident.type: i.ident.value for i in items}, now)
                added += [ScopedIdentifier(profile.scope, i.ident) for i in items]
        return added

    # Reading --------------------------------------------------------------------------

    def ensure_active(self) -> None:
        if self.state is CustomerState.ERASED:
            raise customer_erased(self.name)
        if self.state is not CustomerState.ACTIVE:
            survivor = customer_name(self.survivor)
            raise refused(
                Reason.CUSTOMER_MERGED, f"{self.name} was merged into {survivor}", customer=self.name, survivor=survivor
            )

    def holds(self, scope: Scope, ident: IdentifierValue) -> bool:
        profile = self.profiles.get(scope)
        return profile is not None and profile.values.get(ident.type) == ident.value

    def live_cards(self) -> dict[str, int]:
        """Live cards (issued, active, suspended, not past expiry) by series id: what limits count."""
        counts: dict[str, int] = {}
        for card in self.cards.values():
            if card.status in LIVE_STATUSES:
                counts[card.series_id] = counts.get(card.series_id, 0) + 1
        return counts

    def to_read_model(self) -> Customer:
        return read_model(
            self.id,
            self.state,
            [
                Profile(scope, self.profiles[scope].identifiers(), self.profiles[scope].create_time)
                for scope in sorted(self.profiles, key=lambda s: (s.source, s.account_id))
            ],
            [self.cards[number] for number in sorted(self.cards)],
            self.survivor,
            self.victims,
            self.create_time,
            self.update_time,
        )

    # UpdateIdentifiers (RULES 2.5) -----------------------------------------------------

    def remove_identifiers(self, scope: Scope, items: list[ParsedIdentifier]) -> list[ScopedIdentifier]:
        """Step 2: each must be on the profile in scope; a profile left empty goes (cards aside)."""
        removed = []
        for item in items:
            if item.is_card:
                continue
            if not self.holds(scope, item.ident):
                raise identifier_not_found(
                    item, self.name, f"the customer's profile in {scope} has no such {item.ident.type.name}"
                )
            del self.profiles[scope].values[item.ident.type]
            removed.append(ScopedIdentifier(scope, item.ident))
        if scope in self.profiles and not self.profiles[scope].values:
            # A profile lives while it holds identifiers; an empty one would
            # only block later merges with PROFILE_CONFLICT.
            del self.profiles[scope]
        return removed

    def plan_adds(self, scope: Scope, items: list[ParsedIdentifier], holders: Holders) -> AddPlan:
        """Step 3: sort the adds into new ones, present ones and merge triggers; refuse what breaks a rule.

        holders was read before this request's removals: a value this customer
        held and just removed counts as free.
        """
        profile = self.profiles.get(scope)
        held = dict(profile.values) if profile else {}
        plan = AddPlan([], None, None, [], [])
        candidates: list[str] = []
        for item in items:
            ident = item.ident
            if item.is_card:
                continue
            if held.get(ident.type) == ident.value:
                plan.warnings.append(already_present(item))
                continue
            holder = holders.in_scope.get((scope, ident))
            if holder is not None and holder != self.id:
                raise identifier_taken(item, scope, holder)
            if ident.type in held:
                raise type_already_set(item, scope)
            owner = holders.anywhere.get(ident)
            if owner is not None and owner != self.id:
                candidates.append(owner)
                plan.proofs.append(ident)
                plan.proof_items.append(item)
                plan.trigger = plan.trigger or item
            held[ident.type] = ident.value
            plan.pending.append(item)
        plan.survivor = single_survivor(candidates, self.name)
        return plan

    def add_identifiers(self, scope: Scope, items: list[ParsedIdentifier], now: datetime) -> list[ScopedIdentifier]:
        """Put the planned adds on the profile in scope (created if needed), one value per type."""
        if not items:
            return []
        profile = self.profiles.get(scope)
        if profile is None:
            profile = self.profiles[scope] = ProfileState({}, now)
        for item in items:
            # After a merge this may be the survivor's own profile: it too holds one value per type.
            current = profile.values.get(item.ident.type)
            if current is not None and current != item.ident.value:
                raise type_already_set(item, scope)
        for item in items:
            profile.values[item.ident.type] = item.ident.value
        return [ScopedIdentifier(scope, item.ident) for item in items]

    @property
    def holds_anything(self) -> bool:
        """An identifier or a card: what finds the customer again."""
        return bool(self.cards) or any(p.values for p in self.profiles.values())

    def require_holdings(self, name: str) -> None:
        """A customer keeps at least one identifier or card, or nothing could find it again."""
        if not self.holds_anything:
            raise refused(Reason.LAST_IDENTIFIER, "a customer must keep at least one identifier or card", customer=name)

    # Merging (RULES 2.5 step 4) ---------------------------------------------------------

    def merge_into(
        self,
        survivor: CustomerAggregate,
        *,
        now: datetime,
        blocked: bool,
        series: Mapping[str, SeriesLimit],
        request_id: str = "",
        trigger_scope: Scope | None = None,
        trigger: IdentifierValue | None = None,
        added: list[ScopedIdentifier] | None = None,
        policy: MergePolicy = DEFAULT_POLICY,
        proofs: Sequence[tuple[Scope, ParsedIdentifier]] = (),
    ) -> tuple[Merge, CustomersMerged]:
        """Move everything of this customer (the victim) to survivor, or refuse and change nothing.

        blocked: an unmerge keeps the two apart (only an explicit merge, with no
        trigger, overrules it). added: what the merging request adds next (its
        trigger among them), kept so that an unmerge can take it away again.
        policy and proofs: an automatic merge (the adds that prove it) is the
        org's merge policy's to allow, once the rules above found nothing
        against it (SPEC 7.1); an explicit one passes no proofs and is never stopped.
        """
        if blocked and trigger is not None:
            raise refused(
                Reason.MERGE_BLOCKED,
                f"{self.name} and {survivor.name} were unmerged as two different people; "
                "only MergeCustomers may merge them again",
                victim=self.name,
                survivor=survivor.name,
            )
        check_no_shared_scope(set(self.profiles), set(survivor.profiles), self.name, survivor.name)
        self._check_card_limits(survivor, series)
        if proofs:
            merged_after = len(survivor.victims | self.victims | {self.id})
            decision = policy.decide([p.ident.type for _, p in proofs], merged_after)
            apply_policy(policy, decision, proofs, survivor, victim_id=self.id)
        moved_profiles = self.to_read_model().profiles
        moved_cards = sorted(self.cards)
        repointed = [customer_name(victim) for victim in sorted(self.victims)]
        survivor.profiles.update(self.profiles)
        survivor.cards.update({n: replace(card, customer=survivor.name) for n, card in self.cards.items()})
        survivor.victims |= self.victims | {self.id}
        survivor.update_time = now
        self.profiles, self.cards, self.victims = {}, {}, set()
        self.state, self.survivor, self.update_time = CustomerState.MERGED, survivor.id, now
        merge = Merge(
            name=merge_name(new_id()),
            victim=self.name,
            survivor=survivor.name,
            trigger_scope=trigger_scope,
            trigger=trigger,
            request_id=request_id,
            create_time=now,
            moved_profiles=moved_profiles,
            moved_cards=moved_cards,
            repointed_customers=repointed,
            added_identifiers=list(added or []),
        )
        event = CustomersMerged(
            merge.name,
            self.name,
            survivor.name,
            [ScopedIdentifier(p.scope, i) for p in moved_profiles for i in p.identifiers],
            moved_cards,
            repointed,
            ScopedIdentifier(trigger_scope, trigger) if trigger_scope and trigger else None,
        )
        return merge, event

    def _check_card_limits(self, survivor: CustomerAggregate, series: Mapping[str, SeriesLimit]) -> None:
        """A merge may not give the survivor more live cards of a series than it allows."""
        mine, theirs = self.live_cards(), survivor.live_cards()
        for series_id in sorted(mine):
            limit = series[series_id].limit
            total = mine[series_id] + theirs.get(series_id, 0)
            if limit and total > limit:
                raise refused(
                    Reason.CARD_LIMIT_EXCEEDED,
                    f"the merge would give {survivor.name} {total} live cards of series {series[series_id].code} "
                    f"(at most {limit})",
                    customer=survivor.name,
                    series_id=series_id,
                    limit=str(limit),
                )

    # Unmerging -----------------------------------------------------------------------

    def unmerge(
        self,
        victim: CustomerAggregate,
        merge: Merge,
        *,
        value_owners: Mapping[IdentifierValue, str],
        card_owners: Mapping[str, str],
        now: datetime,
    ) -> CustomersUnmerged:
        """Undo merge of victim into this customer, which holds the victim's things now: all or nothing.

        The victim gets back exactly the profiles (with their identifiers) and
        cards it brought; what the merging request added (its trigger among
        them) goes; this customer keeps everything else. Whatever the victim
        brought that changed since refuses it (UNMERGE_CONFLICT). value_owners:
        who holds each brought value now; card_owners: who holds each brought
        card now (both only to say so in a refusal).
        """
        if merge.unmerge_time is not None:
            raise unmerge_conflict(merge, "already_unmerged", f"it was undone at {merge.unmerge_time.isoformat()}")
        if victim.state is not CustomerState.MERGED:
            raise unmerge_conflict(merge, "victim_active", f"{merge.victim} is not merged any more")
        removals, emptied = self._plan_unmerge(merge, value_owners)
        for number in merge.moved_cards:
            card = self.cards.get(number)
            if card is None:
                owner = card_owners.get(number, "")
                raise unmerge_conflict(
                    merge,
                    "card_moved",
                    f"card {number} left {self.name} since",
                    card=number,
                    customer=customer_name(owner) if owner else "",
                )
            if card.issue_time and card.issue_time > merge.create_time:
                raise unmerge_conflict(merge, "card_reissued", f"card {number} was issued again since", card=number)
        for item in removals:
            del self.profiles[item.scope].values[item.ident.type]
        for scope in emptied:
            del self.profiles[scope]
        for profile in merge.moved_profiles:
            victim.profiles[profile.scope] = self.profiles.pop(profile.scope)
        for number in merge.moved_cards:
            victim.cards[number] = replace(self.cards.pop(number), customer=victim.name)
        repointed = [name.removeprefix("customers/") for name in merge.repointed_customers]
        restored = [customer_id for customer_id in repointed if customer_id in self.victims]
        self.victims -= {victim.id, *restored}
        victim.victims = set(restored)
        victim.state, victim.survivor = CustomerState.ACTIVE, ""
        victim.update_time = self.update_time = now
        for left, blocker in ((self, "survivor_left_empty"), (victim, "victim_left_empty")):
            if not left.holds_anything:
                # The victim's request may have removed all it had before merging: it would come back empty.
                raise unmerge_conflict(
                    merge, blocker, f"{left.name} would keep no identifier or card", customer=left.name
                )
        return CustomersUnmerged(
            merge=merge.name,
            victim=merge.victim,
            survivor=self.name,
            restored_identifiers=[ScopedIdentifier(p.scope, i) for p in merge.moved_profiles for i in p.identifiers],
            removed_identifiers=removals,
            restored_cards=list(merge.moved_cards),
            restored_customers=[customer_name(customer_id) for customer_id in restored],
        )

    def _plan_unmerge(
        self, merge: Merge, value_owners: Mapping[IdentifierValue, str]
    ) -> tuple[list[ScopedIdentifier], list[Scope]]:
        """What the merging request added (to take away) and the profiles that leaves empty; or a conflict."""
        added: dict[Scope, set[IdentifierValue]] = {}
        for item in merge.added_identifiers:
            added.setdefault(item.scope, set()).add(item.ident)
        brought_scopes = {p.scope for p in merge.moved_profiles}
        for profile in merge.moved_profiles:
            current = self.profiles.get(profile.scope)
            have = set(current.identifiers()) if current else set()
            missing = sorted(set(profile.identifiers) - have, key=str)
            if current is None or missing:
                if not missing:  # a profile that held nothing (never stored: profiles need an identifier)
                    raise unmerge_conflict(
                        merge, "identifier_changed", f"its profile in {profile.scope} is gone", scope=str(profile.scope)
                    )
                owner = value_owners.get(missing[0], "")
                raise unmerge_conflict(
                    merge,
                    "identifier_changed",
                    f"the {missing[0].type.name} it brought in {profile.scope} was removed or moved since",
                    scope=str(profile.scope),
                    identifier_type=missing[0].type.name,
                    customer=customer_name(owner) if owner else "",
                )
            extra = sorted(have - set(profile.identifiers) - added.get(profile.scope, set()), key=str)
            if extra:
                raise unmerge_conflict(
                    merge,
                    "identifier_added",
                    f"{self.name} added a {extra[0].type.name} in {profile.scope} since",
                    scope=str(profile.scope),
                    identifier_type=extra[0].type.name,
                    customer=self.name,
                )
            for ident in profile.identifiers:
                # Where the merging request itself added the value again is taken away with the rest.
                readded = {scope for scope, idents in added.items() if ident in idents}
                elsewhere = sorted(self.scopes_holding(ident) - brought_scopes - readded, key=str)
                if elsewhere:
                    raise unmerge_conflict(
                        merge,
                        "identifier_added",
                        f"{self.name} also holds the {ident.type.name} it brought in {elsewhere[0]} now",
                        scope=str(elsewhere[0]),
                        identifier_type=ident.type.name,
                        customer=self.name,
                    )
        removals: list[ScopedIdentifier] = []
        emptied: list[Scope] = []
        for scope, idents in sorted(added.items(), key=lambda item: str(item[0])):
            current = self.profiles.get(scope)
            if current is None:
                continue  # removed since: nothing left to take away
            still = [i for i in current.identifiers() if i in idents]
            removals += [ScopedIdentifier(scope, i) for i in still]
            if scope not in brought_scopes and len(still) == len(current.values):
                emptied.append(scope)
        return removals, emptied

    def scopes_holding(self, ident: IdentifierValue) -> set[Scope]:
        return {scope for scope, profile in self.profiles.items() if profile.values.get(ident.type) == ident.value}

    # Erasing (RULES 2.5.1) ----------------------------------------------------------------

    def erase(self, now: datetime) -> tuple[list[IdentifierValue], CustomerErased | None]:
        """Forget every identifier of this customer and of those merged into it; its cards become DELETED.

        Returns the erased values (every copy of them must go from the store)
        and the event; an already erased customer stays as it is: no values, no event.
        Victims hold nothing of their own (a merge moved it all here), so they
        stay MERGED, pointing at this customer.
        """
        if self.state is CustomerState.ERASED:
            return [], None
        self.ensure_active()
        values = sorted(
            {IdentifierValue(t, v) for profile in self.profiles.values() for t, v in profile.values.items()},
            key=lambda i: (i.type, i.value),
        )
        self.profiles = {}
        self.cards = {
            number: replace(card, status=CardStatus.DELETED, status_label=CardStatus.DELETED.name)
            for number, card in self.cards.items()
        }
        self.state, self.update_time = CustomerState.ERASED, now
        return values, CustomerErased(self.name, [customer_name(victim) for victim in sorted(self.victims)])

    # Cards held (the card's own rules are the card's: domain/cards.py) -----------------

    def check_card_limit(self, series_id: str, series: SeriesLimit) -> None:
        """One more live card of the series must fit its limit (RULES 2.6)."""
        held = self.live_cards().get(series_id, 0)
        if series.limit and held >= series.limit:
            raise refused(
                Reason.CARD_LIMIT_EXCEEDED,
                f"{self.name} already holds {held} live card(s) of series {series.code} (at most {series.limit})",
                customer=self.name,
                series_id=series_id,
                limit=str(series.limit),
            )

    def issue_card(
        self,
        card: StoredCard,
        limit: SeriesLimit,
        label: str,
        status: CardStatus,
        expires: datetime | None,
        now: datetime,
    ) -> CardChanged:
        """A card from stock becomes this customer's, within its series' limit."""
        card.check_issuable()
        self.check_card_limit(card.series_id, limit)
        change = card.issue(self.name, label, status, expires, now)
        self.cards[card.number] = card.read(now)
        return change

    def unlink_card(self, card: StoredCard, label: str, status: CardStatus, now: datetime) -> CardChanged:
        """One of its cards goes back to stock (expire_if_due() first)."""
        assert card.customer == self.name
        change = card.unlink(label, status)
        self.cards.pop(card.number, None)
        return change

    def change_card_status(
        self,
        card: StoredCard,
        limit: SeriesLimit,
        label: str,
        status: CardStatus,
        expiry_days: int,
        reason: str,
        now: datetime,
    ) -> CardChanged:
        """UpdateCardStatus of one of its cards (expire_if_due() first): made live again, a card counts again."""
        assert card.customer == self.name
        card_rules.check_transition(card.number, card.status, status)
        if card_rules.renews(card.status, status):
            self.check_card_limit(card.series_id, limit)
        change = card.change_status(label, status, expiry_days, reason, now)
        if self.state is not CustomerState.ERASED:
            self.cards[card.number] = card.read(now)
        return change


def customer_not_found(customer_id: str) -> DomainError:
    """No customer of the org has this id (CUSTOMER_NOT_FOUND, naming the resource)."""
    name = customer_name(customer_id)
    return not_found(Reason.CUSTOMER_NOT_FOUND, "customer", name, f"{name} does not exist", customer=name)


def plan_new_customer(profiles: list[ParsedProfile], holders: Holders) -> NewCustomerPlan:
    """CreateCustomer's identifiers: none held in its own scope; held elsewhere by at most one customer."""
    candidates: list[str] = []
    proofs: list[tuple[Scope, ParsedIdentifier]] = []
    for profile in profiles:
        for item in profile.profile_identifiers:
            holder = holders.in_scope.get((profile.scope, item.ident))
            if holder is not None:
                raise identifier_taken(item, profile.scope, holder)
            owner = holders.anywhere.get(item.ident)
            if owner is not None:
                candidates.append(owner)
                proofs.append((profile.scope, item))
    survivor = single_survivor(candidates, "the new customer")
    return NewCustomerPlan(survivor, [item.ident for _, item in proofs], proofs)


def apply_policy(
    policy: MergePolicy,
    decision: Decision,
    proofs: Sequence[tuple[Scope, ParsedIdentifier]],
    survivor: CustomerAggregate,
    victim_id: str,
) -> None:
    """Refuse what the merge policy does not let merge on its own (a merge, or a create's combine: no victim)."""
    if decision.mode is MergeMode.AUTO:
        return
    scope, item = next(((s, p) for s, p in proofs if p.ident.type is decision.type), proofs[0])
    if decision.mode is MergeMode.NEVER:
        raise never_merges(item.field, item.ident.type, scope, survivor.name)
    assert decision.reason is not None
    draft = ReviewDraft(decision.reason, victim_id, survivor.id, ScopedIdentifier(scope, item.ident))
    raise needs_review(decision, draft, survivor.name, policy.max_merged_customers)


def customer_erased(name: str) -> DomainError:
    return refused(Reason.CUSTOMER_ERASED, f"{name} was erased", customer=name)


def merged_warning(merge: Merge) -> Warning:
    return Warning(
        WarningCode.MERGED,
        f"{merge.victim} was merged into {merge.survivor}",
        {"victim": merge.victim, "survivor": merge.survivor, "merge": merge.name},
    )


def unmerge_conflict(merge: Merge, blocker: str, message: str, **metadata: str) -> DomainError:
    return refused(
        Reason.UNMERGE_CONFLICT,
        f"{merge.name} cannot be undone: {message}",
        merge=merge.name,
        blocker=blocker,
        **metadata,
    )


def identifier_taken(item: ParsedIdentifier, scope: Scope, holder_id: str) -> DomainError:
    return refused(
        Reason.IDENTIFIER_TAKEN,
        f"{item.field}: another customer holds this {item.ident.type.name} in {scope}",
        customer=customer_name(holder_id),
        identifier_type=item.ident.type.name,
        scope=str(scope),
        field=item.field,
    )


def type_already_set(item: ParsedIdentifier, scope: Scope) -> DomainError:
    return refused(
        Reason.IDENTIFIER_TYPE_ALREADY_SET,
        f"{item.field}: the profile in {scope} already has another {item.ident.type.name}; "
        "remove it in the same request to change it",
        identifier_type=item.ident.type.name,
        scope=str(scope),
        field=item.field,
    )


def identifier_not_found(item: ParsedIdentifier, customer: str, why: str) -> DomainError:
    return not_found(
        Reason.IDENTIFIER_NOT_FOUND,
        "identifier",
        f"{customer}/{item.ident.type.name}/{item.ident.value}",
        f"{item.field}: {why}",
        identifier_type=item.ident.type.name,
        field=item.field,
    )
