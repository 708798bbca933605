"""The Connect protocol (SPEC 8): every RPC over HTTP/1.1 and HTTP/2, JSON or binary, from the same servicers.

There is no second implementation of any RPC. connectrpc's generated ASGI
applications (gen/*_connect.py) decode the request and call an object with one
async method per RPC; `Bridge` gives them one whose methods run the grpcio
servicer's method in a worker thread, with a `grpc.ServicerContext` made from
the HTTP request (`ConnectContext`): its headers are the call's metadata (the
bearer token), `Connect-Timeout-Ms` its deadline, and an abort with a rich
status becomes a Connect error with the same details (ErrorInfo, BadRequest,
ResourceInfo). The telemetry that wraps every gRPC method wraps these too,
labelled `protocol="connect"`.
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from typing import Any

import grpc
from connectrpc.code import Code
from connectrpc.codec import Codec
from connectrpc.errors import ConnectError
from connectrpc.request import RequestContext
from google.protobuf import json_format, message
from google.protobuf.descriptor import ServiceDescriptor
from google.rpc import status_pb2
from protobuf.wkt import Any as ConnectAny

from loyalty_identity.api.errors import to_status
from loyalty_identity.domain.errors import DomainError, Reason

Observe = Callable[[grpc.ServicerContext], AbstractContextManager[object]]

DETAILS_KEY = "grpc-status-details-bin"
# grpc.StatusCode -> Connect code: the same names, but CANCELLED is spelled CANCELED.
CONNECT_CODES: dict[grpc.StatusCode, Code] = {
    status: Code.CANCELED if status is grpc.StatusCode.CANCELLED else Code[status.name]
    for status in grpc.StatusCode
    if status is not grpc.StatusCode.OK
}
# HTTP and Connect plumbing, not the call's metadata.
_NOT_METADATA = frozenset(
    {
        "accept",
        "accept-encoding",
        "connect-accept-encoding",
        "connect-content-encoding",
        "connect-protocol-version",
        "connect-timeout-ms",
        "connection",
        "content-encoding",
        "content-length",
        "content-type",
        "host",
        "keep-alive",
        "te",
        "transfer-encoding",
        "upgrade",
    }
)


class _Aborted(Exception):  # noqa: N818 (what abort() raises, as grpc's does; the status stays on the context)
    pass


class ConnectContext(grpc.ServicerContext):  # type: ignore[misc]  # grpc's stubs leave it untyped
    """What a grpcio servicer sees of a Connect call."""

    def __init__(self, request: RequestContext[Any, Any]) -> None:
        self._request = request
        timeout_ms = request.timeout_ms
        self._deadline = None if timeout_ms is None else time.monotonic() + timeout_ms / 1000
        self._code: grpc.StatusCode | None = None
        self._details = ""
        self._trailing: tuple[tuple[str, str | bytes], ...] = ()
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    # What the servicer reads ------------------------------------------------------------

    def invocation_metadata(self) -> tuple[tuple[str, str | bytes], ...]:
        metadata: list[tuple[str, str | bytes]] = []
        for key, value in self._request.request_headers.allitems():
            key = key.lower()
            if key in _NOT_METADATA or key.startswith(":"):
                continue
            # Binary metadata travels base64-encoded, in Connect as in gRPC.
            metadata.append((key, base64.b64decode(value + "=" * (-len(value) % 4)) if key.endswith("-bin") else value))
        return tuple(metadata)

    def time_remaining(self) -> float | None:
        return None if self._deadline is None else max(self._deadline - time.monotonic(), 0.0)

    def peer(self) -> str:
        address = self._request.client_address
        return f"ipv4:{address}" if address else "unknown"

    def peer_identities(self) -> None:
        return None

    def peer_identity_key(self) -> None:
        return None

    def auth_context(self) -> dict[str, Any]:
        return {}

    def is_active(self) -> bool:
        return not self._done.is_set() and (self._deadline is None or time.monotonic() < self._deadline)

    def add_callback(self, callback: Callable[[], None]) -> bool:
        with self._lock:
            if self._done.is_set():
                return False
            self._callbacks.append(callback)
            return True

    def cancel(self) -> None:
        self.finish()

    # What the servicer sets -------------------------------------------------------------

    def set_code(self, code: grpc.StatusCode) -> None:
        self._code = code

    def set_details(self, details: str) -> None:
        self._details = details

    def code(self) -> grpc.StatusCode | None:
        return self._code

    def details(self) -> str:
        return self._details

    def set_trailing_metadata(self, trailing_metadata: Iterable[tuple[str, str | bytes]]) -> None:
        self._trailing = tuple(trailing_metadata)

    def trailing_metadata(self) -> tuple[tuple[str, str | bytes], ...]:
        return self._trailing

    def send_initial_metadata(self, initial_metadata: Iterable[tuple[str, str | bytes]]) -> None:
        for key, value in initial_metadata:
            self._request.response_headers.add(key, _text(value))

    def set_compression(self, compression: grpc.Compression) -> None:
        return None

    def disable_next_message_compression(self) -> None:
        return None

    def abort(self, code: grpc.StatusCode, details: str) -> None:
        self._code, self._details = code, details
        raise _Aborted(details)

    def abort_with_status(self, status: grpc.Status) -> None:
        self.set_trailing_metadata(status.trailing_metadata or ())
        self.abort(status.code, status.details)

    # What the bridge does with it -------------------------------------------------------

    def finish(self) -> None:
        """The call is over (answered, cancelled or past its deadline): is_active() turns False."""
        with self._lock:
            if self._done.is_set():
                return
            self._done.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def answer(self) -> None:
        """Send the trailers; raise the Connect error of a non-OK status."""
        for key, value in self._trailing:
            if key != DETAILS_KEY:
                self._request.response_trailers.add(key, _text(value))
        if self._code is not None and self._code is not grpc.StatusCode.OK:
            raise connect_error(self._code, self._details, self._trailing)


def connect_error(
    code: grpc.StatusCode, details: str, trailing: Sequence[tuple[str, str | bytes]] = ()
) -> ConnectError:
    """A gRPC status as a Connect error, the google.rpc.Status details carried over as they are."""
    packed: list[ConnectAny] = []
    for key, value in trailing:
        if key == DETAILS_KEY and isinstance(value, bytes):
            status = status_pb2.Status.FromString(value)
            packed = [ConnectAny(type_url=d.type_url, value=d.value) for d in status.details]
    return ConnectError(CONNECT_CODES[code], details, details=packed)


def domain_connect_error(error: DomainError) -> ConnectError:
    status = to_status(error)
    return connect_error(status.code, status.details, status.trailing_metadata)


def _text(value: str | bytes) -> str:
    return value if isinstance(value, str) else base64.b64encode(value).decode().rstrip("=")


# Codecs: a body that does not decode is INVALID_ARGUMENT with our ErrorInfo, as on gRPC.


class _BinaryCodec(Codec[message.Message, Any]):
    def name(self) -> str:
        return "proto"

    def encode(self, value: message.Message) -> bytes:
        return value.SerializeToString(deterministic=True)  # as gRPC sends it (api/server.py)

    def decode(self, data: bytes | bytearray, message_class: type[Any]) -> Any:
        try:
            return message_class.FromString(bytes(data))
        except message.DecodeError as error:
            raise malformed(error) from error


class _JsonCodec(Codec[message.Message, Any]):
    """Proto3 JSON; an unknown field is refused (a typo must not be ignored silently)."""

    def name(self) -> str:
        return "json"

    def encode(self, value: message.Message) -> bytes:
        return json_format.MessageToJson(value, indent=None, preserving_proto_field_name=False).encode()

    def decode(self, data: bytes | bytearray, message_class: type[Any]) -> Any:
        decoded = message_class()
        try:
            json_format.Parse(bytes(data), decoded)
        except (json_format.ParseError, UnicodeDecodeError) as error:
            raise malformed(error) from error
        return decoded


CODECS: list[Codec] = [_BinaryCodec(), _JsonCodec()]


def malformed(error: Exception) -> ConnectError:
    return domain_connect_error(DomainError(Reason.INVALID_ARGUMENT, f"malformed request message: {error}"))


# The bridge ------------------------------------------------------------------------------


def _snake(name: str) -> str:
    """protoc-gen-connectrpc's method names: LookupCustomer -> lookup_customer."""
    return re.sub("([a-z0-9])([A-Z])", r"\1_\2", re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)).lower()


