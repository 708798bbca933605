"""The identity use cases of RULES 2.5: create, read, look up, update, merge.

Each function runs inside one transaction given by the caller (see
application.py) and raises DomainError to refuse; a refusal rolls back
everything the function wrote, so a request is applied whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from loyalty_identity.domain.customer import (
    CustomerAggregate,
    Holders,
    customer_not_found,
    identifier_not_found,
    merged_warning,
    plan_new_customer,
)
from loyalty_identity.domain.errors import Reason, not_found
from loyalty_identity.domain.events import Change, CustomerCreated, CustomersMerged, IdentifiersChanged
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.merge_policy import DEFAULT_POLICY, MergePolicy
from loyalty_identity.domain.model import Customer, CustomerState, Merge, ScopedIdentifier, Warning
from loyalty_identity.domain.names import new_id
from loyalty_identity.domain.queries import Found, IdentifierQuery, answer
from loyalty_identity.domain.requests import ParsedIdentifier, ParsedProfile, already_present
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.domain.suppression import (
    SuppressionCheck,
    SuppressionKey,
    check_for,
    ensure_not_suppressed,
    key_missing,
)
from loyalty_identity.service import cards
from loyalty_identity.service.paging import Page, page_of
from loyalty_identity.service.ports import CustomerRecord, FoundCard, Repository, TransientStoreError

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


def active_customer(repo: Repository, org: str, customer_id: str) -> CustomerAggregate:
    """The customer, which must exist in the org and be ACTIVE; locked for the rest of the transaction."""
    customer = _customer(repo, org, customer_id, lock=True)
    customer.ensure_active()
    return customer


def active_or_merged_customer(repo: Repository, org: str, customer_id: str) -> CustomerRecord:
    record = repo.find_customer(org, customer_id)
    if record is None:
        raise customer_not_found(customer_id)
    return record


def get_customer(repo: Repository, org: str, customer_id: str) -> Customer:
    """A customer, or its survivor when it was merged away (one hop, no chains)."""
    found = repo.customers.find(org, customer_id)
    if found is None:
        raise customer_not_found(customer_id)
    return found


def lookup_customer(repo: Repository, org: str, scope: Scope, ident: IdentifierValue) -> Customer:
    found = repo.customers.find_by_identifier(org, scope, ident)
    if found is None:
        raise not_found(
            Reason.CUSTOMER_NOT_FOUND,
            "customer",
            f"{scope}/{ident.type.name}",
            f"no customer holds this {ident.type.name} in {scope}",
            identifier_type=ident.type.name,
            scope=str(scope),
        )
    return found


def lookup_card_holder(repo: Repository, org: str, number: str) -> Customer:
    """Cards are org-wide: the card's owner, whatever the scope."""
    found = repo.customers.find_by_card(org, number)
    if found is None:
        raise not_found(
            Reason.CUSTOMER_NOT_FOUND,
            "customer",
            f"card/{number}",
            "no customer holds this card",
            identifier_type="CARD_NUMBER",
        )
    return found


def find_customers(repo: Repository, org: str, queries: list[IdentifierQuery]) -> list[Found]:
    """FindCustomers: one read for every query, answers in request order (a miss is no error)."""
    holders = repo.customers.find_many(org, queries)
    return [answer(query, holders.get(i)) for i, query in enumerate(queries)]


def list_merges(repo: Repository, org: str, customer_id: str, before: int | None, limit: int) -> Page[Merge]:
    customer_pk = active_or_merged_customer(repo, org, customer_id).pk if customer_id else None
    rows = repo.list_merges(org, customer_pk, before, limit + 1)
    return page_of(rows, limit, customer_id)


