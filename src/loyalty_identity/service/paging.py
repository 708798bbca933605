"""Page sizes and opaque page tokens (AIP-158)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from loyalty_identity.domain.errors import Reason, invalid
from loyalty_identity.domain.model import Merge
from loyalty_identity.service.identity import active_or_merged_customer
from loyalty_identity.service.ports import IdentityRepository

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


@dataclass
class Page:
    merges: list[Merge]
    next_page_token: str


def page_size(requested: int) -> int:
    if requested < 0:
        raise invalid(Reason.INVALID_ARGUMENT, "page_size", "must not be negative")
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def encode_token(before_pk: int, query: str) -> str:
    raw = json.dumps({"b": before_pk, "q": query}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, query: str) -> int | None:
    """The position a token stands for; it must come from the same query."""
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        before, token_query = data["b"], data["q"]
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise invalid(Reason.INVALID_ARGUMENT, "page_token", "not a page token of this service") from None
    if not isinstance(before, int) or isinstance(before, bool) or before < 0 or token_query != query:
        raise invalid(Reason.INVALID_ARGUMENT, "page_token", "the page token belongs to another query")
    return before


def list_merges(repo: IdentityRepository, org: str, customer_id: str, before: int | None, limit: int) -> Page:
    customer_pk = active_or_merged_customer(repo, org, customer_id).pk if customer_id else None
    rows = repo.list_merges(org, customer_pk, before, limit + 1)
    next_token = encode_token(rows[limit - 1][0], customer_id) if len(rows) > limit else ""
    return Page([merge for _, merge in rows[:limit]], next_token)
