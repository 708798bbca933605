"""The caller's deadline, for the current request.

The gRPC layer sets it when a call starts; the transaction runner reads it to
bound lock waits and to roll back, rather than commit, work nobody waits for.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from loyalty_identity.domain.errors import DomainError, Reason

_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)


@contextmanager
def deadline_in(seconds: float | None) -> Iterator[None]:
    """Run the block with a deadline `seconds` from now (None: no deadline)."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining() -> float | None:
    """Seconds left before the caller gives up, or None without a deadline."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


def current() -> float | None:
    """The caller's deadline on the time.monotonic() clock, or None: for work run on another thread."""
    return _deadline.get()


def exceeded() -> DomainError:
    """The refusal of work whose caller gave up before it was committed."""
    return DomainError(Reason.DEADLINE_EXCEEDED, "the caller's deadline passed; nothing was written")


def check() -> None:
    """Refuse to go on once the caller has given up: nothing is written then."""
    left = remaining()
    if left is not None and left <= 0:
        raise exceeded()
