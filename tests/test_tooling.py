"""The checks are reproducible: exact tool versions, and engines skipped only where allowed."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from tests import databases

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints" / "tools.txt"


def pins() -> dict[str, str]:
    lines = (line.partition("#")[0].strip() for line in CONSTRAINTS.read_text().splitlines())
    return dict(line.split("==", 1) for line in lines if line)


def test_the_tools_that_judge_the_code_are_pinned_and_installed_as_pinned() -> None:
    pinned = pins()
    assert {"ruff", "mypy", "types-protobuf", "pytest", "hypothesis"} <= set(pinned)
    assert {name: version(name) for name in pinned} == pinned
    assert "-c constraints/tools.txt" in (ROOT / "scripts" / "test.sh").read_text()


def run_replica_tests(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in (databases.POSTGRES_URL_ENV, "CI")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/e2e/test_events_replicas.py"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_postgresql_only_tests_skip_without_postgresql_locally_and_fail_under_ci() -> None:
    local = run_replica_tests()
    assert local.returncode == 0, local.stdout
    assert "skipped" in local.stdout and "error" not in local.stdout
    ci = run_replica_tests(CI="true")
    assert ci.returncode == 1, ci.stdout
    assert "no PostgreSQL" in ci.stdout
