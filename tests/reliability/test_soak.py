"""Soak and crash tests: client processes with many threads against one real server process.

Soak: after a bounded colliding mix, the invariants hold, no call ended in
INTERNAL, UNKNOWN, UNAVAILABLE or a deadline, and the acknowledged operations
match the database exactly. Crash: the server is killed with SIGKILL in the
middle of the load, restarted on the same file, and everything acknowledged
is there, with the invariants intact. Several times over.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import grpc

from loyalty_identity.api.protos import card_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.domain.replies import decode_refusal
from loyalty_identity.store import invariants
from loyalty_identity.store.database import open_database
from tests import databases
from tests.e2e.test_cli_serve import start

ROOT = Path(__file__).resolve().parents[2]
ACTIVE = 1


def create_series(port: int) -> str:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        cards = card_grpc.CardServiceStub(channel)
        series = cards.CreateCardSeries(
            cpb.CreateCardSeriesRequest(
                series=r.CardSeries(
                    code="SOAK",
                    name="Soak",
                    type=r.CARD_TYPE_DIGITAL,
                    format=r.CardNumberFormat(prefix="S", length=10, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
                    max_active_cards_per_customer=3,
                )
            )
        ).series
        cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=100))
        return series.id


def run_clients(
    folder: Path,
    ports: list[int],
    series_id: str,
    processes: int,
    threads: int,
    requests: int,
    tag: str,
    *extra: str,
) -> list[subprocess.Popen[bytes]]:
    targets = [arg for port in ports for arg in ("--target", f"127.0.0.1:{port}")]
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reliability.load",
                *targets,
                "--process",
                str(hash((tag, p)) % 10_000),
                "--threads",
                str(threads),
                "--requests",
                str(requests),
                "--series-id",
                series_id,
                "--acks",
                str(folder / f"acks-{tag}-{p}.jsonl"),
                "--summary",
                str(folder / f"summary-{tag}-{p}.json"),
                "--refusals",
                str(folder / f"refusals-{tag}-{p}.jsonl"),
                *extra,
            ],
            cwd=ROOT,
        )
        for p in range(processes)
    ]


def read_acks(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted(folder.glob("acks-*.jsonl")) for line in path.read_text().splitlines()]


def summed(folder: Path, part: str) -> Counter[str]:
    total: Counter[str] = Counter()
    for path in folder.glob("summary-*.json"):
        total.update(json.loads(path.read_text())[part])
    return total


def outcomes(folder: Path) -> Counter[str]:
    return summed(folder, "outcomes")


def check_probes(url: str, folder: Path) -> dict[str, int]:
    """No request_id was refused once applied: twins agree, and a refused retry's request never took effect."""
    refusals = [json.loads(line) for path in folder.glob("refusals-*.jsonl") for line in path.read_text().splitlines()]
    assert [r for r in refusals if r["probe"] == "twins"] == [], "twins answered differently"
    # Refusals are stored too (RULES 2.7): applied are the request ids whose stored answer is a reply.
    stored = query(url, "SELECT request_id, response FROM request")
    applied = {request_id for request_id, answer in stored if decode_refusal(bytes(answer)) is None}
    assert [r for r in refusals if r["request_id"] in applied] == [], "a retry was refused, yet its request applied"
    probes = dict(summed(folder, "probes"))
    assert probes.get("twins", 0) > 0 and probes.get("hasty", 0) > 0
    return probes


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    with databases.connect(url) as conn:
        cursor = conn.cursor()
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]


def check_invariants(url: str) -> list[str]:
    database = open_database(url, max_connections=2)
    try:
        return [str(v) for v in invariants.check(database.db)]
    finally:
        database.close()


