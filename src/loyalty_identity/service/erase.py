"""EraseCustomer (RULES 2.5.1): the right to be forgotten, in one transaction.

The rule is the aggregate's (CustomerAggregate.erase): the customer and those
merged into it lose every identifier, its cards become DELETED, it becomes
ERASED. Here: which customer a name means (a merged name erases its survivor,
so the whole person goes), the lock, and every stored copy of the erased
values redacted (store: PeeweeRepository.redact), the candidates naming the erased
made OBSOLETE with their values emptied (SPEC 7.2), the erased values suppressed
when asked (keyed hashes only), then one CustomerErased event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from loyalty_identity.domain.customer import customer_not_found
from loyalty_identity.domain.erasure import Erasure, tombstone
from loyalty_identity.domain.model import Customer, CustomerState
from loyalty_identity.domain.suppression import SuppressionKey, suppressible
from loyalty_identity.service.candidates import obsolete_candidates
from loyalty_identity.service.ports import Repository, TransientStoreError


def erase_customer(
    repo: Repository,
    org: str,
    customer_id: str,
    clock: Callable[[], datetime],
    suppress_with: SuppressionKey | None = None,
) -> Customer:
    """Erase the person; suppress_with: also suppress every erased value (RULES 2.5.2), keyed hashes only."""
    repo.lock_erasures(org)  # first: a concurrent erasure's redaction is read only once it committed
    customers = repo.customers
    named = customers.get(org, customer_id)  # unlocked: which customer the name means
    if named is None:
        raise customer_not_found(customer_id)
    target_id = named.survivor if named.state is CustomerState.MERGED else customer_id
    # Both in one key-ordered batch, as every writer locks customers.
    locked = customers.get_many(org, sorted({customer_id, target_id}), lock=True)
    if locked[customer_id].survivor != named.survivor:
        raise TransientStoreError("the customer was merged or unmerged concurrently")
    target = locked[target_id]
    now = clock()
    values, erased = target.erase(now)
    if erased is None:
        return target.to_read_model()  # erased already: nothing changes, no event
    side = customers.erased_side(target)
    customers.erase(target, now)
    erasure = Erasure(frozenset(side), {value.value for value in values})
    candidates = repo.redact(org, erasure, sorted(side.values()), tombstone(target.name))
    obsolete_candidates(repo, org, candidates, now)
    if suppress_with is not None:  # `values` are the profiles' identifiers: never a card number
        repo.suppress(org, {suppress_with.digest(org, value) for value in suppressible(values)}, now)
    repo.record_event(org, erased, now)
    return target.to_read_model()
