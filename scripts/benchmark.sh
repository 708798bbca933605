#!/usr/bin/env bash
# The benchmark (BENCHMARKS.md): installs into .venv, starts a PostgreSQL server of
# its own (durable settings, unlike the tests'), runs benchmarks/run.py on SQLite
# and PostgreSQL — W0-W7, the ceiling servicer (C1, C3: benchmarks/ceiling.py) and the
# org section (W3 over 1 vs 8 orgs, 1 vs 3 replicas, pool sizes) — and writes
# benchmarks/results/latest.{json,png}.
# Extra arguments go to benchmarks/run.py (try --help; --quick for a small run,
# --no-ceiling / --no-org-section to leave parts out).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet -e '.[bench]'
. scripts/postgres.sh
PG_DURABLE=1 start_postgres
.venv/bin/python -m benchmarks.run --postgres-url "$LOYALTY_IDENTITY_TEST_POSTGRES_URL" "$@"
