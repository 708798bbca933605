"""The benchmark: load a dataset, start the real server, drive workloads W0-W7, report.

    python -m benchmarks.run                       # the full run (see BENCHMARKS.md)
    python -m benchmarks.run --quick               # a small smoke run (CI)

Every figure is measured against W0 (an empty health check on the same server)
and against the ceiling (C1, C3: benchmarks/ceiling.py on the same database) in the
same run. The org section loads a dataset of its own and drives W3 over one org and
over several, on 1 and N replicas of the server, and with other pool sizes.
Results go to benchmarks/results/: a JSON file and PNG charts.
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
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from benchmarks import dataset

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
RESULTS = ROOT / "benchmarks" / "results"
READY = re.compile(r"ready on 127\.0\.0\.1:(\d+)")
HTTP_READY = re.compile(r"HTTP \(Connect, console\) on http://127\.0\.0\.1:(\d+)/")
# H1 is W1 over the HTTP listener (Connect, JSON): its ratio to W1 in the same run.
WORKLOADS = ["W0", "W1", "H1", "W2", "W3", "W4", "W5", "W6", "W7"]
SCALING_WORKLOADS = ["W0", "W1", "W3", "W4"]
NAMES = {
    "W0": "health check",
    "W1": "LookupCustomer",
    "H1": "LookupCustomer over HTTP/JSON (Connect)",
    "W2": "GetCustomer",
    "W3": "UpdateIdentifiers, new identifier",
    "W4": "UpdateIdentifiers, merge",
    "W5": "CreateCustomer",
    "W6": "IssueCard",
    "W7": "mix 70/20/5/5",
    "C1": "ceiling LookupCustomer",
    "C3": "ceiling UpdateIdentifiers, new identifier",
    "C1a": "ceiling LookupCustomer on grpc.aio",
    "C3a": "ceiling UpdateIdentifiers on grpc.aio",
}
CEILING_WORKLOADS = ["C1", "C3"]


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
            "C3": ("store",),
            "C3a": ("store",),
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
    http_port: int | None = None  # the HTTP listener (Connect), when the server has one

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else 0.0

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server and its direct children (serve --processes) used so far."""
        total = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:  # gone meanwhile
                continue
            pid, ppid = int(stat.parent.name), int(fields[1])
            if self.process.pid in (pid, ppid):
                total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        return total


def project_command(
    url: str, max_workers: int | None = None, processes: int = 1, group_commit: bool = True
) -> list[str]:
    command = [sys.executable, "-m", "loyalty_identity", "serve", "--listen", "127.0.0.1:0", "--database", url]
    command += [] if group_commit else ["--no-group-commit"]
    command += ["--http-listen", "127.0.0.1:0"]  # H1
    # INFO shows the ready line; the per-call access log is DEBUG and stays off.
    command += ["--log-level", "INFO"]
    command += ["--processes", str(processes)] if processes > 1 else []
    return command + (["--max-workers", str(max_workers)] if max_workers else [])


# serve --processes: W1, W3 and W7 with 1 and 2 processes, each reached through this many channels (connections).
PROCESS_WORKLOADS = ("W1", "W3", "W7")
PROCESS_CHANNELS = 8


# Group commit (SQLite): the write workloads with it off, then on, back to back in one run.
GROUP_COMMIT_WORKLOADS = ("W3", "W4", "W5", "W7")


def ceiling_command(url: str) -> list[str]:
    return [sys.executable, "-m", "benchmarks.ceiling", "--database", url, "--listen", "127.0.0.1:0"]


def tokens_env(orgs: int) -> dict[str, str]:
    """The server's environment with a bearer token for each of the dataset's orgs (dataset.token)."""
    from loyalty_identity.api.auth import hash_token

    lines = [f"{dataset.org_name(k)} sha256:{hash_token(dataset.token(dataset.org_name(k)))}" for k in range(orgs)]
    return {**os.environ, "LOYALTY_IDENTITY_TOKENS": ";".join(lines)}


