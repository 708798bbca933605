"""What every RPC method shares: the caller's org, error mapping, fingerprints."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import grpc

from loyalty_identity.api.auth import Authenticator
from loyalty_identity.api.errors import to_status
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.service.application import Mutation
from loyalty_identity.service.ports import TransientStoreError
from loyalty_identity.store.unit_of_work import StoreUnavailableError

log = logging.getLogger(__name__)

Req = TypeVar("Req")
Resp = TypeVar("Resp")


class HasAuthenticator(Protocol):
    auth: Authenticator


def abort(context: grpc.ServicerContext, error: DomainError) -> None:
    status = to_status(error)
    try:
        context.abort_with_status(status)
    except NotImplementedError:  # grpc_testing's context lacks abort_with_status
        context.set_trailing_metadata(status.trailing_metadata)
        context.set_code(status.code)
        context.set_details(status.details)


def rpc_method(
    method: Callable[[Any, Req, grpc.ServicerContext, str], Resp],
) -> Callable[[Any, Req, grpc.ServicerContext], Resp | None]:
    """Authenticate, call, and turn every failure into a rich status.

    Domain errors keep their reason; store trouble becomes UNAVAILABLE or
    ABORTED (retryable); anything else is a bug, logged and sent as INTERNAL.
    """

    @functools.wraps(method)
    def wrapper(self: HasAuthenticator, request: Req, context: grpc.ServicerContext) -> Resp | None:
        try:
            org = self.auth.org(context.invocation_metadata())
            return method(self, request, context, org)
        except DomainError as error:
            abort(context, error)
        except StoreUnavailableError as error:
            log.warning("database unavailable: %s", error)
            abort(context, DomainError(Reason.UNAVAILABLE, "the database is busy; retry later"))
        except TransientStoreError as error:
            log.warning("transaction kept conflicting: %s", error)
            abort(context, DomainError(Reason.CONCURRENCY_CONFLICT, "too many concurrent changes; retry"))
        except Exception:
            log.exception("unexpected error in %s", method.__name__)
            abort(context, DomainError(Reason.INTERNAL, "internal error"))
        return None

    return wrapper


def mutation(method: str, request: Any) -> Mutation:
    """Idempotency fingerprint: the method plus the request's canonical bytes.

    The request_id itself is left out: it is compared in canonical UUID form,
    so a retry that spells it in upper case is still the same request.
    """
    body = type(request)()
    body.CopyFrom(request)
    body.ClearField("request_id")
    digest = hashlib.sha256(method.encode())
    digest.update(body.SerializeToString(deterministic=True))
    return Mutation(digest.hexdigest(), request.request_id, request.validate_only)
