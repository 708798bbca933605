"""Test helpers: request builders and rich-error assertions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r

MOBILE = r.IDENTIFIER_TYPE_MOBILE
EMAIL = r.IDENTIFIER_TYPE_EMAIL
WECHAT_ID = r.IDENTIFIER_TYPE_WECHAT
EXTERNAL_ID = r.IDENTIFIER_TYPE_EXTERNAL_ID
INSTORE = r.SOURCE_INSTORE
WECHAT = r.SOURCE_WECHAT
TMALL = r.SOURCE_TMALL


def ident(id_type: int, value: str) -> r.Identifier:
    return r.Identifier(type=id_type, value=value)


def profile(source: int, *identifiers: r.Identifier, account_id: str = "") -> r.Profile:
    return r.Profile(source=source, account_id=account_id, identifiers=identifiers)


def unique_mobile() -> str:
    return "86" + str(uuid.uuid4().int)[:11]


def unique_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


def create(stub: Any, *profiles: r.Profile, **kwargs: Any) -> r.Customer:
    return stub.CreateCustomer(pb.CreateCustomerRequest(profiles=profiles, **kwargs)).customer


def update(stub: Any, customer: str, source: int, account_id: str = "", add=(), remove=(), **kwargs: Any) -> Any:
    return stub.UpdateIdentifiers(
        pb.UpdateIdentifiersRequest(
            customer=customer, source=source, account_id=account_id, add=add, remove=remove, **kwargs
        )
    )


class RichError:
    """A failed call's status with its decoded details."""

    def __init__(self, error: grpc.RpcError) -> None:
        self.code: grpc.StatusCode = error.code()
        status = rpc_status.from_call(error)
        assert status is not None, f"no google.rpc.Status on {error.code()}: {error.details()}"
        self.status: status_pb2.Status = status
        self.error_infos = _unpack(status, error_details_pb2.ErrorInfo)
        self.bad_requests = _unpack(status, error_details_pb2.BadRequest)
        self.resource_infos = _unpack(status, error_details_pb2.ResourceInfo)

    @property
    def reason(self) -> str:
        return self.error_infos[0].reason

    @property
    def metadata(self) -> dict[str, str]:
        return dict(self.error_infos[0].metadata)

    @property
    def field(self) -> str:
        return self.bad_requests[0].field_violations[0].field


def _unpack(status: status_pb2.Status, kind: Any) -> list[Any]:
    found = []
    for detail in status.details:
        if detail.Is(kind.DESCRIPTOR):
            message = kind()
            detail.Unpack(message)
            found.append(message)
    return found


def answer_of(error: grpc.RpcError) -> tuple[Any, ...]:
    """A refusal as the caller gets it, byte for byte: code, message and trailers (the status
    details among them), but the call's own x-request-id (each call has its own)."""
    trailers = tuple(item for item in error.trailing_metadata() or () if item[0] != "x-request-id")
    return error.code(), error.details(), trailers


def refusal(call: Callable[[], Any]) -> grpc.RpcError:
    """call's error (it must fail)."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value


def expect_error(call: Callable[[], Any], code: grpc.StatusCode, reason: str) -> RichError:
    """Run call; it must fail with code and exactly one ErrorInfo of reason."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    error = RichError(caught.value)
    assert (error.code, error.reason) == (code, reason), error.status.message
    assert len(error.error_infos) == 1
    assert error.error_infos[0].domain == "loyalty.identity.v1"
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        assert error.bad_requests and error.bad_requests[0].field_violations, "INVALID_ARGUMENT without BadRequest"
    if code == grpc.StatusCode.NOT_FOUND:
        assert error.resource_infos, "NOT_FOUND without ResourceInfo"
    return error