class Bridge:
    """The async object a generated <Service>ASGIApplication calls, one method per RPC of the service."""

    def __init__(
        self,
        servicer: object,
        service: ServiceDescriptor,
        calls: Executor,
        streams: Executor,
        observe: Callable[[str], Observe | None],
    ) -> None:
        for method in service.methods:
            impl = getattr(servicer, method.name)
            watch = observe(method.name)
            handler = _streaming(impl, streams, watch) if method.server_streaming else _unary(impl, calls, watch)
            setattr(self, _snake(method.name), handler)


def _unary(impl: Callable[[Any, grpc.ServicerContext], Any], pool: Executor, observe: Observe | None) -> Any:
    async def handle(request: Any, ctx: RequestContext[Any, Any]) -> Any:
        context = ConnectContext(ctx)
        run = contextvars.copy_context().run
        try:
            response = await asyncio.get_running_loop().run_in_executor(
                pool, run, _call, impl, request, context, observe
            )
        finally:
            context.finish()  # after a deadline or a gone client too
        context.answer()
        return response

    return handle


def _streaming(
    impl: Callable[[Any, grpc.ServicerContext], Iterator[Any]], pool: Executor, observe: Observe | None
) -> Any:
    async def handle(request: Any, ctx: RequestContext[Any, Any]) -> AsyncIterator[Any]:
        context = ConnectContext(ctx)
        run = contextvars.copy_context().run  # one context for the stream's whole life
        loop = asyncio.get_running_loop()
        items = _observed_stream(impl, request, context, observe)
        pending = None
        try:
            while True:
                pending = loop.run_in_executor(pool, run, _next, items)
                item = await pending
                pending = None
                if item is _END:
                    break
                yield item
        finally:
            context.finish()
            # A next() may still run in its thread (the client went away): close the stream after it.
            if pending is not None and not pending.done():
                pending.add_done_callback(lambda _done: run(items.close))
            else:
                pool.submit(run, items.close)
        context.answer()

    return handle


def _call(impl: Callable[..., Any], request: Any, context: ConnectContext, observe: Observe | None) -> Any:
    try:
        if observe is None:
            return impl(request, context)
        with observe(context):
            return impl(request, context)
    except _Aborted:
        return None


def _observed_stream(
    impl: Callable[..., Iterator[Any]], request: Any, context: ConnectContext, observe: Observe | None
) -> Generator[Any, None, None]:
    if observe is None:
        yield from impl(request, context)
        return
    with observe(context):
        yield from impl(request, context)


_END = object()


def _next(items: Iterator[Any]) -> Any:
    try:
        return next(items)
    except (StopIteration, _Aborted):
        return _END
