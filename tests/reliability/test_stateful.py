"""Random sequences of operations against the real server and the reference model.

Every response (success or error reason) must match the model, every customer
and merge record must read back as the model holds it, the change feed read
from the start must replay to the model's holdings, and the invariant checker
must pass after every step.

LOYALTY_IDENTITY_STATEFUL_EXAMPLES=N runs N examples per engine instead of the
CI's few (for shaking out rare sequences locally).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import grpc
import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from loyalty_identity.api.protos import card_grpc, event_grpc, identifier_grpc, merge_review_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import merge_review_pb as mpb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import ServerConfig, create_server
from loyalty_identity.store import invariants
from tests import databases
from tests.helpers import RichError, answer_of
from tests.reliability.model import (
    Candidate,
    Ident,
    MergeRecord,
    Model,
    NeedsReview,
    Person,
    Recorded,
    Refused,
    Scope,
)

T = TypeVar("T")
Held = tuple[int, str, int, str]  # (source, account_id, type, value)

SCOPES: list[Scope] = [(r.SOURCE_INSTORE, ""), (r.SOURCE_TMALL, ""), (r.SOURCE_WECHAT, "a"), (r.SOURCE_WECHAT, "b")]
VALUES: dict[int, list[str]] = {
    r.IDENTIFIER_TYPE_MOBILE: ["8610000000001", "8610000000002", "8610000000003"],
    r.IDENTIFIER_TYPE_EMAIL: ["a@x.com", "b@x.com", "c@x.com"],
    r.IDENTIFIER_TYPE_WECHAT: ["o1", "o2"],
}
CARD_LIMIT = 2
MODES = {"AUTO": r.MERGE_MODE_AUTO, "REVIEW": r.MERGE_MODE_REVIEW, "NEVER": r.MERGE_MODE_NEVER}
UNKNOWN_MERGE = "merges/00000000-0000-4000-8000-000000000000"
FEED_PAGE = 7  # small, so that reading the feed takes several pages

scopes = st.sampled_from(SCOPES)
idents = st.sampled_from([(t, v) for t, vs in VALUES.items() for v in vs])
# How a write is sent (IdentityMachine.deliver): each must give the one answer the model expects.
deliveries = st.sampled_from(["plain", "plain", "again", "twins", "hasty"])
HASTY_DEADLINE = 0.002  # seconds: less than most writes take, so many are cut short while the server works
RETRY_AT_ONCE = {grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNAVAILABLE}


class Replica:
    """Stubs of one server."""

    def __init__(self, channel: grpc.Channel) -> None:
        self.ids = identifier_grpc.IdentifierServiceStub(channel)
        self.cards = card_grpc.CardServiceStub(channel)
        self.review = merge_review_grpc.MergeReviewServiceStub(channel)

    def attempt(self, method: str, request: Any, timeout: float = 30) -> Any:
        """The response, or the error."""
        stub = next(stub for stub in (self.ids, self.cards, self.review) if hasattr(stub, method))
        try:
            return getattr(stub, method)(request, timeout=timeout)
        except grpc.RpcError as error:
            return error


def describe(answer: Any) -> str:
    if isinstance(answer, grpc.RpcError):
        return f"{answer.code().name} ({answer.details()})"
    return f"OK {answer}"


def same(a: Any, b: Any) -> bool:
    """The same response, or the same refusal: byte for byte, ErrorInfo and details included (RULES 2.7)."""
    if isinstance(a, grpc.RpcError) and isinstance(b, grpc.RpcError):
        return bool(answer_of(a) == answer_of(b))
    if isinstance(a, grpc.RpcError) or isinstance(b, grpc.RpcError):
        return False
    return bool(a.SerializeToString(deterministic=True) == b.SerializeToString(deterministic=True))


def distinct_types(items: list[Ident]) -> list[Ident]:
    seen: dict[int, Ident] = {}
    for item in items:
        seen.setdefault(item[0], item)
    return list(seen.values())


def identifier(ident: Ident) -> r.Identifier:
    return r.Identifier(type=ident[0], value=ident[1])


def profiles_of(profiles: Any) -> dict[Scope, dict[int, str]]:
    return {(p.source, p.account_id): {i.type: i.value for i in p.identifiers} for p in profiles}


def shown(customer: r.Customer) -> tuple[dict[Scope, dict[int, str]], set[str]]:
    return profiles_of(customer.profiles), {c.number for c in customer.cards}


def modeled(person: Person) -> tuple[dict[Scope, dict[int, str]], set[str]]:
    return {scope: values for scope, values in person.profiles.items() if values}, person.cards


def held(items: Any) -> set[Held]:
    return {(i.source, i.account_id, i.type, i.value) for i in items}


def one(item: Any) -> Held:
    return (item.source, item.account_id, item.type, item.value)


def note_outcome(outcome: str) -> None:
    """Counted by --hypothesis-show-statistics: how often each outcome was reached."""
    if currently_in_test_context():  # not in the replayed sequences below
        event(outcome)


class FeedReplay:
    """What a consumer of the feed knows: who holds which identifier and card, who was merged into whom.

    Written apart from domain/replay.py (which the invariant checker uses), and
    stricter: every event must fit the state the events before it built.
    """

    def __init__(self) -> None:
        self.held: dict[str, set[Held]] = defaultdict(set)
        self.cards: dict[str, str] = {}  # linked card -> owner
        self.survivors: dict[str, str] = {}  # merged customer -> the active one answering for it
        # Where each held identifier came from (the customer that held it first: RULES 2.5.1), and
        # for each event applied, the origin of each identifier it carries (in items() order).
        self.came_from: dict[str, dict[Held, str]] = defaultdict(dict)
        self.origins: list[list[str]] = []

    def apply(self, event: epb.Event) -> None:
        self.origins.append(self._origins(event))
        self._apply(event)

    def _origins(self, event: epb.Event) -> list[str]:
        """The origin of each identifier of items(event), tracked through moves (written apart from the service's)."""
        kind = event.WhichOneof("change")
        change = getattr(event, str(kind))
        if kind == "customer_created":
            self.came_from[change.customer] = {h: change.customer for h in held(change.identifiers)}
            return [change.customer] * len(change.identifiers)
        if kind == "identifiers_changed":
            mine = self.came_from[change.customer]
            removed = [mine.pop(h, change.customer) for h in map(one, change.removed)]
            mine.update((h, change.customer) for h in held(change.added))
            return [change.customer] * len(change.added) + removed
        if kind == "customers_merged":
            brought = self.came_from.pop(change.victim, {})
            moved = [brought.get(h, change.victim) for h in map(one, change.moved_identifiers)]
            self.came_from[change.survivor].update(brought)
            return moved + ([change.survivor] if change.HasField("trigger") else [])
        if kind == "customers_unmerged":
            holder = self.came_from[change.survivor]
            restored = [holder.pop(h, change.victim) for h in map(one, change.restored_identifiers)]
            self.came_from[change.victim] = dict(zip(map(one, change.restored_identifiers), restored, strict=True))
            return restored + [holder.pop(h, change.survivor) for h in map(one, change.removed_identifiers)]
        if kind == "customer_erased":
            for customer in event.customers:
                self.came_from.pop(customer, None)
        return []

    def _apply(self, event: epb.Event) -> None:
        kind = event.WhichOneof("change")
        customers = set(event.customers)
        if kind == "customer_created":
            change = event.customer_created
            assert change.customer not in self.held, f"{change.customer} created twice"
            assert customers == {change.customer}
            self.held[change.customer] = held(change.identifiers)
        elif kind == "identifiers_changed":
            ids = event.identifiers_changed
            mine = self.held[ids.customer]
            assert customers == {ids.customer}
            assert held(ids.removed) <= mine, f"{ids.customer} lost identifiers it did not hold"
            mine -= held(ids.removed)
            assert not held(ids.added) & mine, f"{ids.customer} got identifiers it held"
            mine |= held(ids.added)
        elif kind == "customers_merged":
            merged = event.customers_merged
            repointed = {c for c, survivor in self.survivors.items() if survivor == merged.victim}
            assert set(merged.repointed_customers) == repointed
            assert customers == {merged.victim, merged.survivor} | repointed
            assert merged.victim not in self.survivors and merged.survivor not in self.survivors
            self.survivors.update(dict.fromkeys([merged.victim, *repointed], merged.survivor))
            moved = self.held.pop(merged.victim, set())
            assert moved == held(merged.moved_identifiers), f"{merged.merge} moved other identifiers than held"
            assert not moved & self.held[merged.survivor]
            self.held[merged.survivor] |= moved
            assert {n for n, owner in self.cards.items() if owner == merged.victim} == set(merged.moved_cards)
            self.cards.update(dict.fromkeys(merged.moved_cards, merged.survivor))
        elif kind == "customers_unmerged":
            back = event.customers_unmerged
            assert customers == {back.victim, back.survivor, *back.restored_customers}
            assert self.survivors.pop(back.victim) == back.survivor
            assert all(self.survivors[c] == back.survivor for c in back.restored_customers)
            self.survivors.update(dict.fromkeys(back.restored_customers, back.victim))
            restored, removed = held(back.restored_identifiers), held(back.removed_identifiers)
            assert not restored & removed and restored | removed <= self.held[back.survivor]
            assert not self.held.get(back.victim), f"{back.victim} held identifiers while merged"
            self.held[back.survivor] -= restored | removed
            self.held[back.victim] = restored
            assert all(self.cards.get(n) == back.survivor for n in back.restored_cards)
            self.cards.update(dict.fromkeys(back.restored_cards, back.victim))
        elif kind == "customer_erased":
            gone = event.customer_erased
            victims = {c for c, survivor in self.survivors.items() if survivor == gone.customer}
            assert set(gone.erased_customers) == victims and customers == {gone.customer} | victims
            assert all(not self.held.get(victim) for victim in victims)
            self.held.pop(gone.customer, None)  # its cards stay its own (DELETED)
        elif kind == "merge_policy_changed":
            assert not customers
        elif kind == "merge_candidate_created":
            created = event.merge_candidate_created
            assert customers == {created.victim, created.survivor} - {""}
        elif kind == "merge_candidate_resolved":
            assert customers  # the candidate's customers: its survivor at least
        else:
            assert kind == "card_changed", kind
            card = event.card_changed
            assert customers == {card.customer, card.previous_customer} - {""}
            assert self.cards.get(card.number, "") == card.previous_customer
            if card.customer:
                self.cards[card.number] = card.customer
            else:
                self.cards.pop(card.number, None)

    def holdings(self) -> dict[str, set[Held]]:
        return {customer: items for customer, items in self.held.items() if items}


# The ScopedIdentifier lists of each kind of event (customers_merged.trigger aside).
SCOPED = {
    "customer_created": ("identifiers",),
    "identifiers_changed": ("added", "removed"),
    "customers_merged": ("moved_identifiers",),
    "customers_unmerged": ("restored_identifiers", "removed_identifiers"),
}


def items(event: Any) -> list[Any]:
    """The identifiers an event carries, in a fixed order: its SCOPED lists, then a merge's trigger."""
    change = getattr(event, str(event.WhichOneof("change")))
    found = [i for name in SCOPED.get(str(event.WhichOneof("change")), ()) for i in getattr(change, name)]
    if event.HasField("customers_merged") and change.HasField("trigger"):
        found.append(change.trigger)
    return found


def redacted(event: epb.Event, origins: list[str], names: set[str]) -> epb.Event:
    """The event as an erasure of names leaves it: every identifier that came from them is emptied."""
    kept = epb.Event()
    kept.CopyFrom(event)
    for item, origin in zip(items(kept), origins, strict=True):
        if origin in names:
            item.value, item.erased = "", True
    if kept.HasField("merge_candidate_created") and set(kept.customers) & names:
        # A candidate naming the erased loses its values whoever holds them now (RULES 2.5.4).
        trigger = kept.merge_candidate_created.trigger
        trigger.value, trigger.erased = "", True
    return kept


class IdentityMachine(RuleBasedStateMachine):
    backend = "sqlite"

    def database_url(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.folder / 'db.sqlite'}"
        url = databases.postgres_url()
        assert url is not None
        databases.reset_postgres(url)
        return url

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="stateful-"))
        url = self.database_url()
        # Two replicas of one database: writes may go to both (see deliver()).
        self.servers = [create_server(ServerConfig(listen="127.0.0.1:0", database_url=url)) for _ in range(2)]
        for server in self.servers:
            server.start()
        self.server = self.servers[0]
        self.channels = [grpc.insecure_channel(f"127.0.0.1:{server.port}") for server in self.servers]
        self.replicas = [Replica(channel) for channel in self.channels]
        self.ids, self.cards = self.replicas[0].ids, self.replicas[0].cards
        self.events = event_grpc.EventServiceStub(self.channels[0])
        self.model = Model(card_limit=CARD_LIMIT)
        series = self.cards.CreateCardSeries(
            cpb.CreateCardSeriesRequest(
                series=r.CardSeries(
                    code="S",
                    name="S",
                    type=r.CARD_TYPE_DIGITAL,
                    format=r.CardNumberFormat(prefix="C", length=6, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
                    max_active_cards_per_customer=CARD_LIMIT,
                )
            )
        ).series
        numbers = self.cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=5)).numbers
        self.model.card_owner = dict.fromkeys(numbers)
        # The feed as read so far, and whether the current step changed anything.
        self.feed = FeedReplay()
        self.feed_sequence = 0
        self.feed_events: list[epb.Event] = []
        self.wrote = False
        self.erasures: list[set[str]] = []  # customers erased by this step: the feed read so far changes
        self.last_error: RichError | None = None
        self.last_refusal: Refused | None = None

    def teardown(self) -> None:
        for channel in self.channels:
            channel.close()
        for server in self.servers:
            server.stop(grace=1)
        shutil.rmtree(self.folder, ignore_errors=True)

    # Comparing one call -----------------------------------------------------------

    def outcome(self, call: Callable[[], Any]) -> tuple[str, Any]:
        try:
            return "ok", call()
        except grpc.RpcError as error:
            rich = self.last_error = RichError(error)
            assert rich.code not in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN), rich.status.message
            return rich.reason, None

    def deliver(self, method: str, request: Any, delivery: str) -> Callable[[], Any]:
        """A write, with a request_id, sent as delivery says; the call gives its one answer, or raises it.

        plain: once. again: once, then the same request to the other replica,
        which must answer the same. twins: to both replicas at the same
        moment; both must answer the same. hasty: with a deadline of a few
        ms, and when that passes, the retry at once on the other replica.
        """
        request.request_id = str(uuid.uuid4())
        first, second = self.replicas

        def call() -> Any:
            note_outcome(f"delivery: {delivery}")
            if delivery == "twins":
                with ThreadPoolExecutor(2) as pool:
                    answer, twin = pool.map(lambda replica: replica.attempt(method, request), self.replicas)
                assert same(answer, twin), f"twins answered {describe(answer)} and {describe(twin)}"
            elif delivery == "hasty":
                answer = first.attempt(method, request, timeout=HASTY_DEADLINE)
                if isinstance(answer, grpc.RpcError) and answer.code() in RETRY_AT_ONCE:
                    note_outcome("delivery: hasty, timed out")
                    answer = second.attempt(method, request)
            else:
                answer = first.attempt(method, request)
                if delivery == "again":
                    again = second.attempt(method, request)
                    assert same(answer, again), f"answered {describe(answer)}, then {describe(again)}"
            if isinstance(answer, grpc.RpcError):
                raise answer
            return answer

        return call

    def expect(
        self, label: str, service_call: Callable[[], Any], model_call: Callable[[Any], T], writes: bool = True
    ) -> tuple[T | None, Any]:
        """Call the service, then the model (which may need names from the response); same outcome?"""
        reason, response = self.outcome(service_call)
        note_outcome(f"{label}: {reason}")
        try:
            expected: tuple[str, T | None] = ("ok", model_call(response))
        except Refused as refused:
            self.last_refusal = refused
            expected = (refused.reason, None)
        assert reason == expected[0], f"service said {reason}, model {expected[0]}"
        self.wrote |= writes and reason == "ok"
        return expected[1], response

    def names(self) -> list[str]:
        # Creation order, not name order: names are random UUIDs, and hypothesis
        # must draw the same customer for the same choices when it replays.
        return list(self.model.people)

    @staticmethod
    def check_merge(merge: r.Merge, record: MergeRecord) -> None:
        assert (merge.victim, merge.survivor) == (record.victim, record.survivor)
        assert profiles_of(merge.moved_profiles) == record.profiles
        assert set(merge.moved_cards) == set(record.cards)
        assert set(merge.repointed_customers) == record.repointed
        assert not merge.HasField("unmerge_time")

    # Rules -------------------------------------------------------------------------

    @rule(scope=scopes, chosen=st.lists(idents, min_size=1, max_size=2), delivery=deliveries)
    def create(self, scope: Scope, chosen: list[Ident], delivery: str = "plain") -> None:
        items = distinct_types(chosen)
        request = pb.CreateCustomerRequest(
            profiles=[r.Profile(source=scope[0], account_id=scope[1], identifiers=[identifier(i) for i in items])]
        )
        expected, response = self.expect(
            "create",
            self.deliver("CreateCustomer", request, delivery),
            lambda response: self.model.create(response.customer.name if response else "?", [(scope, items)]),
        )
        self.note_review(("create", [(scope, items)]))
        if response is not None:
            assert expected is not None
            name, combined = expected
            assert response.customer.name == name
            assert [w.code for w in response.warnings] == (["COMBINED_WITH_EXISTING"] if combined else [])

    @precondition(lambda self: self.model.people)
    @rule(
        data=st.data(),
        scope=scopes,
        add=st.lists(idents, max_size=2),
        remove=st.lists(idents, max_size=1),
        delivery=deliveries,
    )
    def update(self, data: st.DataObject, scope: Scope, add: list[Ident], remove: list[Ident], delivery: str) -> None:
        if not add and not remove:
            return
        self.update_identifiers(data.draw(st.sampled_from(self.names())), scope, add, remove, delivery)

    @precondition(lambda self: len(self.model.holdings()) >= 2)
    @rule(data=st.data(), scope=scopes, swap=st.booleans(), delivery=deliveries)
    def claim(self, data: st.DataObject, scope: Scope, swap: bool, delivery: str) -> None:
        """An active customer adds a value another one holds: the usual road to an automatic merge."""
        holdings = self.model.holdings()
        name = data.draw(st.sampled_from([n for n in self.names() if n in holdings]))
        taken = sorted({(kind, value) for other in holdings if other != name for *_, kind, value in holdings[other]})
        own = sorted(self.model.people[name].profiles.get(scope, {}).items())
        # Swapping out one of its own values on the way leaves the victim with less (or nothing) to bring.
        remove = [data.draw(st.sampled_from(own))] if swap and own else []
        self.update_identifiers(name, scope, [data.draw(st.sampled_from(taken))], remove, delivery)

    def update_identifiers(
        self, name: str, scope: Scope, add: list[Ident], remove: list[Ident], delivery: str = "plain"
    ) -> None:
        request = pb.UpdateIdentifiersRequest(
            customer=name,
            source=scope[0],
            account_id=scope[1],
            add=[identifier(i) for i in add],
            remove=[identifier(i) for i in remove],
        )
        expected, response = self.expect(
            "update",
            self.deliver("UpdateIdentifiers", request, delivery),
            lambda response: self.model.update(
                name, scope, add, remove, response.merges[0].name if response and response.merges else "?"
            ),
        )
        self.note_review(("update", name, scope, add, remove))
        if response is not None:
            assert expected is not None
            target, record = expected
            assert response.customer.name == target
            assert len(response.merges) == (record is not None)
            if record is not None:
                note_outcome("update: merged")
                self.check_merge(response.merges[0], record)

    def note_review(self, request: Recorded) -> None:
        """After a refusal for review: the service named the pending candidate, or a new one (a feed event)."""
        refusal, self.last_refusal = self.last_refusal, None
        if not isinstance(refusal, NeedsReview):
            return
        assert self.last_error is not None and self.last_error.reason == "MERGE_NEEDS_REVIEW"
        name = self.last_error.metadata["candidate"]
        pending = self.model.pending_candidate(refusal.key)
        if pending is not None:
            assert name == pending, "a repeat reuses the pending candidate"
        else:
            assert name not in self.model.candidates
            self.model.candidates[name] = Candidate(refusal.key, request)
            self.wrote = True
        note_outcome("review: new candidate" if pending is None else "review: reused")

    # Merge governance (SPEC 7) -------------------------------------------------------

    @rule(
        modes=st.fixed_dictionaries({kind: st.sampled_from(["AUTO", "AUTO", "REVIEW", "NEVER"]) for kind in VALUES}),
        limit=st.sampled_from([0, 0, 1, 2]),
        delivery=deliveries,
    )
    def set_policy(self, modes: dict[int, str], limit: int, delivery: str) -> None:
        chosen = {kind: mode for kind, mode in modes.items() if mode != "AUTO"}
        policy = r.MergePolicy(
            rules=[r.TypeRule(type=kind, mode=MODES[mode]) for kind, mode in sorted(chosen.items())],
            max_merged_customers=limit,
        )
        changed, response = self.expect(
            "policy",
            self.deliver("UpdateMergePolicy", mpb.UpdateMergePolicyRequest(policy=policy), delivery),
            lambda _: self.model.set_policy(chosen, limit),
        )
        assert response == policy
        self.wrote = bool(changed)

    @precondition(lambda self: self.model.candidates)
    @rule(data=st.data(), delivery=deliveries)
    def accept(self, data: st.DataObject, delivery: str) -> None:
        name = data.draw(st.sampled_from(list(self.model.candidates)))
        expected, response = self.expect(
            "accept",
            self.deliver("AcceptMergeCandidate", mpb.AcceptMergeCandidateRequest(name=name), delivery),
            lambda response: self.model.accept(
                name,
                response.merge.name if response and response.HasField("merge") else "?",
                response.customer.name if response else "?",
            ),
        )
        if response is not None:
            assert expected is not None
            target, record = expected
            assert response.merge_candidate.state == r.MERGE_CANDIDATE_STATE_ACCEPTED
            assert response.customer.name == target and response.HasField("merge") == (record is not None)
            if record is not None:
                self.check_merge(response.merge, record)

    @precondition(lambda self: self.model.candidates)
    @rule(data=st.data(), delivery=deliveries)
    def reject(self, data: st.DataObject, delivery: str) -> None:
        name = data.draw(st.sampled_from(list(self.model.candidates)))
        _, response = self.expect(
            "reject",
            self.deliver("RejectMergeCandidate", mpb.RejectMergeCandidateRequest(name=name), delivery),
            lambda _: self.model.reject(name),
        )
        if response is not None:
            assert response.state == r.MERGE_CANDIDATE_STATE_REJECTED

    @precondition(lambda self: len(self.model.people) >= 2)
    @rule(data=st.data(), delivery=deliveries)
    def merge(self, data: st.DataObject, delivery: str) -> None:
        self.merge_customers(
            data.draw(st.sampled_from(self.names())), data.draw(st.sampled_from(self.names())), delivery
        )

    def merge_customers(self, victim: str, survivor: str, delivery: str = "plain") -> None:
        record, response = self.expect(
            "merge",
            self.deliver("MergeCustomers", pb.MergeCustomersRequest(victim=victim, survivor=survivor), delivery),
            lambda response: self.model.merge(victim, survivor, response.merge.name if response else "?"),
        )
        if response is not None:
            assert record is not None and response.customer.name == survivor
            self.check_merge(response.merge, record)

    @precondition(lambda self: self.model.merges)
    @rule(data=st.data(), validate_only=st.sampled_from([False, False, True]), delivery=deliveries)
    def unmerge(self, data: st.DataObject, validate_only: bool, delivery: str) -> None:
        # Now and then a merge the service never made.
        self.unmerge_customers(data.draw(st.sampled_from([*self.model.merges, UNKNOWN_MERGE])), validate_only, delivery)

    def unmerge_customers(self, merge: str, validate_only: bool, delivery: str = "plain") -> None:
        request = pb.UnmergeCustomersRequest(merge=merge, validate_only=validate_only)
        if validate_only:
            delivery = "plain"  # dry runs neither consult nor claim request ids: each answers afresh
        expected, response = self.expect(
            "unmerge (dry run)" if validate_only else "unmerge",
            self.deliver("UnmergeCustomers", request, delivery),
            lambda _: self.model.unmerge(merge, dry_run=validate_only),
            writes=not validate_only,
        )
        if response is not None:
            assert expected is not None
            victim, victim_after, holder, holder_after = expected
            assert (response.victim.name, response.victim.state) == (victim, r.CUSTOMER_STATE_ACTIVE)
            assert shown(response.victim) == modeled(victim_after)
            assert response.survivor.name == holder
            assert shown(response.survivor) == modeled(holder_after)
            assert response.merge.name == merge

    @precondition(lambda self: self.model.people)
    @rule(data=st.data(), delivery=deliveries)
    def issue(self, data: st.DataObject, delivery: str) -> None:
        name = data.draw(st.sampled_from(self.names()))
        number = data.draw(st.sampled_from(sorted(self.model.card_owner)))
        self.expect(
            "issue",
            self.deliver("IssueCard", cpb.IssueCardRequest(customer=name, number=number), delivery),
            lambda _: self.model.issue(name, number),
        )

    @rule(data=st.data(), delivery=deliveries)
    def unlink(self, data: st.DataObject, delivery: str) -> None:
        number = data.draw(st.sampled_from(sorted(self.model.card_owner)))
        self.expect(
            "unlink",
            self.deliver("UnlinkCard", cpb.UnlinkCardRequest(number=number), delivery),
            lambda _: self.model.unlink(number),
        )

    @precondition(lambda self: self.model.people)
    @rule(data=st.data(), validate_only=st.sampled_from([False, False, True]), delivery=deliveries)
    def erase(self, data: st.DataObject, validate_only: bool, delivery: str) -> None:
        self.erase_customer(data.draw(st.sampled_from(self.names())), validate_only, delivery)

    def erase_customer(self, name: str, validate_only: bool = False, delivery: str = "plain") -> None:
        if validate_only:
            delivery = "plain"  # dry runs neither consult nor claim request ids
        expected, response = self.expect(
            "erase (dry run)" if validate_only else "erase",
            self.deliver("EraseCustomer", pb.EraseCustomerRequest(name=name, validate_only=validate_only), delivery),
            lambda _: self.model.erase(name, dry_run=validate_only),
            writes=not validate_only,
        )
        assert expected is not None and response is not None  # erasing never fails
        target, names, _values = expected
        assert (response.customer.name, response.customer.state) == (target, r.CUSTOMER_STATE_ERASED)
        assert shown(response.customer) == ({}, set()) and response.customer.HasField("erase_time")
        if names and not validate_only:
            self.erasures.append(names)
        else:
            self.wrote = False  # erasing an erased customer appends nothing

    @precondition(lambda self: len(self.model.holdings()) >= 2)
    @rule(data=st.data())
    def erase_beside_a_write(self, data: st.DataObject) -> None:
        """An erasure on one replica while another person gives up an identifier on the other, at once.

        The two touch different people, so either order gives the same answers:
        the model runs the erasure first.
        """
        holdings = self.model.holdings()
        erased = data.draw(st.sampled_from([n for n in self.names() if n in holdings]))
        other = data.draw(st.sampled_from([n for n in self.names() if n in holdings and n != erased]))
        scope, kind, value = data.draw(
            st.sampled_from(
                sorted((scope, *item) for scope, p in self.model.people[other].profiles.items() for item in p.items())
            )
        )
        remove = pb.UpdateIdentifiersRequest(
            customer=other, source=scope[0], account_id=scope[1], remove=[identifier((kind, value))]
        )
        barrier = threading.Barrier(2)

        def at_once(call: Callable[[], Any]) -> tuple[str, Any]:
            barrier.wait()
            return self.outcome(call)

        with ThreadPoolExecutor(2) as pool:
            erasing = pool.submit(
                at_once, lambda: self.replicas[0].ids.EraseCustomer(pb.EraseCustomerRequest(name=erased))
            )
            updating = pool.submit(at_once, lambda: self.replicas[1].ids.UpdateIdentifiers(remove))
            outcomes = [erasing.result(), updating.result()]
        modeled = []
        for model_call in (
            lambda: self.model.erase(erased),
            lambda: self.model.update(other, scope, [], [(kind, value)], "?"),
        ):
            try:
                modeled.append(("ok", model_call()))
            except Refused as refused:
                modeled.append((refused.reason, None))
        note_outcome(f"erase beside a write: {outcomes[1][0]}")
        assert [reason for reason, _ in outcomes] == [reason for reason, _ in modeled]
        target, names, _values = modeled[0][1]
        assert outcomes[0][1].customer.name == target
        self.erasures.append(names)
        self.wrote = True

    @rule(scope=scopes, ident=idents)
    def lookup(self, scope: Scope, ident: Ident) -> None:
        request = pb.LookupCustomerRequest(source=scope[0], account_id=scope[1], identifier=identifier(ident))
        holder, response = self.expect(
            "lookup", lambda: self.ids.LookupCustomer(request), lambda _: self.model.lookup(scope, ident), writes=False
        )
        if response is not None:
            assert response.customer.name == holder

    @rule(queries=st.lists(st.tuples(st.one_of(st.none(), scopes), idents), min_size=1, max_size=6))
    def find(self, queries: list[tuple[Scope | None, Ident]]) -> None:
        request = pb.FindCustomersRequest(
            queries=[
                pb.IdentifierQuery(source=scope[0], account_id=scope[1], identifier=identifier(ident))
                if scope
                else pb.IdentifierQuery(identifier=identifier(ident))
                for scope, ident in queries
            ]
        )
        results = self.ids.FindCustomers(request).results
        assert [(f.customer.name, f.source, f.account_id) for f in results] == [
            self.model.find(scope, ident) for scope, ident in queries
        ]

    # After every step -------------------------------------------------------------------

    @invariant()
    def customers_read_back_as_modeled(self) -> None:
        for name in self.names():
            customer = self.ids.GetCustomer(pb.GetCustomerRequest(name=name)).customer
            expected_name = self.model.resolve(name)
            person = self.model.people[expected_name]
            state = r.CUSTOMER_STATE_ERASED if person.erased else r.CUSTOMER_STATE_ACTIVE
            assert customer.name == expected_name and customer.state == state
            assert shown(customer) == modeled(person)
            assert set(customer.merged_customers) == self.model.merged_into(expected_name)

    @invariant()
    def candidates_read_back_as_modeled(self) -> None:
        listed = self.replicas[0].review.ListMergeCandidates(mpb.ListMergeCandidatesRequest(page_size=1000))
        states = {
            c.name: r.MergeCandidateState.Name(c.state).removeprefix("MERGE_CANDIDATE_STATE_")
            for c in listed.merge_candidates
        }
        assert states == {name: c.state for name, c in self.model.candidates.items()}

    @invariant()
    def merges_read_back_as_modeled(self) -> None:
        listed = self.ids.ListMerges(pb.ListMergesRequest(page_size=1000)).merges
        assert {m.name: (m.victim, m.survivor, m.HasField("unmerge_time")) for m in listed} == {
            name: (record.victim, record.survivor, record.undone) for name, record in self.model.merges.items()
        }

    @invariant()
    def feed_replays_to_the_model(self) -> None:
        """The feed, read on from where the last step left it, rebuilds the model's holdings.

        Read in small pages, revealed: sequences go 1, 2, 3... and a step that
        changed nothing (refused, a dry run, a read) appended nothing.
        """
        for names in self.erasures:  # the events read before keep their place, not the erased values
            self.feed_events = [redacted(e, o, names) for e, o in zip(self.feed_events, self.feed.origins, strict=True)]
        self.erasures = []
        last = self.feed_sequence
        while True:
            page = self.events.ListEvents(
                epb.ListEventsRequest(after_sequence=last, page_size=FEED_PAGE, reveal_values=True)
            )
            assert [e.sequence for e in page.events] == list(range(last + 1, last + 1 + len(page.events)))
            for item in page.events:
                self.feed.apply(item)
            self.feed_events += page.events
            last += len(page.events)
            if last == page.last_sequence:
                break
            assert len(page.events) == FEED_PAGE, "a short page before the end of the feed"
        if not self.wrote:
            assert last == self.feed_sequence, "events appended by a step that changed nothing"
        self.feed_sequence, self.wrote = last, False
        # Read again from the start in one page: what was read before is still there, unchanged.
        whole = self.events.ListEvents(epb.ListEventsRequest(after_sequence=0, page_size=1000, reveal_values=True))
        assert list(whole.events) == self.feed_events
        assert self.feed.holdings() == self.model.holdings()
        fresh = FeedReplay()  # a consumer starting now, from the redacted feed, learns the same
        for item in self.feed_events:
            fresh.apply(item)
        assert fresh.holdings() == self.model.holdings() and fresh.cards == self.feed.cards
        assert self.feed.cards == {number: owner for number, owner in self.model.card_owner.items() if owner}
        assert self.feed.survivors == {n: p.survivor for n, p in self.model.people.items() if not p.active}

    @invariant()
    def database_invariants_hold(self) -> None:
        assert [str(v) for v in invariants.check(self.server.database.db)] == []

    def verify_everything(self) -> None:
        self.customers_read_back_as_modeled()
        self.merges_read_back_as_modeled()
        self.feed_replays_to_the_model()
        self.database_invariants_hold()


