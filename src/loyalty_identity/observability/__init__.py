"""Metrics, structured logs with request ids, and opt-in tracing (docs/OBSERVABILITY.md).

Nothing here imports OpenTelemetry unless tracing is configured: `tracing` is
loaded only by `Telemetry.create` when an OTLP endpoint is given.
"""
