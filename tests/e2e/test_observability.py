"""Observability against the real server: /metrics, JSON logs with request ids, OTLP traces."""

from __future__ import annotations

import gzip
import http.client
import io
import json
import logging
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import grpc
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from prometheus_client.parser import text_string_to_metric_families

from loyalty_identity.api.protos import card_grpc, event_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import RunningServer
from loyalty_identity.observability.logs import CallContextFilter, JsonFormatter
from tests.e2e import readme_walkthrough
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, WECHAT, WECHAT_ID, create, expect_error, ident, profile, update

Code = grpc.StatusCode
CARD = r.IDENTIFIER_TYPE_CARD_NUMBER
MOBILE_VALUE = "8613900139000"  # the identifier whose value must never reach a log or a span
SERVICE = "loyalty.identity.v1.IdentifierService"


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics, by name and sorted labels."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def stubs(server: RunningServer) -> tuple[grpc.Channel, Any, Any]:
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    return channel, identifier_grpc.IdentifierServiceStub(channel), card_grpc.CardServiceStub(channel)


def new_series(cards: Any) -> r.CardSeries:
    fmt = r.CardNumberFormat(prefix="GD", length=10, method=r.CARD_NUMBER_METHOD_SEQUENTIAL)
    series = r.CardSeries(code="GOLD", name="Gold", type=r.CARD_TYPE_PHYSICAL, format=fmt)
    return cards.CreateCardSeries(cpb.CreateCardSeriesRequest(series=series)).series


# Metrics -----------------------------------------------------------------------


def test_metrics_count_calls_codes_merges_cards_and_pool(start_server, backend: str) -> None:
    server = start_server(metrics_listen="127.0.0.1:0")
    assert server.metrics_port
    channel, stub, cards = stubs(server)
    with channel:
        store = create(stub, profile(INSTORE, ident(MOBILE, MOBILE_VALUE)))
        wechat = create(stub, profile(WECHAT, ident(WECHAT_ID, "oObs42"), account_id="wx-brand"))
        add_mobile = [ident(MOBILE, MOBILE_VALUE)]
        # A dry run of the merge changes nothing and counts no merge.
        update(stub, wechat.name, WECHAT, "wx-brand", add=add_mobile, validate_only=True)
        merged = update(stub, wechat.name, WECHAT, "wx-brand", add=add_mobile)
        assert len(merged.merges) == 1
        ann = create(stub, profile(INSTORE, ident(EMAIL, "ann@obs.example")))
        bob = create(stub, profile(TMALL, ident(EMAIL, "bob@obs.example")))  # merges need distinct scopes
        stub.MergeCustomers(pb.MergeCustomersRequest(victim=bob.name, survivor=ann.name))

        series = new_series(cards)
        numbers = list(cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=3)).numbers)
        issue = cpb.IssueCardRequest(customer=store.name, series_id=series.id, request_id=str(uuid.uuid4()))
        first = cards.IssueCard(issue).card
        assert cards.IssueCard(issue).card == first  # an idempotent replay issues nothing more
        cards.IssueCard(cpb.IssueCardRequest(customer=ann.name, series_id=series.id, validate_only=True))
        # A card number added to a customer is issued too.
        spare = next(n for n in numbers if n != first.number)
        update(stub, ann.name, INSTORE, add=[r.Identifier(type=CARD, value=spare, series_id=series.id)])

        expect_error(
            lambda: create(stub, profile(INSTORE, ident(MOBILE, MOBILE_VALUE))), Code.ALREADY_EXISTS, "IDENTIFIER_TAKEN"
        )
        expect_error(
            lambda: stub.GetCustomer(pb.GetCustomerRequest(name="customers/not-a-uuid")),
            Code.INVALID_ARGUMENT,
            "INVALID_ARGUMENT",
        )
        samples = scrape(server.metrics_port)

    requests = "loyalty_identity_rpc_requests_total"
    assert value(samples, requests, method="CreateCustomer", code="OK", protocol="grpc") == 4
    assert value(samples, requests, method="CreateCustomer", code="ALREADY_EXISTS", protocol="grpc") == 1
    assert value(samples, requests, method="GetCustomer", code="INVALID_ARGUMENT", protocol="grpc") == 1
    assert value(samples, requests, method="UpdateIdentifiers", code="OK", protocol="grpc") == 3
    assert value(samples, requests, method="IssueCard", code="OK", protocol="grpc") == 3
    assert value(samples, requests, method="MergeCustomers", code="OK", protocol="grpc") == 1
    histogram = "loyalty_identity_rpc_duration_seconds"
    assert value(samples, f"{histogram}_count", method="CreateCustomer", protocol="grpc") == 5
    assert value(samples, f"{histogram}_bucket", method="CreateCustomer", le="10.0", protocol="grpc") == 5
    assert value(samples, f"{histogram}_bucket", method="CreateCustomer", le="0.0005", protocol="grpc") <= 5
    assert 0 < value(samples, f"{histogram}_sum", method="CreateCustomer", protocol="grpc") < 10
    assert value(samples, "loyalty_identity_rpc_in_flight") == 0
    assert value(samples, "loyalty_identity_merges_total", kind="automatic") == 1
    assert value(samples, "loyalty_identity_merges_total", kind="explicit") == 1
    assert value(samples, "loyalty_identity_cards_issued_total") == 2
    assert ("loyalty_identity_db_transaction_retries_total", (("cause", "unique_violation"),)) in samples
    pool = {
        name: value(samples, f"loyalty_identity_db_pool_connections_{name}", engine=backend)
        for name in ("in_use", "open", "max")
    }
    if backend == "sqlite":  # no pool: one connection per thread
        assert not any(name.startswith("loyalty_identity_db_pool") for name, _ in samples)
    else:
        assert pool["max"] >= 16 + 4  # a connection per worker thread, plus slack
        assert 1 <= pool["open"] <= pool["max"] and pool["in_use"] <= pool["open"]


