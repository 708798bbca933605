"""PostgreSQL fails over under load, and no acknowledged write is lost or applied twice.

A primary with a synchronous standby (Debian's PostgreSQL, random ports), two replicas of the
service on a multi-host URL (`target_session_attrs=read-write`), and client processes whose
every write carries a request_id and is retried with it while the database is away. In the
middle of the load the primary is killed with SIGKILL (postmaster and every backend: the
machine died), and the standby is promoted with `pg_ctl promote`; the load keeps running on
the new primary. Then, on the new primary: every acknowledged write is there, `loyalty-identity
check` passes (the feed is gap-free and replays to the tables), no request_id was applied twice,
twins agreed and a refused retry never took effect. The figures go to RELIABILITY.md.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from tests.e2e.test_cli_serve import start
from tests.pg_cluster import STANDBY_NAME, replicated_pair
from tests.reliability.test_soak import check_probes, create_series, outcomes, query, read_acks, run_clients, verify

LOAD_S = 9.0  # each client thread's run; the kill comes after KILL_AFTER_S of it
KILL_AFTER_S = 3.0
PROMOTE_AFTER_S = 1.0  # the time an operator, or pg_auto_failover's monitor, takes to decide


def applied_twice(url: str) -> list[str]:
    """Request ids whose events are not one transaction's: a transaction numbers its events in one
    unbroken run (the org's counter is locked until COMMIT), so a request applied twice shows as two."""
    runs: dict[str, list[int]] = defaultdict(list)
    for request_id, sequence in query(url, "SELECT request_id, sequence FROM event WHERE request_id <> ''"):
        runs[request_id].append(int(sequence))
    return [rid for rid, seqs in runs.items() if max(seqs) - min(seqs) + 1 != len(seqs)]


def longest_silence(acks: list[dict[str, float]], since: float) -> float:
    """Seconds between acknowledged writes, at the longest, from `since` on: how long writes were unavailable."""
    times = sorted(a["at"] for a in acks if a["at"] >= since)
    return max((b - a for a, b in zip([since, *times], times, strict=False)), default=0.0)


def test_failover_under_load_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    with replicated_pair() as pair:
        # The setting under which no acknowledged write can be lost (RELIABILITY.md): every COMMIT
        # waits until the synchronous standby has it on disk.
        assert pair.primary.execute("SHOW synchronous_commit") == [("on",)]
        assert pair.primary.execute("SHOW synchronous_standby_names") == [(STANDBY_NAME,)]
        replicas = [start(pair.url), start(pair.url)]
        try:
            series_id = create_series(replicas[0].port)
            ports = [replica.port for replica in replicas]
            clients = run_clients(
                tmp_path, ports, series_id, 2, 6, 100_000, "failover", "--seconds", str(LOAD_S), "--ride-out", "40"
            )
            time.sleep(KILL_AFTER_S)
            killed = time.time()
            pair.primary.kill9()
            time.sleep(PROMOTE_AFTER_S)
            pair.standby.promote()
            promoted = time.time()
            for client in clients:
                assert client.wait(timeout=180) == 0
            for replica in replicas:
                assert replica.process.poll() is None, "a replica died with the primary"
        finally:
            for replica in replicas:
                replica.process.terminate()
            for replica in replicas:
                replica.process.wait(timeout=60)
        url = pair.standby.url  # the new primary
        acks = read_acks(tmp_path)
        seen = outcomes(tmp_path)
        before = sum(1 for a in acks if a["at"] < killed)
        after = sum(1 for a in acks if a["at"] > promoted)
        unavailable = longest_silence(acks, killed - 1.0)
        summary = (
            f"{len(acks)} writes acknowledged ({before} before the kill, {after} after the promotion),"
            f" writes unavailable for {unavailable:.1f} s (kill to promotion {promoted - killed:.1f} s);"
            f" outcomes {dict(seen)}"
        )
        assert before > 20 and after > 20, "the load should run on both sides of the failover"
        verify(url, acks, exact=False)  # every acknowledged write is there; invariants, feed and replay hold
        print(f"request_id probes: {check_probes(url, tmp_path)}")
        assert applied_twice(url) == []
        check = subprocess.run(
            [sys.executable, "-m", "loyalty_identity", "check", "--database", url],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert check.returncode == 0, check.stdout + check.stderr
        # A call is answered, or ends transiently and is retried with its request_id: nothing else.
        assert set(seen) <= {"OK", "ALREADY_EXISTS", "FAILED_PRECONDITION", "NOT_FOUND"}, seen
        assert unavailable < 20, "writes should resume within seconds of the promotion"
        # Reached only when every acknowledged write is there and no request_id was applied twice.
        print(f"\nfailover: {summary}; lost 0, applied twice 0")
