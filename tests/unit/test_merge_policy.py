"""An org's merge policy (SPEC 7.1, domain/merge_policy.py): parsing, and the fate of a proved merge."""

from __future__ import annotations

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.identifiers import IdentifierType
from loyalty_identity.domain.merge_policy import (
    DEFAULT_POLICY,
    MERGE_NOW,
    Decision,
    MergeMode,
    MergePolicy,
    ReviewReason,
    never_merges,
)
from loyalty_identity.domain.scopes import Scope, Source

MOBILE, EMAIL, WECHAT = IdentifierType.MOBILE, IdentifierType.EMAIL, IdentifierType.WECHAT
AUTO, REVIEW, NEVER = MergeMode.AUTO, MergeMode.REVIEW, MergeMode.NEVER


def test_the_default_policy_merges_everything_at_once_whatever_the_count() -> None:
    assert DEFAULT_POLICY.decide([MOBILE, EMAIL], merged_after=10_000) == MERGE_NOW
    assert DEFAULT_POLICY.mode(WECHAT) is AUTO


def test_never_wins_over_review_and_review_over_auto() -> None:
    policy = MergePolicy.parse([(int(EMAIL), int(REVIEW)), (int(MOBILE), int(NEVER))], 0)
    assert policy.decide([EMAIL, MOBILE], 1) == Decision(NEVER, MOBILE)
    assert policy.decide([WECHAT, EMAIL], 1) == Decision(REVIEW, EMAIL, ReviewReason.TYPE_POLICY)
    assert policy.decide([WECHAT], 1) == MERGE_NOW


def test_passing_the_limit_sends_an_automatic_merge_to_review_but_never_stays_never() -> None:
    policy = MergePolicy.parse([(int(MOBILE), int(NEVER)), (int(EMAIL), int(REVIEW))], 3)
    assert policy.decide([WECHAT], merged_after=3) == MERGE_NOW  # at the limit: allowed
    assert policy.decide([WECHAT], merged_after=4) == Decision(REVIEW, None, ReviewReason.MERGE_LIMIT)
    assert policy.decide([EMAIL], merged_after=4) == Decision(REVIEW, EMAIL, ReviewReason.MERGE_LIMIT)
    assert policy.decide([MOBILE], merged_after=4) == Decision(NEVER, MOBILE)


def test_rules_are_kept_one_per_type_in_type_order() -> None:
    policy = MergePolicy.parse([(int(WECHAT), int(AUTO)), (int(MOBILE), int(REVIEW))], 2)
    assert policy.modes == ((MOBILE, REVIEW), (WECHAT, AUTO))
    assert policy.max_merged_customers == 2


@pytest.mark.parametrize(
    ("rules", "limit", "field"),
    [
        ([(int(IdentifierType.CARD_NUMBER), int(NEVER))], 0, "policy.rules[0].type"),
        ([(0, int(NEVER))], 0, "policy.rules[0].type"),
        ([(99, int(NEVER))], 0, "policy.rules[0].type"),
        ([(int(MOBILE), 0)], 0, "policy.rules[0].mode"),
        ([(int(MOBILE), 7)], 0, "policy.rules[0].mode"),
        ([(int(MOBILE), int(AUTO)), (int(MOBILE), int(NEVER))], 0, "policy.rules[1].type"),
        ([], -1, "policy.max_merged_customers"),
    ],
)
def test_a_bad_policy_names_its_field(rules: list[tuple[int, int]], limit: int, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        MergePolicy.parse(rules, limit)
    assert (refused.value.reason, refused.value.field) == (Reason.INVALID_ARGUMENT, field)


def test_a_never_type_is_refused_as_taken() -> None:
    error = never_merges("add[0]", MOBILE, Scope(Source.TMALL, ""), "customers/x")
    assert error.reason is Reason.IDENTIFIER_TAKEN
    assert (error.metadata["customer"], error.metadata["scope"]) == ("customers/x", str(Scope(Source.TMALL, "")))
