"""The identity use cases of RULES 2.5: create, read, look up, update, merge.

Each function runs inside one transaction given by the caller (see
application.py) and raises DomainError to refuse; a refusal rolls back
everything the function wrote, so a request is applied whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from loyalty_identity.domain.errors import Reason, not_found, refused
from loyalty_identity.domain.events import CustomerCreated, CustomersMerged, IdentifiersChanged
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merging import check_no_shared_scope, single_survivor
from loyalty_identity.domain.model import Customer, CustomerState, Merge, ScopedIdentifier, Warning, WarningCode
from loyalty_identity.domain.names import customer_name, merge_name, new_id
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.service import cards
from loyalty_identity.service.commands import ParsedIdentifier, ParsedProfile, already_present
from loyalty_identity.service.paging import Page, page_of
from loyalty_identity.service.ports import CardRecord, CustomerRecord, Repository, TransientStoreError

Clock = Callable[[], datetime]


@dataclass
class CreateCustomerResult:
    customer: Customer
    warnings: list[Warning] = field(default_factory=list)


@dataclass
class UpdateIdentifiersResult:
    customer: Customer
    merges: list[Merge] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


@dataclass
class MergeCustomersResult:
    customer: Customer
    merge: Merge


@dataclass(frozen=True)
class UpdateCommand:
    customer_id: str
    scope: Scope
    add: list[ParsedIdentifier]
    remove: list[ParsedIdentifier]


def active_customer(repo: Repository, org: str, customer_id: str) -> CustomerRecord:
    """The customer, which must exist in the org and be ACTIVE; locked for the rest of the transaction."""
    record = active_or_merged_customer(repo, org, customer_id, lock=True)
    name = customer_name(customer_id)
    if record.state is CustomerState.MERGED:
        assert record.survivor_pk is not None
        survivor = customer_name(repo.customer_by_pk(record.survivor_pk).id)
        raise refused(
            Reason.CUSTOMER_MERGED,
            f"{name} was merged into {survivor}",
            customer=name,
            survivor=survivor,
        )
    return record


def active_or_merged_customer(repo: Repository, org: str, customer_id: str, lock: bool = False) -> CustomerRecord:
    record = repo.find_customer(org, customer_id, lock)
    if record is None:
        name = customer_name(customer_id)
        raise not_found(Reason.CUSTOMER_NOT_FOUND, "customer", name, f"{name} does not exist", customer=name)
    return record


def get_customer(repo: Repository, org: str, customer_id: str) -> Customer:
    """A customer, or its survivor when it was merged away (one hop, no chains)."""
    record = active_or_merged_customer(repo, org, customer_id)
    return repo.load_customer(record.survivor_pk or record.pk)


def lookup_customer(repo: Repository, org: str, scope: Scope, ident: IdentifierValue) -> Customer:
    holder = repo.holder_in_scope(org, scope, ident)
    if holder is None:
        raise not_found(
            Reason.CUSTOMER_NOT_FOUND,
            "customer",
            f"{scope}/{ident.type.name}",
            f"no customer holds this {ident.type.name} in {scope}",
            identifier_type=ident.type.name,
            scope=str(scope),
        )
    return repo.load_customer(holder)


def lock_survivor(
    repo: Repository, org: str, survivor: CustomerRecord, proofs: list[IdentifierValue]
) -> CustomerRecord:
    """Lock the customer a merge goes into, and check it still holds what proved the merge.

    It was found without a lock; if it has been merged away, or lost the
    identifier since, the request runs again and sees the new state.
    """
    fresh = repo.lock_customers([survivor.pk])[survivor.pk]
    if fresh.state is not CustomerState.ACTIVE or any(repo.key_owner(org, i) != fresh.pk for i in proofs):
        raise TransientStoreError("the merge target changed concurrently")
    return fresh


def recheck_unheld(repo: Repository, org: str, wanted: list[tuple[Scope, IdentifierValue]]) -> None:
    """After waiting for a lock, the identifiers to add must still be free in their scopes.

    Each statement of a READ COMMITTED transaction sees the latest commits, so
    a rival may have taken one between our first look and the lock; running
    again then answers IDENTIFIER_TAKEN as a serial order would.
    """
    if any(repo.holder_in_scope(org, scope, ident) is not None for scope, ident in wanted):
        raise TransientStoreError("an identifier was taken in its scope concurrently")


def profile_identifiers(profile: ParsedProfile) -> list[ParsedIdentifier]:
    return [i for i in profile.identifiers if i.ident.type is not IdentifierType.CARD_NUMBER]


def card_identifiers(items: list[ParsedIdentifier]) -> list[ParsedIdentifier]:
    return [i for i in items if i.ident.type is IdentifierType.CARD_NUMBER]


def identifier_not_found(item: ParsedIdentifier, customer: CustomerRecord, why: str) -> Exception:
    name = customer_name(customer.id)
    return not_found(
        Reason.IDENTIFIER_NOT_FOUND,
        "identifier",
        f"{name}/{item.ident.type.name}/{item.ident.value}",
        f"{item.field}: {why}",
        identifier_type=item.ident.type.name,
        field=item.field,
    )


def lookup_card_holder(repo: Repository, org: str, number: str) -> Customer:
    """Cards are org-wide: the card's owner, whatever the scope."""
    card = repo.find_card(org, number)
    if card is None or card.customer_pk is None:
        raise not_found(
            Reason.CUSTOMER_NOT_FOUND,
            "customer",
            f"card/{number}",
            "no customer holds this card",
            identifier_type="CARD_NUMBER",
        )
    return repo.load_customer(card.customer_pk)


