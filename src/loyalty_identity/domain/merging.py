"""The pure rules of merging two customers (RULES 2.5 steps 3-4)."""

from __future__ import annotations

from collections.abc import Iterable

from loyalty_identity.domain.errors import Reason, refused
from loyalty_identity.domain.scopes import Scope


def single_survivor(candidates: Iterable[str], who: str) -> str | None:
    """The one other customer the identifiers point at, if any.

    Identifiers that point at two or more different customers cannot say
    which one is the same person: refuse rather than guess.
    """
    distinct = sorted(set(candidates))
    if len(distinct) > 1:
        raise refused(
            Reason.AMBIGUOUS_MERGE,
            f"the identifiers of {who} are held by {len(distinct)} different customers; "
            "merge them explicitly with MergeCustomers first",
            customers=",".join(distinct),
        )
    return distinct[0] if distinct else None


def check_no_shared_scope(victim_scopes: set[Scope], survivor_scopes: set[Scope], victim: str, survivor: str) -> None:
    """Two profiles in one scope cannot be combined: a customer has one per scope."""
    shared = sorted(victim_scopes & survivor_scopes)
    if shared:
        raise refused(
            Reason.PROFILE_CONFLICT,
            f"{victim} and {survivor} both have a profile in {', '.join(map(str, shared))}",
            victim=victim,
            survivor=survivor,
            scope=str(shared[0]),
        )
