"""The hot queries are index lookups on both backends (EXPLAIN), so they stay flat at millions of rows.

On PostgreSQL the planner prefers a scan of a tiny test table, so sequential
scans are disabled for the EXPLAIN: the plan then shows whether an index can
serve the query at all. docs/QUERY_PLANS.md shows the plans.
"""

from __future__ import annotations

import uuid
from typing import Any

import peewee as pw
import pytest

from benchmarks import dataset
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.queries import IdentifierQuery
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import utc_now
from loyalty_identity.store.customer_repository import SqlCustomerRepository
from loyalty_identity.store.models import (
    CardRow,
    CustomerRow,
    EventCounterRow,
    EventRow,
    IdentifierKeyRow,
    IdentifierRow,
    MergeBlockRow,
    MergeRow,
    ProfileRow,
    RequestCustomerRow,
    RequestRow,
    database_proxy,
)
from loyalty_identity.store.rows import PlainSql
from tests import databases

# The index each query must use (SQLite name, PostgreSQL name).
EXPECTED_INDEXES: dict[str, tuple[str, ...]] = {
    "lookup (and same-scope uniqueness)": ("identifier_org_source_account_id_type_value",),
    "cross-scope holder": ("sqlite_autoindex_identifier_key_1", "identifier_key_pkey"),
    "customer by name": ("customer_uid",),
    "profiles of a customer": ("profile_customer_id",),
    "identifiers of a customer": ("identifier_customer_id",),
    "card by number": ("card_org_number",),
    "stock card of a series": ("card_series_id_status_id",),
    "merge moves profiles": ("profile_customer_id",),
    "merge moves identifiers": ("identifier_customer_id",),
    "merge moves keys": ("identifier_key_customer_id",),
    "merge moves cards": ("card_customer_id",),
    "merge re-points earlier victims": ("customer_survivor_id",),
    "victims of a customer, by name": ("customer_survivor_id_uid",),
    "merges of a customer": ("merge_victim_id", "merge_survivor_id"),
    # Every merge asks whether an unmerge blocked the pair.
    "blocked pairs among customers": ("sqlite_autoindex_merge_block_1", "merge_block_pkey"),
    "feed after a sequence": ("event_org_sequence",),
    "feed counter of an org": ("sqlite_autoindex_event_counter_1", "event_counter_pkey"),
    # Every write with a request_id claims it, then stores its reply.
    "reply of a request_id": ("request_org_request_id",),
    # The hourly purge finds the names of the answers it forgets (issue 21).
    "names of old answers": ("request_customer_org_request_id",),
}