def list_merges(repo: Repository, org: str, customer_id: str, before: int | None, limit: int) -> Page[Merge]:
    customer_pk = active_or_merged_customer(repo, org, customer_id).pk if customer_id else None
    rows = repo.list_merges(org, customer_pk, before, limit + 1)
    return page_of(rows, limit, customer_id)


def identifier_taken(item: ParsedIdentifier, scope: Scope, holder: CustomerRecord) -> Exception:
    return refused(
        Reason.IDENTIFIER_TAKEN,
        f"{item.field}: another customer holds this {item.ident.type.name} in {scope}",
        customer=customer_name(holder.id),
        identifier_type=item.ident.type.name,
        scope=str(scope),
        field=item.field,
    )


def type_already_set(item: ParsedIdentifier, scope: Scope) -> Exception:
    return refused(
        Reason.IDENTIFIER_TYPE_ALREADY_SET,
        f"{item.field}: the profile in {scope} already has another {item.ident.type.name}; "
        "remove it in the same request to change it",
        identifier_type=item.ident.type.name,
        scope=str(scope),
        field=item.field,
    )


class IdentityUseCases:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    # CreateCustomer -------------------------------------------------------

    def create_customer(self, repo: Repository, org: str, profiles: list[ParsedProfile]) -> CreateCustomerResult:
        candidates: dict[str, int] = {}
        proofs: list[IdentifierValue] = []
        for profile in profiles:
            for item in profile_identifiers(profile):
                holder = repo.holder_in_scope(org, profile.scope, item.ident)
                if holder is not None:
                    raise identifier_taken(item, profile.scope, repo.customer_by_pk(holder))
                owner = repo.key_owner(org, item.ident)
                if owner is not None:
                    candidates[repo.customer_by_pk(owner).id] = owner
                    proofs.append(item.ident)
        survivor_id = single_survivor(candidates, "the new customer")
        now = self._clock()
        warnings: list[Warning] = []
        if survivor_id is None:
            target = repo.insert_customer(org, new_id(), now)
        else:
            target = lock_survivor(repo, org, repo.customer_by_pk(candidates[survivor_id]), proofs)
            recheck_unheld(repo, org, [(p.scope, i.ident) for p in profiles for i in profile_identifiers(p)])
            name = customer_name(target.id)
            new_scopes = {p.scope for p in profiles if profile_identifiers(p)}
            check_no_shared_scope(new_scopes, repo.profile_scopes(target.pk), "the new profiles", name)
            repo.touch_customer(target.pk, now)
            warnings.append(
                Warning(
                    WarningCode.COMBINED_WITH_EXISTING,
                    f"an identifier already belongs to {name}: the profiles were added to it",
                    {"customer": name},
                )
            )
        added: list[ScopedIdentifier] = []
        for profile in profiles:
            identifiers = profile_identifiers(profile)
            if identifiers:
                profile_pk = repo.insert_profile(org, target.pk, profile.scope, now)
                for item in identifiers:
                    repo.insert_identifier(org, target.pk, profile_pk, profile.scope, item.ident)
                    added.append(ScopedIdentifier(profile.scope, item.ident))
        target_name = customer_name(target.id)
        if survivor_id is None:
            repo.record_event(org, CustomerCreated(target_name, added), now)
        elif added:
            repo.record_event(org, IdentifiersChanged(target_name, added=added), now)
        for profile in profiles:
            for item in card_identifiers(profile.identifiers):
                card = cards.find_card(repo, org, item.ident.value, lock=True)
                cards.link_card(repo, org, target, card, item.series_id, item.status_label, f"{item.field}.", now)
        return CreateCustomerResult(repo.load_customer(target.pk), warnings)

    # UpdateIdentifiers ----------------------------------------------------

    def update_identifiers(
        self, repo: Repository, org: str, cmd: UpdateCommand, request_id: str | None
    ) -> UpdateIdentifiersResult:
        customer = active_customer(repo, org, cmd.customer_id)
        now = self._clock()
        warnings: list[Warning] = []
        removed = self._remove(repo, org, customer, cmd, now)
        card_adds = self._card_adds(repo, org, customer, cmd, warnings)
        pending, survivor, trigger = self._classify_adds(repo, org, customer, cmd, warnings)
        added = [ScopedIdentifier(cmd.scope, item.ident) for item in pending]
        merges: list[Merge] = []
        target = customer
        if survivor is not None:
            assert trigger is not None
            if removed:  # the removals happened to the victim, before the merge
                repo.record_event(org, IdentifiersChanged(customer_name(customer.id), removed=removed), now)
                removed = []
            merge = self._merge(repo, org, customer, survivor, now, request_id, cmd.scope, trigger.ident, added)
            merges.append(merge)
            warnings.append(merged_warning(merge))
            target = survivor
        self._add(repo, org, target, cmd.scope, pending, now)
        if added or removed:
            repo.record_event(org, IdentifiersChanged(customer_name(target.id), added, removed), now)
        for item, card in card_adds:
            # Cards never merge anyone: they go to whoever owns the profile now.
            cards.link_card(repo, org, target, card, item.series_id, item.status_label, f"{item.field}.", now)
        cards.require_holdings(repo, target.pk, customer_name(customer.id))
        repo.touch_customer(target.pk, now)
        return UpdateIdentifiersResult(repo.load_customer(target.pk), merges, warnings)

    def _remove(
        self, repo: Repository, org: str, customer: CustomerRecord, cmd: UpdateCommand, now: datetime
    ) -> list[ScopedIdentifier]:
        """Apply the removals; returns the identifiers removed (cards aside)."""
        for item in card_identifiers(cmd.remove):
            card = repo.find_card(org, item.ident.value, lock=True)
            if card is None or card.customer_pk != customer.pk:
                raise identifier_not_found(item, customer, "the customer has no such card")
            cards.unlink_card(repo, org, card, item.status_label, f"{item.field}.", now)
        removes = [item for item in cmd.remove if item.ident.type is not IdentifierType.CARD_NUMBER]
        if not removes:
            return []
        profile = repo.profile(customer.pk, cmd.scope)
        held = set(profile.identifiers) if profile else set()
        for item in removes:
            if profile is None or item.ident not in held:
                raise identifier_not_found(
                    item, customer, f"the customer's profile in {cmd.scope} has no such {item.ident.type.name}"
                )
            repo.delete_identifier(org, customer.pk, profile.pk, item.ident)
            held.discard(item.ident)
        if profile is not None and not held:
            # A profile lives while it holds identifiers; an empty one would
            # only block later merges with PROFILE_CONFLICT.
            repo.delete_profile(profile.pk)
        return [ScopedIdentifier(cmd.scope, item.ident) for item in removes]

    def _classify_adds(
        self,
        repo: Repository,
        org: str,
        customer: CustomerRecord,
        cmd: UpdateCommand,
        warnings: list[Warning],
    ) -> tuple[list[ParsedIdentifier], CustomerRecord | None, ParsedIdentifier | None]:
        """Sort the adds into new ones, present ones and merge triggers (RULES 2.5 step 3)."""
        profile = repo.profile(customer.pk, cmd.scope)
        held = {i.type: i for i in profile.identifiers} if profile else {}
        pending: list[ParsedIdentifier] = []
        candidates: dict[str, CustomerRecord] = {}
        proofs: list[IdentifierValue] = []
        trigger: ParsedIdentifier | None = None
        for item in cmd.add:
            ident = item.ident
            if ident.type is IdentifierType.CARD_NUMBER:
                continue
            if held.get(ident.type) == ident:
                warnings.append(already_present(item))
                continue
            holder = repo.holder_in_scope(org, cmd.scope, ident)
            if holder is not None:
                raise identifier_taken(item, cmd.scope, repo.customer_by_pk(holder))
            if ident.type in held:
                raise type_already_set(item, cmd.scope)
            owner = repo.key_owner(org, ident)
            if owner is not None and owner != customer.pk:
                record = repo.customer_by_pk(owner)
                candidates[record.id] = record
                proofs.append(ident)
                trigger = trigger or item
            held[ident.type] = ident
            pending.append(item)
        survivor_id = single_survivor(candidates, customer_name(customer.id))
        survivor = None
        if survivor_id:
            survivor = lock_survivor(repo, org, candidates[survivor_id], proofs)
            recheck_unheld(repo, org, [(cmd.scope, item.ident) for item in pending])
        return pending, survivor, trigger

    def _add(
        self,
        repo: Repository,
        org: str,
        target: CustomerRecord,
        scope: Scope,
        pending: list[ParsedIdentifier],
        now: datetime,
    ) -> None:
        if not pending:
            return
        profile = repo.profile(target.pk, scope)
        if profile is None:
            profile_pk = repo.insert_profile(org, target.pk, scope, now)
        else:
            # After a merge this may be the survivor's own profile: it too
            # holds one value per type.
            profile_pk = profile.pk
            held = {i.type: i for i in profile.identifiers}
            for item in pending:
                if item.ident.type in held and held[item.ident.type] != item.ident:
                    raise type_already_set(item, scope)
        for item in pending:
            repo.insert_identifier(org, target.pk, profile_pk, scope, item.ident)

    # MergeCustomers -------------------------------------------------------

    def merge_customers(
        self, repo: Repository, org: str, victim_id: str, survivor_id: str, request_id: str | None
    ) -> MergeCustomersResult:
        # Lock both in key order, so two opposite merges queue instead of deadlocking.
        victim = active_or_merged_customer(repo, org, victim_id)
        survivor = active_or_merged_customer(repo, org, survivor_id)
        repo.lock_customers([victim.pk, survivor.pk])
        victim = active_customer(repo, org, victim_id)
        survivor = active_customer(repo, org, survivor_id)
        now = self._clock()
        merge = self._merge(repo, org, victim, survivor, now, request_id, None, None, [])
        repo.touch_customer(survivor.pk, now)
        return MergeCustomersResult(repo.load_customer(survivor.pk), merge)

    def _merge(
        self,
        repo: Repository,
        org: str,
        victim: CustomerRecord,
        survivor: CustomerRecord,
        now: datetime,
        request_id: str | None,
        trigger_scope: Scope | None,
        trigger: IdentifierValue | None,
        added: list[ScopedIdentifier],
    ) -> Merge:
        """Move everything of the victim to the survivor (RULES 2.5 step 4).

        added: what the merging request adds next (its trigger among them),
        recorded so that an unmerge can take it away again.
        """
        victim_name, survivor_name = customer_name(victim.id), customer_name(survivor.id)
        blocks = repo.merge_blocks_between(victim.pk, survivor.pk)
        if blocks and trigger is not None:
            raise refused(
                Reason.MERGE_BLOCKED,
                f"{victim_name} and {survivor_name} were unmerged as two different people; "
                "only MergeCustomers may merge them again",
                victim=victim_name,
                survivor=survivor_name,
            )
        repo.unblock_merge(blocks)  # an explicit merge overrules an earlier unmerge
        check_no_shared_scope(
            repo.profile_scopes(victim.pk), repo.profile_scopes(survivor.pk), victim_name, survivor_name
        )
        cards.check_merge_card_limits(repo, victim, survivor, now)
        moved = repo.move_customer(victim.pk, survivor.pk, now)
        merge = Merge(
            name=merge_name(new_id()),
            victim=victim_name,
            survivor=survivor_name,
            trigger_scope=trigger_scope,
            trigger=trigger,
            request_id=request_id or "",
            create_time=now,
            moved_profiles=moved.profiles,
            moved_cards=moved.cards,
            repointed_customers=[customer_name(i) for i in moved.repointed_customers],
            added_identifiers=added,
        )
        repo.insert_merge(org, merge, victim.pk, survivor.pk)
        moved_identifiers = [ScopedIdentifier(p.scope, i) for p in moved.profiles for i in p.identifiers]
        trigger_item = ScopedIdentifier(trigger_scope, trigger) if trigger_scope and trigger else None
        repo.record_event(
            org,
            CustomersMerged(
                merge.name,
                victim_name,
                survivor_name,
                moved_identifiers,
                moved.cards,
                merge.repointed_customers,
                trigger_item,
            ),
            now,
        )
        return merge

    @staticmethod
    def _card_adds(
        repo: Repository, org: str, customer: CustomerRecord, cmd: UpdateCommand, warnings: list[Warning]
    ) -> list[tuple[ParsedIdentifier, CardRecord]]:
        """The cards to link; a card the customer already has is only a warning."""
        found: list[tuple[ParsedIdentifier, CardRecord]] = []
        seen: set[str] = set()
        for item in card_identifiers(cmd.add):
            card = cards.find_card(repo, org, item.ident.value, lock=True)
            if card.customer_pk == customer.pk or item.ident.value in seen:
                warnings.append(already_present(item))
                continue
            seen.add(item.ident.value)
            found.append((item, card))
        return found


def merged_warning(merge: Merge) -> Warning:
    return Warning(
        WarningCode.MERGED,
        f"{merge.victim} was merged into {merge.survivor}",
        {"victim": merge.victim, "survivor": merge.survivor, "merge": merge.name},
    )
