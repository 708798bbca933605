"""The identity use cases through Application over the in-memory repository (tests/fakes.py): no database.

Each call goes through Application as a servicer makes it (a Mutation, a Reply), in units of work of
the fake store, whose contract suites hold it equal to SQLite and PostgreSQL. The tests look at what the
calls answer, refuse (DomainError.reason and metadata), record in the feed and in the merge records, and
that a refusal leaves nothing behind but its request id's answer (RULES 2.7).
"""

from __future__ import annotations

import copy
import hashlib
import pickle
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.events import (
    Change,
    CustomerCreated,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Customer, CustomerState, Merge, ScopedIdentifier, WarningCode
from loyalty_identity.domain.requests import IdentifierInput, ProfileInput
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.application import Application, Mutation, Reply
from loyalty_identity.service.identity import CreateCustomerResult, MergeCustomersResult, UpdateIdentifiersResult
from loyalty_identity.service.unmerge import UnmergeResult
from tests.fakes import InMemoryRepository, InMemoryUnitOfWorkFactory

ORG = "acme"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
INSTORE, TMALL, WECHAT = Source.INSTORE, Source.TMALL, Source.WECHAT
MOBILE, EMAIL, OPENID, EXTERNAL = (
    IdentifierType.MOBILE,
    IdentifierType.EMAIL,
    IdentifierType.WECHAT,
    IdentifierType.EXTERNAL_ID,
)
CUSTOMER_NAME = re.compile(r"customers/[0-9a-f-]{36}")


class Wire:
    """The reply message a servicer would build: here the use case's result itself, stored pickled."""

    def __init__(self, result: Any) -> None:
        self.result = result

    def SerializeToString(self, *, deterministic: bool = False) -> bytes:  # noqa: N802 (protobuf API)
        return pickle.dumps(self.result)

    @classmethod
    def parse(cls, stored: bytes) -> Wire:
        return cls(pickle.loads(stored))


REPLY: Reply[Any, Wire] = Reply(Wire, Wire.parse, lambda wire: set(CUSTOMER_NAME.findall(repr(wire.result))))


def ident(kind: IdentifierType, value: str) -> IdentifierInput:
    return IdentifierInput(int(kind), value)


def profile(source: Source, *idents: IdentifierInput, account_id: str = "") -> ProfileInput:
    return ProfileInput(int(source), account_id, idents)


def scoped(source: Source, kind: IdentifierType, value: str, account_id: str = "") -> ScopedIdentifier:
    return ScopedIdentifier(Scope(source, account_id), IdentifierValue(kind, value))


class Service:
    """Application over one InMemoryRepository, called as the servicers call it, at a clock the tests move."""

    def __init__(self) -> None:
        self.now = NOW
        self.repo = InMemoryRepository(clock=lambda: self.now)
        self.app = Application(InMemoryUnitOfWorkFactory(self.repo), clock=lambda: self.now)

    @staticmethod
    def mutation(*request: object, request_id: str = "", validate_only: bool = False) -> Mutation:
        """As api/rpc.py makes it: the fingerprint is the request's, its request_id left out."""
        return Mutation(hashlib.sha256(repr(request).encode()).hexdigest(), request_id, validate_only)

    def create(
        self, *profiles: ProfileInput, request_id: str = "", validate_only: bool = False
    ) -> CreateCustomerResult:
        wire = self.app.create_customer(
            ORG, profiles, self.mutation("create", profiles, request_id=request_id, validate_only=validate_only), REPLY
        )
        return wire.result

    def update(
        self,
        customer: str,
        source: Source,
        account_id: str = "",
        add: tuple[IdentifierInput, ...] = (),
        remove: tuple[IdentifierInput, ...] = (),
        request_id: str = "",
        validate_only: bool = False,
    ) -> UpdateIdentifiersResult:
        request = ("update", customer, source, account_id, add, remove)
        mutation = self.mutation(*request, request_id=request_id, validate_only=validate_only)
        wire = self.app.update_identifiers(ORG, customer, int(source), account_id, add, remove, mutation, REPLY)
        return wire.result

    def merge(self, victim: str, survivor: str, request_id: str = "") -> MergeCustomersResult:
        mutation = self.mutation("merge", victim, survivor, request_id=request_id)
        return self.app.merge_customers(ORG, victim, survivor, mutation, REPLY).result

    def unmerge(self, merge: str, request_id: str = "") -> UnmergeResult:
        mutation = self.mutation("unmerge", merge, request_id=request_id)
        return self.app.unmerge_customers(ORG, merge, mutation, REPLY).result

    # Reads.

    def customer(self, name: str) -> Customer:
        return self.app.get_customer(ORG, name)

    def events(self) -> list[Change]:
        return [e.change for e in self.app.list_events(ORG, 0, 1000).events]

    def merges(self, customer: str = "") -> list[Merge]:
        return self.app.list_merges(ORG, customer, 100, "").items

    def committed(self) -> tuple[Any, ...]:
        """Everything the store holds (customers, merges, the feed, request ids), copied."""
        repo = self.repo
        parts = (repo.customers, repo.merges, repo.feed, repo.requests, repo.candidates)
        return copy.deepcopy(tuple(vars(part).get("_committed") for part in parts))

    def refusal(self, call: Callable[[], object], keeps: bool = False) -> DomainError:
        """The refusal of call, which leaves nothing (keeps: but its request id's answer)."""
        before = self.committed()
        with pytest.raises(DomainError) as caught:
            call()
        after = self.committed()
        assert after[:3] == before[:3]
        assert (after[3] != before[3]) is keeps
        return caught.value

    # What the tests start from.

    def customer_with(self, source: Source, *idents: IdentifierInput, account_id: str = "") -> Customer:
        return self.create(profile(source, *idents, account_id=account_id)).customer


@pytest.fixture
def service() -> Service:
    return Service()


def values(customer: Customer, source: Source, account_id: str = "") -> dict[IdentifierType, str]:
    for p in customer.profiles:
        if p.scope == Scope(source, account_id):
            return {i.type: i.value for i in p.identifiers}
    return {}


# CreateCustomer ---------------------------------------------------------------------------------


def test_create_makes_a_customer_and_its_event(service: Service) -> None:
    result = service.create(profile(INSTORE, ident(MOBILE, "+86 138 0013 8000"), ident(EMAIL, "Ann@Example.com")))
    ann = result.customer
    assert (ann.state, result.warnings) == (CustomerState.ACTIVE, [])
    assert values(ann, INSTORE) == {MOBILE: "8613800138000", EMAIL: "ann@example.com"}
    assert service.customer(ann.name) == ann
    created = [scoped(INSTORE, MOBILE, "8613800138000"), scoped(INSTORE, EMAIL, "ann@example.com")]
    assert service.events() == [CustomerCreated(ann.name, created)]


def test_a_create_naming_a_customer_by_a_value_of_another_scope_combines_with_it(service: Service) -> None:
    ann = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    result = service.create(profile(WECHAT, ident(OPENID, "oAnn42"), ident(MOBILE, "8613800138000"), account_id="wx"))
    assert result.customer.name == ann.name
    assert [w.code for w in result.warnings] == [WarningCode.COMBINED_WITH_EXISTING]
    assert values(result.customer, WECHAT, "wx") == {OPENID: "oAnn42", MOBILE: "8613800138000"}
    added = [scoped(WECHAT, OPENID, "oAnn42", "wx"), scoped(WECHAT, MOBILE, "8613800138000", "wx")]
    assert service.events()[1:] == [IdentifiersChanged(ann.name, added, [])]
    assert service.customer(ann.name) == result.customer


def test_a_create_with_a_value_taken_in_its_scope_is_refused(service: Service) -> None:
    ann = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    error = service.refusal(lambda: service.create(profile(INSTORE, ident(MOBILE, "8613800138000"))))
    assert (error.reason, error.metadata["customer"]) == (Reason.IDENTIFIER_TAKEN, ann.name)


# UpdateIdentifiers ------------------------------------------------------------------------------


def test_an_add_makes_the_profile_of_a_new_scope(service: Service) -> None:
    ann = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    result = service.update(ann.name, WECHAT, "wx", add=(ident(OPENID, "oAnn42"),))
    assert (result.customer.name, result.merges, result.warnings) == (ann.name, [], [])
    assert values(result.customer, WECHAT, "wx") == {OPENID: "oAnn42"}
    assert service.events()[1:] == [IdentifiersChanged(ann.name, [scoped(WECHAT, OPENID, "oAnn42", "wx")], [])]


def test_adding_what_the_profile_holds_is_a_warning_and_no_event(service: Service) -> None:
    ann = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    result = service.update(ann.name, INSTORE, add=(ident(MOBILE, "+86 138 0013 8000"),))
    assert [w.code for w in result.warnings] == [WarningCode.ALREADY_PRESENT]
    assert len(service.events()) == 1


def test_a_remove_and_an_add_change_a_value(service: Service) -> None:
    ann = service.customer_with(INSTORE, ident(EMAIL, "old@example.com"), ident(MOBILE, "8613800138000"))
    result = service.update(
        ann.name, INSTORE, add=(ident(EMAIL, "new@example.com"),), remove=(ident(EMAIL, "OLD@example.com"),)
    )
    assert values(result.customer, INSTORE) == {EMAIL: "new@example.com", MOBILE: "8613800138000"}
    changed = IdentifiersChanged(
        ann.name, [scoped(INSTORE, EMAIL, "new@example.com")], [scoped(INSTORE, EMAIL, "old@example.com")]
    )
    assert service.events()[1:] == [changed]


def test_update_refusals_leave_nothing(service: Service) -> None:
    holder = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    ann = service.customer_with(INSTORE, ident(EMAIL, "ann@example.com"))
    taken = service.refusal(lambda: service.update(ann.name, INSTORE, add=(ident(MOBILE, "8613800138000"),)))
    assert (taken.reason, taken.metadata["customer"]) == (Reason.IDENTIFIER_TAKEN, holder.name)
    last = service.refusal(lambda: service.update(ann.name, INSTORE, remove=(ident(EMAIL, "ann@example.com"),)))
    assert last.reason is Reason.LAST_IDENTIFIER
    one_per_type = service.refusal(lambda: service.update(ann.name, INSTORE, add=(ident(EMAIL, "b@example.com"),)))
    assert one_per_type.reason is Reason.IDENTIFIER_TYPE_ALREADY_SET
    # All or nothing: a valid add next to a missing remove is undone too.
    missing = service.refusal(
        lambda: service.update(
            ann.name, INSTORE, add=(ident(EXTERNAL, "x-1"),), remove=(ident(EMAIL, "other@example.com"),)
        )
    )
    assert missing.reason is Reason.IDENTIFIER_NOT_FOUND
    unknown = f"customers/{uuid.uuid4()}"
    gone = service.refusal(lambda: service.update(unknown, INSTORE, add=(ident(EXTERNAL, "x-1"),)))
    assert (gone.reason, gone.metadata["customer"]) == (Reason.CUSTOMER_NOT_FOUND, unknown)


def test_a_value_held_in_another_scope_merges_the_updated_customer_into_its_holder(service: Service) -> None:
    survivor = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    victim = service.customer_with(WECHAT, ident(OPENID, "oAnn42"), account_id="wx")
    request_id = str(uuid.uuid4())
    result = service.update(victim.name, WECHAT, "wx", add=(ident(MOBILE, "+86 138 0013 8000"),), request_id=request_id)

    assert result.customer.name == survivor.name
    assert values(result.customer, WECHAT, "wx") == {OPENID: "oAnn42", MOBILE: "8613800138000"}
    assert result.customer.merged_customers == [victim.name]
    [merge] = result.merges
    trigger = scoped(WECHAT, MOBILE, "8613800138000", "wx")
    assert (merge.victim, merge.survivor, merge.request_id) == (victim.name, survivor.name, request_id)
    assert (merge.trigger_scope, merge.trigger, merge.added_identifiers) == (trigger.scope, trigger.ident, [trigger])
    assert [p.scope for p in merge.moved_profiles] == [Scope(WECHAT, "wx")]
    assert [(w.code, w.metadata["merge"]) for w in result.warnings] == [(WarningCode.MERGED, merge.name)]
    moved = [scoped(WECHAT, OPENID, "oAnn42", "wx")]
    assert service.events()[2:] == [
        CustomersMerged(merge.name, victim.name, survivor.name, moved, [], [], trigger),
        IdentifiersChanged(survivor.name, [trigger], []),
    ]
    assert [e.request_id for e in service.app.list_events(ORG, 2, 10).events] == [request_id, request_id]
    assert service.merges() == service.merges(victim.name) == service.merges(survivor.name) == [merge]
    # Reads go to the survivor; the victim refuses updates, naming it.
    assert service.customer(victim.name) == result.customer
    merged = service.refusal(lambda: service.update(victim.name, TMALL, add=(ident(EXTERNAL, "t-1"),)))
    assert (merged.reason, merged.metadata["survivor"]) == (Reason.CUSTOMER_MERGED, survivor.name)


def test_merge_refusals_of_an_add_leave_nothing(service: Service) -> None:
    service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    holder = service.customer_with(TMALL, ident(EMAIL, "taken@example.com"))
    both = service.customer_with(INSTORE, ident(EMAIL, "both@example.com"))
    service.update(both.name, TMALL, add=(ident(EXTERNAL, "t-both"),))
    victim = service.customer_with(TMALL, ident(EXTERNAL, "t-1"))

    conflict = service.refusal(lambda: service.update(victim.name, TMALL, add=(ident(EMAIL, "both@example.com"),)))
    assert (conflict.reason, conflict.metadata["scope"]) == (Reason.PROFILE_CONFLICT, "TMALL")
    two = (ident(MOBILE, "8613800138000"), ident(EXTERNAL, "t-both"))
    ambiguous = service.refusal(lambda: service.update(victim.name, WECHAT, "wx", add=two))
    assert ambiguous.reason is Reason.AMBIGUOUS_MERGE
    # The merge the first add makes is undone with the refusal of the second.
    merge_then_taken = (ident(MOBILE, "8613800138000"), ident(EMAIL, "taken@example.com"))
    taken = service.refusal(lambda: service.update(victim.name, TMALL, add=merge_then_taken))
    assert (taken.reason, taken.metadata["customer"]) == (Reason.IDENTIFIER_TAKEN, holder.name)
    assert service.merges() == []


def test_a_validate_only_merge_answers_and_writes_nothing(service: Service) -> None:
    survivor = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    victim = service.customer_with(TMALL, ident(EXTERNAL, "t-1"))
    before = service.committed()
    dry = service.update(victim.name, TMALL, add=(ident(MOBILE, "8613800138000"),), validate_only=True)
    assert (dry.customer.name, dry.merges[0].victim) == (survivor.name, victim.name)
    assert service.committed() == before


# MergeCustomers and UnmergeCustomers --------------------------------------------------------------


def test_an_explicit_merge_has_no_trigger_and_repoints_earlier_victims(service: Service) -> None:
    a = service.customer_with(INSTORE, ident(EMAIL, "a@example.com"))
    b = service.customer_with(TMALL, ident(EMAIL, "b@example.com"))
    c = service.customer_with(WECHAT, ident(OPENID, "oC"), account_id="wx")
    first = service.merge(a.name, b.name)
    assert (first.customer.name, first.merge.trigger, first.merge.trigger_scope) == (b.name, None, None)
    second = service.merge(b.name, c.name)
    assert second.merge.repointed_customers == [a.name]
    assert second.customer.merged_customers == sorted([a.name, b.name])
    assert service.customer(a.name).name == c.name
    assert [type(e) for e in service.events()[3:]] == [CustomersMerged, CustomersMerged]
    assert service.events()[-1] == CustomersMerged(
        second.merge.name,
        b.name,
        c.name,
        [scoped(INSTORE, EMAIL, "a@example.com"), scoped(TMALL, EMAIL, "b@example.com")],
        [],
        [a.name],
        None,
    )
    assert service.merges() == [second.merge, first.merge]
    merged = service.refusal(lambda: service.update(a.name, TMALL, add=(ident(EXTERNAL, "x-1"),)))
    assert merged.metadata["survivor"] == c.name  # one hop, straight to the active customer


def test_explicit_merge_refusals(service: Service) -> None:
    a = service.customer_with(INSTORE, ident(EMAIL, "a@example.com"))
    b = service.customer_with(INSTORE, ident(EMAIL, "b@example.com"))
    c = service.customer_with(TMALL, ident(EMAIL, "c@example.com"))
    same = service.refusal(lambda: service.merge(a.name, a.name))  # the request's own: before any unit
    assert same.reason is Reason.SAME_CUSTOMER
    conflict = service.refusal(lambda: service.merge(a.name, b.name))
    assert conflict.reason is Reason.PROFILE_CONFLICT
    unknown = f"customers/{uuid.uuid4()}"
    assert service.refusal(lambda: service.merge(unknown, b.name)).reason is Reason.CUSTOMER_NOT_FOUND
    service.merge(c.name, a.name)
    for victim, survivor in [(c.name, b.name), (b.name, c.name)]:
        merged = service.refusal(lambda victim=victim, survivor=survivor: service.merge(victim, survivor))
        assert merged.reason is Reason.CUSTOMER_MERGED


def test_an_unmerge_gives_the_victim_back_and_blocks_an_automatic_merge(service: Service) -> None:
    survivor = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    victim = service.customer_with(WECHAT, ident(OPENID, "oAnn42"), account_id="wx")
    merged = service.update(victim.name, WECHAT, "wx", add=(ident(MOBILE, "8613800138000"),))
    [merge] = merged.merges
    service.now = NOW + timedelta(hours=1)
    request_id = str(uuid.uuid4())
    result = service.unmerge(merge.name, request_id=request_id)

    assert (result.victim.state, result.victim.survivor) == (CustomerState.ACTIVE, "")
    assert values(result.victim, WECHAT, "wx") == {OPENID: "oAnn42"}  # the trigger the request added is gone
    assert values(result.survivor, WECHAT, "wx") == {} and result.survivor.merged_customers == []
    assert (result.merge.unmerge_time, result.merge.unmerge_request_id) == (service.now, request_id)
    assert service.merges() == [result.merge]
    assert service.events()[-1] == CustomersUnmerged(
        merge.name,
        victim.name,
        survivor.name,
        [scoped(WECHAT, OPENID, "oAnn42", "wx")],
        [scoped(WECHAT, MOBILE, "8613800138000", "wx")],
        [],
        [],
    )
    again = service.refusal(lambda: service.unmerge(merge.name))
    assert again.reason is Reason.UNMERGE_CONFLICT
    unknown = service.refusal(lambda: service.unmerge(f"merges/{uuid.uuid4()}"))
    assert unknown.reason is Reason.MERGE_NOT_FOUND
    blocked = service.refusal(lambda: service.update(victim.name, WECHAT, "wx", add=(ident(MOBILE, "8613800138000"),)))
    assert blocked.reason is Reason.MERGE_BLOCKED
    # An explicit merge overrules the unmerge.
    assert service.merge(victim.name, survivor.name).customer.merged_customers == [victim.name]


# request_id (RULES 2.7) ----------------------------------------------------------------------------------


def test_a_retried_merge_gets_the_first_answer_and_merges_once(service: Service) -> None:
    survivor = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    victim = service.customer_with(TMALL, ident(EXTERNAL, "t-1"))
    request_id = str(uuid.uuid4())
    first = service.update(victim.name, TMALL, add=(ident(MOBILE, "8613800138000"),), request_id=request_id)
    after_first = service.committed()
    again = service.update(victim.name, TMALL, add=(ident(MOBILE, "8613800138000"),), request_id=request_id)
    assert again == first  # not CUSTOMER_MERGED: answered from the record
    assert service.committed() == after_first
    assert [m.request_id for m in service.merges(survivor.name)] == [request_id]
    reused = service.refusal(
        lambda: service.update(victim.name, TMALL, add=(ident(EXTERNAL, "t-2"),), request_id=request_id)
    )
    assert (reused.reason, reused.metadata["request_id"]) == (Reason.REQUEST_ID_REUSED, request_id)


def test_a_refusal_is_the_answer_to_its_request_id_even_after_the_world_changed(service: Service) -> None:
    holder = service.customer_with(INSTORE, ident(MOBILE, "8613800138000"))
    ann = service.customer_with(TMALL, ident(EXTERNAL, "t-1"))
    request_id = str(uuid.uuid4())

    def claim() -> object:
        return service.update(ann.name, INSTORE, add=(ident(MOBILE, "8613800138000"),), request_id=request_id)

    first = service.refusal(claim, keeps=True)  # its answer kept
    assert (first.reason, first.metadata["customer"]) == (Reason.IDENTIFIER_TAKEN, holder.name)
    service.update(holder.name, INSTORE, add=(ident(EMAIL, "h@example.com"),), remove=(ident(MOBILE, "8613800138000"),))
    assert service.refusal(claim) == first
    # Work done before the refusal (a remove, here) is undone, back to the savepoint after the claim.
    service.customer_with(TMALL, ident(EMAIL, "t@example.com"))
    remove_then_taken = str(uuid.uuid4())
    undone = service.refusal(
        lambda: service.update(
            ann.name,
            TMALL,
            add=(ident(EMAIL, "t@example.com"),),
            remove=(ident(EXTERNAL, "t-1"),),
            request_id=remove_then_taken,
        ),
        keeps=True,
    )
    assert undone.reason is Reason.IDENTIFIER_TAKEN
    # A new request_id is a new request: it runs on today's state.
    done = service.update(ann.name, INSTORE, add=(ident(MOBILE, "8613800138000"),), request_id=str(uuid.uuid4()))
    assert values(done.customer, INSTORE) == {MOBILE: "8613800138000"}


def test_a_retried_create_gets_the_first_customer_and_dry_runs_claim_nothing(service: Service) -> None:
    request_id = str(uuid.uuid4())
    ann = profile(INSTORE, ident(MOBILE, "8613800138000"))
    before = service.committed()
    dry = service.create(ann, request_id=request_id, validate_only=True)
    assert service.committed() == before
    first = service.create(ann, request_id=request_id)
    assert first.customer.name != dry.customer.name
    after_first = service.committed()
    assert service.create(ann, request_id=request_id.upper()) == first
    assert service.committed() == after_first
    assert service.events() == [CustomerCreated(first.customer.name, [scoped(INSTORE, MOBILE, "8613800138000")])]
