"""Domain errors -> rich gRPC statuses (google.rpc.Status with ErrorInfo,
BadRequest for INVALID_ARGUMENT, ResourceInfo for NOT_FOUND)."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from loyalty_identity.domain.errors import DomainError, Reason

ERROR_DOMAIN = "loyalty.identity.v1"

_CODES: dict[Reason, int] = {
    **dict.fromkeys(
        [
            Reason.INVALID_IDENTIFIER,
            Reason.BLOCKED_VALUE,
            Reason.ACCOUNT_ID_REQUIRED,
            Reason.ACCOUNT_ID_NOT_ALLOWED,
            Reason.INVALID_ARGUMENT,
            Reason.SAME_CUSTOMER,
            Reason.CARD_SERIES_MISMATCH,
            Reason.CARD_NUMBER_FORMAT,
        ],
        code_pb2.INVALID_ARGUMENT,
    ),
    **dict.fromkeys(
        [
            Reason.CUSTOMER_NOT_FOUND,
            Reason.IDENTIFIER_NOT_FOUND,
            Reason.CARD_NOT_FOUND,
            Reason.CARD_SERIES_NOT_FOUND,
            Reason.STATUS_LABEL_NOT_FOUND,
            Reason.MERGE_NOT_FOUND,
            Reason.SUPPRESSION_NOT_FOUND,
            Reason.CANDIDATE_NOT_FOUND,
        ],
        code_pb2.NOT_FOUND,
    ),
    **dict.fromkeys(
        [
            Reason.IDENTIFIER_TAKEN,
            Reason.CARD_NUMBER_TAKEN,
            Reason.CARD_SERIES_CODE_TAKEN,
            Reason.STATUS_LABEL_TAKEN,
        ],
        code_pb2.ALREADY_EXISTS,
    ),
    **dict.fromkeys(
        [
            Reason.CUSTOMER_MERGED,
            Reason.CUSTOMER_ERASED,
            Reason.IDENTIFIER_TYPE_ALREADY_SET,
            Reason.AMBIGUOUS_MERGE,
            Reason.PROFILE_CONFLICT,
            Reason.LAST_IDENTIFIER,
            Reason.CARD_ALREADY_LINKED,
            Reason.CARD_LIMIT_EXCEEDED,
            Reason.INVALID_STATUS_TRANSITION,
            Reason.REQUEST_ID_REUSED,
            Reason.CARD_NOT_LINKED,
            Reason.SERIES_EXHAUSTED,
            Reason.UNMERGE_CONFLICT,
            Reason.MERGE_BLOCKED,
            Reason.MERGE_NEEDS_REVIEW,
            Reason.CANDIDATE_NOT_PENDING,
            Reason.CANDIDATE_OUTDATED,
            Reason.IDENTIFIER_SUPPRESSED,
            Reason.SUPPRESSION_KEY_MISSING,
        ],
        code_pb2.FAILED_PRECONDITION,
    ),
    Reason.EVENTS_EXPIRED: code_pb2.OUT_OF_RANGE,
    Reason.SEQUENCE_AHEAD: code_pb2.OUT_OF_RANGE,
    Reason.PERMISSION_DENIED: code_pb2.PERMISSION_DENIED,
    Reason.UNAUTHENTICATED: code_pb2.UNAUTHENTICATED,
    Reason.UNAVAILABLE: code_pb2.UNAVAILABLE,
    Reason.DATABASE_UNAVAILABLE: code_pb2.UNAVAILABLE,
    Reason.CONCURRENCY_CONFLICT: code_pb2.ABORTED,
    Reason.RESOURCE_EXHAUSTED: code_pb2.RESOURCE_EXHAUSTED,
    Reason.DEADLINE_EXCEEDED: code_pb2.DEADLINE_EXCEEDED,
    Reason.INTERNAL: code_pb2.INTERNAL,
}


def code_of(reason: Reason) -> int:
    return _CODES[reason]


def _pack(message: object) -> any_pb2.Any:
    packed = any_pb2.Any()
    # Deterministic: a map's order (ErrorInfo.metadata) may differ between processes, and every
    # replica must send one refusal as the same bytes (RULES 2.7: a stored refusal is answered again).
    packed.Pack(message, deterministic=True)  # type: ignore[arg-type]
    return packed


# Errors travel in trailing metadata, which HTTP/2 peers cap (16 KiB by default):
# whatever an error quotes from the request is cut to this many characters.
MAX_QUOTED = 200
# The message may also list what is accepted (an enum's 13 value names): room for
# that, while the worst case (non-ASCII text, sent three times) stays inside the cap.
MAX_MESSAGE = 500


def clip(text: str, limit: int = MAX_QUOTED) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_status(error: DomainError) -> grpc.Status:
    code = code_of(error.reason)
    message = clip(error.message, MAX_MESSAGE)
    metadata = {key: clip(value) for key, value in error.metadata.items()}
    details = [_pack(error_details_pb2.ErrorInfo(reason=error.reason.value, domain=ERROR_DOMAIN, metadata=metadata))]
    # A field violation for every bad argument, and for a refusal tied to one field (IDENTIFIER_SUPPRESSED).
    if code == code_pb2.INVALID_ARGUMENT or (error.field and error.reason is Reason.IDENTIFIER_SUPPRESSED):
        violation = error_details_pb2.BadRequest.FieldViolation(
            field=clip(error.field or ""), description=message, reason=error.reason.value
        )
        details.append(_pack(error_details_pb2.BadRequest(field_violations=[violation])))
    if code == code_pb2.NOT_FOUND and error.resource is not None:
        info = error_details_pb2.ResourceInfo(
            resource_type=error.resource.type, resource_name=clip(error.resource.name), description=message
        )
        details.append(_pack(info))
    return rpc_status.to_status(status_pb2.Status(code=code, message=message, details=details))
