"""Prometheus metrics of one server, and the HTTP endpoint that serves them.

Each server has its own registry, so several servers in one process (tests)
never share counts. Metric names and labels: docs/OBSERVABILITY.md.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from loyalty_identity.observability.database import ObservedDatabase

log = logging.getLogger(__name__)

PREFIX = "loyalty_identity"
# From a cached SQLite read (~0.3 ms) to a call that waited out a long lock.
DURATION_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Attempts per group COMMIT: 1 is a lone call; the top buckets show batches that hit --group-commit-max-batch.
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
MERGE_KINDS = ("automatic", "explicit")
# Why a transaction ran again (observability.telemetry.retry_cause).
RETRY_CAUSES = (
    "unique_violation",
    "serialization_failure",
    "deadlock",
    "concurrent_change",
    "connection_lost",
    "commit_unknown",
    "other",
)


class Metrics:
    def __init__(self, database: ObservedDatabase | None = None) -> None:
        """database: its pool is reported at each scrape, and it names the races counted as retries."""
        self.registry = CollectorRegistry()
        self.database = database
        self.requests = Counter(
            f"{PREFIX}_rpc_requests",
            "RPCs served, by method, gRPC status code and protocol (grpc, or connect: the HTTP listener).",
            ["method", "code", "protocol"],
            registry=self.registry,
        )
        self.duration = Histogram(
            f"{PREFIX}_rpc_duration_seconds",
            "Time to serve an RPC, from its request message to its status, by method and protocol.",
            ["method", "protocol"],
            buckets=DURATION_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(f"{PREFIX}_rpc_in_flight", "RPCs being served now.", registry=self.registry)
        self.database_up = Gauge(
            f"{PREFIX}_database_up",
            "1 while the readiness probe reaches the database, 0 while it cannot (health NOT_SERVING, SPEC 9).",
            registry=self.registry,
        )
        self.database_up.set(1)
        self.merges = Counter(
            f"{PREFIX}_merges",
            "Customers merged: automatic (an identifier proved it) or explicit (MergeCustomers).",
            ["kind"],
            registry=self.registry,
        )
        self.automatic_merges = Counter(
            f"{PREFIX}_automatic_merges",
            "Automatic merges, by the type of the identifier that proved them.",
            ["trigger_type"],
            registry=self.registry,
        )
        self.candidates_created = Counter(
            f"{PREFIX}_merge_candidates_created",
            "Merges the org's policy left to a person: merge candidates recorded (SPEC 7.2).",
            registry=self.registry,
        )
        self.candidates_resolved = Counter(
            f"{PREFIX}_merge_candidates_resolved",
            "Merge candidates that left PENDING, by the state they reached.",
            ["state"],
            registry=self.registry,
        )
        self.cards_issued = Counter(
            f"{PREFIX}_cards_issued",
            "Cards issued from stock to a customer (IssueCard, or a card number added to a customer).",
            registry=self.registry,
        )
        self.retries = Counter(
            f"{PREFIX}_db_transaction_retries",
            "Database transactions run again after losing a race or their connection, by cause.",
            ["cause"],
            registry=self.registry,
        )
        self.group_commit_batch = Histogram(
            f"{PREFIX}_group_commit_batch_size",
            "Write transactions committed together by one COMMIT (group commit on SQLite; docs/GROUP_COMMIT.md).",
            buckets=BATCH_BUCKETS,
            registry=self.registry,
        )
        # Zero from the start, so rate() and alerts see every series.
        for kind in MERGE_KINDS:
            self.merges.labels(kind)
        for cause in RETRY_CAUSES:
            self.retries.labels(cause)
        for state in ("ACCEPTED", "REJECTED", "OBSOLETE"):
            self.candidates_resolved.labels(state)
        if database is not None:
            self.registry.register(PoolCollector(database))

    def watch_pending_candidates(self, read: Callable[[], Mapping[str, int]]) -> None:
        """Report read() (pending merge candidates by org) at each scrape."""
        self.registry.register(PendingCandidatesCollector(read))


class PendingCandidatesCollector(Collector):
    """The review queue's length per org, read at each scrape (one indexed count)."""

    def __init__(self, read: Callable[[], Mapping[str, int]]) -> None:
        self._read = read

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            f"{PREFIX}_merge_candidates_pending", "Merge candidates waiting for a person, by org.", labels=["org"]
        )
        try:
            pending = self._read()
        except Exception:
            log.warning("could not count pending merge candidates", exc_info=True)
            return
        for org, count in sorted(pending.items()):
            family.add_metric([org], count)
        yield family


class PoolCollector(Collector):
    """The connection pool's usage, read at each scrape (nothing to update per call)."""

    def __init__(self, database: ObservedDatabase) -> None:
        self._database = database

    def collect(self) -> Iterator[Metric]:
        stats = self._database.pool_stats()
        if stats is None:  # SQLite: no pool
            return
        engine = [self._database.kind]
        for name, value, text in (
            ("in_use", stats.in_use, "Database connections lent to a transaction now."),
            ("open", stats.open, "Database connections open now (in use or idle in the pool)."),
            ("max", stats.max, "Most database connections the pool may open."),
        ):
            family = GaugeMetricFamily(f"{PREFIX}_db_pool_connections_{name}", text, labels=["engine"])
            family.add_metric(engine, value)
            yield family


class MetricsServer:
    """`/metrics` over HTTP, in a daemon thread, until close()."""

    def __init__(self, listen: str, registry: CollectorRegistry) -> None:
        host, port = split_listen(listen)
        self._httpd: WSGIServer
        self._thread: threading.Thread
        self._httpd, self._thread = start_http_server(port, addr=host, registry=registry)
        self.port: int = self._httpd.server_address[1]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def split_listen(listen: str) -> tuple[str, int]:
    """HOST:PORT (an IPv6 host in brackets) as a host and a port number."""
    host, sep, port = listen.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise ValueError(f"metrics address must be HOST:PORT, not {listen!r}")
    return host.strip("[]"), int(port)
