"""Normalization, validation and placeholder rules (RULES 2.3) and scopes (2.2)."""

from __future__ import annotations

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.identifiers import IdentifierPolicy, IdentifierType, IdentifierValue
from loyalty_identity.domain.scopes import Scope, Source, parse_scope

policy = IdentifierPolicy()


def parse(id_type: IdentifierType, value: str) -> str:
    return policy.parse(id_type, value, "add[0].").value


def refusal(id_type: int, value: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        policy.parse(id_type, value, "add[0].")
    return caught.value


@pytest.mark.parametrize(
    "raw",
    ["+91 98765-43210", "919876543210", " 91 (98765) 43210 ", "91.98765.43210", "+919876543210"],
)
def test_mobile_spellings_are_one_value(raw: str) -> None:
    assert parse(IdentifierType.MOBILE, raw) == "919876543210"


@pytest.mark.parametrize(
    "raw",
    ["1234567", "1234567890123456", "++919876543210", "91-98a65-43210", "", "   ", "٩١٩٨٧٦٥٤٣٢١٠", "91 9876/543210"],
)
def test_bad_mobiles_are_invalid(raw: str) -> None:
    error = refusal(IdentifierType.MOBILE, raw)
    assert error.reason is Reason.INVALID_IDENTIFIER
    assert error.field == "add[0].value"


def test_mobile_length_bounds() -> None:
    assert parse(IdentifierType.MOBILE, "12345678") == "12345678"
    assert parse(IdentifierType.MOBILE, "123456789012345") == "123456789012345"


def test_email_is_trimmed_and_lower_cased() -> None:
    assert parse(IdentifierType.EMAIL, "  Ann.Lee@Example.COM ") == "ann.lee@example.com"


@pytest.mark.parametrize(
    "raw",
    ["ann", "ann@", "@example.com", "ann@example", "a b@example.com", "a@b@example.com", "ann@.com", "ann@x..com"],
)
def test_bad_emails_are_invalid(raw: str) -> None:
    assert refusal(IdentifierType.EMAIL, raw).reason is Reason.INVALID_IDENTIFIER


def test_email_length_limit() -> None:
    local = "a" * 64
    ok = f"{local}@{'b' * (254 - 64 - 1 - 4)}.com"
    assert len(ok) == 254
    assert parse(IdentifierType.EMAIL, ok) == ok
    assert refusal(IdentifierType.EMAIL, "c" + ok).reason is Reason.INVALID_IDENTIFIER


def test_other_types_are_trimmed_and_bounded() -> None:
    assert parse(IdentifierType.WECHAT, "  oAbC-123  ") == "oAbC-123"
    assert parse(IdentifierType.EXTERNAL_ID, "x" * 127 + "y") == "x" * 127 + "y"
    assert refusal(IdentifierType.EXTERNAL_ID, "x" * 128 + "y").reason is Reason.INVALID_IDENTIFIER
    assert refusal(IdentifierType.EXTERNAL_ID, "   ").reason is Reason.INVALID_IDENTIFIER
    assert refusal(IdentifierType.EXTERNAL_ID, "ab\x00cd").reason is Reason.INVALID_IDENTIFIER
    assert refusal(IdentifierType.EXTERNAL_ID, "ab\ncd").reason is Reason.INVALID_IDENTIFIER


def test_values_are_case_sensitive_except_email() -> None:
    assert parse(IdentifierType.WECHAT, "oAbC") != parse(IdentifierType.WECHAT, "oabc")


@pytest.mark.parametrize(
    ("id_type", "raw"),
    [
        (IdentifierType.EXTERNAL_ID, "null"),
        (IdentifierType.EXTERNAL_ID, "NULL"),
        (IdentifierType.EXTERNAL_ID, " undefined "),
        (IdentifierType.WECHAT, "None"),
        (IdentifierType.EXTERNAL_ID, "n/a"),
        (IdentifierType.EXTERNAL_ID, "0"),
        (IdentifierType.MOBILE, "0000000000"),
        (IdentifierType.MOBILE, "+1 111-111-1111"),
        (IdentifierType.EXTERNAL_ID, "xxxx"),
        (IdentifierType.EMAIL, "Test@Test.com"),
    ],
)
def test_placeholders_are_blocked(id_type: IdentifierType, raw: str) -> None:
    error = refusal(id_type, raw)
    assert error.reason is Reason.BLOCKED_VALUE
    assert error.field == "add[0].value"


def test_blocked_list_is_configurable() -> None:
    custom = IdentifierPolicy.with_extra_blocked(["Unknown", " "])
    with pytest.raises(DomainError) as caught:
        custom.parse(IdentifierType.EXTERNAL_ID, "unknown", "add[0].")
    assert caught.value.reason is Reason.BLOCKED_VALUE
    assert policy.parse(IdentifierType.EXTERNAL_ID, "unknown", "add[0].").value == "unknown"
    assert custom.parse(IdentifierType.EXTERNAL_ID, "known", "x.") == IdentifierValue(
        IdentifierType.EXTERNAL_ID, "known"
    )


@pytest.mark.parametrize("raw_type", [0, 14, 99, -1])
def test_unknown_types_are_invalid_arguments(raw_type: int) -> None:
    error = refusal(raw_type, "abc")
    assert error.reason is Reason.INVALID_ARGUMENT
    assert error.field == "add[0].type"


def test_multi_account_sources_need_an_account() -> None:
    for source in (Source.WECHAT, Source.FACEBOOK, Source.LINE, Source.MOBILE_APP, Source.WEB_ENGAGE):
        assert parse_scope(source, " acc-1 ") == Scope(source, "acc-1")
        with pytest.raises(DomainError) as caught:
            parse_scope(source, "  ")
        assert caught.value.reason is Reason.ACCOUNT_ID_REQUIRED


def test_single_account_sources_refuse_an_account() -> None:
    single = set(Source) - {Source.WECHAT, Source.FACEBOOK, Source.LINE, Source.MOBILE_APP, Source.WEB_ENGAGE}
    assert len(single) == 7
    for source in single:
        assert parse_scope(source, "") == Scope(source, "")
        with pytest.raises(DomainError) as caught:
            parse_scope(source, "acc")
        assert caught.value.reason is Reason.ACCOUNT_ID_NOT_ALLOWED


@pytest.mark.parametrize("raw_source", [0, 13, 1000])
def test_unknown_sources_are_invalid(raw_source: int) -> None:
    with pytest.raises(DomainError) as caught:
        parse_scope(raw_source, "")
    assert (caught.value.reason, caught.value.field) == (Reason.INVALID_ARGUMENT, "source")


def test_account_id_is_bounded() -> None:
    with pytest.raises(DomainError) as caught:
        parse_scope(Source.WECHAT, "a" * 129)
    assert caught.value.reason is Reason.INVALID_ARGUMENT
