"""Log lines as text or as one JSON object per line, each stamped with its RPC's request id.

Logs never quote request values (identifiers, tokens): where a line must name
an identifier, it goes through `loyalty_identity.domain.masking.mask` first.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

from loyalty_identity.observability import calls

LOG_FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

# Attributes every LogRecord has; anything else on a record came from `extra=` or our filter.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class CallContextFilter(logging.Filter):
    """Stamp records emitted while serving an RPC with its request id and method."""

    def filter(self, record: logging.LogRecord) -> bool:
        call = calls.current()
        if call is not None:
            if not hasattr(record, "request_id"):
                record.request_id = call.request_id
            if not hasattr(record, "method"):
                record.method = call.method
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, then the record's fields."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        entry: dict[str, Any] = {
            "time": when.replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # ASCII escapes: a line stays one line and survives any terminal encoding.
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """The classic text line, with ` request_id=...` appended inside an RPC."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None)
        return f"{line} request_id={request_id}" if request_id else line


def configure_logging(level: str, log_format: str = "text") -> None:
    """Log to stderr in the chosen format (the CLI calls this once)."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log format must be one of {', '.join(LOG_FORMATS)}")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(CallContextFilter())
    logging.basicConfig(level=level, handlers=[handler])