HOT_QUERIES: dict[str, Any] = {
    "lookup (and same-scope uniqueness)": lambda: IdentifierRow.select(IdentifierRow.customer).where(
        (IdentifierRow.org == "o")
        & (IdentifierRow.source == 1)
        & (IdentifierRow.account_id == "")
        & (IdentifierRow.type == 1)
        & (IdentifierRow.value == "8613800138000")
    ),
    "cross-scope holder": lambda: IdentifierKeyRow.select(IdentifierKeyRow.customer).where(
        (IdentifierKeyRow.org == "o") & (IdentifierKeyRow.type == 1) & (IdentifierKeyRow.value == "8613800138000")
    ),
    "customer by name": lambda: CustomerRow.select().where((CustomerRow.uid == "u") & (CustomerRow.org == "o")),
    "profiles of a customer": lambda: ProfileRow.select().where(ProfileRow.customer == 1),
    "identifiers of a customer": lambda: IdentifierRow.select().where(IdentifierRow.customer == 1),
    "card by number": lambda: CardRow.select().where((CardRow.org == "o") & (CardRow.number == "GD0000001")),
    "stock card of a series": lambda: (
        CardRow.select().where((CardRow.series == 1) & (CardRow.status == 1)).order_by(CardRow.id).limit(1)
    ),
    "merge moves profiles": lambda: ProfileRow.update(customer=2).where(ProfileRow.customer == 1),
    "merge moves identifiers": lambda: IdentifierRow.update(customer=2).where(IdentifierRow.customer == 1),
    "merge moves keys": lambda: IdentifierKeyRow.update(customer=2).where(IdentifierKeyRow.customer == 1),
    "merge moves cards": lambda: CardRow.update(customer=2).where(CardRow.customer == 1),
    "merge re-points earlier victims": lambda: CustomerRow.update(survivor=2).where(CustomerRow.survivor == 1),
    "victims of a customer, by name": lambda: (
        CustomerRow.select(CustomerRow.uid).where(CustomerRow.survivor == 1).order_by(CustomerRow.uid)
    ),
    "merges of a customer": lambda: (
        MergeRow.select()
        .where((MergeRow.victim == 1) | (MergeRow.survivor == 1))
        .order_by(MergeRow.id.desc())
        .limit(50)
    ),
    "blocked pairs among customers": lambda: MergeBlockRow.select().where(
        MergeBlockRow.customer_low.in_([1, 2, 3]) & MergeBlockRow.customer_high.in_([1, 2, 3])
    ),
    "feed after a sequence": lambda: (
        EventRow.select().where((EventRow.org == "o") & (EventRow.sequence > 10)).order_by(EventRow.sequence).limit(500)
    ),
    "feed counter of an org": lambda: EventCounterRow.select().where(EventCounterRow.org == "o"),
    "reply of a request_id": lambda: RequestRow.update(response=b"").where(
        (RequestRow.org == "o") & (RequestRow.request_id == "6f1c2e4a-0d5b-4c3e-9a7f-2b8d1e0c4a11")
    ),
    "names of old answers": lambda: RequestCustomerRow.delete().where(
        pw.Tuple(RequestCustomerRow.org, RequestCustomerRow.request_id).in_(
            RequestRow.select(RequestRow.org, RequestRow.request_id).where(RequestRow.create_time < "2026-01-01")
        )
    ),
}


def explain(server: Any, backend: str, query: Any) -> str:
    db = server.database.db
    sql, params = query.sql()
    with db.atomic():
        if backend == "sqlite":
            rows = db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            plan = "\n".join(str(row[-1]) for row in rows)
        else:
            db.execute_sql("SET LOCAL enable_seqscan = off")
            plan = "\n".join(row[0] for row in db.execute_sql("EXPLAIN " + sql, params).fetchall())
    return plan


def uses_expected_index(name: str, plan: str) -> bool:
    """No full scan, and the lookup goes through the query's own index (each of them, for an OR)."""
    full_scan = "Seq Scan" in plan or any(line.startswith("SCAN") for line in plan.splitlines())
    indexes = EXPECTED_INDEXES[name]
    if name == "merges of a customer":
        return not full_scan and all(index in plan for index in indexes)
    return not full_scan and any(index in plan for index in indexes)


@pytest.fixture
def analyzed_server(start_server, database_url, backend, tmp_path):
    """On SQLite, a server on a thousand customers with planner statistics, as in production.

    SQLite's planner trusts statistics blindly: with nearly every survivor_id NULL
    it once preferred a full scan to the survivor index, which only showed with
    statistics. PostgreSQL's plans on tiny tables depend on the data, so there
    the test forbids sequential scans instead (see explain()).
    """
    if backend == "sqlite":
        dataset.load(database_url, 1000, stock_cards=100, progress=False)
        yield start_server()
        return
    # A database of its own: statistics left by other tests would change the plans.
    with databases.fresh_database(backend, tmp_path) as url:
        server = start_server(database_url=url)
        yield server
        server.stop(grace=0)


@pytest.mark.parametrize("name", list(HOT_QUERIES))
def test_hot_query_uses_an_index(analyzed_server, backend, name: str) -> None:
    server = analyzed_server
    plan = explain(server, backend, HOT_QUERIES[name]())
    print(f"\n[{backend}] {name}:\n{plan}")
    assert uses_expected_index(name, plan), plan


