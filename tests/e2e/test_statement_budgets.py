"""How many statements one call of each RPC sends to the database (issue 14, item 4).

On a warmed-up server (each call is made once first, so caches and
first-connection setup are not counted), a second, comparable call is counted
on each engine with tests/statements.py: every round trip, BEGIN, COMMIT,
SET and the pool's `SELECT 1` ping included. Nothing else runs meanwhile: the
purge the server does at start is waited for, and the database must be quiet
before each counted call.

Two kinds of check:
- CURRENT: today's counts. A count above it is a regression and fails.
  When you cut statements, lower the number here.
- TARGETS: issue 14's budgets. Where today's count misses one, the check is a
  strict xfail; the day the budget is met it XPASSes, which fails: lower
  CURRENT to the new count and the xfail goes away (the budget becomes a
  hard assertion).

`pytest tests/e2e/test_statement_budgets.py -s` prints the table and every
statement's text.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import grpc
import pytest

from loyalty_identity.api.protos import card_grpc, event_grpc, identifier_grpc, merge_review_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import merge_review_pb as mpb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import RunningServer
from tests.helpers import EMAIL, INSTORE, MOBILE, WECHAT, WECHAT_ID, create, ident, profile, unique_mobile, update
from tests.statements import (
    Measured,
    PgStatementProxy,
    SqliteStatementTrace,
    StatementLog,
    wait_for_startup_purge,
)

CARD = r.IDENTIFIER_TYPE_CARD_NUMBER
CUID = r.IDENTIFIER_TYPE_CUID
# Eleven identifier types (MOBILE first) a profile can hold at once: one value per type per profile.
TYPES = list(range(r.IDENTIFIER_TYPE_MOBILE, r.IDENTIFIER_TYPE_MOBILE + 11))

# Statements per call measured on 2026-12-01 with the Customer aggregate's repository (the regression
# limits; at commit 48edaf9 an add was 21 on SQLite and 23 on PostgreSQL). Lower them as statements are cut.
CURRENT: dict[str, dict[str, int]] = {
    "sqlite": {
        "GetCustomer": 1,
        "LookupCustomer by mobile": 1,
        "LookupCustomer by card number": 1,
        "FindCustomers 1 query": 1,
        "FindCustomers 100 queries": 1,
        "UpdateIdentifiers add 1": 8,
        "UpdateIdentifiers add 10": 8,
        "UpdateIdentifiers remove 1": 8,
        "UpdateIdentifiers add that merges": 14,
        "MergeCustomers": 12,
        "CreateCustomer 1 identifier": 8,
        "CreateCustomer 2 identifiers": 8,
        "CreateCustomer 10 identifiers": 8,
        # Issue 21: with a request_id, the claim, the savepoint a refusal rolls back to, the stored reply and
        # one multi-row INSERT of the customers it names (+4; before issue 21, +2: the claim and the reply).
        # Refused: the claim, savepoint, the work up to the refusal, ROLLBACK TO, the stored refusal, its names.
        "CreateCustomer with request_id": 12,
        "CreateCustomer refused, request_id": 8,
        # Issue 26: the card, its series and the label in one read; the reply built from the card, not read back.
        "IssueCard": 9,
        # Issue 26 (measured on the code before it: 10 and 12): the card with its series and label in one read.
        "UpdateCardStatus": 9,
        "UnlinkCard": 10,
        "ListEvents": 4,
        # Issue 21: by index, whatever the feed's length (the WAL checkpoint after COMMIT included).
        "EraseCustomer": 18,
        # Issue 22: a review refusal = the plain refusal + the candidate's upsert + its feed event (the feed's
        # two statements on SQLite: the counter and the event, as for every write that records one).
        "UpdateIdentifiers refused at the merge, request_id": 10,
        "UpdateIdentifiers sent to review, request_id": 13,
    },
    # Round trips: BEGIN and SET LOCAL go with the first statement, writes nobody reads the answer of with the
    # next statement or COMMIT; the pool pings only connections idle for a while (store/postgres.py).
    "postgresql": {
        "GetCustomer": 1,
        "LookupCustomer by mobile": 1,
        "LookupCustomer by card number": 1,
        "FindCustomers 1 query": 1,
        "FindCustomers 100 queries": 1,
        "UpdateIdentifiers add 1": 3,
        "UpdateIdentifiers add 10": 3,
        "UpdateIdentifiers remove 1": 2,
        "UpdateIdentifiers add that merges": 5,
        "MergeCustomers": 4,
        "CreateCustomer 1 identifier": 4,
        "CreateCustomer 2 identifiers": 4,
        "CreateCustomer 10 identifiers": 4,
        # The claim needs its answer (+1); the savepoint, the reply, its names and a refusal's ROLLBACK TO go
        # with the next statement or the COMMIT: no round trip of their own (as before issue 21: 5 and 3).
        "CreateCustomer with request_id": 5,
        "CreateCustomer refused, request_id": 3,
        # Issue 26 (9 before): the customer locked and read; the series, its oldest stock card (SKIP LOCKED) and the
        # label in one statement; the card's change, its log entry, the customer's touch and the event with COMMIT.
        "IssueCard": 3,
        # Issue 26 (7 and 8 before): the card read, its owner locked and read, the card locked and read again
        # (the owner first, as every writer of a customer's cards), the writes with COMMIT.
        "UpdateCardStatus": 4,
        "UnlinkCard": 4,
        "ListEvents": 3,
        "EraseCustomer": 5,
        # The candidate's upsert needs its answer (new or reused): one round trip; its event goes with COMMIT.
        "UpdateIdentifiers refused at the merge, request_id": 5,
        "UpdateIdentifiers sent to review, request_id": 6,
    },
}

# Issue 14's budgets, including BEGIN/COMMIT. GetCustomer and LookupCustomer: one
# query returning the whole customer (no transaction around a single-statement
# read). UpdateIdentifiers: 8 without a merge, 14 with one; CreateCustomer: 8;
# the 10-identifier requests are held to the same budgets, since no count may
# grow with the number of identifiers (CONSTANT_IN_N). MergeCustomers, IssueCard (but on PostgreSQL)
# and ListEvents have no budget in the issue: only their CURRENT counts hold.
# FindCustomers (issue 17): a read like LookupCustomer's, whatever the number of queries.
TARGETS: dict[str, int] = {
    "GetCustomer": 2,
    "LookupCustomer by mobile": 2,
    "LookupCustomer by card number": 2,
    "FindCustomers 1 query": 2,
    "FindCustomers 100 queries": 2,
    "UpdateIdentifiers add 1": 8,
    "UpdateIdentifiers add 10": 8,
    "UpdateIdentifiers remove 1": 8,
    "UpdateIdentifiers add that merges": 14,
    "CreateCustomer 1 identifier": 8,
    "CreateCustomer 2 identifiers": 8,
    "CreateCustomer 10 identifiers": 8,
}
# Budgets of one engine: issue 26 holds IssueCard to 4 round trips on PostgreSQL.
ENGINE_TARGETS: dict[str, dict[str, int]] = {"postgresql": {"IssueCard": 4}}
# The same request with 1 and with 10 identifiers (FindCustomers: 100 queries) must make as many statements.
CONSTANT_IN_N: dict[str, tuple[str, str]] = {
    "FindCustomers": ("FindCustomers 1 query", "FindCustomers 100 queries"),
    "UpdateIdentifiers": ("UpdateIdentifiers add 1", "UpdateIdentifiers add 10"),
    "CreateCustomer": ("CreateCustomer 1 identifier", "CreateCustomer 10 identifiers"),
}
BACKENDS = ["sqlite", "postgresql"]


class BudgetMissedError(AssertionError):
    """A count above its TARGETS budget: the only failure the strict xfails below expect."""


# Where CURRENT misses a budget today. A strict xfail: a pass (the budget met) fails the
# suite until CURRENT is lowered, which removes the mark and makes the budget a hard check.
# Any other error (a broken measurement) fails too: only BudgetMissedError is expected.
NOT_MET_YET = pytest.mark.xfail(strict=True, raises=BudgetMissedError, reason="issue 14: budgets not met yet")
ATTEMPTS = 5  # a counted call that had to open a connection is counted again, on a new comparable call


@dataclass
class Env:
    stub: Any
    cards: Any
    events: Any
    series_id: str
    review: Any = None


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def value_of(id_type: int) -> str:
    return unique_mobile() if id_type == MOBILE else f"{unique('v')}@example.com" if id_type == EMAIL else unique("v")


# Each scenario prepares what its call needs (not counted) and returns the call to count.
Scenario = Callable[[Env], Callable[[], object]]


def get_customer(env: Env) -> Callable[[], object]:
    customer = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile()), ident(EMAIL, value_of(EMAIL))))

    def call() -> None:
        assert env.stub.GetCustomer(pb.GetCustomerRequest(name=customer.name)).customer.name == customer.name

    return call


def lookup_by_mobile(env: Env) -> Callable[[], object]:
    mobile = unique_mobile()
    customer = create(env.stub, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, value_of(EMAIL))))
    request = pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, mobile))

    def call() -> None:
        assert env.stub.LookupCustomer(request).customer.name == customer.name

    return call


def lookup_by_card(env: Env) -> Callable[[], object]:
    customer = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    card = env.cards.IssueCard(cpb.IssueCardRequest(customer=customer.name, series_id=env.series_id)).card
    request = pb.LookupCustomerRequest(source=INSTORE, identifier=ident(CARD, card.number))

    def call() -> None:
        assert env.stub.LookupCustomer(request).customer.name == customer.name

    return call


def find_customers(count: int) -> Scenario:
    """FindCustomers of `count` queries; with 100: in their scope, in any scope, cards, and misses."""

    def scenario(env: Env) -> Callable[[], object]:
        mobile, email = unique_mobile(), value_of(EMAIL)
        customer = create(env.stub, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, email)))
        card = env.cards.IssueCard(cpb.IssueCardRequest(customer=customer.name, series_id=env.series_id)).card
        kinds = [
            pb.IdentifierQuery(source=INSTORE, identifier=ident(MOBILE, mobile)),
            pb.IdentifierQuery(identifier=ident(EMAIL, email)),
            pb.IdentifierQuery(identifier=ident(CARD, card.number)),
            pb.IdentifierQuery(identifier=ident(EMAIL, value_of(EMAIL))),
        ]
        request = pb.FindCustomersRequest(queries=[kinds[i % len(kinds)] for i in range(count)])
        expected = [customer.name, customer.name, customer.name, ""]

        def call() -> None:
            results = env.stub.FindCustomers(request).results
            assert [f.customer.name for f in results] == [expected[i % len(kinds)] for i in range(count)]

        return call

    return scenario


def add_identifiers(count: int) -> Scenario:
    """Add `count` identifiers (EMAIL, EXTERNAL_ID, ...) to the profile holding the customer's MOBILE."""

    def scenario(env: Env) -> Callable[[], object]:
        customer = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
        adds = [ident(t, value_of(t)) for t in TYPES[1 : count + 1]]

        def call() -> None:
            response = update(env.stub, customer.name, INSTORE, add=adds)
            assert not response.merges and not response.warnings
            assert sum(len(p.identifiers) for p in response.customer.profiles) == count + 1

        return call

    return scenario