class PostgresIdentityMachine(IdentityMachine):
    backend = "postgresql"


# CI runs a few examples per engine (a few seconds); raise for local runs.
EXAMPLES = int(os.environ.get("LOYALTY_IDENTITY_STATEFUL_EXAMPLES", "0"))
MACHINE_SETTINGS = settings(
    max_examples=EXAMPLES or 40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
IdentityMachine.TestCase.settings = MACHINE_SETTINGS
PostgresIdentityMachine.TestCase.settings = settings(MACHINE_SETTINGS, max_examples=EXAMPLES or 20)
TestIdentityMachine = IdentityMachine.TestCase


TestPostgresIdentityMachine = pytest.mark.skipif(
    databases.postgres_url() is None and not os.environ.get("CI"), reason="no PostgreSQL (scripts/test.sh starts one)"
)(PostgresIdentityMachine.TestCase)


# Sequences hypothesis found, replayed on every run (one engine each, like the machines above). -------------

MACHINES = [
    IdentityMachine,
    pytest.param(
        PostgresIdentityMachine,
        marks=pytest.mark.skipif(databases.postgres_url() is None and not os.environ.get("CI"), reason="no PostgreSQL"),
    ),
]
INSTORE, WECHAT_A = SCOPES[0], SCOPES[2]
MOBILE_1, MOBILE_2 = (r.IDENTIFIER_TYPE_MOBILE, "8610000000001"), (r.IDENTIFIER_TYPE_MOBILE, "8610000000002")
EMAIL_A = (r.IDENTIFIER_TYPE_EMAIL, "a@x.com")


def run_steps(machine_class: type[IdentityMachine], steps: Callable[[IdentityMachine], None]) -> None:
    machine = machine_class()
    try:
        steps(machine)
        machine.verify_everything()
    finally:
        machine.teardown()


def only_merge(machine: IdentityMachine) -> str:
    [merge] = machine.model.merges
    return merge


@pytest.mark.parametrize("machine_class", MACHINES)
def test_a_victim_that_brought_nothing_is_not_restored_empty(machine_class: type[IdentityMachine]) -> None:
    """It swapped its only identifier for the survivor's: undoing would leave an ACTIVE customer holding nothing."""

    def steps(machine: IdentityMachine) -> None:
        machine.create(scope=INSTORE, chosen=[MOBILE_1])
        machine.create(scope=WECHAT_A, chosen=[MOBILE_2])
        victim = machine.names()[1]
        machine.update_identifiers(victim, WECHAT_A, add=[MOBILE_1], remove=[MOBILE_2])
        machine.unmerge_customers(only_merge(machine), validate_only=False)  # UNMERGE_CONFLICT

    run_steps(machine_class, steps)


@pytest.mark.parametrize("machine_class", MACHINES)
def test_what_the_merging_request_added_does_not_block_its_unmerge(machine_class: type[IdentityMachine]) -> None:
    """The request also added, in its own scope, a value the victim brought elsewhere: the unmerge removes it."""

    def steps(machine: IdentityMachine) -> None:
        machine.create(scope=INSTORE, chosen=[MOBILE_1])
        machine.create(scope=SCOPES[1], chosen=[EMAIL_A])
        victim = machine.names()[1]
        machine.update_identifiers(victim, WECHAT_A, add=[EMAIL_A, MOBILE_1], remove=[])
        machine.unmerge_customers(only_merge(machine), validate_only=False)  # succeeds

    run_steps(machine_class, steps)


@pytest.mark.parametrize("machine_class", MACHINES)
def test_merge_unmerge_remove_then_two_erasures(machine_class: type[IdentityMachine]) -> None:
    """Issue 21: the mobile V removed after the unmerge goes from the merge's and the unmerge's events too."""

    def steps(machine: IdentityMachine) -> None:
        machine.create(scope=INSTORE, chosen=[MOBILE_1, EMAIL_A])
        machine.create(scope=SCOPES[1], chosen=[(r.IDENTIFIER_TYPE_EMAIL, "b@x.com")])
        v, s = machine.names()
        machine.merge_customers(v, s)
        machine.unmerge_customers(only_merge(machine), validate_only=False)
        machine.update_identifiers(v, INSTORE, add=[], remove=[MOBILE_1])
        machine.verify_everything()
        machine.erase_customer(v)
        machine.verify_everything()
        machine.erase_customer(s)

    run_steps(machine_class, steps)


@pytest.mark.parametrize("machine_class", MACHINES)
def test_two_erasures_that_touch_one_merge_record(machine_class: type[IdentityMachine]) -> None:
    """S holds V and gave up V's mobile, which X took: erasing S, then X, redacts the same records twice."""

    def steps(machine: IdentityMachine) -> None:
        machine.create(scope=INSTORE, chosen=[MOBILE_1, EMAIL_A])
        machine.create(scope=SCOPES[1], chosen=[(r.IDENTIFIER_TYPE_EMAIL, "b@x.com")])
        v, s = machine.names()
        machine.merge_customers(v, s)
        machine.update_identifiers(s, INSTORE, add=[], remove=[MOBILE_1])
        machine.create(scope=WECHAT_A, chosen=[MOBILE_1])
        x = machine.names()[2]
        machine.erase_customer(s)
        machine.verify_everything()
        machine.erase_customer(x)

    run_steps(machine_class, steps)


@pytest.mark.parametrize("machine_class", MACHINES)
def test_a_value_removed_and_added_again_then_erased(machine_class: type[IdentityMachine]) -> None:
    def steps(machine: IdentityMachine) -> None:
        machine.create(scope=INSTORE, chosen=[MOBILE_1, EMAIL_A])
        machine.create(scope=SCOPES[1], chosen=[MOBILE_2])
        ann, bo = machine.names()
        machine.update_identifiers(ann, INSTORE, add=[], remove=[MOBILE_1])
        machine.update_identifiers(bo, WECHAT_A, add=[MOBILE_1], remove=[])  # another person's now
        machine.update_identifiers(ann, SCOPES[3], add=[MOBILE_1], remove=[])  # merges ann into bo
        machine.unmerge_customers(only_merge(machine), validate_only=False)
        machine.erase_customer(ann)

    run_steps(machine_class, steps)


@pytest.mark.parametrize("machine_class", MACHINES)
def test_review_accept_reject_and_an_erasure_under_a_policy(machine_class: type[IdentityMachine]) -> None:
    """Issue 22: an add and a create sent to review, a repeat, accept and reject, the limit, then an erasure."""

    def steps(machine: IdentityMachine) -> None:
        email_b = (r.IDENTIFIER_TYPE_EMAIL, "b@x.com")
        machine.set_policy({r.IDENTIFIER_TYPE_MOBILE: "REVIEW", r.IDENTIFIER_TYPE_EMAIL: "AUTO"}, 0, "plain")
        machine.create(scope=INSTORE, chosen=[MOBILE_1, EMAIL_A])
        machine.create(scope=SCOPES[1], chosen=[email_b])
        holder, other = machine.names()
        machine.update_identifiers(other, SCOPES[1], add=[MOBILE_1], remove=[], delivery="twins")  # to review
        machine.update_identifiers(other, SCOPES[1], add=[MOBILE_1], remove=[])  # the same candidate
        machine.create(scope=WECHAT_A, chosen=[MOBILE_1])  # a create to review
        assert len(machine.model.candidates) == 2
        update_candidate, create_candidate = machine.model.candidates
        machine.verify_everything()
        data = _Drawn([update_candidate])
        machine.accept(data, "again")  # merges other into holder
        machine.accept(data, "plain")  # CANDIDATE_NOT_PENDING
        machine.reject(_Drawn([create_candidate]), "plain")
        machine.set_policy({r.IDENTIFIER_TYPE_WECHAT: "NEVER"}, 1, "plain")  # the holder is at the limit now
        machine.create(scope=SCOPES[3], chosen=[(r.IDENTIFIER_TYPE_WECHAT, "o1")])
        third = machine.names()[-1]
        machine.update_identifiers(third, SCOPES[3], add=[email_b], remove=[])  # past the limit: review
        machine.verify_everything()
        machine.erase_customer(holder)  # its pending candidate becomes OBSOLETE, its values go
        assert {c.state for c in machine.model.candidates.values()} == {"ACCEPTED", "REJECTED", "OBSOLETE"}
        del holder

    run_steps(machine_class, steps)


class _Drawn:
    """A stand-in for hypothesis' data(): draws the given values in order."""

    def __init__(self, values: list[Any]) -> None:
        self._values = list(values)

    def draw(self, _strategy: Any) -> Any:
        return self._values[0]