def test_a_watch_the_caller_cancels_counts_as_cancelled(start_server) -> None:
    server = start_server(metrics_listen="127.0.0.1:0")
    assert server.metrics_port is not None
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stream = event_grpc.EventServiceStub(channel).WatchEvents(epb.WatchEventsRequest())
        create(identifier_grpc.IdentifierServiceStub(channel), profile(INSTORE, ident(MOBILE, "8613800000123")))
        next(iter(stream))
        stream.cancel()
    deadline = time.monotonic() + 10
    while (
        value(
            scrape(server.metrics_port),
            "loyalty_identity_rpc_requests_total",
            code="CANCELLED",
            method="WatchEvents",
            protocol="grpc",
        )
        == 0
    ):
        assert time.monotonic() < deadline, scrape(server.metrics_port)
        time.sleep(0.1)
    assert (
        value(
            scrape(server.metrics_port),
            "loyalty_identity_rpc_requests_total",
            code="UNKNOWN",
            method="WatchEvents",
            protocol="grpc",
        )
        == 0
    )


def test_each_server_counts_its_own_calls_and_stops_serving_metrics(start_server) -> None:
    first = start_server(metrics_listen="127.0.0.1:0")
    channel, stub, _ = stubs(first)
    with channel:
        create(stub, profile(INSTORE, ident(EMAIL, "once@obs.example")))
    ok = ("loyalty_identity_rpc_requests_total", (("code", "OK"), ("method", "CreateCustomer"), ("protocol", "grpc")))
    assert scrape(first.metrics_port).get(ok) == 1
    port = first.metrics_port
    first.stop(grace=1)
    with pytest.raises(OSError):
        scrape(port)
    # A new server in the same process starts from zero (its own registry).
    second = start_server(metrics_listen="127.0.0.1:0")
    assert ok not in scrape(second.metrics_port)