def remove_one(env: Env) -> Callable[[], object]:
    email = value_of(EMAIL)
    customer = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile()), ident(EMAIL, email)))

    def call() -> None:
        response = update(env.stub, customer.name, INSTORE, remove=[ident(EMAIL, email)])
        assert [len(p.identifiers) for p in response.customer.profiles] == [1]

    return call


def add_that_merges(env: Env) -> Callable[[], object]:
    mobile = unique_mobile()
    survivor = create(env.stub, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(env.stub, profile(WECHAT, ident(WECHAT_ID, unique("o")), account_id="wx"))

    def call() -> None:
        response = update(env.stub, victim.name, WECHAT, "wx", add=[ident(MOBILE, mobile)])
        assert [(m.victim, m.survivor) for m in response.merges] == [(victim.name, survivor.name)]

    return call


def merge_customers(env: Env) -> Callable[[], object]:
    survivor = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    victim = create(env.stub, profile(WECHAT, ident(WECHAT_ID, unique("o")), account_id="wx"))
    request = pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)

    def call() -> None:
        assert env.stub.MergeCustomers(request).customer.name == survivor.name

    return call


def create_customer(count: int) -> Scenario:
    """CreateCustomer with one profile of `count` identifiers (MOBILE, EMAIL, ...)."""

    def scenario(env: Env) -> Callable[[], object]:
        request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, *(ident(t, value_of(t)) for t in TYPES[:count]))])

        def call() -> None:
            response = env.stub.CreateCustomer(request)
            assert not response.warnings and len(response.customer.profiles[0].identifiers) == count

        return call

    return scenario


