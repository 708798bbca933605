"""Domain errors: every refusal carries a machine-readable reason.

The gRPC layer maps each reason to a status code (api/errors.py); the core
only says what went wrong, on which field, and which resource.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Reason(StrEnum):
    """Error reasons of RULES section 4 (ErrorInfo.reason)."""

    INVALID_IDENTIFIER = "INVALID_IDENTIFIER"
    BLOCKED_VALUE = "BLOCKED_VALUE"
    ACCOUNT_ID_REQUIRED = "ACCOUNT_ID_REQUIRED"
    ACCOUNT_ID_NOT_ALLOWED = "ACCOUNT_ID_NOT_ALLOWED"
    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    SAME_CUSTOMER = "SAME_CUSTOMER"
    CARD_SERIES_MISMATCH = "CARD_SERIES_MISMATCH"
    CARD_NUMBER_FORMAT = "CARD_NUMBER_FORMAT"
    CUSTOMER_NOT_FOUND = "CUSTOMER_NOT_FOUND"
    IDENTIFIER_NOT_FOUND = "IDENTIFIER_NOT_FOUND"
    CARD_NOT_FOUND = "CARD_NOT_FOUND"
    CARD_SERIES_NOT_FOUND = "CARD_SERIES_NOT_FOUND"
    STATUS_LABEL_NOT_FOUND = "STATUS_LABEL_NOT_FOUND"
    IDENTIFIER_TAKEN = "IDENTIFIER_TAKEN"
    CARD_NUMBER_TAKEN = "CARD_NUMBER_TAKEN"
    CARD_SERIES_CODE_TAKEN = "CARD_SERIES_CODE_TAKEN"
    STATUS_LABEL_TAKEN = "STATUS_LABEL_TAKEN"
    CUSTOMER_MERGED = "CUSTOMER_MERGED"
    IDENTIFIER_TYPE_ALREADY_SET = "IDENTIFIER_TYPE_ALREADY_SET"
    AMBIGUOUS_MERGE = "AMBIGUOUS_MERGE"
    PROFILE_CONFLICT = "PROFILE_CONFLICT"
    LAST_IDENTIFIER = "LAST_IDENTIFIER"
    CARD_ALREADY_LINKED = "CARD_ALREADY_LINKED"
    CARD_LIMIT_EXCEEDED = "CARD_LIMIT_EXCEEDED"
    INVALID_STATUS_TRANSITION = "INVALID_STATUS_TRANSITION"
    REQUEST_ID_REUSED = "REQUEST_ID_REUSED"
    # Added: unlinking a card that is in stock (FAILED_PRECONDITION).
    CARD_NOT_LINKED = "CARD_NOT_LINKED"
    # Added: a series has no unused numbers left to generate (FAILED_PRECONDITION).
    SERIES_EXHAUSTED = "SERIES_EXHAUSTED"
    # Added (change feed and unmerge, issue 8).
    MERGE_NOT_FOUND = "MERGE_NOT_FOUND"  # NOT_FOUND
    # Something the victim brought into the merge changed since, or the merge
    # was already undone (FAILED_PRECONDITION); metadata `blocker` says what.
    UNMERGE_CONFLICT = "UNMERGE_CONFLICT"
    # The two customers were unmerged before: only MergeCustomers may join them (FAILED_PRECONDITION).
    MERGE_BLOCKED = "MERGE_BLOCKED"
    # The customer was erased (EraseCustomer): nothing may name it in a write again;
    # also a retried request whose stored reply carried its values (FAILED_PRECONDITION).
    CUSTOMER_ERASED = "CUSTOMER_ERASED"
    # The org's merge policy leaves this merge to a person (FAILED_PRECONDITION; SPEC 7.1):
    # metadata `candidate` (the merge candidate recorded), `survivor`.
    MERGE_NEEDS_REVIEW = "MERGE_NEEDS_REVIEW"
    # Merge candidates (SPEC 7.2): no such candidate in the org (NOT_FOUND); accepting or rejecting
    # one that is no longer PENDING (FAILED_PRECONDITION); accepting one whose recorded request
    # would no longer merge into its survivor (FAILED_PRECONDITION).
    CANDIDATE_NOT_FOUND = "CANDIDATE_NOT_FOUND"
    CANDIDATE_NOT_PENDING = "CANDIDATE_NOT_PENDING"
    CANDIDATE_OUTDATED = "CANDIDATE_OUTDATED"
    # Suppression after erasure (SPEC 7.3): the value was erased with suppress_identifiers
    # and may not be added again until UnsuppressIdentifier (FAILED_PRECONDITION, field violation).
    IDENTIFIER_SUPPRESSED = "IDENTIFIER_SUPPRESSED"
    # Suppression asked of, or needed by, a server started without a suppression key (FAILED_PRECONDITION).
    SUPPRESSION_KEY_MISSING = "SUPPRESSION_KEY_MISSING"
    # UnsuppressIdentifier of a value that is not suppressed in the org (NOT_FOUND).
    SUPPRESSION_NOT_FOUND = "SUPPRESSION_NOT_FOUND"
    # The feed no longer holds the events after this sequence: resync (OUT_OF_RANGE).
    EVENTS_EXPIRED = "EVENTS_EXPIRED"
    # The sequence is beyond the org's last event: another database? (OUT_OF_RANGE).
    SEQUENCE_AHEAD = "SEQUENCE_AHEAD"
    # The caller may not do this (PERMISSION_DENIED), e.g. see unmasked values.
    PERMISSION_DENIED = "PERMISSION_DENIED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    # Not caused by the request: the service is overloaded or the database is
    # busy beyond its timeouts. Safe to retry (UNAVAILABLE).
    UNAVAILABLE = "UNAVAILABLE"
    # The database cannot be reached (server down, connection refused, file unreadable): UNAVAILABLE,
    # retry later, on another replica if there is one (SPEC 9). A busy database stays UNAVAILABLE.
    DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"
    # The transaction kept losing races with concurrent writers (ABORTED): retry.
    CONCURRENCY_CONFLICT = "CONCURRENCY_CONFLICT"
    # Too many calls at once, or a request over a size limit (RESOURCE_EXHAUSTED).
    RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED"
    # The caller's deadline passed before the work could finish (DEADLINE_EXCEEDED).
    DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED"
    # A bug of the service (INTERNAL); never caused by input.
    INTERNAL = "INTERNAL"


@dataclass(frozen=True)
class ResourceRef:
    """The resource a NOT_FOUND error is about (google.rpc.ResourceInfo)."""

    type: str
    name: str


@dataclass
class DomainError(Exception):
    """A request refused by a rule of the domain."""

    reason: Reason
    message: str
    metadata: dict[str, str] = field(default_factory=dict)
    # Request field path the error is about (google.rpc.BadRequest), e.g. "add[0].value".
    field: str | None = None
    resource: ResourceRef | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


def invalid(reason: Reason, field_path: str, message: str, **metadata: str) -> DomainError:
    """An INVALID_ARGUMENT-class error about one request field."""
    return DomainError(reason, f"{field_path}: {message}", dict(metadata), field=field_path)


def not_found(reason: Reason, resource_type: str, name: str, message: str, **metadata: str) -> DomainError:
    """A NOT_FOUND-class error about one resource."""
    return DomainError(reason, message, dict(metadata), resource=ResourceRef(resource_type, name))


def refused(reason: Reason, message: str, **metadata: str) -> DomainError:
    """An error about the current state (FAILED_PRECONDITION / ALREADY_EXISTS class)."""
    return DomainError(reason, message, dict(metadata))
