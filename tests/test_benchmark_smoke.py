"""The benchmark runs end to end and every call succeeds (a smoke run: no timing is judged),
and its ceiling servicer (benchmarks/ceiling.py) answers as the project does."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import grpc
import pytest

from benchmarks import ceiling
from benchmarks import dataset as ds
from loyalty_identity.api.protos import event_grpc, identifier_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import RunningServer
from tests import databases

ROOT = Path(__file__).resolve().parent.parent
LOOKUP = "/loyalty.identity.v1.IdentifierService/LookupCustomer"


def test_quick_benchmark_runs_without_errors(tmp_path: Path) -> None:
    backends = "sqlite,postgresql" if databases.postgres_url() else "sqlite"
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--backends", backends, "--out", str(tmp_path)]
    if databases.postgres_url():
        command += ["--postgres-url", str(databases.postgres_url())]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads((tmp_path / "quick.json").read_text())
    assert (tmp_path / "quick.png").stat().st_size > 10_000
    for backend in backends.split(","):
        data = report["backends"][backend]
        runs = data["main"] + data["scaling"]
        assert {r["workload"] for r in runs} == {f"W{i}" for i in range(8)} | {"H1", "C1", "C3", "C1a", "C3a"}
        # The org section: W3 over one org and over 8, on 1 and 3 replicas, and another pool size.
        shapes = {(r["orgs"], r["replicas"]) for r in data["orgs"]}
        assert {(1, 1), (8, 1), (1, 3), (8, 3)} <= shapes
        assert len({r["workers"] for r in data["orgs"]}) > 1
        # serve --processes: W1, W3 and W7 on 1 and on 2 processes of one server.
        assert {(r["workload"], r["processes"]) for r in data["processes"]} == {
            (w, n) for w in ("W1", "W3", "W7") for n in (1, 2)
        }
        # Group commit off, then on: SQLite's write workloads (PostgreSQL has no group commit).
        switched = {(r["workload"], r["group_commit"]) for r in data["group_commit"]}
        expected = {(w, on) for w in ("W3", "W4", "W5", "W7") for on in (False, True)}
        assert switched == (expected if backend == "sqlite" else set())
        for run in runs + data["orgs"] + data["processes"] + data["group_commit"]:
            assert run["errors"] == {}, run
            assert run["requests"] > 0 and run["rps"] > 0
            assert run["server_cpu_ms_per_call"] > 0, run
    assert "ratio to ceiling" in done.stdout and "### Against the targets" in done.stdout
    assert "H1 Lookup, HTTP/JSON / W1" in done.stdout
    assert "Group commit off and on" in done.stdout and "with group commit ≥ 1.5 x off" in done.stdout


def lookup_bytes(channel: grpc.Channel, n: int) -> bytes:
    """The response as it came over the wire, unparsed."""
    call = channel.unary_unary(LOOKUP, request_serializer=pb.LookupCustomerRequest.SerializeToString)
    request = pb.LookupCustomerRequest(
        source=r.SOURCE_INSTORE, identifier=r.Identifier(type=r.IDENTIFIER_TYPE_MOBILE, value=ds.mobile(n))
    )
    answer: bytes = call(request)
    return answer


def tmall_add(n: int, value: str | None = None) -> pb.UpdateIdentifiersRequest:
    """W3's request: a new TMALL profile with an external id."""
    return pb.UpdateIdentifiersRequest(
        customer=f"customers/{ds.customer_id(n)}",
        source=r.SOURCE_TMALL,
        add=[r.Identifier(type=r.IDENTIFIER_TYPE_EXTERNAL_ID, value=value or f"tm-{n}")],
    )


def test_the_ceiling_answers_as_the_project_does(database_url: str, start_server: Callable[..., RunningServer]) -> None:
    ds.load(database_url, 40, stock_cards=10, progress=False)
    project = start_server()
    with (
        ceiling.serving(database_url, "127.0.0.1:0", 2) as (_, port),
        grpc.insecure_channel(f"127.0.0.1:{project.port}") as ours,
        grpc.insecure_channel(f"127.0.0.1:{port}") as theirs,
    ):
        # LookupCustomer: the same bytes, with a card (every tenth customer) and without.
        for n in (0, 3, 10, 39):
            assert lookup_bytes(theirs, n) == lookup_bytes(ours, n), n
        stub, top = identifier_grpc.IdentifierServiceStub(ours), identifier_grpc.IdentifierServiceStub(theirs)
        # UpdateIdentifiers: the ceiling's answer is the customer as the project then reads it, and
        # the project finds the new identifier (its key, profile and row were written as it writes them).
        for n in (1, 10):
            answer = top.UpdateIdentifiers(tmall_add(n)).customer
            assert answer == stub.GetCustomer(pb.GetCustomerRequest(name=answer.name)).customer
            found = stub.LookupCustomer(
                pb.LookupCustomerRequest(
                    source=r.SOURCE_TMALL, identifier=r.Identifier(type=r.IDENTIFIER_TYPE_EXTERNAL_ID, value=f"tm-{n}")
                )
            )
            assert found.customer == answer
            assert [p.source for p in answer.profiles] == [r.SOURCE_INSTORE, r.SOURCE_WECHAT, r.SOURCE_TMALL]
        # The project's own add answers the same shape (names and times aside).
        mine = stub.UpdateIdentifiers(tmall_add(2)).customer
        assert [(p.source, list(p.identifiers)) for p in mine.profiles][-1] == (
            r.SOURCE_TMALL,
            [r.Identifier(type=r.IDENTIFIER_TYPE_EXTERNAL_ID, value="tm-2")],
        )
        # A value another customer holds: the ceiling does not merge, it refuses and writes nothing.
        with pytest.raises(grpc.RpcError) as refused:
            top.UpdateIdentifiers(tmall_add(3, value="tm-2"))
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        # The feed: the ceiling's events and the project's, numbered without gaps, readable by the project.
        feed = event_grpc.EventServiceStub(ours).ListEvents(epb.ListEventsRequest(after_sequence=0, page_size=10))
        assert [e.sequence for e in feed.events] == [1, 2, 3]
        assert [e.identifiers_changed.customer for e in feed.events] == [
            f"customers/{ds.customer_id(n)}" for n in (1, 10, 2)
        ]
        # The ceiling's two events read as the project's own (values masked alike).
        ceilings, projects = feed.events[:2], feed.events[2]
        for event in ceilings:
            assert event.identifiers_changed.added == projects.identifiers_changed.added
            assert event.identifiers_changed.removed == projects.identifiers_changed.removed == []
            assert event.identifiers_changed.added[0].source == r.SOURCE_TMALL
    # Stored as the project stores it: the same kind, request_id and payload (but for customer and value).
    with databases.connect(database_url) as conn:
        cursor = conn.cursor()
        cursor.execute('SELECT kind, request_id, payload FROM "event" ORDER BY sequence')
        stored = [(kind, request_id, json.loads(payload)) for kind, request_id, payload in cursor.fetchall()]
    expected = [
        (
            "identifiers_changed",
            "",
            {"customer": f"customers/{ds.customer_id(n)}", "added": [[6, "", 3, f"tm-{n}"]], "removed": []},
        )
        for n in (1, 10, 2)
    ]
    assert stored == expected
