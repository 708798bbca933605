"""OpenTelemetry tracing: a server span per RPC, a child span per database transaction.

Imported only when an OTLP endpoint is configured (the `otel` extra); without
one the server never loads OpenTelemetry. Spans go to the endpoint over
OTLP/HTTP (protobuf) in batches, flushed when the server stops.

Spans carry names, codes and reasons, never request values or error messages
(messages may quote an identifier).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from importlib import metadata as package_metadata
from typing import Any

import grpc
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from loyalty_identity.observability.calls import Call

TRACES_PATH = "/v1/traces"
EXPORT_TIMEOUT_S = 5.0
# Server-side codes that mean the server failed (OpenTelemetry's gRPC conventions);
# the others are the caller's problem and leave the span's status unset.
SERVER_ERROR_CODES = frozenset(
    {
        grpc.StatusCode.UNKNOWN,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.UNIMPLEMENTED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DATA_LOSS,
    }
)
_PROPAGATED = frozenset({"traceparent", "tracestate"})


def traces_url(endpoint: str) -> str:
    """The collector's OTLP/HTTP traces URL from its base URL (http://collector:4318)."""
    if not endpoint.startswith(("http://", "https://")):
        raise ValueError(f"the OTLP endpoint must be an http:// or https:// URL, not {endpoint!r}")
    base = endpoint.rstrip("/")
    return base if base.endswith(TRACES_PATH) else base + TRACES_PATH


def _resource() -> Resource:
    attributes: dict[str, Any] = {}
    with contextlib.suppress(package_metadata.PackageNotFoundError):
        attributes["service.version"] = package_metadata.version("loyalty-identity")
    if not os.environ.get("OTEL_SERVICE_NAME"):  # the operator's name wins
        attributes["service.name"] = "loyalty-identity"
    return Resource.create(attributes)


class RpcSpan:
    def __init__(self, span: trace.Span, token: object) -> None:
        self.span = span
        self.token = token


class TransactionSpan:
    """The span of one Application transaction, over all its attempts."""

    def __init__(
        self, tracer: trace.Tracer, db_system: str, write: bool, on_retry: Callable[[BaseException], str]
    ) -> None:
        self._tracer = tracer
        self._attributes: dict[str, str | bool] = {"db.system.name": db_system, "loyalty.transaction.write": write}
        self._on_retry = on_retry
        self._attempts = 1

    def __enter__(self) -> TransactionSpan:
        self._span = self._tracer.start_span("transaction", kind=trace.SpanKind.CLIENT, attributes=self._attributes)
        self._token = otel_context.attach(trace.set_span_in_context(self._span))
        return self

    def retried(self, attempt: int, error: BaseException) -> None:
        cause = self._on_retry(error)
        self._attempts = attempt + 1
        self._span.add_event("retry", {"loyalty.transaction.attempt": attempt, "loyalty.retry.cause": cause})

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        self._span.set_attribute("loyalty.transaction.attempts", self._attempts)
        otel_context.detach(self._token)
        self._span.end()


class Tracing:
    def __init__(self, endpoint: str, db_system: str, exporter: SpanExporter | None = None) -> None:
        """exporter: where spans go instead of the endpoint (tests)."""
        self.url = traces_url(endpoint)
        self._provider = TracerProvider(resource=_resource())
        exporter = exporter or OTLPSpanExporter(self.url, timeout=EXPORT_TIMEOUT_S)
        self._provider.add_span_processor(BatchSpanProcessor(exporter))
        self._tracer = self._provider.get_tracer("loyalty_identity")
        self._propagator = TraceContextTextMapPropagator()
        self._db_system = db_system

    def start_rpc(self, call: Call, metadata: Iterable[tuple[str, Any]] | None) -> RpcSpan:
        """The server span of an RPC, continuing the caller's trace from its W3C traceparent."""
        carrier = {key: value for key, value in metadata or () if key in _PROPAGATED and isinstance(value, str)}
        parent = self._propagator.extract(carrier) if carrier else None
        span = self._tracer.start_span(
            f"{call.service}/{call.method}",
            context=parent,
            kind=trace.SpanKind.SERVER,
            attributes={
                # OpenTelemetry's names: grpc, or connect_rpc for the HTTP listener (SPEC 8).
                "rpc.system": "connect_rpc" if call.protocol == "connect" else "grpc",
                "rpc.service": call.service,
                "rpc.method": call.method,
                "loyalty.request_id": call.request_id,
            },
        )
        return RpcSpan(span, otel_context.attach(trace.set_span_in_context(span)))

    def end_rpc(self, rpc: RpcSpan, call: Call) -> None:
        code = call.code or grpc.StatusCode.UNKNOWN
        rpc.span.set_attribute("rpc.grpc.status_code", code.value[0])
        rpc.span.set_attribute("loyalty.org", call.org)
        if code is not grpc.StatusCode.OK:
            rpc.span.set_attribute("loyalty.error.reason", call.outcome)
        if code in SERVER_ERROR_CODES:
            rpc.span.set_status(trace.StatusCode.ERROR, code.name)
        otel_context.detach(rpc.token)  # type: ignore[arg-type]
        rpc.span.end()

    def transaction(self, write: bool, on_retry: Callable[[BaseException], str]) -> TransactionSpan:
        return TransactionSpan(self._tracer, self._db_system, write, on_retry)

    def close(self) -> None:
        """Export what is left and stop."""
        self._provider.shutdown()
