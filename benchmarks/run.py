"""The benchmark: load a dataset, start the real server, drive workloads W0-W7, report.

    python -m benchmarks.run                       # the full run (see BENCHMARKS.md)
    python -m benchmarks.run --quick               # a small smoke run (CI)

Every figure is measured against W0 (an empty health check on the same server)
in the same run. Results go to benchmarks/results/: a JSON file and PNG charts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from benchmarks import dataset

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
READY = re.compile(r"ready on 127\.0\.0\.1:(\d+)")
WORKLOADS = ["W0", "W1", "W2", "W3", "W4", "W5", "W6", "W7"]
SCALING_WORKLOADS = ["W0", "W1", "W3", "W4"]
NAMES = {
    "W0": "health check (ceiling)",
    "W1": "LookupCustomer",
    "W2": "GetCustomer",
    "W3": "UpdateIdentifiers, new identifier",
    "W4": "UpdateIdentifiers, merge",
    "W5": "CreateCustomer",
    "W6": "IssueCard",
    "W7": "mix 70/20/5/5",
}


@dataclass
class Allocator:
    """Hands out disjoint ranges of fresh customers to the write workloads."""

    store_size: int
    online_size: int
    store: int = 0
    online: int = 0
    new: int = 0

    def take(self, workload: str, count: int) -> dict[str, str]:
        needs = {
            "W3": ("store",),
            "W4": ("store", "online"),
            "W5": ("new",),
            "W6": ("store",),
            "W7": ("store", "online", "new"),
        }.get(workload, ())
        ranges = {}
        for kind in needs:
            start = getattr(self, kind)
            setattr(self, kind, start + count)
            limit = {"store": self.store_size, "online": self.online_size, "new": 10**9}[kind]
            if start + count > limit:
                raise SystemExit(f"dataset too small for {workload}: {kind} customers run out")
            ranges[kind] = f"{start}:{start + count}"
        return ranges


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    log: list[str] = field(default_factory=list)

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else 0.0


@contextmanager
def server(url: str) -> Iterator[Server]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "loyalty_identity",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            url,
            # INFO shows the ready line; the per-call access log is DEBUG and stays off.
            "--log-level",
            "INFO",
        ],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stderr is not None
    port = None
    for line in process.stderr:
        match = READY.search(line)
        if match:
            port = int(match.group(1))
            break
    if port is None:
        process.kill()
        raise SystemExit("the server did not start")
    srv = Server(process, port)
    # Keep reading its log, or a full pipe would stall the server.
    threading.Thread(target=lambda: srv.log.extend(process.stderr or []), daemon=True).start()
    try:
        yield srv
    finally:
        process.terminate()
        process.wait(timeout=60)


def drive(
    srv: Server, workload: str, concurrency: int, requests: int, warmup: int, store: int, allocator: Allocator
) -> dict[str, Any]:
    ranges = allocator.take(workload, requests + warmup)
    args = [
        sys.executable,
        "-m",
        "benchmarks.loadgen",
        "--target",
        f"127.0.0.1:{srv.port}",
        "--workload",
        workload,
        "--concurrency",
        str(concurrency),
        "--requests",
        str(requests),
        "--warmup",
        str(warmup),
        "--store-customers",
        str(store),
    ]
    for kind, span in ranges.items():
        args += [f"--{kind}", span]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=1800, check=False)
    if done.returncode != 0:
        raise SystemExit(f"load generator failed: {done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    result["server_rss_mb"] = srv.rss_mb()
    return result


@contextmanager
def fresh_database(backend: str, folder: Path, admin_url: str | None) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    import psycopg2

    assert admin_url, "PostgreSQL needs --postgres-url (scripts/benchmark.sh starts one)"
    name = f"bench_{os.getpid()}_{int(time.time())}"
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    conn.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


def machine(admin_url: str | None) -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "grpcio": grpc.__version__,
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
    if admin_url:
        import psycopg2

        with psycopg2.connect(admin_url) as conn:
            cursor = conn.cursor()
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    return info


def run_backend(backend: str, args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"main": [], "scaling": [], "loads": []}
    extra = args.sizes if backend == "sqlite" else args.postgres_sizes
    sizes = sorted({*extra, args.size})
    for size in sizes:
        with fresh_database(backend, folder / f"{backend}-{size}", args.postgres_url) as url:
            (folder / f"{backend}-{size}").mkdir(parents=True, exist_ok=True)
            load = dataset.load(url, size)
            results["loads"].append({"store_customers": size, **load})
            allocator = Allocator(store_size=size, online_size=size // 2)
            with server(url) as srv:
                if size == args.size:
                    for concurrency in args.concurrency:
                        for workload in args.workloads:
                            requests = args.requests if concurrency > 1 else max(100, args.requests // 4)
                            result = drive(srv, workload, concurrency, requests, args.warmup, size, allocator)
                            results["main"].append({"backend": backend, "size": size, **result})
                            print(summary(backend, size, result), flush=True)
                else:
                    for workload in SCALING_WORKLOADS:
                        result = drive(srv, workload, 16, args.requests, args.warmup, size, allocator)
                        results["scaling"].append({"backend": backend, "size": size, **result})
                        print(summary(backend, size, result), flush=True)
            if size == args.size:
                results["scaling"] += [
                    {**r} for r in results["main"] if r["concurrency"] == 16 and r["workload"] in SCALING_WORKLOADS
                ]
    return results


def summary(backend: str, size: int, r: dict[str, Any]) -> str:
    errors = sum(r["errors"].values())
    return (
        f"{backend:10} {size:>8} {r['workload']} c={r['concurrency']:<3} {r['rps']:8.0f}/s "
        f"p50 {r['p50_ms']:6.2f} p90 {r['p90_ms']:6.2f} p99 {r['p99_ms']:7.2f} ms  errors {errors}  "
        f"rss {r['server_rss_mb']:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--size", type=int, default=100_000, help="store customers of the main run")
    parser.add_argument("--sizes", default="10000,1000000", help="extra sizes for the W1/W3/W4 scaling run")
    parser.add_argument("--postgres-sizes", default="10000", help="extra sizes of the scaling run on PostgreSQL")
    parser.add_argument("--concurrency", default="1,16,64")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--postgres-url", default=os.environ.get("LOYALTY_IDENTITY_BENCH_POSTGRES_URL"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="which of W0-W7 the main run drives")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.sizes, args.requests, args.warmup, args.concurrency = 1000, "300", 60, 5, "1,4"
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s]
    args.postgres_sizes = [int(s) for s in str(args.postgres_sizes).split(",") if s and not args.quick] or args.sizes
    args.concurrency = [int(c) for c in str(args.concurrency).split(",")]
    args.workloads = [w for w in args.workloads.split(",") if w]
    backends = [b for b in args.backends.split(",") if b]
    report: dict[str, Any] = {
        "machine": machine(args.postgres_url if "postgresql" in backends else None),
        "settings": {k: v for k, v in vars(args).items() if k not in ("out", "postgres_url")},
        "time": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "backends": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for backend in backends:
            report["backends"][backend] = run_backend(backend, args, Path(tmp))
    args.out.mkdir(parents=True, exist_ok=True)
    name = "quick" if args.quick else "latest"
    (args.out / f"{name}.json").write_text(json.dumps(report, indent=2))
    from benchmarks import report as charts

    charts.write(report, args.out, name)
    print(charts.markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
