"""What reading from a hot standby would cost a caller that just merged (issue 25, item 5).

Makes a primary with a synchronous standby (Debian's PostgreSQL, tests/pg_cluster.py), runs the
service in process on the primary, and has --threads callers each make merges through
UpdateIdentifiers (a value of one customer added to another: the updated one is merged away).
Right after each OK, the victim's row is read on the standby, as a lookup served there would
read it: a victim still ACTIVE there is a stale read (read-your-writes broken); the read is then
repeated until the standby shows the merge, which measures the lag. Once with
`synchronous_commit = on` (the standby has the commit on disk, not yet replayed) and once with
`remote_apply` (the COMMIT waits until the standby replayed it), which also shows what
remote_apply costs the writes.

Then what a standby could take off the primary at best: --lookups LookupCustomer calls on
--threads callers against a `serve` process on the primary, with the CPU time each side spent
per lookup (the server process; every PostgreSQL process of the primary), from /proc.

    .venv/bin/python -m benchmarks.standby_reads --merges 400 --threads 8
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import psycopg2

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import ServerConfig, create_server
from tests.e2e.test_cli_serve import start
from tests.pg_cluster import ReplicatedPair

EMAIL, MOBILE = r.IDENTIFIER_TYPE_EMAIL, r.IDENTIFIER_TYPE_MOBILE
MERGED = 2


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def customer(stub: Any, source: int, kind: int, value: str) -> str:
    profile = r.Profile(source=source, identifiers=[r.Identifier(type=kind, value=value)])
    return str(stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile])).customer.name)


class StandbyReader:
    """One connection per thread to the standby, autocommit: each read sees the latest replayed state."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._local = threading.local()

    def state(self, uid: str) -> int | None:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = psycopg2.connect(self._url)
            conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT state FROM customer WHERE uid = %s", (uid,))
            row = cursor.fetchone()
            return None if row is None else int(row[0])


def one_merge(stub: Any, reader: StandbyReader) -> tuple[float, bool, float]:
    """(write latency s, stale right after the OK, seconds until the standby showed the merge)."""
    tag = uuid.uuid4().hex[:12]
    survivor = customer(stub, r.SOURCE_INSTORE, EMAIL, f"{tag}@standby.example")
    victim = customer(stub, r.SOURCE_TMALL, MOBILE, f"86{int(tag, 16) % 10**11:011d}")
    request = pb.UpdateIdentifiersRequest(
        customer=victim, source=r.SOURCE_TMALL, add=[r.Identifier(type=EMAIL, value=f"{tag}@standby.example")]
    )
    started = time.monotonic()
    response = stub.UpdateIdentifiers(request)
    answered = time.monotonic()
    assert response.customer.name == survivor, "the update should merge into the survivor"
    uid = victim.rsplit("/", 1)[1]
    stale = reader.state(uid) != MERGED
    while reader.state(uid) != MERGED:
        time.sleep(0.0005)
    return answered - started, stale, time.monotonic() - answered


def measure(pair: ReplicatedPair, mode: str, merges: int, threads: int) -> dict[str, Any]:
    pair.primary.execute(f"ALTER SYSTEM SET synchronous_commit = '{mode}'")
    pair.primary.execute("SELECT pg_reload_conf()")
    server = create_server(ServerConfig(listen="127.0.0.1:0", database_url=pair.primary.url))
    server.start()
    reader = StandbyReader(pair.standby.url)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            one_merge(stub, reader)  # warm up
            with ThreadPoolExecutor(threads) as pool:
                started = time.monotonic()
                results = list(pool.map(lambda _: one_merge(stub, reader), range(merges)))
                elapsed = time.monotonic() - started
    finally:
        server.stop(grace=5)
    writes = [w for w, _, _ in results]
    lags = [lag for _, stale, lag in results if stale]
    return {
        "synchronous_commit": mode,
        "merges": merges,
        "threads": threads,
        "merges_per_s": round(merges / elapsed, 1),
        "merge_p50_ms": round(statistics.median(writes) * 1000, 2),
        "merge_p99_ms": round(percentile(writes, 0.99) * 1000, 2),
        "stale_reads": len(lags),
        "stale_fraction": round(len(lags) / merges, 4),
        "lag_p50_ms": round(statistics.median(lags) * 1000, 2) if lags else 0.0,
        "lag_max_ms": round(max(lags) * 1000, 2) if lags else 0.0,
    }


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of these processes, from /proc (processes gone since count nothing)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def postgres_pids(node: Any) -> list[int]:
    postmaster = node.postmaster_pid()
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster, *map(int, children)]


def lookup_cpu(pair: ReplicatedPair, lookups: int, threads: int) -> dict[str, Any]:
    """CPU per LookupCustomer: the server process's and the primary's PostgreSQL processes'."""
    serving = start(pair.primary.url)
    server, port = serving.process, serving.port
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            emails = [f"{uuid.uuid4().hex[:12]}@lookup.example" for _ in range(200)]
            for email in emails:
                customer(stub, r.SOURCE_INSTORE, EMAIL, email)

            def lookup(i: int) -> None:
                identifier = r.Identifier(type=EMAIL, value=emails[i % len(emails)])
                stub.LookupCustomer(pb.LookupCustomerRequest(source=r.SOURCE_INSTORE, identifier=identifier))

            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(lookup, range(200)))  # warm up: connections, prepared statements
                pids = postgres_pids(pair.primary)
                server_before, pg_before = cpu_seconds([server.pid]), cpu_seconds(pids)
                started = time.monotonic()
                list(pool.map(lookup, range(lookups)))
                elapsed = time.monotonic() - started
                server_cpu = cpu_seconds([server.pid]) - server_before
                pg_cpu = cpu_seconds(postgres_pids(pair.primary)) - pg_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "lookups": lookups,
        "threads": threads,
        "lookups_per_s": round(lookups / elapsed, 1),
        "server_cpu_ms_per_lookup": round(server_cpu / lookups * 1000, 3),
        "postgresql_cpu_ms_per_lookup": round(pg_cpu / lookups * 1000, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merges", type=int, default=400)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--lookups", type=int, default=4000)
    args = parser.parse_args(argv)
    pair = ReplicatedPair()
    try:
        pair.start()
        rows = [measure(pair, mode, args.merges, args.threads) for mode in ("on", "remote_apply")]
        rows.append(lookup_cpu(pair, args.lookups, 16))
    finally:
        pair.stop()
    for row in rows:
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