def create_with_request_id(env: Env) -> Callable[[], object]:
    """CreateCustomer 1 identifier, with a request_id: the claim, a savepoint, the reply and the names it carries."""
    request = pb.CreateCustomerRequest(
        profiles=[profile(INSTORE, ident(MOBILE, value_of(MOBILE)))], request_id=str(uuid.uuid4())
    )

    def call() -> None:
        assert env.stub.CreateCustomer(request).customer.name

    return call


def refused_with_request_id(env: Env) -> Callable[[], object]:
    """CreateCustomer refused (IDENTIFIER_TAKEN) with a request_id: the refusal is stored (RULES 2.7)."""
    mobile = value_of(MOBILE)
    create(env.stub, profile(INSTORE, ident(MOBILE, mobile)))
    request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, mobile))], request_id=str(uuid.uuid4()))

    def call() -> None:
        with pytest.raises(grpc.RpcError) as refused:
            env.stub.CreateCustomer(request)
        assert refused.value.code() == grpc.StatusCode.ALREADY_EXISTS

    return call


def issue_card(env: Env) -> Callable[[], object]:
    customer = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    [number] = env.cards.GenerateCards(cpb.GenerateCardsRequest(series_id=env.series_id, count=1)).numbers
    request = cpb.IssueCardRequest(customer=customer.name, series_id=env.series_id)

    def call() -> None:
        assert env.cards.IssueCard(request).card.number == number  # from the series' stock

    return call


