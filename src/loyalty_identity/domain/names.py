"""Resource names (`customers/{id}`, `merges/{id}`) and request ids."""

from __future__ import annotations

import re
import uuid

from loyalty_identity.domain.errors import Reason, invalid

CUSTOMERS = "customers/"
MERGES = "merges/"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def new_id() -> str:
    return str(uuid.uuid4())


def is_uuid(text: str) -> bool:
    """A canonical lower-case UUID, the form of every id this service makes."""
    return _UUID.fullmatch(text) is not None


def customer_name(customer_id: str) -> str:
    return CUSTOMERS + customer_id


def merge_name(merge_id: str) -> str:
    return MERGES + merge_id


def parse_customer_name(name: str, field_path: str) -> str:
    """The id inside `customers/{uuid}`; anything else is INVALID_ARGUMENT."""
    customer_id = name[len(CUSTOMERS) :] if name.startswith(CUSTOMERS) else ""
    if not _UUID.fullmatch(customer_id):
        raise invalid(
            Reason.INVALID_ARGUMENT,
            field_path,
            "must be a customer name: customers/ followed by a lower-case UUID",
        )
    return customer_id


def parse_merge_name(name: str, field_path: str) -> str:
    """The id inside `merges/{uuid}`; anything else is INVALID_ARGUMENT."""
    merge_id = name[len(MERGES) :] if name.startswith(MERGES) else ""
    if not _UUID.fullmatch(merge_id):
        raise invalid(
            Reason.INVALID_ARGUMENT, field_path, "must be a merge name: merges/ followed by a lower-case UUID"
        )
    return merge_id


def parse_request_id(raw: str, field_path: str = "request_id") -> str | None:
    """A request id is optional; when given it must be a UUID (any case)."""
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise invalid(Reason.INVALID_ARGUMENT, field_path, "must be a UUID") from None
