"""Random sequences of operations against the real server and the reference model.

Every response (success or error reason) must match the model, every customer
must read back as the model holds it, and the invariant checker must pass after
every step.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import grpc
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import ServerConfig, create_server
from loyalty_identity.store import invariants
from tests import databases
from tests.helpers import RichError
from tests.reliability.model import Ident, Model, Refused, Scope

SCOPES: list[Scope] = [(r.SOURCE_INSTORE, ""), (r.SOURCE_TMALL, ""), (r.SOURCE_WECHAT, "a"), (r.SOURCE_WECHAT, "b")]
VALUES: dict[int, list[str]] = {
    r.IDENTIFIER_TYPE_MOBILE: ["8610000000001", "8610000000002", "8610000000003"],
    r.IDENTIFIER_TYPE_EMAIL: ["a@x.com", "b@x.com", "c@x.com"],
    r.IDENTIFIER_TYPE_WECHAT: ["o1", "o2"],
}
CARD_LIMIT = 2

scopes = st.sampled_from(SCOPES)
idents = st.sampled_from([(t, v) for t, vs in VALUES.items() for v in vs])


def distinct_types(items: list[Ident]) -> list[Ident]:
    seen: dict[int, Ident] = {}
    for item in items:
        seen.setdefault(item[0], item)
    return list(seen.values())


def identifier(ident: Ident) -> r.Identifier:
    return r.Identifier(type=ident[0], value=ident[1])


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
        self.server = create_server(ServerConfig(listen="127.0.0.1:0", database_url=self.database_url()))
        self.server.start()
        self.channel = grpc.insecure_channel(f"127.0.0.1:{self.server.port}")
        self.ids = identifier_grpc.IdentifierServiceStub(self.channel)
        self.cards = card_grpc.CardServiceStub(self.channel)
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

    def teardown(self) -> None:
        self.channel.close()
        self.server.stop(grace=1)
        shutil.rmtree(self.folder, ignore_errors=True)

    # Comparing one call -----------------------------------------------------------

    def outcome(self, call):
        try:
            return "ok", call()
        except grpc.RpcError as error:
            rich = RichError(error)
            assert rich.code not in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN), rich.status.message
            return rich.reason, None

    def expect(self, model_call, service_call):
        try:
            expected = ("ok", model_call())
        except Refused as refused:
            expected = (refused.reason, None)
        reason, response = self.outcome(service_call)
        assert reason == expected[0], f"service said {reason}, model {expected[0]}"
        return expected[1], response

    def names(self) -> list[str]:
        # Creation order, not name order: names are random UUIDs, and hypothesis
        # must draw the same customer for the same choices when it replays.
        return list(self.model.people)

    # Rules -------------------------------------------------------------------------

    @rule(scope=scopes, chosen=st.lists(idents, min_size=1, max_size=2))
    def create(self, scope: Scope, chosen: list[Ident]) -> None:
        items = distinct_types(chosen)
        request = pb.CreateCustomerRequest(
            profiles=[r.Profile(source=scope[0], account_id=scope[1], identifiers=[identifier(i) for i in items])]
        )
        reason, response = self.outcome(lambda: self.ids.CreateCustomer(request))
        try:
            name, combined = self.model.create(response.customer.name if response else "?", [(scope, items)])
        except Refused as refused:
            assert reason == refused.reason, f"service said {reason}, model {refused.reason}"
            return
        assert reason == "ok", f"service said {reason}, model ok"
        assert response.customer.name == name
        assert [w.code for w in response.warnings] == (["COMBINED_WITH_EXISTING"] if combined else [])

    @precondition(lambda self: self.model.people)
    @rule(data=st.data(), scope=scopes, add=st.lists(idents, max_size=2), remove=st.lists(idents, max_size=1))
    def update(self, data: st.DataObject, scope: Scope, add: list[Ident], remove: list[Ident]) -> None:
        if not add and not remove:
            return
        name = data.draw(st.sampled_from(self.names()))
        request = pb.UpdateIdentifiersRequest(
            customer=name,
            source=scope[0],
            account_id=scope[1],
            add=[identifier(i) for i in add],
            remove=[identifier(i) for i in remove],
        )
        target, response = self.expect(
            lambda: self.model.update(name, scope, add, remove), lambda: self.ids.UpdateIdentifiers(request)
        )
        if response is not None:
            assert response.customer.name == target

    @precondition(lambda self: len(self.model.people) >= 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        victim = data.draw(st.sampled_from(self.names()))
        survivor = data.draw(st.sampled_from(self.names()))
        self.expect(
            lambda: self.model.merge(victim, survivor),
            lambda: self.ids.MergeCustomers(pb.MergeCustomersRequest(victim=victim, survivor=survivor)),
        )

    @precondition(lambda self: self.model.people)
    @rule(data=st.data())
    def issue(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(self.names()))
        number = data.draw(st.sampled_from(sorted(self.model.card_owner)))
        self.expect(
            lambda: self.model.issue(name, number),
            lambda: self.cards.IssueCard(cpb.IssueCardRequest(customer=name, number=number)),
        )

    @rule(data=st.data())
    def unlink(self, data: st.DataObject) -> None:
        number = data.draw(st.sampled_from(sorted(self.model.card_owner)))
        self.expect(
            lambda: self.model.unlink(number), lambda: self.cards.UnlinkCard(cpb.UnlinkCardRequest(number=number))
        )

    @rule(scope=scopes, ident=idents)
    def lookup(self, scope: Scope, ident: Ident) -> None:
        request = pb.LookupCustomerRequest(source=scope[0], account_id=scope[1], identifier=identifier(ident))
        holder, response = self.expect(
            lambda: self.model.lookup(scope, ident), lambda: self.ids.LookupCustomer(request)
        )
        if response is not None:
            assert response.customer.name == holder

    # After every step -------------------------------------------------------------------

    @invariant()
    def customers_read_back_as_modeled(self) -> None:
        for name in self.names():
            customer = self.ids.GetCustomer(pb.GetCustomerRequest(name=name)).customer
            expected_name = self.model.resolve(name)
            person = self.model.people[expected_name]
            assert customer.name == expected_name
            profiles = {(p.source, p.account_id): {i.type: i.value for i in p.identifiers} for p in customer.profiles}
            assert profiles == {scope: values for scope, values in person.profiles.items() if values}
            assert {c.number for c in customer.cards} == person.cards

    @invariant()
    def database_invariants_hold(self) -> None:
        assert [str(v) for v in invariants.check(self.server.database.db)] == []


class PostgresIdentityMachine(IdentityMachine):
    backend = "postgresql"


MACHINE_SETTINGS = settings(
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
IdentityMachine.TestCase.settings = MACHINE_SETTINGS
PostgresIdentityMachine.TestCase.settings = settings(MACHINE_SETTINGS, max_examples=20)
TestIdentityMachine = IdentityMachine.TestCase


TestPostgresIdentityMachine = pytest.mark.skipif(
    databases.postgres_url() is None and not os.environ.get("CI"), reason="no PostgreSQL (scripts/test.sh starts one)"
)(PostgresIdentityMachine.TestCase)
