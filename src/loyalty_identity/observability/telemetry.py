"""Everything one server observes: each RPC (request id, metrics, access log,
span), each transaction (retries, span) and each committed change (merges,
cards issued). It is the `Observer` the Application reports to.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextvars import Token
from types import TracebackType
from typing import TYPE_CHECKING, Self

import grpc
from prometheus_client import Counter, Histogram

from loyalty_identity.observability import calls
from loyalty_identity.observability.calls import REQUEST_ID_HEADER, Call
from loyalty_identity.observability.database import ObservedDatabase
from loyalty_identity.observability.metrics import Metrics, MetricsServer
from loyalty_identity.service.observer import Changes, TransactionObserver
from loyalty_identity.service.ports import ConnectionLostError, StoreUnavailableError

if TYPE_CHECKING:  # only loaded when tracing is on
    from loyalty_identity.observability.tracing import RpcSpan, Tracing

access_log = logging.getLogger("loyalty_identity.access")


class TracingUnavailableError(RuntimeError):
    """Tracing was asked for but OpenTelemetry is not installed."""


def retry_cause(error: BaseException, database: ObservedDatabase | None = None) -> str:
    """Why a transaction lost its race (or its connection), as a metric label.

    Which race a driver error lost only the database can tell: without it, "other".
    """
    if isinstance(error, ConnectionLostError):
        return "commit_unknown" if error.commit_unknown else "connection_lost"
    if isinstance(error, StoreUnavailableError):
        return "connection_lost"  # still no new primary: waiting for one
    cause = error.__cause__
    if cause is None:  # the use case saw a rival's commit (a re-check after a lock)
        return "concurrent_change"
    race = database.lost_race(cause) if database is not None else None
    return race or "other"


class _CountedRetries:
    """A transaction observed by the metrics alone (no tracing): stateless, shared."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def retried(self, attempt: int, error: BaseException) -> None:
        self.count(error)

    def count(self, error: BaseException) -> str:
        cause = retry_cause(error, self._metrics.database)
        self._metrics.retries.labels(cause).inc()
        return cause


class Telemetry:
    def __init__(self, metrics: Metrics, tracing: Tracing | None = None, access_log_level: int = logging.DEBUG) -> None:
        self.metrics = metrics
        self.tracing = tracing
        self.access_log_level = access_log_level
        self.metrics_server: MetricsServer | None = None
        self._retries = _CountedRetries(metrics)
        self._requests: dict[tuple[str, str, str], Counter] = {}
        self._durations: dict[tuple[str, str], Histogram] = {}

    @classmethod
    def create(
        cls, database: ObservedDatabase, otlp_endpoint: str | None = None, access_log: bool = False
    ) -> Telemetry:
        tracing = None
        if otlp_endpoint:
            try:
                from loyalty_identity.observability.tracing import Tracing
            except ImportError as error:
                raise TracingUnavailableError(
                    f"tracing needs OpenTelemetry ({error.name} is missing): pip install 'loyalty-identity[otel]'"
                ) from error
            tracing = Tracing(otlp_endpoint, database.kind)
        return cls(Metrics(database), tracing, logging.INFO if access_log else logging.DEBUG)

    def serve_metrics(self, listen: str) -> int:
        """Serve /metrics on listen (HOST:PORT, port 0 picks one); the port."""
        self.metrics_server = MetricsServer(listen, self.metrics.registry)
        return self.metrics_server.port

    def close(self) -> None:
        if self.metrics_server is not None:
            self.metrics_server.close()
            self.metrics_server = None
        if self.tracing is not None:
            self.tracing.close()

    # Each RPC (api/server.py wraps every method handler) ---------------------

    def rpc(self, service: str, method: str, protocol: str = "grpc") -> Callable[[grpc.ServicerContext], RpcScope]:
        """protocol: how the call came (grpc, or connect for the HTTP listener of SPEC 8)."""
        return lambda context: RpcScope(self, service, method, context, protocol)

    def count(self, method: str, code: str, seconds: float, protocol: str = "grpc") -> None:
        # Label lookups take a lock each: keep the children (a few dozen at most).
        counter = self._requests.get((method, code, protocol))
        if counter is None:
            counter = self._requests[method, code, protocol] = self.metrics.requests.labels(method, code, protocol)
        histogram = self._durations.get((method, protocol))
        if histogram is None:
            histogram = self._durations[method, protocol] = self.metrics.duration.labels(method, protocol)
        counter.inc()
        histogram.observe(seconds)

    # The Application's Observer ----------------------------------------------

    def transaction(self, write: bool) -> TransactionObserver:
        if self.tracing is None:
            return self._retries
        return self.tracing.transaction(write, self._retries.count)

    def committed(self, changes: Changes) -> None:
        if changes.automatic_merges:
            self.metrics.merges.labels("automatic").inc(changes.automatic_merges)
        if changes.explicit_merges:
            self.metrics.merges.labels("explicit").inc(changes.explicit_merges)
        if changes.cards_issued:
            self.metrics.cards_issued.inc(changes.cards_issued)
        for kind, count in changes.merges_by_trigger.items():
            self.metrics.automatic_merges.labels(kind).inc(count)
        if changes.candidates_created:
            self.metrics.candidates_created.inc(changes.candidates_created)
        for state, count in changes.candidates_resolved.items():
            self.metrics.candidates_resolved.labels(state).inc(count)


