"""FindCustomers' rules in memory: a query's validation (LookupCustomer's) and its answer's scope."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.identifiers import IdentifierPolicy, IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Customer, CustomerState, Profile
from loyalty_identity.domain.queries import Found, IdentifierQuery, answer, check_query_count, parse_query
from loyalty_identity.domain.scopes import Scope, Source

POLICY = IdentifierPolicy()
NOW = datetime(2026, 12, 1, tzinfo=UTC)
EMAIL = IdentifierValue(IdentifierType.EMAIL, "ann@example.com")
CARD = IdentifierValue(IdentifierType.CARD_NUMBER, "GD0001")


def holder(*scopes: Scope) -> Customer:
    profiles = [Profile(scope, [EMAIL], NOW) for scope in scopes]
    return Customer("customers/x", CustomerState.ACTIVE, profiles, [], "", [], NOW, NOW)


def refused(reason: Reason, field: str, *args: object, **kwargs: object) -> None:
    with pytest.raises(DomainError) as caught:
        parse_query(POLICY, *args, **kwargs)
    assert (caught.value.reason, caught.value.field) == (reason, field)


def test_a_query_is_an_identifier_in_a_scope_in_any_scope_or_a_card() -> None:
    email = (int(IdentifierType.EMAIL), " Ann@Example.com ")
    assert parse_query(POLICY, 6, "", email, "q.", any_scope=True) == IdentifierQuery(EMAIL, Scope(Source.TMALL))
    assert parse_query(POLICY, 0, "", email, "q.", any_scope=True) == IdentifierQuery(EMAIL)
    card = (int(IdentifierType.CARD_NUMBER), "gd0001")
    for source, account_id in [(0, "x"), (2, ""), (99, "y")]:  # a card ignores the scope, as LookupCustomer does
        assert parse_query(POLICY, source, account_id, card, "q.", any_scope=True) == IdentifierQuery(CARD)


def test_refusals_name_the_field_under_the_prefix() -> None:
    email = (int(IdentifierType.EMAIL), "ann@example.com")
    refused(Reason.INVALID_ARGUMENT, "queries[3].identifier", 1, "", None, "queries[3].", any_scope=True)
    refused(Reason.ACCOUNT_ID_NOT_ALLOWED, "queries[0].account_id", 0, "wx", email, "queries[0].", any_scope=True)
    refused(Reason.ACCOUNT_ID_REQUIRED, "queries[0].account_id", 2, "", email, "queries[0].", any_scope=True)
    refused(Reason.BLOCKED_VALUE, "q.identifier.value", 1, "", (2, "test@test.com"), "q.", any_scope=True)
    # LookupCustomer has no any-scope query: no source is a missing source.
    refused(Reason.INVALID_ARGUMENT, "source", 0, "", email)


@pytest.mark.parametrize("count", [0, 101])
def test_one_to_a_hundred_queries(count: int) -> None:
    with pytest.raises(DomainError) as caught:
        check_query_count(count, "queries")
    assert (caught.value.reason, caught.value.field) == (Reason.INVALID_ARGUMENT, "queries")
    check_query_count(1, "queries")
    check_query_count(100, "queries")


def test_the_answer_is_in_the_querys_scope_or_the_first_holding_one() -> None:
    ann = holder(Scope(Source.TMALL), Scope(Source.WECHAT, "wx-b"), Scope(Source.WECHAT, "wx-a"))
    assert answer(IdentifierQuery(EMAIL), ann) == Found(ann, Scope(Source.WECHAT, "wx-a"))
    assert answer(IdentifierQuery(EMAIL, Scope(Source.TMALL)), ann) == Found(ann, Scope(Source.TMALL))
    assert answer(IdentifierQuery(CARD), ann) == Found(ann, None)
    assert answer(IdentifierQuery(EMAIL), None) == Found()
