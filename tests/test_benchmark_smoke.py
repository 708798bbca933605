"""The benchmark runs end to end and every call succeeds (a smoke run: no timing is judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests import databases

ROOT = Path(__file__).resolve().parent.parent


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
        runs = report["backends"][backend]["main"] + report["backends"][backend]["scaling"]
        assert {r["workload"] for r in runs} == {f"W{i}" for i in range(8)}
        for run in runs:
            assert run["errors"] == {}, run
            assert run["requests"] > 0 and run["rps"] > 0
