"""Page sizes and opaque page tokens (AIP-158)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from loyalty_identity.domain.errors import Reason, invalid

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000

T = TypeVar("T")
Position = int | str


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_page_token: str


def page_size(requested: int, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE) -> int:
    """AIP-158, the one rule of every List RPC: 0 takes the default, above the maximum reads as it."""
    if requested < 0:
        raise invalid(
            Reason.INVALID_ARGUMENT,
            "page_size",
            f"must not be negative (0 takes {default}; above {maximum} reads as {maximum})",
        )
    return min(requested or default, maximum)


def encode_token(position: Position, query: str) -> str:
    raw = json.dumps({"p": position, "q": query}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, query: str, kind: type[int] | type[str] = int) -> Position | None:
    """The position a token stands for; it must come from the same query."""
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        position, token_query = data["p"], data["q"]
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise invalid(Reason.INVALID_ARGUMENT, "page_token", "not a page token of this service") from None
    if type(position) is not kind or token_query != query:
        raise invalid(Reason.INVALID_ARGUMENT, "page_token", "the page token belongs to another query")
    return position


def page_of(rows: Sequence[tuple[Position, T]], limit: int, query: str) -> Page[T]:
    """rows holds up to limit + 1 (position, item) pairs: one more means another page."""
    next_token = encode_token(rows[limit - 1][0], query) if len(rows) > limit else ""
    return Page([item for _, item in rows[:limit]], next_token)
