"""The card rules (RULES 2.6) in memory: number formats, Luhn, expiry and status transitions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from loyalty_identity.domain.cards import (
    CardNumberMethod,
    CardType,
    NumberFormat,
    SeriesSpec,
    check_transition,
    effective_status,
    expire_time,
    luhn_digit,
    parse_format,
    parse_series,
)
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.model import CardStatus

NOW = datetime(2026, 12, 1, tzinfo=UTC)
SEQUENTIAL, RANDOM = CardNumberMethod.SEQUENTIAL, CardNumberMethod.RANDOM
NOT_ISSUED, ISSUED, ACTIVE, SUSPENDED, EXPIRED, DELETED = CardStatus


def refusal(call: Callable[[], object]) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def passes_luhn(number: str) -> bool:
    """The Luhn test as the card schemes state it, written apart from luhn_digit to check it."""
    digits = [int(ch) for ch in reversed(number)]
    doubled = [sum(divmod(2 * d, 10)) for d in digits[1::2]]
    return (sum(digits[0::2]) + sum(doubled)) % 10 == 0


# Luhn ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "check"),
    [
        ("7992739871", "3"),  # the textbook example: 79927398713
        ("411111111111111", "1"),  # the Visa test card 4111 1111 1111 1111
        ("453201511283036", "6"),  # 4532 0151 1283 0366
        ("0", "0"),
        ("1", "8"),
        ("", "0"),
    ],
)
def test_luhn_digit_gives_the_known_check_digit(digits: str, check: str) -> None:
    assert luhn_digit(digits) == check
    assert passes_luhn(digits + check)


def test_only_the_right_check_digit_passes() -> None:
    assert [d for d in "0123456789" if passes_luhn("7992739871" + d)] == ["3"]


# Number formats -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "body_length"),
    [
        (NumberFormat("GD", "", 10, SEQUENTIAL, False), 8),
        (NumberFormat("", "", 5, RANDOM, False), 5),
        (NumberFormat("60", "X", 10, SEQUENTIAL, True), 6),  # prefix, suffix and the check digit left out
        (NumberFormat("9", "Z", 8, SEQUENTIAL, True), 5),
    ],
)
def test_body_length_and_capacity(fmt: NumberFormat, body_length: int) -> None:
    assert fmt.body_length == body_length
    assert fmt.capacity == 10**body_length


@pytest.mark.parametrize(
    ("fmt", "value", "number"),
    [
        (NumberFormat("GD", "", 10, SEQUENTIAL, False), 42, "GD00000042"),
        (NumberFormat("", "", 5, SEQUENTIAL, False), 0, "00000"),
        (NumberFormat("", "", 5, SEQUENTIAL, False), 99_999, "99999"),
        (NumberFormat("A", "ZZ", 7, SEQUENTIAL, False), 12, "A0012ZZ"),
        (NumberFormat("60", "", 8, SEQUENTIAL, True), 123, "60001237"),  # 600012 3 + its check digit 7
        (NumberFormat("9", "Z", 8, SEQUENTIAL, True), 7, "9000076Z"),  # the check digit before the suffix
    ],
)
def test_render_pads_the_body_and_places_the_check_digit(fmt: NumberFormat, value: int, number: str) -> None:
    assert fmt.render(value) == number
    assert len(number) == fmt.length
    fmt.check(number, "number")  # what is rendered fits its own format


@pytest.mark.parametrize("fmt", [NumberFormat("", "", 9, RANDOM, True), NumberFormat("60", "X", 12, SEQUENTIAL, True)])
def test_rendered_numbers_pass_the_luhn_test(fmt: NumberFormat) -> None:
    suffix = len(fmt.suffix)
    for value in [0, 1, 9, 10, 4711, 12_345, fmt.capacity - 1]:
        number = fmt.render(value)
        assert passes_luhn(number[: len(number) - suffix]), number
        fmt.check(number, "number")
    for _ in range(50):
        number = fmt.random_number()
        assert passes_luhn(number[: len(number) - suffix]), number
        fmt.check(number, "number")


LUHN = NumberFormat("60", "X", 10, SEQUENTIAL, True)  # 60, 6 digits, the check digit, X: 600000012X


@pytest.mark.parametrize(
    ("fmt", "number", "why"),
    [
        (NumberFormat("GD", "", 10, SEQUENTIAL, False), "GD0000001", "it must have 10 characters"),
        (NumberFormat("GD", "", 10, SEQUENTIAL, False), "GD000000001", "it must have 10 characters"),
        (NumberFormat("GD", "", 10, SEQUENTIAL, False), "GD000-0001", "only letters and digits are allowed"),
        (NumberFormat("GD", "", 10, SEQUENTIAL, False), "gd00000001", "only letters and digits are allowed"),
        (NumberFormat("GD", "", 10, SEQUENTIAL, False), "GX00000001", "it must start with 'GD' and end with ''"),
        (NumberFormat("", "Z", 6, SEQUENTIAL, False), "00001Y", "it must start with '' and end with 'Z'"),
        (LUHN, "600000013X", "its Luhn check digit is wrong"),
        (LUHN, "600A0001DX", "its Luhn check digit is wrong"),  # letters where the digits go
    ],
)
def test_check_refuses_numbers_that_do_not_fit(fmt: NumberFormat, number: str, why: str) -> None:
    error = refusal(lambda: fmt.check(number, "add[2].value"))
    assert (error.reason, error.field) == (Reason.CARD_NUMBER_FORMAT, "add[2].value")
    assert error.message == f"add[2].value: the number does not fit the series: {why}"


def test_check_accepts_the_right_luhn_digit_only() -> None:
    LUHN.check("600000012X", "number")  # 60000001 and its check digit 2
    for digit in "013456789":
        error = refusal(partial(LUHN.check, f"60000001{digit}X", "number"))
        assert (error.reason, error.field) == (Reason.CARD_NUMBER_FORMAT, "number")


# Validating a series --------------------------------------------------------


def test_parse_format_trims_and_upper_cases() -> None:
    assert parse_format(" gd ", "x", 10, SEQUENTIAL, False) == NumberFormat("GD", "X", 10, SEQUENTIAL, False)
    assert parse_format("60", "", 10, RANDOM, True) == NumberFormat("60", "", 10, RANDOM, True)
    assert parse_format("", "", 5, SEQUENTIAL, True).body_length == 4  # Luhn without a prefix
    assert parse_format("", "", 150, SEQUENTIAL, False).length == 150


@pytest.mark.parametrize(
    ("prefix", "suffix", "length", "method", "luhn", "field"),
    [
        ("G-D", "", 10, SEQUENTIAL, False, "series.format.prefix"),
        ("GD", "x y", 10, SEQUENTIAL, False, "series.format.suffix"),
        ("", "", 4, SEQUENTIAL, False, "series.format.length"),
        ("", "", 151, SEQUENTIAL, False, "series.format.length"),
        ("", "", 10, 0, False, "series.format.method"),  # unset
        ("", "", 10, 3, False, "series.format.method"),  # unknown
        ("GD", "", 10, SEQUENTIAL, True, "series.format.prefix"),  # Luhn needs an all-digit prefix
        ("ABC", "DE", 5, SEQUENTIAL, False, "series.format.length"),  # no room for the body
        ("123", "4", 5, SEQUENTIAL, True, "series.format.length"),  # nor with the check digit
    ],
)
def test_parse_format_refuses(prefix: str, suffix: str, length: int, method: int, luhn: bool, field: str) -> None:
    error = refusal(lambda: parse_format(prefix, suffix, length, method, luhn))
    assert (error.reason, error.field) == (Reason.INVALID_ARGUMENT, field)


FORMAT = NumberFormat("GD", "", 10, SEQUENTIAL, False)


def test_parse_series_trims_and_keeps_the_rest() -> None:
    assert parse_series(" GOLD.1 ", " Gold ", CardType.DIGITAL, FORMAT, 0, 36_500) == SeriesSpec(
        "GOLD.1", "Gold", CardType.DIGITAL, FORMAT, 0, 36_500
    )
    assert parse_series("g", "G", CardType.PHYSICAL, FORMAT, 3, 0).expiry_days == 0  # 0: never expires


@pytest.mark.parametrize(
    ("code", "name", "card_type", "max_active", "expiry_days", "field"),
    [
        ("", "Gold", CardType.PHYSICAL, 1, 0, "series.code"),
        ("-GOLD", "Gold", CardType.PHYSICAL, 1, 0, "series.code"),  # starts alphanumeric
        ("GO LD", "Gold", CardType.PHYSICAL, 1, 0, "series.code"),
        ("G" * 65, "Gold", CardType.PHYSICAL, 1, 0, "series.code"),
        ("GOLD", " ", CardType.PHYSICAL, 1, 0, "series.name"),
        ("GOLD", "G" * 129, CardType.PHYSICAL, 1, 0, "series.name"),
        ("GOLD", "Go\x00ld", CardType.PHYSICAL, 1, 0, "series.name"),
        ("GOLD", "Gold", 0, 1, 0, "series.type"),
        ("GOLD", "Gold", 3, 1, 0, "series.type"),
        ("GOLD", "Gold", CardType.PHYSICAL, -1, 0, "series.max_active_cards_per_customer"),
        ("GOLD", "Gold", CardType.PHYSICAL, 1, -1, "series.expiry_days"),
        ("GOLD", "Gold", CardType.PHYSICAL, 1, 36_501, "series.expiry_days"),
    ],
)
def test_parse_series_refuses(
    code: str, name: str, card_type: int, max_active: int, expiry_days: int, field: str
) -> None:
    error = refusal(lambda: parse_series(code, name, card_type, FORMAT, max_active, expiry_days))
    assert (error.reason, error.field) == (Reason.INVALID_ARGUMENT, field)


# Expiry ---------------------------------------------------------------------


def test_expire_time() -> None:
    assert expire_time(NOW, 0) is None  # never
    assert expire_time(NOW, 30) == NOW + timedelta(days=30)


@pytest.mark.parametrize("status", [ISSUED, ACTIVE, SUSPENDED])
def test_a_live_card_past_its_expiry_reads_expired(status: CardStatus) -> None:
    assert effective_status(status, NOW - timedelta(seconds=1), NOW) is EXPIRED
    assert effective_status(status, NOW, NOW) is EXPIRED  # expiry is the first instant it is expired
    assert effective_status(status, NOW + timedelta(seconds=1), NOW) is status
    assert effective_status(status, None, NOW) is status  # a series without expiry


@pytest.mark.parametrize("status", [NOT_ISSUED, EXPIRED, DELETED])
def test_expiry_leaves_stock_expired_and_deleted_cards_as_they_are(status: CardStatus) -> None:
    assert effective_status(status, NOW - timedelta(days=1), NOW) is status
    assert effective_status(status, None, NOW) is status


# Status transitions (UpdateCardStatus) ----------------------------------------

ALLOWED = {
    NOT_ISSUED: set(),  # a card in stock changes status only by IssueCard
    ISSUED: {ISSUED, ACTIVE, SUSPENDED, EXPIRED, DELETED},
    ACTIVE: {ISSUED, ACTIVE, SUSPENDED, EXPIRED, DELETED},
    SUSPENDED: {ISSUED, ACTIVE, SUSPENDED, EXPIRED, DELETED},
    EXPIRED: {ISSUED, ACTIVE, SUSPENDED, EXPIRED},  # an expired card cannot be deleted
    DELETED: set(),  # final
}  # and no card goes back to stock (NOT_ISSUED) but by UnlinkCard
PAIRS = [(current, target) for current in CardStatus for target in CardStatus]


def test_the_table_states_every_rule() -> None:
    assert set(ALLOWED) == set(CardStatus)
    assert not any(NOT_ISSUED in targets for targets in ALLOWED.values())
    assert sum(len(targets) for targets in ALLOWED.values()) == 19  # of 36 pairs


@pytest.mark.parametrize(
    ("current", "target"),
    [pair for pair in PAIRS if pair[1] in ALLOWED[pair[0]]],
    ids=lambda status: status.name,
)
def test_allowed_transition(current: CardStatus, target: CardStatus) -> None:
    check_transition("GD00000001", current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [pair for pair in PAIRS if pair[1] not in ALLOWED[pair[0]]],
    ids=lambda status: status.name,
)
def test_refused_transition(current: CardStatus, target: CardStatus) -> None:
    error = refusal(lambda: check_transition("GD00000001", current, target))
    assert error.reason is Reason.INVALID_STATUS_TRANSITION
    assert error.metadata == {"number": "GD00000001", "from_status": current.name, "to_status": target.name}
    assert error.message.startswith("card GD00000001: ")
