"""The service behind PgBouncer in transaction mode (Debian's pgbouncer), `?prepared_statements=off`.

In transaction mode consecutive transactions of one client connection may run on different
server connections, so the service may keep no session state: no prepared statements (the
URL's option turns them off), no session advisory lock (migrations take a transaction's), no
SET outside a transaction. The PostgreSQL part of the end-to-end suite's behaviour modules
runs again through PgBouncer, and replicas migrate a fresh database at once through it, then
take colliding load.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import databases
from tests.pg_cluster import PgBouncer
from tests.reliability.test_soak import check_probes, load_replicas, read_acks, verify

ROOT = Path(__file__).resolve().parents[2]
# The modules of behaviour: every RPC, merges, cards, request ids, the feed, erasure, review, races.
SLICE = [
    "tests/e2e/test_customers.py",
    "tests/e2e/test_update_and_merge.py",
    "tests/e2e/test_cards.py",
    "tests/e2e/test_idempotency.py",
    "tests/e2e/test_unmerge.py",
    "tests/e2e/test_erase.py",
    "tests/e2e/test_merge_candidates.py",
    "tests/e2e/test_merge_policy.py",
    "tests/e2e/test_events.py",
    "tests/e2e/test_concurrency.py",
    "tests/e2e/test_find_customers.py",
]


@pytest.fixture
def pgbouncer() -> Iterator[PgBouncer]:
    bouncer = PgBouncer(databases.require_postgres())
    try:
        yield bouncer
    finally:
        bouncer.stop()


def test_the_end_to_end_suite_passes_through_pgbouncer_in_transaction_mode(pgbouncer: PgBouncer) -> None:
    env = {**os.environ, databases.POSTGRES_URL_ENV: pgbouncer.url()}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "postgresql", *SLICE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    passed = re.search(r"(\d+) passed", run.stdout)
    assert passed is not None and int(passed.group(1)) >= 150, report
    print(f"\nthrough PgBouncer: {passed.group(0)}")


def test_replicas_migrate_and_take_colliding_load_through_pgbouncer(pgbouncer: PgBouncer, tmp_path: Path) -> None:
    with databases.fresh_database("postgresql", tmp_path) as direct:
        url = pgbouncer.url(direct.rsplit("/", 1)[1])
        load_replicas(url, tmp_path, replicas=2, processes=2, threads=6, requests=40)  # both migrate at once
        check_probes(direct, tmp_path)
        verify(direct, read_acks(tmp_path), exact=True)
