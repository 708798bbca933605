"""Stored refusals (RULES 2.7): a refusal is an answer, kept under its request_id like a reply.

A stored reply is the reply's protobuf bytes; a stored refusal is a marker and
the refusal's fields as JSON. Field number 0 is invalid protobuf, so no real
reply starts with the marker (nor with the erasure's tombstone, domain/erasure.py).
Replaying a stored refusal raises the very same DomainError, which the gRPC
layer turns into the very same status, byte for byte.
"""

from __future__ import annotations

import json
import re
from typing import Any

from loyalty_identity.domain.errors import DomainError, Reason, ResourceRef
from loyalty_identity.domain.names import CUSTOMERS

_REFUSAL = b"\x00refused:"

# Not answers to the request but to the moment (the service, the caller's time or
# credentials) or to another request (REQUEST_ID_REUSED): never stored, their retries run again.
UNSTORED = frozenset(
    {
        Reason.UNAVAILABLE,
        Reason.DATABASE_UNAVAILABLE,
        Reason.CONCURRENCY_CONFLICT,
        Reason.RESOURCE_EXHAUSTED,
        Reason.DEADLINE_EXCEEDED,
        Reason.INTERNAL,
        Reason.UNAUTHENTICATED,
        Reason.PERMISSION_DENIED,
        Reason.SUPPRESSION_KEY_MISSING,  # the server's configuration, not the request's
        Reason.REQUEST_ID_REUSED,
    }
)

# A customer's resource name inside a text: ids are lower-case UUIDs, all of one length.
_CUSTOMER_NAME = re.compile(re.escape(CUSTOMERS) + r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_stored(error: DomainError) -> bool:
    """A definite refusal of the request, stored under its request_id."""
    return error.reason not in UNSTORED


def encode_refusal(error: DomainError) -> bytes:
    """The refusal as stored: the marker and its fields as JSON, metadata in its own order
    (the order the status lists it in)."""
    fields: dict[str, Any] = {
        "reason": error.reason.value,
        "message": error.message,
        "metadata": error.metadata,
        "field": error.field,
        "resource": [error.resource.type, error.resource.name] if error.resource else None,
    }
    return _REFUSAL + json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def decode_refusal(stored: bytes) -> DomainError | None:
    """The refusal a stored answer holds, or None for a stored reply (or a tombstone)."""
    if not stored.startswith(_REFUSAL):
        return None
    fields = json.loads(stored[len(_REFUSAL) :].decode())
    resource = fields["resource"]
    return DomainError(
        Reason(fields["reason"]),
        fields["message"],
        dict(fields["metadata"]),
        field=fields["field"],
        resource=ResourceRef(resource[0], resource[1]) if resource else None,
    )


def customers_named(error: DomainError) -> set[str]:
    """The customers a refusal names, anywhere in what the caller is told (RULES 2.5.1: an
    erasure tombstones the stored answers that name the erased).

    Messages may quote caller text (an account id, a label) that could spell a name: such a
    refusal counts as naming that customer too, which can only tombstone it, never keep a copy.
    """
    texts = [error.message, *error.metadata.values()]
    if error.resource is not None:
        texts.append(error.resource.name)
    return {name for text in texts for name in _CUSTOMER_NAME.findall(text)}