def issued_card(env: Env) -> str:
    """A card issued from the series' stock to a new customer who holds a mobile too (an unlink leaves it one)."""
    customer = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    return str(env.cards.IssueCard(cpb.IssueCardRequest(customer=customer.name, series_id=env.series_id)).card.number)


def update_card_status(env: Env) -> Callable[[], object]:
    request = cpb.UpdateCardStatusRequest(number=issued_card(env), status_label="SUSPENDED")

    def call() -> None:
        assert env.cards.UpdateCardStatus(request).card.status == r.CARD_STATUS_SUSPENDED

    return call


def unlink_card(env: Env) -> Callable[[], object]:
    request = cpb.UnlinkCardRequest(number=issued_card(env))

    def call() -> None:
        assert env.cards.UnlinkCard(request).card.status == r.CARD_STATUS_NOT_ISSUED

    return call


def list_events(env: Env) -> Callable[[], object]:
    create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    request = epb.ListEventsRequest(after_sequence=0, page_size=10)

    def call() -> None:
        assert len(env.events.ListEvents(request).events) == 10

    return call


def erase_customer(env: Env) -> Callable[[], object]:
    """A person with a history: a removed value, a victim merged in; every copy is found by index."""
    email = value_of(EMAIL)
    customer = create(env.stub, profile(INSTORE, ident(MOBILE, unique_mobile()), ident(EMAIL, email)))
    update(env.stub, customer.name, INSTORE, remove=[ident(EMAIL, email)])
    victim = create(env.stub, profile(WECHAT, ident(WECHAT_ID, unique("o")), account_id="wx"))
    env.stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=customer.name))
    request = pb.EraseCustomerRequest(name=customer.name)

    def call() -> None:
        assert env.stub.EraseCustomer(request).customer.state == r.CUSTOMER_STATE_ERASED

    return call


