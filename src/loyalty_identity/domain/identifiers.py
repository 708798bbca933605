"""Identifier types, normalization and placeholder values (RULES 2.3)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum

from loyalty_identity.domain.enums import parse_enum
from loyalty_identity.domain.errors import Reason, invalid
from loyalty_identity.domain.text import check_text, has_control_characters

MAX_VALUE_LENGTH = 128
MAX_EMAIL_LENGTH = 254
MAX_CARD_NUMBER_LENGTH = 150
_MOBILE_SEPARATORS = str.maketrans("", "", " -.()")
_MOBILE_DIGITS = re.compile(r"[0-9]{8,15}")

# Values that callers send when they have nothing: they would merge strangers.
DEFAULT_BLOCKED_VALUES = frozenset({"null", "undefined", "none", "n/a", "0", "test@test.com"})


class IdentifierType(IntEnum):
    """Kinds of identifier; numbers match the proto enum."""

    MOBILE = 1
    EMAIL = 2
    EXTERNAL_ID = 3
    WECHAT = 4
    MARTJACK_ID = 5
    FB_ID = 6
    TMALL_UNAME = 7
    CUID = 8
    ALI_UNAME = 9
    JD_UNAME = 10
    VIP_UNAME = 11
    LINE = 12
    CARD_NUMBER = 13


@dataclass(frozen=True, order=True)
class IdentifierValue:
    """A normalized identifier: equal values are the same identifier."""

    type: IdentifierType
    value: str


@dataclass(frozen=True)
class IdentifierPolicy:
    """Per-deployment validation settings."""

    blocked_values: frozenset[str] = field(default=DEFAULT_BLOCKED_VALUES)

    @classmethod
    def with_extra_blocked(cls, values: Iterable[str]) -> IdentifierPolicy:
        extra = {v.strip().lower() for v in values if v.strip()}
        return cls(DEFAULT_BLOCKED_VALUES | extra)

    def is_blocked(self, normalized: str) -> bool:
        # One repeated character ("0000000000", "xxxx") is a placeholder too.
        return normalized.lower() in self.blocked_values or len(set(normalized)) == 1

    def parse(self, raw_type: int, raw_value: str, field_prefix: str) -> IdentifierValue:
        """Validate and normalize one identifier of a request."""
        id_type = parse_identifier_type(raw_type, f"{field_prefix}type")
        value = normalize(id_type, raw_value, f"{field_prefix}value")
        # Cards never merge anyone, and their numbers come from the series format.
        if id_type is not IdentifierType.CARD_NUMBER and self.is_blocked(value):
            raise invalid(
                Reason.BLOCKED_VALUE,
                f"{field_prefix}value",
                f"{id_type.name} value is a placeholder and would merge strangers",
                identifier_type=id_type.name,
            )
        return IdentifierValue(id_type, value)


def parse_identifier_type(raw: int, field_path: str) -> IdentifierType:
    return parse_enum(IdentifierType, raw, field_path)


def normalize(id_type: IdentifierType, raw: str, field_path: str) -> str:
    """The canonical form of a value, or INVALID_IDENTIFIER."""
    if id_type is IdentifierType.EMAIL:
        return _normalize_email(raw, field_path)
    if id_type is IdentifierType.MOBILE:
        return _normalize_mobile(raw, field_path)
    if id_type is IdentifierType.CARD_NUMBER:
        # Upper-cased: a till may scan either case. The series checks the rest.
        value = raw.strip().upper()
        check_text(value, field_path, MAX_CARD_NUMBER_LENGTH, Reason.INVALID_IDENTIFIER)
        return value
    value = raw.strip()
    check_text(value, field_path, MAX_VALUE_LENGTH, Reason.INVALID_IDENTIFIER)
    return value


def _normalize_email(raw: str, field_path: str) -> str:
    value = raw.strip().lower()
    local, at, domain = value.partition("@")
    looks_valid = (
        at == "@"
        and bool(local)
        and "@" not in domain
        and "." in domain
        and all(domain.split("."))
        and not any(ch.isspace() for ch in value)
        and not has_control_characters(value)
    )
    if not looks_valid:
        raise invalid(Reason.INVALID_IDENTIFIER, field_path, "not an email address", identifier_type="EMAIL")
    if len(value) > MAX_EMAIL_LENGTH:
        raise invalid(
            Reason.INVALID_IDENTIFIER,
            field_path,
            f"an email address has at most {MAX_EMAIL_LENGTH} characters",
            identifier_type="EMAIL",
        )
    return value


def _normalize_mobile(raw: str, field_path: str) -> str:
    value = raw.strip()
    if value.startswith("+"):
        value = value[1:]
    value = value.translate(_MOBILE_SEPARATORS)
    if not _MOBILE_DIGITS.fullmatch(value):
        raise invalid(
            Reason.INVALID_IDENTIFIER,
            field_path,
            "a mobile number has 8 to 15 digits (spaces, '-', '.', '(', ')' and a leading '+' allowed)",
            identifier_type="MOBILE",
        )
    return value
