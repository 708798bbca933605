"""What every RPC method shares: the caller's org, error mapping, fingerprints.

The request id, metrics, access log and span of each call are the server's
(observability.telemetry, around every method handler); the wrapper here tells
them the caller's org and how the call failed.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

import grpc

from loyalty_identity.api.auth import Authenticator
from loyalty_identity.api.errors import to_status
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.observability import calls
from loyalty_identity.service import deadlines
from loyalty_identity.service.application import Mutation
from loyalty_identity.service.ports import ConnectionLostError, StoreUnavailableError, TransientStoreError

log = logging.getLogger(__name__)

Req = TypeVar("Req")
Resp = TypeVar("Resp")


class HasAuthenticator(Protocol):
    auth: Authenticator


def abort(context: grpc.ServicerContext, error: DomainError) -> None:
    status = calls.with_request_id(to_status(error))
    calls.note_status(status.code, error.reason.value)
    try:
        context.abort_with_status(status)
    except NotImplementedError:  # grpc_testing's context lacks abort_with_status
        context.set_trailing_metadata(status.trailing_metadata)
        context.set_code(status.code)
        context.set_details(status.details)


def rpc_method(
    method: Callable[[Any, Req, grpc.ServicerContext, str], Resp],
) -> Callable[[Any, Req, grpc.ServicerContext], Resp | None]:
    """Authenticate, bound by the caller's deadline, call, and turn every failure into a rich status.

    Domain errors keep their reason; store trouble becomes UNAVAILABLE or
    ABORTED (retryable); anything else is a bug, logged and sent as INTERNAL.
    Logs name the method, org, outcome and duration, never request values.
    """

    @functools.wraps(method)
    def wrapper(self: HasAuthenticator, request: Req, context: grpc.ServicerContext) -> Resp | None:
        try:
            with deadlines.deadline_in(context.time_remaining()):
                org = self.auth.org(context.invocation_metadata())
                calls.note_org(org)
                return method(self, request, context, org)
        except Exception as error:
            abort(context, as_domain_error(error, method.__name__))
        return None

    return wrapper


def mutation(method: str, request: Any) -> Mutation:
    """What the use case needs of a mutating request besides its payload.

    The fingerprint is made only where it is compared: under a request_id, outside a dry
    run (dry runs neither consult nor claim request ids). A copy, a serialization and a
    hash of every write's request would otherwise be spent for nothing.
    """
    # RejectMergeCandidate has no dry run (SPEC 7.2): a request without the field is never one.
    validate_only = getattr(request, "validate_only", False)
    claims = bool(request.request_id) and not validate_only
    return Mutation(fingerprint(method, request) if claims else "", request.request_id, validate_only)


def fingerprint(method: str, request: Any) -> str:
    """Idempotency fingerprint: the method plus the request's canonical bytes.

    The request_id itself is left out: it is compared in canonical UUID form,
    so a retry that spells it in upper case is still the same request.
    """
    body = type(request)()
    body.CopyFrom(request)
    body.ClearField("request_id")
    digest = hashlib.sha256(method.encode())
    digest.update(body.SerializeToString(deterministic=True))
    return digest.hexdigest()


def as_domain_error(error: Exception, method: str) -> DomainError:
    """Any failure of a call as the DomainError the caller is told.

    Domain errors keep their reason; store trouble becomes UNAVAILABLE or
    ABORTED (retryable); anything else is a bug, logged and sent as INTERNAL.
    """
    if isinstance(error, DomainError):
        return error
    if isinstance(error, StoreUnavailableError):
        if error.unreachable:
            return DomainError(Reason.DATABASE_UNAVAILABLE, "the database cannot be reached; retry later")
        return DomainError(Reason.UNAVAILABLE, "the database is busy; retry later")
    if isinstance(error, ConnectionLostError):
        if error.commit_unknown:
            return DomainError(
                Reason.UNAVAILABLE,
                "the connection to the database broke while the change was being committed (a failover may"
                " have happened): it may or may not have been made; retry with the same request_id",
                {"commit": "unknown"},
            )
        return DomainError(
            Reason.UNAVAILABLE,
            "the connection to the database broke (a failover may have happened) and no new primary answered"
            " in time; nothing was written: retry with the same request_id",
        )
    if isinstance(error, TransientStoreError):
        return DomainError(Reason.CONCURRENCY_CONFLICT, "too many concurrent changes; retry")
    # The message may quote request values (a database error does): log the type and stack only.
    log.error(
        "unexpected %s in %s\n%s", type(error).__name__, method, "".join(traceback.format_tb(error.__traceback__))
    )
    return DomainError(Reason.INTERNAL, "internal error")


def stream_method(
    method: Callable[[Any, Req, grpc.ServicerContext, str], Iterator[Resp]],
) -> Callable[[Any, Req, grpc.ServicerContext], Iterator[Resp]]:
    """rpc_method for server-streaming calls: the same authentication and error mapping."""

    @functools.wraps(method)
    def wrapper(self: HasAuthenticator, request: Req, context: grpc.ServicerContext) -> Iterator[Resp]:
        try:
            org = self.auth.org(context.invocation_metadata())
            calls.note_org(org)
            yield from method(self, request, context, org)
        except Exception as error:
            abort(context, as_domain_error(error, method.__name__))

    return wrapper