class IdentityUseCases:
    """CreateCustomer, UpdateIdentifiers and MergeCustomers: load the customers, let them apply the rules, save.

    The rules are the Customer aggregate's (domain/customer.py); what happens
    here is the transaction's order: what to read and lock, then the cards.
    """

    def __init__(self, clock: Clock, suppression_key: SuppressionKey | None = None) -> None:
        self._clock = clock
        self._key = suppression_key

    def _suppression(self, org: str, items: Iterable[ParsedIdentifier]) -> SuppressionCheck:
        """What the holders read also asks: are the values added suppressed (RULES 2.5.2)."""
        return check_for(self._key, org, [item.ident for item in items])

    def _ensure_not_suppressed(self, items: Sequence[ParsedIdentifier], holders: Holders) -> None:
        if holders.org_has_suppressions and self._key is None:
            raise key_missing("this org has suppressed identifiers that cannot be checked")
        ensure_not_suppressed(items, holders.suppressed)

    # CreateCustomer -------------------------------------------------------

    def create_customer(
        self, repo: Repository, org: str, profiles: list[ParsedProfile], approved: bool = False
    ) -> CreateCustomerResult:
        """approved: a person accepted this request's merge (a merge candidate): the policy is not asked."""
        customers = repo.customers
        wanted = [(p.scope, i.ident) for p in profiles for i in p.profile_identifiers]
        now = self._clock()
        # Most creates make a customer: its row is reserved in the statement that reads who
        # holds its identifiers; a create that combines into another customer gives it back.
        customer_id = new_id()
        items = [i for p in profiles for i in p.profile_identifiers]
        holders = customers.reserve(org, customer_id, now, wanted, self._suppression(org, items))
        self._ensure_not_suppressed(items, holders)  # a refusal rolls the reserved row back too
        plan = plan_new_customer(profiles, holders)
        warnings: list[Warning] = []
        changes: list[Change]
        if plan.survivor is None:
            target, changes = CustomerAggregate.create(profiles, now, customer_id)
            created = changes[0]
            assert isinstance(created, CustomerCreated)
            customers.add(org, target, created, now)
        else:
            customers.release(customer_id)
            target = self._lock_survivor(repo, org, plan.survivor, plan.proofs, wanted, requester=None)
            policy = DEFAULT_POLICY if approved else holders.policy
            changes, warning = target.combine(profiles, now, policy, plan.proof_items)
            warnings.append(warning)
            customers.save(org, changes, now)
            customers.touch(target, now)
        for change in changes:
            repo.record_event(org, change, now)
        cards_to_link = [item for p in profiles for item in p.identifiers if item.is_card]
        self._link_cards(repo, org, target, [(item, None) for item in cards_to_link], now)
        return CreateCustomerResult(target.to_read_model(), warnings)

    # UpdateIdentifiers ----------------------------------------------------

    def update_identifiers(
        self, repo: Repository, org: str, cmd: UpdateCommand, request_id: str | None, approved: bool = False
    ) -> UpdateIdentifiersResult:
        """approved: a person accepted this request's merge (a merge candidate): the policy is not asked."""
        customers = repo.customers
        adds = [item for item in cmd.add if not item.is_card]
        wanted = [(cmd.scope, item.ident) for item in adds]
        # Who holds the adds, read with the customer: the plan below knows what this request removes.
        found, holders = customers.get_for_update(org, cmd.customer_id, wanted, self._suppression(org, adds))
        customer = _found(found, cmd.customer_id)
        customer.ensure_active()
        self._ensure_not_suppressed(adds, holders)
        policy = DEFAULT_POLICY if approved else holders.policy
        if policy.may_review and any(item.is_card for item in [*cmd.add, *cmd.remove]):
            # Cards are written before the merge is decided: a review refusal, which keeps the
            # candidate it records, must be able to undo them (a plain refusal undoes everything).
            repo.ensure_savepoint()
        now = self._clock()
        self._unlink_cards(repo, org, customer, cmd, now)
        removed = customer.remove_identifiers(cmd.scope, cmd.remove)
        warnings: list[Warning] = []
        card_adds = self._card_adds(repo, org, customer, cmd, warnings)
        plan = customer.plan_adds(cmd.scope, cmd.add, holders)
        warnings += plan.warnings
        added = [ScopedIdentifier(cmd.scope, item.ident) for item in plan.pending]
        changes: list[Change] = []
        merges: list[Merge] = []
        target = customer
        if plan.survivor is not None:
            assert plan.trigger is not None
            pending = [(cmd.scope, item.ident) for item in plan.pending]
            survivor = self._lock_survivor(repo, org, plan.survivor, plan.proofs, pending, requester=customer.id)
            if removed:  # the removals happened to the victim, before the merge
                changes.append(IdentifiersChanged(customer.name, removed=removed))
                removed = []
            proofs = [(cmd.scope, item) for item in plan.proof_items]
            merge, merged = self._merge(
                repo, customer, survivor, now, request_id, cmd.scope, plan.trigger.ident, added, policy, proofs
            )
            changes.append(merged)
            merges.append(merge)
            warnings.append(merged_warning(merge))
            target = survivor
        target.add_identifiers(cmd.scope, plan.pending, now)
        if added or removed:
            changes.append(IdentifiersChanged(target.name, added, removed))
        self._save(repo, org, changes, merges, now)
        # Cards never merge anyone: they go to whoever owns the profile now.
        self._link_cards(repo, org, target, card_adds, now)
        target.require_holdings(customer.name)
        customers.touch(target, now)
        return UpdateIdentifiersResult(target.to_read_model(), merges, warnings)

    def _unlink_cards(
        self, repo: Repository, org: str, customer: CustomerAggregate, cmd: UpdateCommand, now: datetime
    ) -> None:
        for item in cmd.remove:
            if not item.is_card:
                continue
            found = repo.find_card(org, item.ident.value, True, item.status_label.strip())
            if found is None or item.ident.value not in customer.cards:
                raise identifier_not_found(item, customer.name, "the customer has no such card")
            cards.unlink_card(repo, org, customer, found, item.status_label, f"{item.field}.", now)

    @staticmethod
    def _card_adds(
        repo: Repository, org: str, customer: CustomerAggregate, cmd: UpdateCommand, warnings: list[Warning]
    ) -> list[tuple[ParsedIdentifier, FoundCard | None]]:
        """The cards to link; a card the customer already has is only a warning."""
        found: list[tuple[ParsedIdentifier, FoundCard | None]] = []
        seen: set[str] = set()
        for item in cmd.add:
            if not item.is_card:
                continue
            card = cards.find_card(repo, org, item.ident.value, lock=True, label=item.status_label)
            if item.ident.value in customer.cards or item.ident.value in seen:
                warnings.append(already_present(item))
                continue
            seen.add(item.ident.value)
            found.append((item, card))
        return found

    @staticmethod
    def _link_cards(
        repo: Repository,
        org: str,
        target: CustomerAggregate,
        items: list[tuple[ParsedIdentifier, FoundCard | None]],
        now: datetime,
    ) -> None:
        for item, found in items:
            found = found or cards.find_card(repo, org, item.ident.value, lock=True, label=item.status_label)
            cards.link_card(repo, org, target, found, item.series_id, item.status_label, f"{item.field}.", now)

    # MergeCustomers -------------------------------------------------------

    def merge_customers(
        self, repo: Repository, org: str, victim_id: str, survivor_id: str, request_id: str | None
    ) -> MergeCustomersResult:
        # Both locked in one statement, in key order: two opposite merges queue instead of deadlocking.
        found = repo.customers.get_many(org, [victim_id, survivor_id], lock=True)
        victim, survivor = (_found(found.get(i), i) for i in (victim_id, survivor_id))
        victim.ensure_active()
        survivor.ensure_active()
        now = self._clock()
        merge, merged = self._merge(repo, victim, survivor, now, request_id, None, None, [])
        self._save(repo, org, [merged], [merge], now)
        repo.customers.touch(survivor, now)
        return MergeCustomersResult(survivor.to_read_model(), merge)

    def _merge(
        self,
        repo: Repository,
        victim: CustomerAggregate,
        survivor: CustomerAggregate,
        now: datetime,
        request_id: str | None,
        trigger_scope: Scope | None,
        trigger: IdentifierValue | None,
        added: list[ScopedIdentifier],
        policy: MergePolicy = DEFAULT_POLICY,
        proofs: Sequence[tuple[Scope, ParsedIdentifier]] = (),
    ) -> tuple[Merge, CustomersMerged]:
        customers = repo.customers
        blocks = customers.blocks_between(victim, survivor)
        series = customers.series_limits(victim.live_cards()) if victim.live_cards() else {}
        merge, merged = victim.merge_into(
            survivor,
            now=now,
            blocked=bool(blocks),
            series=series,
            request_id=request_id or "",
            trigger_scope=trigger_scope,
            trigger=trigger,
            added=added,
            policy=policy,
            proofs=proofs,
        )
        customers.unblock(blocks)  # an explicit merge overrules an earlier unmerge
        return merge, merged

    @staticmethod
    def _save(repo: Repository, org: str, changes: list[Change], merges: list[Merge], now: datetime) -> None:
        """The tables, the merge records and the feed, from the changes."""
        customers = repo.customers
        # The pairs first: the move re-keys the victim's rows under the survivor.
        pairs = {m.name: (customers.pk_of(m.victim), customers.pk_of(m.survivor)) for m in merges}
        customers.save(org, changes, now)
        for merge in merges:
            repo.insert_merge(org, merge, *pairs[merge.name])
        for change in changes:
            repo.record_event(org, change, now)

    @staticmethod
    def _lock_survivor(
        repo: Repository,
        org: str,
        survivor_id: str,
        proofs: list[IdentifierValue],
        wanted: list[tuple[Scope, IdentifierValue]],
        requester: str | None,
    ) -> CustomerAggregate:
        """Lock the customer the identifiers go to, and check it still holds what proved it the one.

        It was found without a lock. After the wait for the lock the values may
        have moved, or been taken in their scopes (each statement of a READ
        COMMITTED transaction sees the latest commits): the request then runs
        again and answers as a serial order would.
        """
        survivor, fresh = repo.customers.get_for_update(org, survivor_id, wanted)
        if (
            survivor is None
            or survivor.state is not CustomerState.ACTIVE
            or any(fresh.anywhere.get(ident) != survivor_id for ident in proofs)
            or any(fresh.in_scope.get(item) not in (None, requester) for item in wanted)
        ):
            raise TransientStoreError("the merge target or the identifiers changed concurrently")
        return survivor


def _customer(repo: Repository, org: str, customer_id: str, lock: bool = False) -> CustomerAggregate:
    return _found(repo.customers.get(org, customer_id, lock), customer_id)


def _found(customer: CustomerAggregate | None, customer_id: str) -> CustomerAggregate:
    if customer is None:
        raise customer_not_found(customer_id)
    return customer