def refused_at_the_merge(env: Env) -> Callable[[], object]:
    """UpdateIdentifiers whose merge a rule refuses (PROFILE_CONFLICT), with a request_id: a plain refusal that
    reads as much as a review refusal (both customers locked, their blocks read)."""
    cuid = unique("c")
    survivor = create(env.stub, profile(INSTORE, ident(CUID, cuid)))
    victim = create(env.stub, profile(WECHAT, ident(WECHAT_ID, unique("o")), account_id="wx"))
    update(env.stub, survivor.name, WECHAT, add=[ident(EMAIL, value_of(EMAIL))], account_id="wx")
    request = pb.UpdateIdentifiersRequest(
        customer=victim.name, source=WECHAT, account_id="wx", add=[ident(CUID, cuid)], request_id=str(uuid.uuid4())
    )

    def call() -> None:
        with pytest.raises(grpc.RpcError) as refused:
            env.stub.UpdateIdentifiers(request)
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    return call


def sent_to_review(env: Env) -> Callable[[], object]:
    """The same request where the org's policy has CUID merges reviewed: refused, and a merge candidate recorded
    (its row and its feed event) beside the stored refusal (SPEC 7.2)."""
    policy = r.MergePolicy(rules=[r.TypeRule(type=CUID, mode=r.MERGE_MODE_REVIEW)])
    env.review.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=policy))  # the same again: nothing written
    cuid = unique("c")
    create(env.stub, profile(INSTORE, ident(CUID, cuid)))
    victim = create(env.stub, profile(WECHAT, ident(WECHAT_ID, unique("o")), account_id="wx"))
    request = pb.UpdateIdentifiersRequest(
        customer=victim.name, source=WECHAT, account_id="wx", add=[ident(CUID, cuid)], request_id=str(uuid.uuid4())
    )

    def call() -> None:
        with pytest.raises(grpc.RpcError) as refused:
            env.stub.UpdateIdentifiers(request)
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    return call


SCENARIOS: dict[str, Scenario] = {
    "GetCustomer": get_customer,
    "LookupCustomer by mobile": lookup_by_mobile,
    "LookupCustomer by card number": lookup_by_card,
    "FindCustomers 1 query": find_customers(1),
    "FindCustomers 100 queries": find_customers(100),
    "UpdateIdentifiers add 1": add_identifiers(1),
    "UpdateIdentifiers add 10": add_identifiers(10),
    "UpdateIdentifiers remove 1": remove_one,
    "UpdateIdentifiers add that merges": add_that_merges,
    "MergeCustomers": merge_customers,
    "CreateCustomer 1 identifier": create_customer(1),
    "CreateCustomer 2 identifiers": create_customer(2),
    "CreateCustomer 10 identifiers": create_customer(10),
    "CreateCustomer with request_id": create_with_request_id,
    "CreateCustomer refused, request_id": refused_with_request_id,
    "IssueCard": issue_card,
    "UpdateCardStatus": update_card_status,
    "UnlinkCard": unlink_card,
    "ListEvents": list_events,
    "EraseCustomer": erase_customer,
    # Last: it sets a merge policy (for CUID, which no scenario above merges on).
    "UpdateIdentifiers refused at the merge, request_id": refused_at_the_merge,
    "UpdateIdentifiers sent to review, request_id": sent_to_review,
}

# Counted once per engine per test session, shared by the tests below.
_measured: dict[str, dict[str, Measured]] = {}


