"""Masked values keep little; the feed replay rebuilds holdings and notices impossible events."""

from __future__ import annotations

import pytest

from loyalty_identity.domain.events import (
    CardChanged,
    CustomerCreated,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.masking import mask
from loyalty_identity.domain.model import CardStatus, ScopedIdentifier
from loyalty_identity.domain.replay import replay
from loyalty_identity.domain.scopes import Scope, Source


@pytest.mark.parametrize(
    ("type_name", "value", "masked"),
    [
        ("MOBILE", "8613800138000", "86138****8000"),
        ("MOBILE", "12345678", "12****78"),
        ("EMAIL", "ann.lee@example.com", "a****@example.com"),
        ("WECHAT", "oAnn42xyz", "oA****yz"),
        ("EXTERNAL_ID", "short", "****"),
        ("CARD_NUMBER", "880000000005", "88****05"),
        ("EMAIL", "", ""),
    ],
)
def test_mask(type_name: str, value: str, masked: str) -> None:
    assert mask(type_name, value) == masked


def at(source: Source, kind: IdentifierType, value: str) -> ScopedIdentifier:
    return ScopedIdentifier(Scope(source, ""), IdentifierValue(kind, value))


MOBILE = at(Source.INSTORE, IdentifierType.MOBILE, "8613800138000")
EMAIL = at(Source.TMALL, IdentifierType.EMAIL, "ann@example.com")
TRIGGER = at(Source.TMALL, IdentifierType.MOBILE, "8613800138000")


def test_replay_follows_merges_and_unmerges() -> None:
    state = replay(
        [
            CustomerCreated("customers/a", [MOBILE]),
            CustomerCreated("customers/b", [EMAIL]),
            CardChanged("C1", "s", CardStatus.ACTIVE, "ACTIVE", "customers/b", "", CardStatus.NOT_ISSUED, "issued"),
            CustomersMerged("merges/m", "customers/b", "customers/a", [EMAIL], ["C1"], [], TRIGGER),
            IdentifiersChanged("customers/a", added=[TRIGGER]),
        ]
    )
    assert state.holdings() == {"customers/a": {MOBILE, EMAIL, TRIGGER}}
    assert state.cards == {"C1": "customers/a"} and state.problems == []

    state.apply(CustomersUnmerged("merges/m", "customers/b", "customers/a", [EMAIL], [TRIGGER], ["C1"], []))
    assert state.holdings() == {"customers/a": {MOBILE}, "customers/b": {EMAIL}}
    assert state.cards == {"C1": "customers/b"} and state.problems == []


def test_replay_reports_events_that_cannot_be() -> None:
    state = replay(
        [
            CustomerCreated("customers/a", [MOBILE]),
            IdentifiersChanged("customers/a", removed=[EMAIL]),
            CustomersMerged("merges/m", "customers/x", "customers/a", [EMAIL], [], [], None),
        ]
    )
    assert len(state.problems) == 2
