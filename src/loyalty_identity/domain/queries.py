"""Finding customers by identifier: LookupCustomer's one query, FindCustomers' many (RULES 2.10).

One validation serves both RPCs, so a FindCustomers query is refused exactly
when LookupCustomer would refuse the same source, account and identifier;
FindCustomers only adds the any-scope query (no source).
"""

from __future__ import annotations

from dataclasses import dataclass

from loyalty_identity.domain.errors import Reason, invalid
from loyalty_identity.domain.identifiers import IdentifierPolicy, IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Customer
from loyalty_identity.domain.scopes import Scope, parse_scope

MAX_QUERIES = 100  # FindCustomers: one bounded read, whatever the number of queries


@dataclass(frozen=True)
class IdentifierQuery:
    """A validated query: an identifier in one scope, in any scope (scope None), or a card (org-wide)."""

    ident: IdentifierValue
    scope: Scope | None = None

    @property
    def is_card(self) -> bool:
        return self.ident.type is IdentifierType.CARD_NUMBER


@dataclass(frozen=True)
class Found:
    """The answer to one query: nobody (customer None), or the holder and where it holds the value."""

    customer: Customer | None = None
    scope: Scope | None = None  # None for a card (cards are org-wide) and for a miss


def parse_query(
    policy: IdentifierPolicy,
    source: int,
    account_id: str,
    identifier: tuple[int, str] | None,
    field_prefix: str = "",
    any_scope: bool = False,
) -> IdentifierQuery:
    """LookupCustomer's validation: identifier first, then the scope, which a card ignores.

    any_scope (FindCustomers): source 0 (unset) means every scope of the org;
    an account without a source is refused as for a single-account source.
    """
    if identifier is None:
        raise invalid(Reason.INVALID_ARGUMENT, f"{field_prefix}identifier", "an identifier is required")
    ident = policy.parse(*identifier, f"{field_prefix}identifier.")
    if ident.type is IdentifierType.CARD_NUMBER:
        return IdentifierQuery(ident)
    if any_scope and source == 0:
        if account_id:
            raise invalid(
                Reason.ACCOUNT_ID_NOT_ALLOWED,
                f"{field_prefix}account_id",
                "a query without a source looks in every scope: account_id must be empty",
            )
        return IdentifierQuery(ident)
    return IdentifierQuery(ident, parse_scope(source, account_id, field_prefix))


def check_query_count(count: int, field_path: str) -> None:
    if not 1 <= count <= MAX_QUERIES:
        raise invalid(Reason.INVALID_ARGUMENT, field_path, f"1 to {MAX_QUERIES} queries in one request, got {count}")


def answer(query: IdentifierQuery, holder: Customer | None) -> Found:
    """A query's answer: its own scope when it named one, else the first scope holding the value."""
    if holder is None:
        return Found()
    if query.is_card:
        return Found(holder)
    if query.scope is not None:
        return Found(holder, query.scope)
    # Scopes sort by (source number, account_id): the order FindCustomers promises.
    scopes = [profile.scope for profile in holder.profiles if query.ident in profile.identifiers]
    return Found(holder, min(scopes)) if scopes else Found()