# Logs --------------------------------------------------------------------------


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The service's log lines as `serve --log-format json` writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(CallContextFilter())
    logger = logging.getLogger("loyalty_identity")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_json_logs_carry_the_request_id_the_caller_got_and_no_identifier_value(start_server, json_log) -> None:
    server = start_server(access_log=True)
    channel, stub, _ = stubs(server)
    request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, MOBILE_VALUE))])
    with channel:
        # The caller's own id is kept and echoed; none or an unusable one gets a fresh id.
        _, mine = stub.CreateCustomer.with_call(request, metadata=[("x-request-id", "checkout-7f3a")])
        with pytest.raises(grpc.RpcError) as failed:
            stub.CreateCustomer(request)
        _, odd = stub.LookupCustomer.with_call(
            pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, MOBILE_VALUE)),
            metadata=[("x-request-id", "has spaces {json}")],
        )
    sent = [
        dict(mine.trailing_metadata())["x-request-id"],
        dict(failed.value.trailing_metadata())["x-request-id"],
        dict(odd.trailing_metadata())["x-request-id"],
    ]
    assert sent[0] == "checkout-7f3a"
    assert re.fullmatch(r"[0-9a-f]{32}", sent[1]) and re.fullmatch(r"[0-9a-f]{32}", sent[2])
    assert len(set(sent)) == 3

    text = json_log.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    access = [line for line in lines if line["logger"] == "loyalty_identity.access"]
    assert [line["request_id"] for line in access] == sent
    assert [(line["method"], line["code"], line["outcome"]) for line in access] == [
        ("CreateCustomer", "OK", "OK"),
        ("CreateCustomer", "ALREADY_EXISTS", "IDENTIFIER_TAKEN"),
        ("LookupCustomer", "OK", "OK"),
    ]
    assert all(line["level"] == "INFO" and line["org"] == "default" and line["duration_ms"] > 0 for line in access)
    assert all(line["peer"].startswith("ipv4:127.0.0.1:") for line in access)
    assert MOBILE_VALUE not in text and MOBILE_VALUE[-8:] not in text


def test_the_access_log_is_at_debug_unless_asked_for(start_server, json_log) -> None:
    server = start_server()
    channel, stub, _ = stubs(server)
    with channel:
        create(stub, profile(INSTORE, ident(EMAIL, "quiet@obs.example")))
    access = [json.loads(line) for line in json_log.getvalue().splitlines() if "loyalty_identity.access" in line]
    assert [line["level"] for line in access] == ["DEBUG"]


# Tracing -----------------------------------------------------------------------


