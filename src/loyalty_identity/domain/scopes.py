"""Sources, accounts and scopes (RULES 2.2)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from loyalty_identity.domain.enums import parse_enum
from loyalty_identity.domain.errors import Reason, invalid
from loyalty_identity.domain.text import check_text

MAX_ACCOUNT_ID_LENGTH = 128


class Source(IntEnum):
    """A channel; numbers match the proto enum so conversions are trivial."""

    INSTORE = 1
    WECHAT = 2
    FACEBOOK = 3
    WEB_ENGAGE = 4
    MARTJACK = 5
    TMALL = 6
    TAOBAO = 7
    JD = 8
    ECOMMERCE = 9
    WEBSITE = 10
    LINE = 11
    MOBILE_APP = 12

    @property
    def multi_account(self) -> bool:
        return self in MULTI_ACCOUNT_SOURCES


MULTI_ACCOUNT_SOURCES = frozenset({Source.WECHAT, Source.FACEBOOK, Source.LINE, Source.MOBILE_APP, Source.WEB_ENGAGE})


@dataclass(frozen=True, order=True)
class Scope:
    """Where a profile lives: (source, account_id) within the caller's org."""

    source: Source
    account_id: str = ""

    def __str__(self) -> str:
        return f"{self.source.name}/{self.account_id}" if self.account_id else self.source.name


def parse_source(raw: int, field_path: str) -> Source:
    """The Source for a wire number; unknown and unspecified values are refused."""
    return parse_enum(Source, raw, field_path)


def parse_scope(raw_source: int, raw_account_id: str, field_prefix: str = "") -> Scope:
    """Validate a (source, account_id) pair against the multi-account rules."""
    source = parse_source(raw_source, f"{field_prefix}source")
    account_field = f"{field_prefix}account_id"
    account_id = raw_account_id.strip()
    if source.multi_account:
        if not account_id:
            raise invalid(
                Reason.ACCOUNT_ID_REQUIRED,
                account_field,
                f"source {source.name} has several accounts: account_id is required",
                source=source.name,
            )
        check_text(account_id, account_field, MAX_ACCOUNT_ID_LENGTH, Reason.INVALID_ARGUMENT)
    elif raw_account_id:
        raise invalid(
            Reason.ACCOUNT_ID_NOT_ALLOWED,
            account_field,
            f"source {source.name} has a single account: account_id must be empty",
            source=source.name,
        )
    return Scope(source, account_id)