@contextmanager
def server(url: str, command: list[str] | None = None, env: dict[str, str] | None = None) -> Iterator[Server]:
    process = subprocess.Popen(
        command or project_command(url),
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stderr is not None
    port = http_port = None
    for line in process.stderr:
        if found := HTTP_READY.search(line):
            http_port = int(found.group(1))
        match = READY.search(line)
        if match:
            port = int(match.group(1))
            break
    if port is None:
        process.kill()
        raise SystemExit("the server did not start")
    srv = Server(process, port, http_port=http_port)
    # Keep reading its log, or a full pipe would stall the server.
    threading.Thread(target=lambda: srv.log.extend(process.stderr or []), daemon=True).start()
    try:
        yield srv
    finally:
        process.terminate()
        process.wait(timeout=60)


def drive(
    srv: Server | list[Server],
    workload: str,
    concurrency: int,
    requests: int,
    warmup: int,
    store: int,
    allocator: Allocator,
    extra: list[str] | None = None,
) -> dict[str, Any]:
    """One load generator run against a server, or spread over its replicas."""
    servers = srv if isinstance(srv, list) else [srv]
    ranges = allocator.take(workload, requests + warmup)
    args = [
        sys.executable,
        "-m",
        "benchmarks.loadgen",
        "--target",
        ",".join(f"127.0.0.1:{s.port}" for s in servers),
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
    if workload == "H1":
        args += ["--http-target", ",".join(f"127.0.0.1:{s.http_port}" for s in servers)]
    distinct = list({id(s): s for s in servers}.values())  # one server reached through several channels
    cpu_before = sum(s.cpu_s() for s in distinct)
    done = subprocess.run(args + (extra or []), capture_output=True, text=True, cwd=ROOT, timeout=1800, check=False)
    if done.returncode != 0:
        raise SystemExit(f"load generator failed: {done.stderr}")
    cpu = sum(s.cpu_s() for s in distinct) - cpu_before
    result: dict[str, Any] = json.loads(done.stdout)
    result["server_rss_mb"] = max(s.rss_mb() for s in servers)
    # Server CPU per call, warm-up calls included (they are calls of the same kind); an idle server uses ~0.
    result["server_cpu_ms_per_call"] = cpu * 1000 / (requests + warmup)
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
    results: dict[str, Any] = {
        "main": [],
        "scaling": [],
        "loads": [],
        "orgs": [],
        "processes": [],
        "group_commit": [],
    }
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
                    if args.ceiling:
                        srv.process.terminate()  # idle, but out of the ceiling's way
                        srv.process.wait(timeout=60)
                else:
                    for workload in SCALING_WORKLOADS:
                        result = drive(srv, workload, 16, args.requests, args.warmup, size, allocator)
                        results["scaling"].append({"backend": backend, "size": size, **result})
                        print(summary(backend, size, result), flush=True)
            if size == args.size and args.ceiling:
                # The ceiling on the same database, right after the project's server: C1, C3.
                with server(url, ceiling_command(url)) as srv:
                    for concurrency in args.concurrency:
                        for workload in CEILING_WORKLOADS:
                            requests = args.requests if concurrency > 1 else max(100, args.requests // 4)
                            result = drive(srv, workload, concurrency, requests, args.warmup, size, allocator)
                            results["main"].append({"backend": backend, "size": size, **result})
                            print(summary(backend, size, result), flush=True)
                # Its grpc.aio variant (the database calls in a small executor), at the largest concurrency.
                if args.ceiling_aio:
                    with server(url, [*ceiling_command(url), "--aio"]) as srv:
                        concurrency = max(args.concurrency)
                        for workload in CEILING_WORKLOADS:
                            result = drive(srv, workload, concurrency, args.requests, args.warmup, size, allocator)
                            result["workload"] += "a"
                            results["main"].append({"backend": backend, "size": size, **result})
                            print(summary(backend, size, result), flush=True)
            if size == args.size and args.group_commit_section and backend == "sqlite":
                results["group_commit"] = group_commit_section(backend, url, args, size, allocator)
            if size == args.size and args.processes:
                results["processes"] = processes_section(backend, url, args, size, allocator)
            if size == args.size:
                results["scaling"] += [
                    {**r} for r in results["main"] if r["concurrency"] == 16 and r["workload"] in SCALING_WORKLOADS
                ]
    if args.org_section:
        results["orgs"], load = org_section(backend, args, folder)
        results["loads"].append({"store_customers": args.org_size, "orgs": args.orgs, **load})
    return results


def processes_section(
    backend: str, url: str, args: argparse.Namespace, size: int, allocator: Allocator
) -> list[dict[str, Any]]:
    """PROCESS_WORKLOADS at concurrency 16 on 1 and on 2 processes of one server (serve --processes), in one run;
    the load generator spreads its coroutines over PROCESS_CHANNELS connections either way."""
    rows: list[dict[str, Any]] = []
    for processes in (1, 2):
        with server(url, project_command(url, processes=processes)) as srv:
            for workload in PROCESS_WORKLOADS:
                result = drive([srv] * PROCESS_CHANNELS, workload, 16, args.requests, args.warmup, size, allocator)
                rows.append({"backend": backend, "size": size, "processes": processes, **result})
                print(f"{summary(backend, size, result)}  processes {processes}", flush=True)
    return rows


def group_commit_section(
    backend: str, url: str, args: argparse.Namespace, size: int, allocator: Allocator
) -> list[dict[str, Any]]:
    """The write workloads at concurrency 16 with group commit off, then on (serve --no-group-commit), one
    server after the other on the same database: the switch's effect, with as little drift between as can be."""
    rows: list[dict[str, Any]] = []
    for enabled in (False, True):
        with server(url, project_command(url, group_commit=enabled)) as srv:
            for workload in GROUP_COMMIT_WORKLOADS:
                result = drive(srv, workload, 16, args.requests, args.warmup, size, allocator)
                rows.append({"backend": backend, "size": size, "group_commit": enabled, **result})
                print(f"{summary(backend, size, result)}  group commit {'on' if enabled else 'off'}", flush=True)
    return rows


def org_section(backend: str, args: argparse.Namespace, folder: Path) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """W3 over one org and over args.orgs orgs, on 1 and more replicas (args.replicas), and other pool sizes.

    One dataset (dataset.org_of): its first half of store customers is one org's, its
    second half is spread over the orgs. Every server here checks bearer tokens (one
    per org), in the one-org runs too, so the runs differ only by the orgs written to.
    """
    size, c = args.org_size, args.org_concurrency
    default_workers = 4 if backend == "sqlite" else 16
    pools = args.sqlite_pool_sizes if backend == "sqlite" else args.postgres_pool_sizes
    # (orgs written to, replicas, worker threads per replica)
    plan = [(1, 1, default_workers), (args.orgs, 1, default_workers)]
    plan += [(1, replicas, default_workers) for replicas in args.replicas if replicas > 1]
    plan += [(args.orgs, max(args.replicas), default_workers)] if max(args.replicas) > 1 else []
    plan += [(1, 1, workers) for workers in pools if workers != default_workers]
    one_org = Allocator(store_size=size // 2, online_size=0)
    spread = Allocator(store_size=size, online_size=0, store=size // 2)
    rows: list[dict[str, Any]] = []
    with fresh_database(backend, folder / f"{backend}-orgs", args.postgres_url) as url:
        (folder / f"{backend}-orgs").mkdir(parents=True, exist_ok=True)
        load = dataset.load(url, size, orgs=args.orgs)
        env = tokens_env(args.orgs)
        extra = ["--orgs", str(args.orgs), "--auth"]
        for orgs, replicas, workers in plan:
            with ExitStack() as stack:
                # One after the other: each migrates (a no-op here) and purges at start.
                servers = [
                    stack.enter_context(server(url, project_command(url, workers), env)) for _ in range(replicas)
                ]
                allocator = one_org if orgs == 1 else spread
                result = drive(servers, "W3", c, args.requests, args.warmup, size, allocator, extra)
            row = {"backend": backend, "size": size, "orgs": orgs, "replicas": replicas, "workers": workers, **result}
            rows.append(row)
            print(f"{summary(backend, size, result)}  orgs {orgs} replicas {replicas} workers {workers}", flush=True)
    return rows, load


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
    parser.add_argument(
        "--ceiling", action=argparse.BooleanOptionalAction, default=True, help="measure C1, C3 (benchmarks/ceiling.py)"
    )
    parser.add_argument(
        "--ceiling-aio",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also C1a, C3a: the ceiling on grpc.aio, at the largest concurrency",
    )
    parser.add_argument(
        "--org-section",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="W3 over one org vs several, 1 vs N replicas, pool sizes (a dataset of its own)",
    )
    parser.add_argument("--org-size", type=int, default=24_000, help="store customers of the org section's dataset")
    parser.add_argument("--orgs", type=int, default=8, help="orgs the org section spreads its writes over")
    parser.add_argument("--replicas", default="2,3", help="replicas of the server in the org section (besides 1)")
    parser.add_argument("--org-concurrency", type=int, default=16)
    parser.add_argument("--sqlite-pool-sizes", default="8", help="--max-workers of extra one-org rows on SQLite")
    parser.add_argument("--postgres-pool-sizes", default="4,8", help="--max-workers of extra rows on PostgreSQL")
    parser.add_argument(
        "--processes",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="W1, W3 and W7 on 1 and 2 processes of one server (serve --processes)",
    )
    parser.add_argument(
        "--group-commit-section",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="SQLite: W3, W4, W5 and W7 with group commit off, then on (serve --no-group-commit)",
    )
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.sizes, args.requests, args.warmup, args.concurrency = 2500, "300", 60, 5, "1,4"
        args.org_size, args.org_concurrency, args.postgres_pool_sizes, args.replicas = 600, 4, "8", "3"
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s]
    args.postgres_sizes = [int(s) for s in str(args.postgres_sizes).split(",") if s and not args.quick] or args.sizes
    args.concurrency = [int(c) for c in str(args.concurrency).split(",")]
    args.workloads = [w for w in args.workloads.split(",") if w]
    args.replicas = [int(n) for n in str(args.replicas).split(",") if n] or [1]
    args.sqlite_pool_sizes = [int(n) for n in str(args.sqlite_pool_sizes).split(",") if n]
    args.postgres_pool_sizes = [int(n) for n in str(args.postgres_pool_sizes).split(",") if n]
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
