"""deploy/grafana/dashboard.json: a Grafana dashboard (valid JSON, panels with Prometheus targets, on a data source
variable), whose queries are valid PromQL (`promtool check rules` on them as recording rules) and use only
loyalty_identity_* series that a live server exports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from loyalty_identity.api.server import RunningServer
from tests.ops.metric_names import (
    GRAFANA,
    POOL_ONLY,
    live_series,
    names_in,
    require_promtool,
    run_promtool,
    unexported,
)

DASHBOARD = GRAFANA / "dashboard.json"
LABEL_VALUES = re.compile(r"label_values\((.+), *\w+\)")
# What an operator must see (issue 24): a panel title for each, case-insensitive.
TOPICS = (
    "calls by rpc and code",
    "latency",
    "merges by kind",
    "automatic merges by trigger type",
    "review queue",
    "feed",
    "pool",
    "database health",
)


def dashboard() -> dict[str, Any]:
    loaded = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def query_panels() -> list[dict[str, Any]]:
    return [panel for panel in dashboard()["panels"] if panel["type"] != "row"]


def queries() -> list[str]:
    """Every PromQL expression of the dashboard: its panels' targets and its variables' queries."""
    expressions = [target["expr"] for panel in query_panels() for target in panel["targets"]]
    for variable in dashboard()["templating"]["list"]:
        if variable["type"] == "query":  # Grafana's label_values(SELECTOR, LABEL): the selector is PromQL
            found = LABEL_VALUES.fullmatch(variable["definition"])
            assert found, variable["definition"]
            expressions.append(found[1])
    return expressions


def test_the_dashboard_has_grafanas_shape() -> None:
    board = dashboard()
    assert board["uid"] and board["title"] and isinstance(board["schemaVersion"], int)
    variables = {variable["name"]: variable for variable in board["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
    assert "job" in variables
    ids = [panel["id"] for panel in board["panels"]]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    panels = query_panels()
    assert len(panels) >= 10
    for panel in panels:
        assert panel["type"] in {"timeseries", "stat", "gauge", "bargauge", "table"}, panel["title"]
        assert panel["title"] and panel["datasource"]["uid"] == "${datasource}", panel["title"]
        grid = panel["gridPos"]
        assert grid["w"] > 0 and grid["h"] > 0 and grid["x"] + grid["w"] <= 24, panel["title"]
        assert panel["targets"], f"{panel['title']} has no query"
        refs = [target["refId"] for target in panel["targets"]]
        assert len(refs) == len(set(refs)), panel["title"]
        for target in panel["targets"]:
            assert target["expr"].strip() and target["datasource"]["uid"] == "${datasource}", panel["title"]


def test_the_dashboard_shows_what_operators_need() -> None:
    titles = " | ".join(panel["title"].lower() for panel in query_panels())
    assert [topic for topic in TOPICS if topic not in titles] == []
    latency = [query for query in queries() if "rpc_duration_seconds_bucket" in query]
    assert latency and all('method!="WatchEvents"' in query for query in latency)


def test_the_queries_are_valid_promql(tmp_path: Path) -> None:
    promtool = require_promtool()
    rules = [
        {
            "record": f"dashboard:query_{number}",
            "expr": query.replace("$__rate_interval", "5m").replace("$job", ".+"),
        }
        for number, query in enumerate(queries())
    ]
    path = tmp_path / "dashboard_rules.yml"  # JSON is YAML
    path.write_text(json.dumps({"groups": [{"name": "dashboard", "rules": rules}]}), encoding="utf-8")
    run_promtool(promtool, "check", "rules", str(path), cwd=tmp_path)


def test_every_metric_the_dashboard_uses_is_exported(start_server: Callable[..., RunningServer], backend: str) -> None:
    used = names_in(queries())
    assert "loyalty_identity_rpc_duration_seconds_bucket" in used and used >= POOL_ONLY
    assert unexported(used, live_series(start_server), backend) == []


def test_the_readme_tells_how_to_import_it() -> None:
    assert "dashboard.json" in (GRAFANA / "README.md").read_text(encoding="utf-8")
