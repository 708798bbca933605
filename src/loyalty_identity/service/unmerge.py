"""UnmergeCustomers: undo a merge exactly, or refuse without touching anything.

The rules are the Customer aggregate's (CustomerAggregate.unmerge): the
victim gets back what it brought, what the merging request added goes, the
holder keeps the rest, and anything brought that changed since refuses the
whole undo (UNMERGE_CONFLICT). Here: which customers to lock, the facts the
rules need, and what follows — the cards' log, the merge record, and the block
that keeps the pair from being merged automatically again (MERGE_BLOCKED)
until an explicit MergeCustomers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from loyalty_identity.domain.customer import customer_erased, unmerge_conflict
from loyalty_identity.domain.errors import Reason, not_found
from loyalty_identity.domain.model import Customer, CustomerState, Merge
from loyalty_identity.domain.names import merge_name
from loyalty_identity.service import cards
from loyalty_identity.service.ports import Repository, TransientStoreError


@dataclass
class UnmergeResult:
    victim: Customer
    survivor: Customer
    merge: Merge


def unmerge_customers(
    repo: Repository, org: str, merge_id: str, request_id: str | None, clock: Callable[[], datetime]
) -> UnmergeResult:
    record = repo.find_merge(org, merge_id, lock=True)  # concurrent unmerges of one merge queue here
    if record is None:
        name = merge_name(merge_id)
        raise not_found(Reason.MERGE_NOT_FOUND, "merge", name, f"{name} does not exist", merge=name)
    merge = record.merge
    if record.erased:
        raise customer_erased(record.erased)
    if merge.unmerge_time is not None:
        raise unmerge_conflict(merge, "already_unmerged", f"it was undone at {merge.unmerge_time.isoformat()}")
    customers = repo.customers
    victim_id = _id(merge.victim)
    seen = customers.get(org, victim_id)
    if seen is None or seen.state is not CustomerState.MERGED:
        raise unmerge_conflict(merge, "victim_active", f"{merge.victim} is not merged any more")
    # Every customer the unmerge writes, in one sorted batch as every writer locks
    # customers: the victim, whoever holds its things now, the merge's own survivor
    # (the block names it) and the victim's earlier victims (pointed back at it).
    locked = customers.get_many(
        org, [victim_id, seen.survivor, _id(merge.survivor), *map(_id, merge.repointed_customers)], lock=True
    )
    victim = locked[victim_id]
    if victim.survivor != seen.survivor:
        raise TransientStoreError("the victim was re-pointed concurrently")
    holder = locked[victim.survivor]
    if holder.state is CustomerState.ERASED:  # merged since into the customer erased
        raise customer_erased(holder.name)
    brought = [(p.scope, ident) for p in merge.moved_profiles for ident in p.identifiers]
    owners = customers.holders(org, brought).anywhere
    held_cards = {number: cards.find_card(repo, org, number, lock=True) for number in merge.moved_cards}
    now = clock()
    unmerged = holder.unmerge(
        victim,
        merge,
        value_owners=owners,
        card_owners={n: _id(found.card.customer) for n, found in held_cards.items()},
        now=now,
    )
    customers.save(org, [unmerged], now)
    reason = f"unmerged from {holder.name} ({merge.name})"
    for found in held_cards.values():
        cards.give_card_back(repo, org, found, victim.name, reason, now)
    customers.touch(holder, now)
    repo.mark_unmerged(record.pk, now, request_id or "")
    customers.block(org, victim, record.survivor_pk, record.pk)
    repo.record_event(org, unmerged, now)
    fresh = repo.find_merge(org, merge_id)
    assert fresh is not None
    return UnmergeResult(victim.to_read_model(), holder.to_read_model(), fresh.merge)


def _id(name: str) -> str:
    return name.removeprefix("customers/")