class RpcScope:
    """One RPC from its request bytes to its status."""

    def __init__(
        self, telemetry: Telemetry, service: str, method: str, context: grpc.ServicerContext, protocol: str = "grpc"
    ) -> None:
        self._telemetry = telemetry
        self._context = context
        self._protocol = protocol
        metadata = context.invocation_metadata()
        self.call = Call(calls.request_id_from(metadata), service, method, protocol=protocol)
        self._metadata = metadata

    def __enter__(self) -> Call:
        # In the trailers, which go with the status (sending headers early costs a
        # write per call); an abort puts it back among its own (calls.with_request_id).
        self._context.set_trailing_metadata(((REQUEST_ID_HEADER, self.call.request_id),))
        self._token: Token[Call | None] = calls.enter(self.call)
        tracing = self._telemetry.tracing
        self._span: RpcSpan | None = tracing.start_rpc(self.call, self._metadata) if tracing else None
        self._telemetry.metrics.in_flight.inc()
        self._started = time.perf_counter()
        return self.call

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        elapsed = time.perf_counter() - self._started
        call, telemetry = self.call, self._telemetry
        if call.code is None:  # not aborted by us
            # A stream the caller cancels is closed with GeneratorExit: that is the caller's doing.
            if exc_type is GeneratorExit or not self._context.is_active():
                call.code, call.outcome = grpc.StatusCode.CANCELLED, "CANCELLED"
            elif exc_type is not None:
                call.code, call.outcome = grpc.StatusCode.UNKNOWN, "UNKNOWN"
            else:
                call.code = grpc.StatusCode.OK
        telemetry.metrics.in_flight.dec()
        telemetry.count(call.method, call.code.name, elapsed, self._protocol)
        try:
            if self._span is not None and telemetry.tracing is not None:
                telemetry.tracing.end_rpc(self._span, call)
            if access_log.isEnabledFor(telemetry.access_log_level):
                call.peer = call.peer or self._context.peer()
                access_log.log(
                    telemetry.access_log_level,
                    "rpc %s org=%s outcome=%s ms=%.1f protocol=%s",
                    call.method,
                    call.org,
                    call.outcome,
                    elapsed * 1e3,
                    self._protocol,
                    extra={
                        "request_id": call.request_id,
                        "method": call.method,
                        "org": call.org,
                        "code": call.code.name,
                        "outcome": call.outcome,
                        "duration_ms": round(elapsed * 1e3, 3),
                        "peer": call.peer,
                        "protocol": self._protocol,
                    },
                )
        finally:
            calls.leave(self._token)
