"""The domain's enums name and number their values as the proto does; errors list those names."""

from __future__ import annotations

from enum import IntEnum

import pytest

from loyalty_identity.api.protos import resources_pb
from loyalty_identity.domain import cards, enums, identifiers, model, scopes
from loyalty_identity.domain.errors import DomainError, Reason

DOMAIN_ENUMS: list[type[IntEnum]] = [
    scopes.Source,
    identifiers.IdentifierType,
    model.CustomerState,
    model.CardStatus,
    cards.CardType,
    cards.CardNumberMethod,
]


@pytest.mark.parametrize("kind", DOMAIN_ENUMS, ids=lambda k: k.__name__)
def test_domain_enums_match_the_proto_names_and_numbers(kind: type[IntEnum]) -> None:
    proto = resources_pb.DESCRIPTOR.enum_types_by_name[kind.__name__]
    expected = {v.name: v.number for v in proto.values if v.number != 0}
    assert {enums.proto_name(m): int(m) for m in kind} == expected
    assert proto.values_by_number[0].name == f"{enums.proto_prefix(kind)}_UNSPECIFIED"


def refusal(kind: type[IntEnum], raw: int, field: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        enums.parse_enum(kind, raw, field)
    assert (caught.value.reason, caught.value.field) == (Reason.INVALID_ARGUMENT, field)
    return caught.value


def test_missing_and_unknown_values_say_which_and_list_the_accepted_names() -> None:
    missing = refusal(scopes.Source, 0, "profiles[0].source")
    assert missing.message.startswith("profiles[0].source: missing source (unset or SOURCE_UNSPECIFIED); accepted: ")
    assert "SOURCE_INSTORE, SOURCE_WECHAT, " in missing.message and "SOURCE_MOBILE_APP" in missing.message
    unknown = refusal(cards.CardNumberMethod, 99, "series.format.method")
    assert unknown.message == (
        "series.format.method: unknown card number method 99; "
        "accepted: CARD_NUMBER_METHOD_SEQUENTIAL, CARD_NUMBER_METHOD_RANDOM"
    )
    assert (
        "unknown identifier type -3; accepted: IDENTIFIER_TYPE_MOBILE, "
        in refusal(identifiers.IdentifierType, -3, "add[1].type").message
    )
    assert enums.parse_enum(model.CardStatus, 3, "status") is model.CardStatus.ACTIVE
