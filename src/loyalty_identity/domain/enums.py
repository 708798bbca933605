"""Enum values of requests, and their names as callers write them.

The domain's IntEnums carry the proto's numbers. The proto names each value
buf STANDARD style: the enum's name in UPPER_SNAKE_CASE, then the member's
name (Source.INSTORE is SOURCE_INSTORE). Errors list those names, since
that is what a grpcurl user types; a unit test checks them against the proto.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import TypeVar

from loyalty_identity.domain.errors import Reason, invalid

E = TypeVar("E", bound=IntEnum)

_WORD = re.compile(r"[A-Z][a-z0-9]*")


def _words(kind: type[IntEnum]) -> list[str]:
    return _WORD.findall(kind.__name__)


def proto_prefix(kind: type[IntEnum]) -> str:
    """CardNumberMethod -> CARD_NUMBER_METHOD."""
    return "_".join(word.upper() for word in _words(kind))


def proto_name(member: IntEnum) -> str:
    """Source.INSTORE -> SOURCE_INSTORE."""
    return f"{proto_prefix(type(member))}_{member.name}"


def proto_names(kind: type[IntEnum]) -> list[str]:
    return [proto_name(member) for member in kind]


def parse_enum(kind: type[E], raw: int, field_path: str) -> E:
    """The member for a wire number; 0 (UNSPECIFIED) is missing, any other unknown number is refused."""
    try:
        return kind(raw)
    except ValueError:
        pass
    what = " ".join(_words(kind)).lower()
    problem = f"missing {what} (unset or {proto_prefix(kind)}_UNSPECIFIED)" if raw == 0 else f"unknown {what} {raw}"
    raise invalid(Reason.INVALID_ARGUMENT, field_path, f"{problem}; accepted: {', '.join(proto_names(kind))}")