def counted_server(
    backend: str, database_url: str, start_server: Callable[..., RunningServer]
) -> tuple[RunningServer, StatementLog, Callable[[], None]]:
    """A server whose statements are counted; the third item stops counting new connections."""
    if backend == "sqlite":
        running = start_server()
        trace = SqliteStatementTrace(running.database.db)  # before any call: every RPC thread's connection is traced
        return running, trace, lambda: None
    target = urlparse(database_url)
    proxy = PgStatementProxy(target.hostname or "127.0.0.1", target.port or 5432)
    credentials = target.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{proxy.port}" if credentials else f"127.0.0.1:{proxy.port}"
    running = start_server(database_url=target._replace(netloc=netloc).geturl())
    return running, proxy, proxy.close


def measure_all(backend: str, database_url: str, start_server: Callable[..., RunningServer]) -> dict[str, Measured]:
    """Every scenario's counted call on this engine (measured once per session)."""
    if backend in _measured:
        return _measured[backend]
    running, log, stop_counting = counted_server(backend, database_url, start_server)
    try:
        wait_for_startup_purge(running)
        with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            cards = card_grpc.CardServiceStub(channel)
            series = r.CardSeries(
                code="GOLD",
                name="Gold card",
                type=r.CARD_TYPE_PHYSICAL,
                format=r.CardNumberFormat(prefix="GD", length=10, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
            )
            series_id = cards.CreateCardSeries(cpb.CreateCardSeriesRequest(series=series)).series.id
            review = merge_review_grpc.MergeReviewServiceStub(channel)
            env = Env(stub, cards, event_grpc.EventServiceStub(channel), series_id, review)
            results = {name: measure(log, env, scenario) for name, scenario in SCENARIOS.items()}
    finally:
        stop_counting()
    _measured[backend] = results
    return results


def measure(log: StatementLog, env: Env, scenario: Scenario) -> Measured:
    """Make the call once (warm-up), then count a second, comparable one on a connection already open."""
    scenario(env)()
    for _ in range(ATTEMPTS):
        call = scenario(env)
        log.wait_quiet()  # nothing else runs: the setup's statements are all in
        mark = log.mark()
        call()
        log.wait_quiet()
        measured = log.since(mark)
        if measured.connections_opened == 0:
            return measured
    raise AssertionError(f"every one of {ATTEMPTS} calls opened a new connection: no warmed-up call to count")


def table(backend: str, measured: dict[str, Measured]) -> str:
    lines = [
        f"statements per call on {backend} (warmed-up server)",
        f"{'RPC':<36}{'count':>7}{'current':>9}{'target':>8}",
    ]
    for name, m in measured.items():
        target = TARGETS.get(name)
        lines.append(
            f"{name:<36}{m.count:>7}{CURRENT[backend].get(name, '-'):>9}{'-' if target is None else target:>8}"
        )
    return "\n".join(lines)


def texts(backend: str, measured: dict[str, Measured], names: list[str] | None = None) -> str:
    parts = []
    for name in names or list(measured):
        parts.append(f"--- {name} on {backend}: {measured[name].count} statements")
        parts += [f"  {i:>2}. {text}" for i, text in enumerate(measured[name].texts(), 1)]
    return "\n".join(parts)


def test_statement_counts_have_not_grown(backend: str, database_url: str, start_server) -> None:
    measured = measure_all(backend, database_url, start_server)
    print()
    print(table(backend, measured))
    print(texts(backend, measured))
    assert set(CURRENT[backend]) == set(SCENARIOS), "record a CURRENT count for every scenario"
    grown = [name for name, m in measured.items() if m.count > CURRENT[backend][name]]
    lower = [name for name, m in measured.items() if m.count < CURRENT[backend][name]]
    if lower:
        print(f"fewer statements than CURRENT records: lower CURRENT[{backend!r}] for {lower}")
    assert not grown, (
        f"more statements than recorded in CURRENT:\n{table(backend, measured)}\n{texts(backend, measured, grown)}"
    )


def budgets(backend: str) -> dict[str, int]:
    return {**TARGETS, **ENGINE_TARGETS.get(backend, {})}


def _budget_cases() -> list[Any]:
    cases = []
    for backend in BACKENDS:
        for name, budget in budgets(backend).items():
            marks = [NOT_MET_YET] if CURRENT[backend].get(name, 0) > budget else []
            cases.append(pytest.param(backend, name, marks=marks, id=f"{backend}-{name}"))
    return cases


@pytest.mark.parametrize(("backend", "name"), _budget_cases(), indirect=["backend"])
def test_statement_budget(backend: str, name: str, database_url: str, start_server) -> None:
    measured = measure_all(backend, database_url, start_server)
    budget = budgets(backend)[name]
    if measured[name].count > budget:
        raise BudgetMissedError(f"budget {budget}\n{texts(backend, measured, [name])}")


# A review refusal (SPEC 7.2) costs one write more than a plain refusal of the same request: the candidate.
# On SQLite its feed event adds the feed's own two statements (PostgreSQL sends them with the COMMIT).
REVIEW_EXTRA = {"sqlite": 3, "postgresql": 1}


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_a_review_refusal_costs_only_the_candidate_more(backend: str, database_url: str, start_server) -> None:
    measured = measure_all(backend, database_url, start_server)
    plain = measured["UpdateIdentifiers refused at the merge, request_id"].count
    review = measured["UpdateIdentifiers sent to review, request_id"].count
    assert review - plain <= REVIEW_EXTRA[backend], texts(
        backend,
        measured,
        [
            "UpdateIdentifiers refused at the merge, request_id",
            "UpdateIdentifiers sent to review, request_id",
        ],
    )


def _growth_cases() -> list[Any]:
    cases = []
    for backend in BACKENDS:
        for rpc, (one, ten) in CONSTANT_IN_N.items():
            marks = [NOT_MET_YET] if CURRENT[backend].get(ten, 0) > CURRENT[backend].get(one, 0) else []
            cases.append(pytest.param(backend, rpc, marks=marks, id=f"{backend}-{rpc}"))
    return cases


@pytest.mark.parametrize(("backend", "rpc"), _growth_cases(), indirect=["backend"])
def test_statement_count_does_not_grow_with_identifiers(
    backend: str, rpc: str, database_url: str, start_server
) -> None:
    one, ten = CONSTANT_IN_N[rpc]
    measured = measure_all(backend, database_url, start_server)
    if measured[ten].count > measured[one].count:
        raise BudgetMissedError(f"the count grows with the identifiers\n{texts(backend, measured, [one, ten])}")


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_reads_are_prepared_statements_on_postgresql(backend: str, database_url: str, start_server) -> None:
    """A read of one customer is planned once per connection, not at every call (store/postgres.py)."""
    measured = measure_all(backend, database_url, start_server)
    for name in ("GetCustomer", "LookupCustomer by mobile", "LookupCustomer by card number"):
        (sent,) = measured[name].texts()
        assert sent.startswith(("EXECUTE loyalty_", "PREPARE loyalty_")), f"{name}: {sent[:120]}"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_the_feed_counter_is_taken_in_the_commit_message_on_postgresql(
    backend: str, database_url: str, start_server
) -> None:
    """An org's counter row is locked by a statement that travels with COMMIT: writes of one org
    queue on it for the server's time to run that message, never for a round trip (docs/FEED.md)."""
    measured = measure_all(backend, database_url, start_server)
    for name in ("UpdateIdentifiers add 1", "UpdateIdentifiers add that merges", "CreateCustomer 1 identifier"):
        sent = measured[name].texts()
        taking = [i for i, text in enumerate(sent) if '"event_counter"' in text]
        assert taking == [len(sent) - 1], f"{name}: the counter is taken in messages {taking} of {len(sent)}"
        assert sent[-1].rstrip().endswith("COMMIT"), sent[-1][-200:]