class Collector:
    """A tiny OTLP/HTTP collector: keeps every ExportTraceServiceRequest POSTed to /v1/traces."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                ok = self.path == "/v1/traces" and self.headers["Content-Type"] == "application/x-protobuf"
                if ok:
                    collector.bodies.append(body)
                self.send_response(200 if ok else 404)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def spans(self) -> list[Any]:
        found: list[Any] = []
        for body in self.bodies:
            request = ExportTraceServiceRequest.FromString(body)
            for resource_spans in request.resource_spans:
                for scope_spans in resource_spans.scope_spans:
                    found.extend(scope_spans.spans)
        return found

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def collector() -> Iterator[Collector]:
    running = Collector()
    yield running
    running.close()


def attributes(span: Any) -> dict[str, Any]:
    out = {}
    for kv in span.attributes:
        kind = kv.value.WhichOneof("value")
        out[kv.key] = getattr(kv.value, kind)
    return out


def test_traces_reach_the_collector_with_rpc_and_transaction_spans(start_server, collector, backend: str) -> None:
    server = start_server(otlp_endpoint=collector.url)
    trace_id, parent_id = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    channel, stub, _ = stubs(server)
    with channel:
        request = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, MOBILE_VALUE))])
        _, call = stub.CreateCustomer.with_call(request, metadata=[("traceparent", f"00-{trace_id}-{parent_id}-01")])
        expect_error(lambda: stub.CreateCustomer(request), Code.ALREADY_EXISTS, "IDENTIFIER_TAKEN")
    server.stop(grace=5)  # flushes the batch

    spans = collector.spans()
    rpcs = [s for s in spans if s.name == f"{SERVICE}/CreateCustomer"]
    assert len(rpcs) == 2
    created, refused = rpcs
    # The first continues the caller's trace; the second starts its own.
    assert created.trace_id.hex() == trace_id and created.parent_span_id.hex() == parent_id
    assert refused.trace_id.hex() != trace_id and not refused.parent_span_id
    assert created.kind == created.SPAN_KIND_SERVER
    assert attributes(created) == {
        "rpc.system": "grpc",
        "rpc.service": SERVICE,
        "rpc.method": "CreateCustomer",
        "rpc.grpc.status_code": 0,
        "loyalty.org": "default",
        "loyalty.request_id": dict(call.trailing_metadata())["x-request-id"],
    }
    refused_attributes = attributes(refused)
    assert refused_attributes["rpc.grpc.status_code"] == Code.ALREADY_EXISTS.value[0]
    assert refused_attributes["loyalty.error.reason"] == "IDENTIFIER_TAKEN"
    assert refused.status.code != refused.status.STATUS_CODE_ERROR  # the caller's mistake, not the server's
    for rpc in rpcs:
        [transaction] = [s for s in spans if s.parent_span_id == rpc.span_id]
        assert transaction.name == "transaction" and transaction.trace_id == rpc.trace_id
        assert attributes(transaction) == {
            "db.system.name": backend,
            "loyalty.transaction.write": True,
            "loyalty.transaction.attempts": 1,
        }
        assert rpc.start_time_unix_nano <= transaction.start_time_unix_nano
        assert transaction.end_time_unix_nano <= rpc.end_time_unix_nano
    assert all(MOBILE_VALUE.encode() not in body for body in collector.bodies)


# The CLI -----------------------------------------------------------------------

READY = re.compile(r"ready on 127\.0\.0\.1:(\d+)")
METRICS = re.compile(r"metrics on http://127\.0\.0\.1:(\d+)/metrics")
ROOT = Path(__file__).resolve().parents[2]
DOC_METRICS_ADDRESS = "127.0.0.1:9464"


class Served:
    """A `loyalty-identity serve` process, its ports and what it logged so far."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "loyalty_identity", "serve", "--listen", "127.0.0.1:0", *args],
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stderr is not None
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        while not any(READY.search(line) for line in self.lines) and time.monotonic() < deadline:
            line = self.process.stderr.readline()
            assert line, f"serve exited before it was ready: {self.lines}"
            self.lines.append(line)
        self.port = int(next(m.group(1) for m in map(READY.search, self.lines) if m))
        self.metrics_port = int(next(m.group(1) for m in map(METRICS.search, self.lines) if m))

    def create(self, value: str) -> grpc.Call:
        with grpc.insecure_channel(f"127.0.0.1:{self.port}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            _, call = stub.CreateCustomer.with_call(
                pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, value))])
            )
        return call

    def stop(self) -> str:
        """SIGTERM; the rest of the log."""
        self.process.send_signal(signal.SIGTERM)
        _, rest = self.process.communicate(timeout=30)
        return rest

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def test_serve_with_json_logs_and_metrics(database_url: str) -> None:
    served = Served("--database", database_url, "--metrics-listen", "127.0.0.1:0", "--log-format", "json")
    try:
        call = served.create(MOBILE_VALUE)
        samples = scrape(served.metrics_port)
        assert (
            value(samples, "loyalty_identity_rpc_requests_total", method="CreateCustomer", code="OK", protocol="grpc")
            == 1
        )
        rest = served.stop()
    finally:
        served.kill()
    assert served.process.returncode == 0
    logged = [json.loads(line) for line in [*served.lines, *rest.splitlines()]]
    access = [line for line in logged if line["logger"] == "loyalty_identity.access"]
    assert [(a["method"], a["code"], a["request_id"]) for a in access] == [
        ("CreateCustomer", "OK", dict(call.trailing_metadata())["x-request-id"])
    ]
    assert logged[-1]["message"] == "stopped"
    assert MOBILE_VALUE not in "".join(served.lines) + rest


def watch_metrics_section(document: str) -> tuple[list[str], str, str]:
    """The "Watch metrics" steps of a document: serve's arguments, the curl command, its output."""
    text = (ROOT / document).read_text()
    assert "\n## Watch metrics" in text, f"{document} lacks the '## Watch metrics' section of docs/OBSERVABILITY.md"
    blocks = readme_walkthrough.FENCE.findall(text.split("\n## Watch metrics", 1)[1].split("\n## ", 1)[0])
    [serve_line] = [line for kind, body in blocks if kind == "shell" for line in body.splitlines() if " serve " in line]
    args = shlex.split(serve_line.split(" serve ", 1)[1], comments=True)
    index = next(i for i, (kind, body) in enumerate(blocks) if kind == "shell" and "curl" in body)
    kind, expected = blocks[index + 1]
    assert kind == "text"
    return args, blocks[index][1], expected


