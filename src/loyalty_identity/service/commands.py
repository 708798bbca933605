"""Raw inputs of the use cases, as the API received them, and their validation.

Validation runs before any transaction: bad input is refused without taking
a lock or writing anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from loyalty_identity.domain.errors import Reason, invalid, refused
from loyalty_identity.domain.identifiers import IdentifierPolicy, IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Warning
from loyalty_identity.domain.requests import (
    IdentifierInput as IdentifierInput,
)
from loyalty_identity.domain.requests import (
    ParsedIdentifier,
    ParsedProfile,
    already_present,
)
from loyalty_identity.domain.requests import (
    ProfileInput as ProfileInput,
)
from loyalty_identity.domain.scopes import Scope, parse_scope

# Caps on one request, so one call cannot hold the write lock for long.
MAX_IDENTIFIERS_PER_REQUEST = 100
MAX_PROFILES_PER_REQUEST = 20


@dataclass(frozen=True)
class QueryInput:
    """One FindCustomers query (or LookupCustomer's request) as received: identifier None when unset."""

    source: int
    account_id: str
    identifier: IdentifierInput | None


@dataclass(frozen=True)
class SeriesInput:
    code: str
    name: str
    type: int
    prefix: str
    suffix: str
    length: int
    method: int
    luhn: bool
    max_active_cards_per_customer: int
    expiry_days: int


T = TypeVar("T")


@dataclass
class Parsed(Generic[T]):
    """A validated command plus warnings found while validating it."""

    value: T
    warnings: list[Warning] = field(default_factory=list)


def parse_identifiers(
    policy: IdentifierPolicy, raw: Sequence[IdentifierInput], field_name: str
) -> list[ParsedIdentifier]:
    parsed = []
    for i, item in enumerate(raw):
        path = f"{field_name}[{i}]"
        ident = policy.parse(item.type, item.value, f"{path}.")
        parsed.append(ParsedIdentifier(ident, item.series_id.strip(), item.status_label.strip(), path))
    return parsed


def parse_suppressed(policy: IdentifierPolicy, raw: IdentifierInput | None) -> IdentifierValue:
    """UnsuppressIdentifier's identifier, validated as an add's; a card number is never suppressed."""
    if raw is None:
        raise invalid(Reason.INVALID_ARGUMENT, "identifier", "an identifier is required")
    ident = policy.parse(raw.type, raw.value, "identifier.")
    if ident.type is IdentifierType.CARD_NUMBER:
        raise invalid(Reason.INVALID_ARGUMENT, "identifier.type", "card numbers are never suppressed")
    return ident


def check_identifier_count(count: int, field_name: str) -> None:
    if count > MAX_IDENTIFIERS_PER_REQUEST:
        raise invalid(
            Reason.INVALID_ARGUMENT,
            field_name,
            f"at most {MAX_IDENTIFIERS_PER_REQUEST} identifiers in one request, got {count}",
        )


def parse_profiles(policy: IdentifierPolicy, raw: Sequence[ProfileInput]) -> Parsed[list[ParsedProfile]]:
    """Validate CreateCustomer's profiles: distinct scopes, one value per type each."""
    if not raw:
        raise invalid(Reason.INVALID_ARGUMENT, "profiles", "a customer needs at least one profile")
    if len(raw) > MAX_PROFILES_PER_REQUEST:
        raise invalid(Reason.INVALID_ARGUMENT, "profiles", f"at most {MAX_PROFILES_PER_REQUEST} profiles")
    check_identifier_count(sum(len(p.identifiers) for p in raw), "profiles")
    profiles: list[ParsedProfile] = []
    warnings: list[Warning] = []
    seen_scopes: set[Scope] = set()
    for i, item in enumerate(raw):
        path = f"profiles[{i}]"
        scope = parse_scope(item.source, item.account_id, f"{path}.")
        if scope in seen_scopes:
            raise invalid(Reason.INVALID_ARGUMENT, path, f"two profiles in scope {scope}")
        seen_scopes.add(scope)
        if not item.identifiers:
            raise invalid(Reason.INVALID_ARGUMENT, f"{path}.identifiers", "a profile needs at least one identifier")
        identifiers = parse_identifiers(policy, item.identifiers, f"{path}.identifiers")
        profiles.append(ParsedProfile(scope, _one_value_per_type(identifiers, warnings), path))
    return Parsed(profiles, warnings)


def _one_value_per_type(identifiers: list[ParsedIdentifier], warnings: list[Warning]) -> list[ParsedIdentifier]:
    """Drop exact repeats (with a warning); refuse two values of one type."""
    kept: dict[object, ParsedIdentifier] = {}
    for item in identifiers:
        ident = item.ident
        # Cards are not profile identifiers: many per customer are fine.
        key: object = ident if ident.type is IdentifierType.CARD_NUMBER else ident.type
        previous = kept.get(key)
        if previous is None:
            kept[key] = item
        elif previous.ident == ident:
            warnings.append(already_present(item))
        else:
            raise refused(
                Reason.IDENTIFIER_TYPE_ALREADY_SET,
                f"{item.field}: a profile holds one {ident.type.name} value",
                identifier_type=ident.type.name,
            )
    return list(kept.values())
