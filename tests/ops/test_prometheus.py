"""deploy/prometheus/: the rules pass `promtool check rules`, their unit tests pass `promtool test rules` (each alert
fires in one case and stays quiet in another), the example configuration passes `promtool check config`, and every
loyalty_identity_* name the rules use is a series a live server exports.

promtool comes with Debian's prometheus package (scripts/test.sh installs it). Without it these checks skip, except
under CI, where they fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from loyalty_identity.api.server import RunningServer
from tests.ops.metric_names import (
    POOL_ONLY,
    PROMETHEUS,
    live_series,
    names_in,
    require_promtool,
    rule_expressions,
    run_promtool,
    unexported,
)

RULES = PROMETHEUS / "rules.yml"
RULES_TEST = PROMETHEUS / "rules_test.yml"
CONFIG = PROMETHEUS / "prometheus.yml"


@pytest.fixture(scope="session")
def promtool() -> str:
    return require_promtool()


def test_promtool_check_rules(promtool: str) -> None:
    output = run_promtool(promtool, "check", "rules", RULES.name)
    found = re.search(r"SUCCESS: (\d+) rules found", output)
    assert found, output
    # The expressions the metric-name test reads are all of them.
    assert int(found[1]) == len(rule_expressions(RULES)), output


def test_promtool_test_rules(promtool: str) -> None:
    assert "SUCCESS" in run_promtool(promtool, "test", "rules", RULES_TEST.name)


def test_promtool_check_config(promtool: str) -> None:
    run_promtool(promtool, "check", "config", CONFIG.name)


def alerts() -> list[str]:
    return re.findall(r"^\s*- alert: (\S+)$", RULES.read_text(encoding="utf-8"), re.MULTILINE)


def alert_cases() -> dict[str, set[bool]]:
    """For each alert named in rules_test.yml: whether some case expects it firing (True), some quiet (False)."""
    cases: dict[str, set[bool]] = {}
    current = None
    for line in RULES_TEST.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"\s*- alertname: (\S+)$", line):
            current = match[1]
        elif current and (match := re.match(r"\s*exp_alerts:\s*(\[\])?\s*(#.*)?$", line)):
            cases.setdefault(current, set()).add(match[1] is None)
            current = None
    return cases


def test_every_alert_has_a_firing_and_a_quiet_case() -> None:
    names = alerts()
    assert len(names) >= 8 and len(set(names)) == len(names), names
    cases = alert_cases()
    assert {name: cases.get(name, set()) for name in names} == {name: {True, False} for name in names}


def test_the_rules_cover_what_operators_need() -> None:
    """Error ratio, p99 without streams, database, pool, merge storm, review queue: by the metrics they read."""
    expressions = " ".join(rule_expressions(RULES))
    for needed in (
        'code=~"UNKNOWN|INTERNAL|DATA_LOSS|UNIMPLEMENTED|DEADLINE_EXCEEDED|UNAVAILABLE"',
        "histogram_quantile(0.99, sum by (job, le) "
        '(rate(loyalty_identity_rpc_duration_seconds_bucket{method!="WatchEvents"}',
        'code="UNAVAILABLE"',
        "loyalty_identity_db_pool_connections_in_use",
        "loyalty_identity_automatic_merges_total[1h] offset 1d",
        "loyalty_identity_merge_candidates_pending",
    ):
        assert needed in expressions, needed


def test_every_metric_the_rules_use_is_exported(start_server: Callable[..., RunningServer], backend: str) -> None:
    used = names_in(rule_expressions(RULES))
    assert "loyalty_identity_rpc_duration_seconds_bucket" in used and POOL_ONLY & used
    exported = live_series(start_server)
    assert unexported(used, exported, backend) == []
    if backend == "postgresql":
        assert exported.keys() >= POOL_ONLY


def test_the_readme_explains_every_alert() -> None:
    readme = (PROMETHEUS / "README.md").read_text(encoding="utf-8")
    assert [name for name in alerts() if f"`{name}`" not in readme] == []
