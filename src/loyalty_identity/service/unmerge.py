"""UnmergeCustomers: undo a merge exactly, or refuse without touching anything.

The victim gets back the profiles (with their identifiers) and cards it
brought into the merge; what the merging request added (its trigger among
them) is removed again; whoever holds the victim's things now (the survivor,
or the customer the survivor was merged into later) keeps everything else.
Anything the victim brought that changed since makes it UNMERGE_CONFLICT, and
the transaction then rolls back whole: never a partial undo. The pair is then blocked from automatic
merges (MERGE_BLOCKED) until an explicit MergeCustomers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from loyalty_identity.domain.errors import DomainError, Reason, not_found, refused
from loyalty_identity.domain.events import CustomersUnmerged
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.model import Customer, CustomerState, Merge, ScopedIdentifier
from loyalty_identity.domain.names import customer_name, merge_name
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.service import cards
from loyalty_identity.service.ports import CardRecord, CustomerRecord, MergeRecord, Repository, TransientStoreError


@dataclass
class UnmergeResult:
    victim: Customer
    survivor: Customer
    merge: Merge


@dataclass
class _Plan:
    """What the unmerge will do, all checked before anything is written."""

    removals: list[tuple[int, ScopedIdentifier]]  # (holder's profile pk, identifier the merging request added)
    profiles: list[int]  # pks of the holder's profiles that go back to the victim
    emptied: list[int]  # holder's profiles left empty by the removals (not going back)
    cards: list[CardRecord]


def conflict(merge: Merge, blocker: str, message: str, **metadata: str) -> DomainError:
    return refused(
        Reason.UNMERGE_CONFLICT,
        f"{merge.name} cannot be undone: {message}",
        merge=merge.name,
        blocker=blocker,
        **metadata,
    )


def unmerge_customers(
    repo: Repository, org: str, merge_id: str, request_id: str | None, clock: Callable[[], datetime]
) -> UnmergeResult:
    record = repo.find_merge(org, merge_id, lock=True)  # concurrent unmerges of one merge queue here
    if record is None:
        name = merge_name(merge_id)
        raise not_found(Reason.MERGE_NOT_FOUND, "merge", name, f"{name} does not exist", merge=name)
    merge = record.merge
    if merge.unmerge_time is not None:
        raise conflict(merge, "already_unmerged", f"it was undone at {merge.unmerge_time.isoformat()}")
    victim, holder = _lock_everyone(repo, org, record)
    now = clock()
    plan = _plan(repo, org, merge, victim, holder)
    removed = _apply(repo, org, merge, plan, victim, holder, now)
    restored_customers = repo.restore_victim(victim.pk, holder.pk, [_id(n) for n in merge.repointed_customers], now)
    for left, blocker in ((holder, "survivor_left_empty"), (victim, "victim_left_empty")):
        if repo.count_holdings(left.pk) == 0:
            # The victim's request may have removed all it had before merging: it would come back empty.
            raise conflict(
                merge,
                blocker,
                f"{customer_name(left.id)} would keep no identifier or card",
                customer=customer_name(left.id),
            )
    repo.touch_customer(holder.pk, now)
    repo.mark_unmerged(record.pk, now, request_id or "")
    repo.block_merge(org, victim.pk, record.survivor_pk, record.pk)
    repo.record_event(
        org,
        CustomersUnmerged(
            merge=merge.name,
            victim=merge.victim,
            survivor=customer_name(holder.id),
            restored_identifiers=[ScopedIdentifier(p.scope, i) for p in merge.moved_profiles for i in p.identifiers],
            removed_identifiers=removed,
            restored_cards=[c.card.number for c in plan.cards],
            restored_customers=[customer_name(i) for i in restored_customers],
        ),
        now,
    )
    fresh = repo.find_merge(org, merge_id)
    assert fresh is not None
    return UnmergeResult(repo.load_customer(victim.pk), repo.load_customer(holder.pk), fresh.merge)


def _id(name: str) -> str:
    return name.removeprefix("customers/")


def _lock_everyone(repo: Repository, org: str, record: MergeRecord) -> tuple[CustomerRecord, CustomerRecord]:
    """Lock every customer the unmerge writes, in key order, and check the victim still stands so.

    That is the victim, whoever holds its things now, the merge's own survivor
    (the block refers to it) and the victim's earlier victims (re-pointed back):
    one sorted batch, as every writer locks customers, so no deadlock.
    """
    victim = repo.customer_by_pk(record.victim_pk)
    if victim.state is not CustomerState.MERGED or victim.survivor_pk is None:
        raise conflict(record.merge, "victim_active", f"{record.merge.victim} is not merged any more")
    earlier = [repo.find_customer(org, _id(name)) for name in record.merge.repointed_customers]
    others = [c.pk for c in earlier if c is not None]
    locked = repo.lock_customers([victim.pk, victim.survivor_pk, record.survivor_pk, *others])
    fresh = locked[victim.pk]
    if fresh.survivor_pk != victim.survivor_pk:
        raise TransientStoreError("the victim was re-pointed concurrently")
    return fresh, locked[victim.survivor_pk]


def _plan(repo: Repository, org: str, merge: Merge, victim: CustomerRecord, holder: CustomerRecord) -> _Plan:
    holder_name = customer_name(holder.id)
    added: dict[Scope, set[IdentifierValue]] = defaultdict(set)
    for item in merge.added_identifiers:
        added[item.scope].add(item.ident)
    brought_scopes = {p.scope for p in merge.moved_profiles}
    plan = _Plan([], [], [], [])
    for profile in merge.moved_profiles:
        current = repo.profile(holder.pk, profile.scope)
        have = set(current.identifiers) if current else set()
        missing = sorted(set(profile.identifiers) - have, key=str)
        if current is None or missing:
            if not missing:  # a profile that held nothing (never stored since profiles need an identifier)
                raise conflict(
                    merge, "identifier_changed", f"its profile in {profile.scope} is gone", scope=str(profile.scope)
                )
            ident = missing[0]
            owner_pk = repo.key_owner(org, ident)
            where = customer_name(repo.customer_by_pk(owner_pk).id) if owner_pk else ""
            raise conflict(
                merge,
                "identifier_changed",
                f"the {ident.type.name} it brought in {profile.scope} was removed or moved since",
                scope=str(profile.scope),
                identifier_type=ident.type.name,
                customer=where,
            )
        extra = sorted(have - set(profile.identifiers) - added[profile.scope], key=str)
        if extra:
            raise conflict(
                merge,
                "identifier_added",
                f"{holder_name} added a {extra[0].type.name} in {profile.scope} since",
                scope=str(profile.scope),
                identifier_type=extra[0].type.name,
                customer=holder_name,
            )
        plan.profiles.append(current.pk)
        for ident in profile.identifiers:
            # Where the merging request itself added the value again is taken away with the rest.
            readded = {scope for scope, idents in added.items() if ident in idents}
            elsewhere = sorted(repo.scopes_holding(holder.pk, ident) - brought_scopes - readded)
            if elsewhere:
                raise conflict(
                    merge,
                    "identifier_added",
                    f"{holder_name} also holds the {ident.type.name} it brought in {elsewhere[0]} now",
                    scope=str(elsewhere[0]),
                    identifier_type=ident.type.name,
                    customer=holder_name,
                )
    for scope, idents in sorted(added.items(), key=lambda item: str(item[0])):
        current = repo.profile(holder.pk, scope)
        if current is None:
            continue  # removed since: nothing left to take away
        still = [i for i in current.identifiers if i in idents]
        plan.removals += [(current.pk, ScopedIdentifier(scope, i)) for i in still]
        if scope not in brought_scopes and len(still) == len(current.identifiers):
            plan.emptied.append(current.pk)
    for number in merge.moved_cards:
        card = repo.find_card(org, number, lock=True)
        if card is None or card.customer_pk != holder.pk:
            now_with = card.card.customer if card else ""
            raise conflict(
                merge, "card_moved", f"card {number} left {holder_name} since", card=number, customer=now_with
            )
        if card.card.issue_time and card.card.issue_time > merge.create_time:
            raise conflict(merge, "card_reissued", f"card {number} was issued again since", card=number)
        plan.cards.append(card)
    return plan


def _apply(
    repo: Repository,
    org: str,
    merge: Merge,
    plan: _Plan,
    victim: CustomerRecord,
    holder: CustomerRecord,
    now: datetime,
) -> list[ScopedIdentifier]:
    for profile_pk, item in plan.removals:
        repo.delete_identifier(org, holder.pk, profile_pk, item.ident)
    for profile_pk in plan.emptied:
        repo.delete_profile(profile_pk)
    for profile_pk in plan.profiles:
        repo.move_profile(org, profile_pk, victim.pk)
    reason = f"unmerged from {customer_name(holder.id)} ({merge.name})"
    for card in plan.cards:
        cards.give_card_back(repo, org, card, victim, reason, now)
    return [item for _, item in plan.removals]
