"""The pure merge rules: who survives, and when profiles cannot be combined."""

from __future__ import annotations

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.merging import check_no_shared_scope, single_survivor
from loyalty_identity.domain.scopes import Scope, Source


def test_no_candidate_means_no_merge() -> None:
    assert single_survivor([], "c") is None


def test_one_customer_named_several_times_survives() -> None:
    assert single_survivor(["customers/d", "customers/d"], "c") == "customers/d"


def test_two_customers_are_ambiguous() -> None:
    with pytest.raises(DomainError) as caught:
        single_survivor(["customers/d", "customers/e", "customers/d"], "customers/c")
    assert caught.value.reason is Reason.AMBIGUOUS_MERGE
    assert caught.value.metadata["customers"] == "customers/d,customers/e"


def test_disjoint_scopes_combine() -> None:
    check_no_shared_scope({Scope(Source.INSTORE)}, {Scope(Source.WECHAT, "a"), Scope(Source.WECHAT, "b")}, "v", "s")


def test_one_shared_scope_is_a_profile_conflict() -> None:
    with pytest.raises(DomainError) as caught:
        check_no_shared_scope({Scope(Source.WECHAT, "a"), Scope(Source.TMALL)}, {Scope(Source.WECHAT, "a")}, "v", "s")
    assert caught.value.reason is Reason.PROFILE_CONFLICT
    assert caught.value.metadata == {"victim": "v", "survivor": "s", "scope": "WECHAT/a"}