def verify(url: str, acks: list[dict[str, Any]], exact: bool) -> None:
    """Everything acknowledged is in the database (and, when exact, nothing else)."""
    assert check_invariants(url) == []
    merges = {f"merges/{uid}" for (uid,) in query(url, "SELECT uid FROM merge")}
    customers = {f"customers/{uid}" for (uid,) in query(url, "SELECT uid FROM customer")}
    held = set(
        query(
            url,
            "SELECT i.source, i.account_id, i.type, i.value FROM identifier i"
            f" JOIN customer c ON c.id = i.customer_id WHERE c.state = {ACTIVE}",
        )
    )
    [(linked,)] = query(url, "SELECT COUNT(*) FROM card WHERE customer_id IS NOT NULL")
    acked_merges = {a["merge"] for a in acks if a["op"] == "merge"}
    created = {a["customer"] for a in acks if a["op"] == "create" and not a["combined"]}
    idents = [tuple(a["ident"]) for a in acks if a["op"] == "add"]
    idents += [tuple(i) for a in acks if a["op"] == "create" for i in a["idents"]]
    assert acked_merges <= merges, "an acknowledged merge is missing"
    assert created <= customers, "an acknowledged customer is missing"
    missing = [i for i in idents if i not in held]
    assert not missing, f"acknowledged identifiers missing: {missing[:5]}"
    if exact:
        assert acked_merges == merges
        assert created == customers
        issues = sum(1 for a in acks if a["op"] == "issue")
        unlinks = sum(1 for a in acks if a["op"] == "unlink")
        assert linked == issues - unlinks


def test_soak(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'soak.db'}"
    server = start(url)
    try:
        series_id = create_series(server.port)
        clients = run_clients(tmp_path, [server.port], series_id, processes=3, threads=8, requests=60, tag="soak")
        for client in clients:
            assert client.wait(timeout=600) == 0
    finally:
        server.process.terminate()
        server.process.wait(timeout=60)
    seen = outcomes(tmp_path)
    print(f"\nsoak outcomes: {dict(seen)}")
    # A few draws do nothing (a merge of a customer with itself, an unlink with no card yet).
    assert 0.9 * 3 * 8 * 60 <= sum(seen.values()) <= 3 * 8 * 60
    assert set(seen) <= {"OK", "ALREADY_EXISTS", "FAILED_PRECONDITION", "NOT_FOUND"}, seen
    acks = read_acks(tmp_path)
    assert sum(1 for a in acks if a["op"] == "merge") > 10, "the mix should merge a lot"
    print(f"request_id probes: {check_probes(url, tmp_path)}")
    verify(url, acks, exact=True)


def test_crash_and_restart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    server = start(url)
    series_id = create_series(server.port)
    rounds = 3
    for crash in range(rounds):
        clients = run_clients(
            tmp_path, [server.port], series_id, processes=2, threads=6, requests=400, tag=f"crash{crash}"
        )
        time.sleep(random.uniform(1.0, 2.0))
        server.process.kill()  # SIGKILL: no shutdown, no flush, mid-transaction
        server.process.wait(timeout=30)
        for client in clients:
            assert client.wait(timeout=120) == 0
        server = start(url)  # recovery happens on open
        verify(url, read_acks(tmp_path), exact=False)
        check_probes(url, tmp_path)
    acks = read_acks(tmp_path)
    server.process.terminate()
    server.process.wait(timeout=60)
    assert len(acks) > 50, "the load should have made progress before each crash"
    summary = dict(outcomes(tmp_path))
    print(f"\ncrash test: {rounds} kills, {len(acks)} acknowledged writes all present; outcomes {summary}")


ANSWERS = {"OK", "ALREADY_EXISTS", "FAILED_PRECONDITION", "NOT_FOUND"}


def load_replicas(url: str, folder: Path, replicas: int, processes: int, threads: int, requests: int) -> Counter[str]:
    """Start `replicas` servers on url at once (they migrate concurrently), spread the colliding load
    over them, stop them; the outcomes, which must all be answers."""
    servers = [start(url) for _ in range(replicas)]
    try:
        series_id = create_series(servers[0].port)
        ports = [server.port for server in servers]
        clients = run_clients(folder, ports, series_id, processes, threads, requests, tag="replicas")
        for client in clients:
            assert client.wait(timeout=600) == 0
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            server.process.wait(timeout=60)
    seen = outcomes(folder)
    assert set(seen) <= ANSWERS, seen
    return seen


def test_three_replicas_on_one_postgresql(tmp_path: Path) -> None:
    """Scale-out: three server processes share one PostgreSQL; clients spread colliding load over all three."""
    databases.require_postgres()
    with databases.fresh_database("postgresql", tmp_path) as url:
        seen = load_replicas(url, tmp_path, replicas=3, processes=3, threads=8, requests=60)
        print(f"\nthree replicas: outcomes {dict(seen)}")
        acks = read_acks(tmp_path)
        assert sum(1 for a in acks if a["op"] == "merge") > 10
        print(f"request_id probes: {check_probes(url, tmp_path)}")
        verify(url, acks, exact=True)
