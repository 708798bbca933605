"""Domain errors as rich statuses."""

from __future__ import annotations

from urllib.parse import quote

import grpc
from google.rpc import code_pb2, error_details_pb2, status_pb2

from loyalty_identity.api.errors import MAX_MESSAGE, MAX_QUOTED, code_of, to_status
from loyalty_identity.api.rpc import as_domain_error
from loyalty_identity.domain.errors import DomainError, Reason, invalid, not_found
from loyalty_identity.service.ports import ConnectionLostError


def details_of(status: grpc.Status) -> status_pb2.Status:
    return status_pb2.Status.FromString(dict(status.trailing_metadata)["grpc-status-details-bin"])


def test_every_reason_has_a_code() -> None:
    for reason in Reason:
        assert code_of(reason) > 0


def test_quoted_request_values_are_clipped_to_fit_in_trailers() -> None:
    huge = "x" * 50_000
    error = not_found(Reason.CARD_NOT_FOUND, "card", huge, f"no card {huge}", number=huge)
    status = to_status(error)
    raw = dict(status.trailing_metadata)["grpc-status-details-bin"]
    assert len(raw) < 16 * 1024
    decoded = details_of(status)
    info, resource = error_details_pb2.ErrorInfo(), error_details_pb2.ResourceInfo()
    decoded.details[0].Unpack(info)
    decoded.details[1].Unpack(resource)
    assert len(info.metadata["number"]) == MAX_QUOTED and len(resource.resource_name) == MAX_QUOTED


def test_invalid_argument_carries_a_field_violation() -> None:
    status = to_status(invalid(Reason.BLOCKED_VALUE, "add[0].value", "placeholder"))
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT
    request = error_details_pb2.BadRequest()
    details_of(status).details[1].Unpack(request)
    assert request.field_violations[0].field == "add[0].value"
    assert DomainError(Reason.INTERNAL, "x").field is None


def test_the_worst_message_fits_in_the_trailers() -> None:
    """Non-ASCII text at every limit: grpc-message percent-encodes it, the details repeat it."""
    huge = "号" * 50_000
    for error in [
        invalid(Reason.INVALID_ARGUMENT, huge, huge, a=huge, b=huge, c=huge),
        not_found(Reason.CARD_NOT_FOUND, "card", huge, huge, a=huge, b=huge, c=huge),
    ]:
        status = to_status(error)
        assert len(status.details) == MAX_MESSAGE
        details = dict(status.trailing_metadata)["grpc-status-details-bin"]
        assert len(quote(status.details)) + len(details) * 4 // 3 < 16 * 1024 - 512


def test_one_error_is_the_same_bytes_whatever_the_order_of_its_metadata() -> None:
    """Every replica sends a stored refusal as the same bytes (RULES 2.7): maps go out in key order."""
    one = to_status(DomainError(Reason.PROFILE_CONFLICT, "m", {"victim": "a", "survivor": "b", "scope": "c"}))
    other = to_status(DomainError(Reason.PROFILE_CONFLICT, "m", {"scope": "c", "survivor": "b", "victim": "a"}))
    assert one == other


def test_a_lost_connection_is_unavailable_and_says_whether_the_change_may_be_made() -> None:
    """After a failover (api/rpc.py): retry with the same request_id; `commit: unknown` when COMMIT went unanswered."""
    unknown = as_domain_error(ConnectionLostError("server closed the connection", commit_unknown=True), "Create")
    assert (code_of(unknown.reason), unknown.reason) == (code_pb2.UNAVAILABLE, Reason.UNAVAILABLE)
    assert unknown.metadata == {"commit": "unknown"} and "may or may not have been made" in unknown.message
    rolled_back = as_domain_error(ConnectionLostError("server closed the connection", commit_unknown=False), "Create")
    assert (code_of(rolled_back.reason), rolled_back.reason) == (code_pb2.UNAVAILABLE, Reason.UNAVAILABLE)
    assert rolled_back.metadata == {} and "nothing was written" in rolled_back.message
    assert "request_id" in unknown.message and "request_id" in rolled_back.message
