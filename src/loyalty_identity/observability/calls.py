"""The RPC being served on this thread: its request id, org and outcome.

The api layer opens a `Call` around each RPC; logs, metrics and traces read it.
It lives in a context variable, so every log line emitted while serving the
call (in any module) can carry its request id.
"""

from __future__ import annotations

import collections
import itertools
import os
import re
from collections.abc import Iterable
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

import grpc

REQUEST_ID_HEADER = "x-request-id"
# A caller's id is kept when it is short and plain: it goes into every log line,
# so nothing that could break a log parser or smuggle a value.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+=-]{0,127}")


@dataclass
class Call:
    request_id: str
    service: str
    method: str
    peer: str = ""  # the caller's address, read only when a log line or span wants it (Telemetry)
    org: str = "-"
    code: grpc.StatusCode | None = None  # None until the call ends; OK unless aborted
    outcome: str = "OK"  # the ErrorInfo reason of a failed call
    protocol: str = "grpc"  # or "connect": the HTTP listener (SPEC 8)


_current: ContextVar[Call | None] = ContextVar("loyalty_identity_call", default=None)


def current() -> Call | None:
    return _current.get()


def note_org(org: str) -> None:
    call = _current.get()
    if call is not None:
        call.org = org


def note_status(code: grpc.StatusCode, outcome: str) -> None:
    """The call is being aborted with this code and ErrorInfo reason."""
    call = _current.get()
    if call is not None:
        call.code = code
        call.outcome = outcome


# grpc.Status is an interface; this is the concrete form grpc_status uses too.
class _Status(collections.namedtuple("_Status", ("code", "details", "trailing_metadata")), grpc.Status):  # type: ignore[misc]
    pass


def with_request_id(status: grpc.Status) -> grpc.Status:
    """The status with the call's x-request-id among its trailers (aborting replaces earlier trailers)."""
    call = _current.get()
    if call is None:
        return status
    trailers = (*(status.trailing_metadata or ()), (REQUEST_ID_HEADER, call.request_id))
    return _Status(status.code, status.details, trailers)


# A fresh request id: 16 random hex digits drawn once per process, then a counter (32 hex digits,
# like a UUID's). Unique across processes by the prefix, within one by the counter; no call pays
# for os.urandom, a system call that gives up the GIL (uuid4 did, on every call without an id).
_PROCESS_PREFIX = os.urandom(8).hex()
_fresh_ids = itertools.count(int.from_bytes(os.urandom(4), "big"))  # next() is atomic under the GIL


def request_id_from(metadata: Iterable[tuple[str, Any]] | None) -> str:
    """The caller's x-request-id if it is sane, else a fresh one."""
    for key, value in metadata or ():
        if key == REQUEST_ID_HEADER and isinstance(value, str) and _SANE_REQUEST_ID.fullmatch(value):
            return value
    return f"{_PROCESS_PREFIX}{next(_fresh_ids) & 0xFFFF_FFFF_FFFF_FFFF:016x}"


def fork_safe_reset() -> None:
    """A forked child draws its own prefix (it would repeat its parent's ids)."""
    global _PROCESS_PREFIX
    _PROCESS_PREFIX = os.urandom(8).hex()


os.register_at_fork(after_in_child=fork_safe_reset)


def enter(call: Call) -> Token[Call | None]:
    return _current.set(call)


def leave(token: Token[Call | None]) -> None:
    _current.reset(token)
