"""Observability pieces: retries by cause on a real database, request ids, log formats, addresses."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from loyalty_identity.domain.model import CardStatus
from loyalty_identity.observability import calls
from loyalty_identity.observability.logs import CallContextFilter, JsonFormatter, TextFormatter
from loyalty_identity.observability.metrics import Metrics, split_listen
from loyalty_identity.observability.telemetry import Telemetry
from loyalty_identity.observability.tracing import Tracing, traces_url
from loyalty_identity.service.application import Application
from loyalty_identity.service.ports import Repository, TransientStoreError
from loyalty_identity.store.database import Database, open_database
from loyalty_identity.store.migrations import migrate
from loyalty_identity.store.unit_of_work import PeeweeUnitOfWorkFactory


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    opened = open_database(database_url, max_connections=4)
    migrate(opened)
    yield opened
    opened.close()


def test_lost_races_are_counted_by_cause_and_traced_with_their_attempts(database: Database) -> None:
    exporter = InMemorySpanExporter()
    telemetry = Telemetry(Metrics(database), Tracing("http://127.0.0.1:1", database.kind, exporter))
    app = Application(PeeweeUnitOfWorkFactory(database), observer=telemetry)
    taken = str(uuid.uuid4())
    attempts: list[int] = []

    def work(repo: Repository) -> str:
        attempts.append(1)
        if len(attempts) == 1:  # a rival committed the same unique key first
            repo.insert_label("acme", taken, CardStatus.SUSPENDED)
            repo.insert_label("acme", taken, CardStatus.SUSPENDED)
        if len(attempts) == 2:  # the use case saw a rival's change after taking a lock
            raise TransientStoreError("the merge target changed concurrently")
        return "done"

    assert app._transaction(True, work) == "done"
    telemetry.close()
    registry = telemetry.metrics.registry
    retries = "loyalty_identity_db_transaction_retries_total"
    assert registry.get_sample_value(retries, {"cause": "unique_violation"}) == 1
    assert registry.get_sample_value(retries, {"cause": "concurrent_change"}) == 1
    assert registry.get_sample_value(retries, {"cause": "deadlock"}) == 0
    [span] = exporter.get_finished_spans()
    assert span.name == "transaction" and span.attributes is not None
    assert span.attributes["loyalty.transaction.attempts"] == 3
    assert span.attributes["db.system.name"] == database.kind
    causes = [event.attributes["loyalty.retry.cause"] for event in span.events if event.attributes]
    assert causes == ["unique_violation", "concurrent_change"]


def test_a_caller_request_id_is_kept_only_when_plain() -> None:
    assert calls.request_id_from([("x-request-id", "order-42/retry:1")]) == "order-42/retry:1"
    for bad in ["", "has space", 'quote"d', "x" * 129, "-leading-dash", "é"]:
        fresh = calls.request_id_from([("other", "1"), ("x-request-id", bad)])
        assert fresh != bad and len(fresh) == 32
    assert calls.request_id_from(None) != calls.request_id_from(None)


def record(message: str, **extra: Any) -> logging.LogRecord:
    made = logging.LogRecord("loyalty_identity.test", logging.WARNING, __file__, 1, message, None, None)
    for key, value in extra.items():
        setattr(made, key, value)
    return made


def test_json_lines_hold_the_call_context_extras_and_exceptions_on_one_line() -> None:
    token = calls.enter(calls.Call("req-1", "svc", "GetCustomer", "ipv4:127.0.0.1:1"))
    try:
        plain = record("hello %s")
        plain.args = ("there",)
        CallContextFilter().filter(plain)
    finally:
        calls.leave(token)
    line = json.loads(JsonFormatter().format(plain))
    assert line["message"] == "hello there" and line["level"] == "WARNING"
    assert line["logger"] == "loyalty_identity.test" and line["time"].endswith("Z")
    assert (line["request_id"], line["method"]) == ("req-1", "GetCustomer")

    outside = record("idle", port=50051)
    CallContextFilter().filter(outside)
    assert "request_id" not in json.loads(JsonFormatter().format(outside))
    try:
        raise ValueError("boom")
    except ValueError:
        failed = record("failed")
        failed.exc_info = sys.exc_info()
    text = JsonFormatter().format(failed)
    assert "\n" not in text and "ValueError: boom" in json.loads(text)["exception"]
    assert TextFormatter().format(record("x", request_id="req-9")).endswith("loyalty_identity.test x request_id=req-9")


def test_addresses() -> None:
    assert split_listen("127.0.0.1:9464") == ("127.0.0.1", 9464)
    assert split_listen("[::1]:0") == ("::1", 0)
    for bad in ["9464", "host:", ":9464", "host:port"]:
        with pytest.raises(ValueError):
            split_listen(bad)
    assert traces_url("http://collector:4318") == "http://collector:4318/v1/traces"
    assert traces_url("https://c.example/otlp/") == "https://c.example/otlp/v1/traces"
    assert traces_url("http://c:4318/v1/traces") == "http://c:4318/v1/traces"
    with pytest.raises(ValueError):
        traces_url("collector:4318")
