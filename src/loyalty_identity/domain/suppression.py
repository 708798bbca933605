"""Suppression after erasure (SPEC 7.3, RULES 2.5.2): erased values that may not come back.

An erasure asked to suppress keeps each erased value as a keyed hash only:
HMAC-SHA256(key, org NUL type NUL normalized value), in hex. The key lives
outside the database (`serve --suppression-key-file`), so the table alone
cannot be turned back into values by hashing guesses. The org is part of the
input: one org's suppressions never match another org's values. A changed
key makes the old hashes match nothing (DEPLOYMENT.md: key rotation).
Card numbers are the brand's, not personal data: never suppressed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from loyalty_identity.domain.errors import DomainError, Reason, refused
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.requests import ParsedIdentifier

MIN_KEY_BYTES = 32
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")


class SuppressionKeyError(ValueError):
    """The key file's text is no usable key."""


@dataclass(frozen=True)
class SuppressionKey:
    secret: bytes = field(repr=False)

    @classmethod
    def parse(cls, text: bytes) -> SuppressionKey:
        """The key a file holds: surrounding whitespace ignored; hex text is decoded, anything else used as is."""
        stripped = text.strip(string.whitespace.encode())
        try:
            decoded = stripped.decode("ascii")
        except UnicodeDecodeError:
            decoded = ""
        secret = bytes.fromhex(decoded) if _HEX.fullmatch(decoded) else stripped
        if len(secret) < MIN_KEY_BYTES:
            raise SuppressionKeyError(
                f"the suppression key has {len(secret)} bytes, at least {MIN_KEY_BYTES} are needed"
                " (e.g. 64 hex characters from `openssl rand -hex 32`)"
            )
        return cls(secret)

    def digest(self, org: str, ident: IdentifierValue) -> str:
        # NUL cannot occur in an org name, a type name or a normalized value: the parts cannot run together.
        message = f"{org}\0{ident.type.name}\0{ident.value}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class SuppressionCheck:
    """What a write asks the store about suppression, with the read it makes anyway.

    With a key: the digests of the values it adds (digest -> value). Without
    one (`keyless`): whether the org has any suppression at all, which this
    server cannot check values against, so it refuses rather than let one back.
    """

    digests: Mapping[str, IdentifierValue] = field(default_factory=dict)
    keyless: bool = False

    @property
    def asked(self) -> bool:
        return bool(self.digests) or self.keyless


NO_CHECK = SuppressionCheck()


@dataclass(frozen=True)
class Unsuppressed:
    """What UnsuppressIdentifier answers: never the value, only its type and when it was suppressed."""

    type: IdentifierType
    suppress_time: datetime


def suppressible(idents: Iterable[IdentifierValue]) -> list[IdentifierValue]:
    return [ident for ident in idents if ident.type is not IdentifierType.CARD_NUMBER]


def check_for(key: SuppressionKey | None, org: str, idents: Iterable[IdentifierValue]) -> SuppressionCheck:
    values = suppressible(idents)
    if not values:
        return NO_CHECK
    if key is None:
        return SuppressionCheck(keyless=True)
    return SuppressionCheck({key.digest(org, ident): ident for ident in values})


def key_missing(what: str) -> DomainError:
    return refused(
        Reason.SUPPRESSION_KEY_MISSING,
        f"{what}: this server has no suppression key (serve --suppression-key-file)",
    )


def ensure_not_suppressed(items: Sequence[ParsedIdentifier], suppressed: Iterable[IdentifierValue]) -> None:
    """IDENTIFIER_SUPPRESSED on the first item whose value is suppressed, with its field path."""
    hits = set(suppressed)
    for item in items:
        if item.ident in hits:
            raise DomainError(
                Reason.IDENTIFIER_SUPPRESSED,
                f"{item.field}: this {item.ident.type.name} was erased and suppressed; UnsuppressIdentifier lifts it",
                {"identifier_type": item.ident.type.name},
                field=item.field,
            )
