"""What a request asks of a customer: as received (the inputs), and once validated (identifiers with
the request path they came from)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Warning, WarningCode
from loyalty_identity.domain.scopes import Scope


@dataclass(frozen=True)
class IdentifierInput:
    """An identifier as the request gave it, before validation and normalization."""

    type: int
    value: str
    series_id: str = ""
    status_label: str = ""


@dataclass(frozen=True)
class ProfileInput:
    source: int
    account_id: str
    identifiers: Sequence[IdentifierInput]


@dataclass(frozen=True)
class ParsedIdentifier:
    ident: IdentifierValue
    series_id: str
    status_label: str
    field: str  # request path, for errors about this identifier

    @property
    def is_card(self) -> bool:
        return self.ident.type is IdentifierType.CARD_NUMBER


@dataclass
class ParsedProfile:
    scope: Scope
    identifiers: list[ParsedIdentifier]
    field: str

    @property
    def profile_identifiers(self) -> list[ParsedIdentifier]:
        """What goes into the profile: cards belong to the customer (RULES 2.6)."""
        return [item for item in self.identifiers if not item.is_card]


def already_present(item: ParsedIdentifier) -> Warning:
    return Warning(
        WarningCode.ALREADY_PRESENT,
        f"{item.field}: the {item.ident.type.name} identifier is already on the profile",
        {"identifier_type": item.ident.type.name, "field": item.field},
    )