def find_customers_statement(server: Any) -> tuple[str, list[Any]]:
    """FindCustomers' one statement, with a query of each kind: in a scope, in any scope, a card."""
    scope = Scope(Source.INSTORE)
    mobile = IdentifierValue(IdentifierType.MOBILE, "8613800138000")
    queries = [
        IdentifierQuery(mobile, scope),
        IdentifierQuery(IdentifierValue(IdentifierType.EMAIL, "ann@example.com")),
        IdentifierQuery(IdentifierValue(IdentifierType.CARD_NUMBER, "GD0000001")),
    ]
    db = server.database.db
    with database_proxy.using(db):
        sql, params = SqlCustomerRepository(PlainSql(), utc_now).find_statement("o", queries)
    return sql.replace("?", db.param), params


def test_find_customers_reads_through_indexes_only(analyzed_server, backend) -> None:
    """Each kind of query is an index lookup (the VALUES list of the queries is the only scan)."""
    server = analyzed_server
    db = server.database.db
    sql, params = find_customers_statement(server)
    with db.atomic():
        if backend == "sqlite":
            plan = "\n".join(str(row[-1]) for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
        else:
            db.execute_sql("SET LOCAL enable_seqscan = off")
            plan = "\n".join(row[0] for row in db.execute_sql("EXPLAIN " + sql, params).fetchall())
    print(f"\n[{backend}] FindCustomers:\n{plan}")
    assert "Seq Scan" not in plan
    # SQLite scans the VALUES rows, the grouped holders, and (in the whole-customer read of every
    # customer RPC) the tiny card_series table through its covering index; nothing else.
    allowed = ("SCAN q", "SCAN h", "SCAN cs USING COVERING INDEX")
    scans = [line for line in plan.splitlines() if line.startswith("SCAN ") and "CONSTANT ROW" not in line]
    assert not [line for line in scans if not line.startswith(allowed)], plan
    for index in FIND_CUSTOMERS_INDEXES[backend]:
        assert index in plan, plan


FIND_CUSTOMERS_INDEXES = {
    "sqlite": [
        "identifier_org_source_account_id_type_value",
        "sqlite_autoindex_identifier_key_1",
        "card_org_number",
    ],
    "postgresql": ["identifier_org_source_account_id_type_value", "identifier_key_pkey", "card_org_number"],
}


def test_an_erasure_finds_the_answers_naming_the_erased_by_index(start_server, backend, tmp_path) -> None:
    """RULES 2.5.1, issue 21: by the names recorded with the answers (their primary key), not by a
    scan of the org's stored answers. With statistics of some thousands of answers: on an empty
    table PostgreSQL's planner picks either index of the names."""
    with databases.fresh_database(backend, tmp_path) as url:
        server = start_server(database_url=url)
        db = server.database.db
        with database_proxy.using(db), db.atomic():
            for start in range(0, 3000, 500):
                ids = [str(uuid.uuid4()) for _ in range(start, start + 500)]
                RequestRow.insert_many(
                    [("o", rid, "f", b"x", "2026-01-01 00:00:00") for rid in ids],
                    fields=[
                        RequestRow.org,
                        RequestRow.request_id,
                        RequestRow.fingerprint,
                        RequestRow.response,
                        RequestRow.create_time,
                    ],
                ).execute()
                RequestCustomerRow.insert_many([("o", str(uuid.uuid4()), rid) for rid in ids for _ in "ab"]).execute()
        db.execute_sql("ANALYZE")
        statement = RequestRow.update(response=b"x").where(
            (RequestRow.org == "o")
            & RequestRow.request_id.in_(
                RequestCustomerRow.select(RequestCustomerRow.request_id).where(
                    (RequestCustomerRow.org == "o") & RequestCustomerRow.customer.in_(["a", "b"])
                )
            )
        )
        plan = explain(server, backend, statement)
        print(f"\n[{backend}] answers naming customers:\n{plan}")
        assert "Seq Scan" not in plan and not any(line.startswith("SCAN") for line in plan.splitlines()), plan
        assert any(index in plan for index in ("sqlite_autoindex_request_customer_1", "request_customer_pkey")), plan
        server.stop(grace=0)
