"""Charts and the Markdown table of a benchmark run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

NAMES = {
    "W0": "health (ceiling)",
    "W1": "Lookup",
    "W2": "Get",
    "W3": "Update",
    "W4": "Update+merge",
    "W5": "Create",
    "W6": "IssueCard",
    "W7": "mix",
}
TARGETS = {"W1": 0.6, "W2": 0.6, "W3": 0.4, "W4": 0.3, "W5": 0.4, "W7": 0.5}


def ceiling(rows: list[dict[str, Any]], concurrency: int, size: int) -> float:
    return next(
        r["rps"] for r in rows if r["workload"] == "W0" and r["concurrency"] == concurrency and r["size"] == size
    )


def markdown(report: dict[str, Any]) -> str:
    lines = []
    for backend, data in report["backends"].items():
        rows = data["main"]
        if not rows:
            continue
        size = rows[0]["size"]
        lines += [
            f"### {backend}, {size:,} store customers",
            "",
            "| workload | conc. | calls/s | ratio to W0 | target | p50 ms | p90 ms | p99 ms | p99/p50 | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in rows:
            ratio = r["rps"] / ceiling(rows, r["concurrency"], size)
            target = TARGETS.get(r["workload"], "") if r["concurrency"] == 16 else ""
            tail = r["p99_ms"] / r["p50_ms"] if r["p50_ms"] else 0
            lines.append(
                f"| {r['workload']} {NAMES[r['workload']]} | {r['concurrency']} | {r['rps']:,.0f} | {ratio:.2f} |"
                f" {target} | {r['p50_ms']:.2f} | {r['p90_ms']:.2f} | {r['p99_ms']:.2f} | {tail:.1f} |"
                f" {sum(r['errors'].values())} |"
            )
        lines += ["", f"Server memory at the end: {max(r['server_rss_mb'] for r in rows):.0f} MB.", ""]
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
        loads = ", ".join(f"{ld['customers']:,} customers in {ld['seconds']:.0f} s" for ld in data["loads"])
        lines += [f"Dataset loads: {loads}.", ""]
    return "\n".join(lines)


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
