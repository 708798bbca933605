"""Charts and the Markdown table of a benchmark run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

NAMES = {  # in the tables' order
    "W0": "health",
    "C1": "ceiling Lookup",
    "C1a": "ceiling Lookup, grpc.aio",
    "W1": "Lookup",
    "H1": "Lookup, HTTP/JSON",
    "W2": "Get",
    "C3": "ceiling Update",
    "C3a": "ceiling Update, grpc.aio",
    "W3": "Update",
    "W4": "Update+merge",
    "W5": "Create",
    "W6": "IssueCard",
    "W7": "mix",
}
# Issue 15's targets at concurrency 16: calls/s as a share of W0's, per engine.
TARGETS = {
    "sqlite": {"W1": 0.6, "W2": 0.6, "W3": 0.4, "W4": 0.3, "W5": 0.4, "W7": 0.5},
    "postgresql": {"W1": 0.5, "W2": 0.5, "W3": 0.3, "W4": 0.2, "W5": 0.3, "W7": 0.4},
}
# ... and as a share of the ceiling servicer's (benchmarks/ceiling.py): which ceiling workload, and the share.
CEILING_OF = {"W1": "C1", "W2": "C1", "W3": "C3"}
CEILING_TARGETS = {
    "sqlite": {"W1": 0.9, "W2": 0.8, "W3": 2.0},  # W3 2.0: group commit beats one commit per write (issue 27)
    "postgresql": {"W1": 0.9, "W2": 0.8},
}
# Server CPU per call, at most this many times the ceiling's (issue 27).
CPU_TARGETS = {"W1": 1.1, "W3": 1.3}
GROUP_COMMIT_TARGETS = {"W4": 1.5, "W5": 1.5}  # calls/s with group commit on / off
PROCESSES_TARGET = 1.3  # W1 on 2 processes / on 1
TAIL_TARGET = 4.0  # p99 / p50 at concurrency 16
SCALE_TARGET = 1.5  # p50 at the largest size / p50 at the smallest
RSS_TARGET_MB = 250
ORGS_TARGET = 0.9  # one org's W3 / the same load over several orgs
REPLICAS_TARGET = 1.0  # one org's W3 on N replicas / on one


def ceiling(rows: list[dict[str, Any]], concurrency: int, size: int, workload: str = "W0") -> float | None:
    return next(
        (r["rps"] for r in rows if r["workload"] == workload and r["concurrency"] == concurrency and r["size"] == size),
        None,
    )


def mark(value: float, target: float, at_most: bool = False) -> str:
    met = value <= target if at_most else value >= target
    return "met" if met else "**missed**"


def shown(value: float, target: float, at_most: bool = False) -> str:
    """The value to two places, or three where two would round a miss onto its target."""
    if f"{value:.2f}" == f"{target:.2f}" and mark(value, target, at_most) != "met":
        return f"{value:.3f}"
    return f"{value:.2f}"


def judged(value: float | None, target: float | None, at_most: bool = False) -> str:
    """A target cell: the target and whether the value meets it."""
    if value is None or target is None:
        return ""
    return f"{'≤' if at_most else '≥'} {target:g} {mark(value, target, at_most)}"


def markdown(report: dict[str, Any]) -> str:
    lines = []
    for backend, data in report["backends"].items():
        rows = data["main"]
        if rows:
            lines += main_table(backend, rows)
        scaling = sorted(data["scaling"], key=lambda r: (r["workload"], r["size"]))
        if scaling:
            lines += [
                f"Scaling at concurrency 16 ({backend}):",
                "",
                "| workload | store customers | calls/s | p50 ms | p99 ms | server RSS MB |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
            ]
            for r in scaling:
                lines.append(
                    f"| {r['workload']} {NAMES[r['workload']]} | {r['size']:,} | {r['rps']:,.0f} |"
                    f" {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['server_rss_mb']:.0f} |"
                )
            lines.append("")
        if data.get("orgs"):
            lines += org_table(backend, data["orgs"])
        if data.get("group_commit"):
            lines += group_commit_table(backend, data["group_commit"])
        if data.get("processes"):
            lines += processes_table(backend, data["processes"])
        loads = ", ".join(f"{ld['customers']:,} customers{over(ld)} in {ld['seconds']:.0f} s" for ld in data["loads"])
        lines += [f"Dataset loads: {loads}.", ""]
    lines += targets_table(report)
    return "\n".join(lines)


def over(load: dict[str, Any]) -> str:
    return f" over {load['orgs']} orgs" if load.get("orgs", 1) > 1 else ""


def main_table(backend: str, rows: list[dict[str, Any]]) -> list[str]:
    size = rows[0]["size"]
    lines = [
        f"### {backend}, {size:,} store customers",
        "",
        "| workload | conc. | calls/s | ratio to W0 | target | ratio to ceiling | target |"
        " p50 ms | p90 ms | p99 ms | p99/p50 | CPU ms/call | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    order = list(NAMES)
    for r in sorted(rows, key=lambda x: (x["concurrency"], order.index(x["workload"]))):
        c, w = r["concurrency"], r["workload"]
        w0 = ceiling(rows, c, size)
        ratio = r["rps"] / w0 if w0 else None
        top = ceiling(rows, c, size, CEILING_OF[w]) if w in CEILING_OF else None
        to_top = r["rps"] / top if top else None
        tail = r["p99_ms"] / r["p50_ms"] if r["p50_ms"] else 0
        at16 = c == 16
        goal = TARGETS.get(backend, {}).get(w) if at16 else None
        top_goal = CEILING_TARGETS.get(backend, {}).get(w) if at16 else None
        target, top_target = judged(ratio, goal), judged(to_top, top_goal)
        ratio_cell = "" if ratio is None else shown(ratio, goal) if goal else f"{ratio:.2f}"
        top_cell = "" if to_top is None else shown(to_top, top_goal) if top_goal else f"{to_top:.2f}"
        judge_tail = at16 and w.startswith("W") and w != "W0" and tail > TAIL_TARGET
        tail_cell = f"{tail:.1f}" + (f" {mark(tail, TAIL_TARGET, at_most=True)}" if judge_tail else "")
        lines.append(
            f"| {w} {NAMES[w]} | {c} | {r['rps']:,.0f} | {ratio_cell} | {target} | {top_cell} | {top_target} |"
            f" {r['p50_ms']:.2f} | {r['p90_ms']:.2f} | {r['p99_ms']:.2f} | {tail_cell} |"
            f" {cpu_cell(r)} | {sum(r['errors'].values())} |"
        )
    return [*lines, "", f"Server memory at the end: {max(r['server_rss_mb'] for r in rows):.0f} MB.", ""]


def cpu_cell(row: dict[str, Any]) -> str:
    cpu = row.get("server_cpu_ms_per_call")  # results from before it was measured have none
    return "" if cpu is None else f"{cpu:.2f}"


def org_table(backend: str, rows: list[dict[str, Any]]) -> list[str]:
    base = next((r for r in rows if r["orgs"] == 1 and r["replicas"] == 1), rows[0])
    lines = [
        f"W3 over one org and over several, replicas and pool sizes ({backend}, {base['size']:,} store customers,"
        f" concurrency {base['concurrency']}):",
        "",
        "| orgs written | replicas | threads per replica | calls/s | vs 1 org, 1 replica | p50 ms | p99 ms |"
        " server RSS MB (largest) | errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['orgs']} | {r['replicas']} | {r['workers']} | {r['rps']:,.0f} | {r['rps'] / base['rps']:.2f} |"
            f" {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['server_rss_mb']:.0f} | {sum(r['errors'].values())} |"
        )
    return [*lines, ""]


def group_commit_table(backend: str, rows: list[dict[str, Any]]) -> list[str]:
    """Group commit off, then on, one server after the other (target: W4 and W5 at least 1.5 times off)."""
    title = (
        f"Group commit off and on ({backend}, {rows[0]['size']:,} store customers, concurrency"
        f" {rows[0]['concurrency']}, the servers one after the other on one database):"
    )
    return compared(title, rows, ("group commit", "on / off"), lambda r: "on" if r["group_commit"] else "off", "off")


def processes_table(backend: str, rows: list[dict[str, Any]]) -> list[str]:
    """serve --processes: each workload on 2 processes against 1, in one run (target: W1 at least 1.3 times)."""
    title = (
        f"One server on 1 and on 2 processes (serve --processes; {backend}, {rows[0]['size']:,} store customers,"
        f" concurrency {rows[0]['concurrency']}, the load generator on the same two cores):"
    )
    return compared(title, rows, ("processes", "vs 1 process"), lambda r: str(r["processes"]), "1")


def compared(
    title: str,
    rows: list[dict[str, Any]],
    headings: tuple[str, str],
    setting: Callable[[dict[str, Any]], str],
    base: str,
) -> list[str]:
    """Each workload under two settings of one server, against the base setting's row."""
    lines = [
        title,
        "",
        f"| workload | {headings[0]} | calls/s | {headings[1]} | p50 ms | p99 ms | p99/p50 | CPU ms/call | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    bases = {r["workload"]: r for r in rows if setting(r) == base}
    for r in rows:
        first = bases.get(r["workload"], r)
        lines.append(
            f"| {r['workload']} {NAMES[r['workload']]} | {setting(r)} | {r['rps']:,.0f} |"
            f" {r['rps'] / first['rps']:.2f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} |"
            f" {r['p99_ms'] / r['p50_ms']:.1f} | {cpu_cell(r)} | {sum(r['errors'].values())} |"
        )
    return [*lines, ""]


def section_targets(backend: str, data: dict[str, Any]) -> list[str]:
    """Group commit on against off, 2 processes against 1, and the tails of both sections."""
    lines = []
    rows = data.get("group_commit", [])
    for w, target in GROUP_COMMIT_TARGETS.items():
        off = next((r for r in rows if r["workload"] == w and not r["group_commit"]), None)
        on = next((r for r in rows if r["workload"] == w and r["group_commit"]), None)
        if off and on:
            gain = on["rps"] / off["rps"]
            lines.append(
                f"| {w} {NAMES[w]} with group commit ≥ {target:g} x off | {backend} | {shown(gain, target)} |"
                f" {mark(gain, target)} |"
            )
    rows = data.get("processes", [])
    one = next((r for r in rows if r["workload"] == "W1" and r["processes"] == 1), None)
    two = next((r for r in rows if r["workload"] == "W1" and r["processes"] == 2), None)
    if one and two:
        gain = two["rps"] / one["rps"]
        lines.append(
            f"| W1 on 2 processes ≥ {PROCESSES_TARGET:g} x 1 | {backend} | {shown(gain, PROCESSES_TARGET)} |"
            f" {mark(gain, PROCESSES_TARGET)} |"
        )
    sections = data.get("group_commit", []) + data.get("processes", [])
    judged_rows = [r for r in sections if r["p50_ms"] and (r.get("group_commit", True) or "processes" in r)]
    if judged_rows:
        worst = max(judged_rows, key=lambda x: x["p99_ms"] / x["p50_ms"])
        tail = worst["p99_ms"] / worst["p50_ms"]
        where = f"{worst['processes']} processes" if "processes" in worst else "group commit on"
        lines.append(
            f"| p99 ≤ {TAIL_TARGET:g} x p50, group commit and processes sections | {backend} |"
            f" worst {worst['workload']} ({where}) {tail:.1f} | {mark(tail, TAIL_TARGET, at_most=True)} |"
        )
    return lines


def http_ratio(rows: list[dict[str, Any]], backend: str) -> list[str]:
    """SPEC 8's HTTP listener beside gRPC: H1 / W1 at the highest concurrency both ran at (no target yet)."""
    both = {r["concurrency"] for r in rows if r["workload"] == "H1"} & {
        r["concurrency"] for r in rows if r["workload"] == "W1"
    }
    if not both:
        return []
    c = max(both)
    h1, w1 = (next(r for r in rows if r["workload"] == w and r["concurrency"] == c) for w in ("H1", "W1"))
    if not w1["rps"]:
        return []
    return [f"| H1 {NAMES['H1']} / W1 at c={c} (no target yet) | {backend} | {h1['rps'] / w1['rps']:.2f} | |"]


def targets_table(report: dict[str, Any]) -> list[str]:
    """Every target of issue 15 with this run's figure beside it."""
    lines = ["### Against the targets", "", "| target | engine | result | |", "| --- | --- | --- | --- |"]
    for backend, data in report["backends"].items():
        rows = data["main"]
        at16 = [r for r in rows if r["concurrency"] == 16]
        if at16:
            size = at16[0]["size"]
            w0 = ceiling(rows, 16, size)
            for w, target in TARGETS.get(backend, {}).items():
                r = next((x for x in at16 if x["workload"] == w), None)
                if r and w0:
                    ratio = r["rps"] / w0
                    lines.append(
                        f"| {w} {NAMES[w]} ≥ {target:g} of W0 | {backend} | {shown(ratio, target)} |"
                        f" {mark(ratio, target)} |"
                    )
            for w, target in CEILING_TARGETS.get(backend, {}).items():
                r = next((x for x in at16 if x["workload"] == w), None)
                top = ceiling(rows, 16, size, CEILING_OF[w])
                if r and top:
                    ratio = r["rps"] / top
                    lines.append(
                        f"| {w} {NAMES[w]} ≥ {target:g} of {CEILING_OF[w]} | {backend} | {shown(ratio, target)} |"
                        f" {mark(ratio, target)} |"
                    )
            for w, limit in CPU_TARGETS.items():
                r = next((x for x in at16 if x["workload"] == w), None)
                top = next((x for x in at16 if x["workload"] == CEILING_OF[w]), None)
                if r and top and r.get("server_cpu_ms_per_call") and top.get("server_cpu_ms_per_call"):
                    share = r["server_cpu_ms_per_call"] / top["server_cpu_ms_per_call"]
                    lines.append(
                        f"| {w} CPU per call ≤ {limit:g} x {CEILING_OF[w]}'s | {backend} | {share:.2f}"
                        f" ({r['server_cpu_ms_per_call']:.2f} ms) | {mark(share, limit, at_most=True)} |"
                    )
            project = [x for x in at16 if x["workload"].startswith("W") and x["workload"] != "W0" and x["p50_ms"]]
            if project:
                worst = max(project, key=lambda x: x["p99_ms"] / x["p50_ms"])
                tail = worst["p99_ms"] / worst["p50_ms"]
                lines.append(
                    f"| p99 ≤ {TAIL_TARGET:g} x p50 at c=16, every workload | {backend} |"
                    f" worst {worst['workload']} {tail:.1f} | {mark(tail, TAIL_TARGET, at_most=True)} |"
                )
        lines += http_ratio(rows, backend)
        scaling = data["scaling"]
        sizes = sorted({r["size"] for r in scaling})
        if len(sizes) > 1:
            for w in ("W1", "W3"):
                small = next((r for r in scaling if r["workload"] == w and r["size"] == sizes[0]), None)
                large = next((r for r in scaling if r["workload"] == w and r["size"] == sizes[-1]), None)
                if small and large and small["p50_ms"]:
                    growth = large["p50_ms"] / small["p50_ms"]
                    lines.append(
                        f"| {w} p50 at {sizes[-1]:,} within {SCALE_TARGET:g}x of {sizes[0]:,} | {backend} |"
                        f" {growth:.2f}x | {mark(growth, SCALE_TARGET, at_most=True)} |"
                    )
        everything = rows + scaling + data.get("orgs", [])
        if everything:
            rss = max(r["server_rss_mb"] for r in everything)
            lines.append(
                f"| server RSS ≤ {RSS_TARGET_MB} MB | {backend} | {rss:.0f} MB | {mark(rss, RSS_TARGET_MB, True)} |"
            )
        lines += section_targets(backend, data)
        orgs = data.get("orgs", [])
        one = next((r for r in orgs if r["orgs"] == 1 and r["replicas"] == 1), None)
        many = next((r for r in orgs if r["orgs"] > 1 and r["replicas"] == 1), None)
        scaled = [
            r for r in orgs if r["orgs"] == 1 and r["replicas"] > 1 and r["workers"] == (one or {}).get("workers")
        ]
        replicas = max(scaled, key=lambda r: r["replicas"]) if scaled else None
        if one and many:
            share = one["rps"] / many["rps"]
            lines.append(
                f"| one org's W3 ≥ {ORGS_TARGET:g} of {many['orgs']} orgs' | {backend} | {shown(share, ORGS_TARGET)} |"
                f" {mark(share, ORGS_TARGET)} |"
            )
        if one and replicas:
            share = replicas["rps"] / one["rps"]
            lines.append(
                f"| {replicas['replicas']} replicas not slower than 1 (one org's W3) | {backend} |"
                f" {shown(share, REPLICAS_TARGET)} |"
                f" {mark(share, REPLICAS_TARGET)} |"
            )
    return [*lines, ""]


def write(report: dict[str, Any], folder: Path, name: str) -> None:
    backends = [b for b, d in report["backends"].items() if d["main"]]
    if not backends:
        return
    fig, axes = plt.subplots(2, len(backends), figsize=(7 * len(backends), 9), squeeze=False)
    for column, backend in enumerate(backends):
        rows = report["backends"][backend]["main"]
        size = rows[0]["size"]
        concurrencies = sorted({r["concurrency"] for r in rows})
        workloads = list(NAMES)
        width = 0.8 / len(concurrencies)
        ax = axes[0][column]
        for i, c in enumerate(concurrencies):
            values = [
                next((r["rps"] for r in rows if r["workload"] == w and r["concurrency"] == c), 0) for w in workloads
            ]
            ax.bar([x + i * width for x in range(len(workloads))], values, width, label=f"concurrency {c}")
        ax.set_xticks([x + width * (len(concurrencies) - 1) / 2 for x in range(len(workloads))])
        ax.set_xticklabels([f"{w}\n{NAMES[w]}" for w in workloads], fontsize=7)
        ax.set_ylabel("calls/s")
        ax.set_title(f"{backend}: throughput ({size:,} store customers)")
        ax.legend(fontsize=8)
        ax = axes[1][column]
        at16 = [r for r in rows if r["concurrency"] == 16] or [r for r in rows if r["concurrency"] == concurrencies[-1]]
        labels = [r["workload"] for r in at16]
        for key, marker in (("p50_ms", "o"), ("p90_ms", "s"), ("p99_ms", "^")):
            ax.plot(labels, [r[key] for r in at16], marker=marker, label=key.replace("_ms", ""))
        ax.set_ylabel("latency ms")
        ax.set_title(f"{backend}: latency at concurrency {at16[0]['concurrency']}")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / f"{name}.png", dpi=110)
    plt.close(fig)