@pytest.mark.parametrize("document", ["README.md", "docs/OBSERVABILITY.md"])
def test_the_documented_watch_metrics_steps(document: str, tmp_path: Path) -> None:
    """Followed in order after the first command: a server of its own (the first one holds 50051 and the
    default database, whose data would change the figures), a call, the counters."""
    args, curl, expected = watch_metrics_section(document)
    assert DOC_METRICS_ADDRESS in args and DOC_METRICS_ADDRESS in curl
    listen, database = args[args.index("--listen") + 1], args[args.index("--database") + 1]
    assert listen != "127.0.0.1:50051" and database != "sqlite:///loyalty-identity.db"
    args = [
        "127.0.0.1:0" if arg in (DOC_METRICS_ADDRESS, listen) else arg.replace(database, f"sqlite:///{tmp_path}/w.db")
        for arg in args
    ]
    served = Served(*args)
    try:
        shell = curl.replace(DOC_METRICS_ADDRESS, f"127.0.0.1:{served.metrics_port}").replace(
            listen, f"127.0.0.1:{served.port}"
        )
        bin_dir = Path(sys.executable).parent
        env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
        done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    finally:
        served.kill()
    assert done.returncode == 0, done.stderr
    want, got = expected.splitlines(), done.stdout.splitlines()
    assert len(want) == len(got) and all(map(readme_walkthrough.matches, want, got)), done.stdout


CHECK_NO_OTEL = """
import sys
from pathlib import Path
import grpc
from loyalty_identity.api.protos import identifier_grpc, identifier_pb as pb
from loyalty_identity.api.server import ServerConfig, create_server
server = create_server(ServerConfig(listen="127.0.0.1:0", database_url=sys.argv[1], metrics_listen="127.0.0.1:0"))
server.start()
with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
    identifier_grpc.IdentifierServiceStub(channel).ListMerges(pb.ListMergesRequest())
server.stop(grace=1)
print(sorted(name for name in sys.modules if name.split(".")[0] == "opentelemetry"))
"""


def test_without_an_endpoint_opentelemetry_is_never_loaded(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK_NO_OTEL, f"sqlite:///{tmp_path / 'x.db'}"],
        capture_output=True,
        text=True,
        timeout=60,
        env={key: v for key, v in os.environ.items() if not key.startswith("OTEL_")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_endpoint_without_the_otel_extra_is_a_clear_error(tmp_path: Path) -> None:
    # Blocking the package in sys.modules makes every `import opentelemetry...` fail, as when not installed.
    code = "import sys; sys.modules['opentelemetry'] = None; from loyalty_identity.cli import main; sys.exit(main())"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            f"sqlite:///{tmp_path / 'x.db'}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LOYALTY_IDENTITY_OTLP_ENDPOINT": "http://127.0.0.1:4318"},
    )
    assert done.returncode == 2
    assert "pip install 'loyalty-identity[otel]'" in done.stderr


def test_a_connect_call_is_traced_and_logged_with_its_protocol(start_server, collector, caplog) -> None:
    server = start_server(otlp_endpoint=collector.url, http_listen="127.0.0.1:0", access_log=True)
    trace_id, parent_id = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    body = b'{"name": "customers/00000000-0000-4000-8000-000000000000"}'
    connection = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=10)
    headers = {"content-type": "application/json", "traceparent": f"00-{trace_id}-{parent_id}-01"}
    with caplog.at_level(logging.INFO, logger="loyalty_identity.access"):
        connection.request("POST", f"/{SERVICE}/GetCustomer", body=body, headers=headers)
        assert connection.getresponse().status == 404
        connection.close()
        server.stop(grace=5)
    [span] = [s for s in collector.spans() if s.name == f"{SERVICE}/GetCustomer"]
    assert span.trace_id.hex() == trace_id  # the caller's trace, from its HTTP header
    seen = attributes(span)
    assert seen["rpc.system"] == "connect_rpc" and seen["loyalty.error.reason"] == "CUSTOMER_NOT_FOUND"
    [line] = [r for r in caplog.records if getattr(r, "method", "") == "GetCustomer"]
    assert line.protocol == "connect" and line.outcome == "CUSTOMER_NOT_FOUND"
