"""Stored refusals (domain/replies.py) and the customers a stored answer names (api/replies.py)."""

from __future__ import annotations

import uuid

import pytest

from loyalty_identity.api.errors import to_status
from loyalty_identity.api.protos import card_pb, identifier_pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.replies import customer_names
from loyalty_identity.domain.erasure import tombstone, tombstoned
from loyalty_identity.domain.errors import DomainError, Reason, invalid, not_found, refused
from loyalty_identity.domain.replies import (
    UNSTORED,
    customers_named,
    decode_refusal,
    encode_refusal,
    is_stored,
)


def name() -> str:
    return f"customers/{uuid.uuid4()}"


A, B, C = name(), name(), name()

REFUSALS = [
    refused(Reason.PROFILE_CONFLICT, f"{A} and {B} both have a profile in WECHAT/x", victim=A, survivor=B, scope="W"),
    invalid(Reason.CARD_SERIES_MISMATCH, "add[0].series_id", "card 123 belongs to series s"),
    not_found(Reason.IDENTIFIER_NOT_FOUND, "identifier", f'{A}/EMAIL/é"x@y', "remove[0]: no such", field="remove[0]"),
    refused(Reason.AMBIGUOUS_MERGE, "held by 2 different customers", customers=f"{A},{B}"),
    DomainError(Reason.INVALID_ARGUMENT, "no field, no metadata"),
    refused(Reason.CARD_ALREADY_LINKED, "card 7 is already linked to 微信 \u2028 " + C, number="7"),
]


@pytest.mark.parametrize("error", REFUSALS, ids=[e.reason.value for e in REFUSALS])
def test_a_stored_refusal_reads_back_as_the_same_error_and_the_same_status(error: DomainError) -> None:
    stored = encode_refusal(error)
    again = decode_refusal(stored)
    assert again == error and list(again.metadata) == list(error.metadata)  # its order too
    assert encode_refusal(again) == stored  # deterministic
    assert to_status(again) == to_status(error)  # byte for byte on the wire


def test_stored_answers_of_each_kind_are_told_apart() -> None:
    reply = identifier_pb.CreateCustomerResponse(customer=r.Customer(name=A)).SerializeToString(deterministic=True)
    stored = encode_refusal(REFUSALS[0])
    assert decode_refusal(reply) is None and decode_refusal(tombstone(A)) is None
    assert tombstoned(stored) is None  # a refusal is no tombstone
    assert stored[0] == 0  # field number 0: no protobuf reply starts so
    with pytest.raises(Exception):  # noqa: B017 (any decoding error)
        identifier_pb.CreateCustomerResponse.FromString(stored)


def test_transient_failures_and_request_id_reused_are_not_stored() -> None:
    for reason in Reason:
        assert is_stored(DomainError(reason, "m")) is (reason not in UNSTORED)
    assert not is_stored(DomainError(Reason.DEADLINE_EXCEEDED, "late"))
    assert not is_stored(DomainError(Reason.REQUEST_ID_REUSED, "other request"))
    assert is_stored(REFUSALS[0])


def test_a_refusal_names_the_customers_in_its_metadata_resource_and_message() -> None:
    assert customers_named(REFUSALS[0]) == {A, B}
    assert customers_named(REFUSALS[1]) == set()
    assert customers_named(REFUSALS[2]) == {A}  # from the resource name customers/A/EMAIL/value
    assert customers_named(REFUSALS[3]) == {A, B}  # a list in one metadata value
    assert customers_named(REFUSALS[5]) == {C}  # only the message says it


def test_a_reply_names_the_customers_the_contract_marks_as_names_and_no_value() -> None:
    value_spelling_a_name = name()
    reply = identifier_pb.UpdateIdentifiersResponse(
        customer=r.Customer(
            name=A,
            merged_customers=[B],
            profiles=[r.Profile(identifiers=[r.Identifier(value=value_spelling_a_name)])],
            cards=[r.Card(number="1", customer=A)],
        ),
        merges=[r.Merge(victim=B, survivor=A, repointed_customers=[C])],
        warnings=[r.Warning(code="MERGED", metadata={"victim": B, "survivor": A, "index": "0"})],
    )
    assert customer_names(reply) == {A, B, C}
    card = card_pb.UnlinkCardResponse(card=r.Card(number="2", customer=C))
    assert customer_names(card) == {C}
    assert customer_names(card_pb.GenerateCardsResponse(numbers=[A])) == set()
    assert customer_names(identifier_pb.UnmergeCustomersResponse(victim=r.Customer(name=B, survivor=""))) == {B}
