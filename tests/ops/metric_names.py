"""The metric names that the ops kit (deploy/prometheus, deploy/grafana) uses, and those a live server exports.

Shared by tests/ops/test_prometheus.py and tests/ops/test_grafana.py: every `loyalty_identity_*` name a rule or a
dashboard query uses must be a series a real server exposes, so that a renamed metric breaks a test, not an alert.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path

import grpc
import pytest
from prometheus_client.parser import text_string_to_metric_families

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.server import RunningServer
from tests.helpers import INSTORE, MOBILE, create, ident, profile, unique_mobile

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = ROOT / "deploy" / "prometheus"
GRAFANA = ROOT / "deploy" / "grafana"

# A metric name in PromQL; not a piece of a recorded name such as job:loyalty_identity_rpc_requests:rate5m.
METRIC = re.compile(r"(?<![\w:])loyalty_identity_[a-z0-9_]+(?![\w:])")
# Series names by the type of their family (text format 0.0.4, as prometheus_client writes it).
SUFFIXES = {
    "counter": ("_total", "_created"),
    "gauge": ("",),
    "histogram": ("_bucket", "_sum", "_count", "_created"),
    "summary": ("", "_sum", "_count", "_created"),
}
# Exported only by a server with a connection pool (PostgreSQL, CockroachDB): absent on SQLite.
POOL_ONLY = frozenset(f"loyalty_identity_db_pool_connections_{name}" for name in ("in_use", "open", "max"))


def names_in(expressions: Iterable[str]) -> set[str]:
    """Every loyalty_identity_* series name the PromQL expressions use."""
    return {name for expression in expressions for name in METRIC.findall(expression)}


def exported_series(text: str) -> dict[str, str]:
    """Every series name an exposition can hold, by family type, mapped to its family's name.

    From the families' declared types, not only from the samples present: a labelled counter with no child yet,
    or the review queue of a database with no candidate, declares its family with no sample.
    """
    series: dict[str, str] = {}
    for family in text_string_to_metric_families(text):
        for suffix in SUFFIXES.get(family.type, ("",)):
            series[family.name + suffix] = family.name
        for sample in family.samples:
            series[sample.name] = family.name
    return series


def scrape_text(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        assert response.status == 200
        return str(response.read().decode())


def live_series(start_server: Callable[..., RunningServer]) -> dict[str, str]:
    """The series names a live server exports, after one call (so that labelled series exist)."""
    server = start_server(metrics_listen="127.0.0.1:0", http_listen="127.0.0.1:0")
    assert server.metrics_port is not None
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        create(identifier_grpc.IdentifierServiceStub(channel), profile(INSTORE, ident(MOBILE, unique_mobile())))
    return exported_series(scrape_text(server.metrics_port))


def unexported(used: set[str], exported: dict[str, str], backend: str) -> list[str]:
    """The names used that the server does not export: every one on PostgreSQL, all but the pool's on SQLite."""
    missing = {name for name in used if name not in exported}
    if backend == "sqlite":
        missing -= POOL_ONLY
    return sorted(missing)


# A tiny reader for the block scalars of the rule files we write (no YAML library among the test dependencies).
EXPR = re.compile(r"^(?P<indent>\s*)(?:- )?expr: ?(?P<value>.*)$")


def rule_expressions(path: Path) -> list[str]:
    """The `expr:` of every rule in a Prometheus rule file (inline, or a `>-`/`|` block scalar)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    expressions: list[str] = []
    for number, line in enumerate(lines):
        match = EXPR.match(line)
        if match is None:
            continue
        value = match["value"].strip()
        if value and value[0] not in ">|":
            expressions.append(value.strip("'\""))
            continue
        indent = len(match["indent"])
        block = []
        for following in lines[number + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            block.append(following.strip())
        expressions.append(" ".join(part for part in block if part))
    return expressions


def require_promtool() -> str:
    """promtool's path; a skip without it, or a failure under CI (scripts/test.sh installs it)."""
    path = shutil.which("promtool")
    if path is None:
        message = "the ops kit's checks need promtool, from Debian's prometheus package (apt-get install prometheus)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must prove the rules and queries work, never skip them
        pytest.skip(message)
    return path


def run_promtool(promtool: str, *args: str, cwd: Path = PROMETHEUS) -> str:
    """promtool's output; the test fails with it unless promtool exits 0."""
    done = subprocess.run([promtool, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output
