"""What an erasure leaves of the records it does not delete (domain/erasure.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from loyalty_identity.domain.erasure import ERASED_TEXT, Erasure, tombstone, tombstoned
from loyalty_identity.domain.events import CardChanged, CustomerCreated, CustomersMerged, IdentifiersChanged
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import CardStatus, Merge, Profile, ScopedIdentifier
from loyalty_identity.domain.scopes import Scope, Source

NOW = datetime(2026, 12, 1, tzinfo=UTC)
INSTORE, TMALL = Scope(Source.INSTORE, ""), Scope(Source.TMALL, "")
MOBILE = IdentifierValue(IdentifierType.MOBILE, "8613800138000")
OLD = IdentifierValue(IdentifierType.EMAIL, "old@example.com")  # held once, removed before the erasure
OTHER = IdentifierValue(IdentifierType.EMAIL, "bo@example.com")  # someone else's
ERASURE = Erasure(frozenset({"customers/ann", "customers/wx"}), frozenset({MOBILE}))


def erased(ident: IdentifierValue) -> IdentifierValue:
    return IdentifierValue(ident.type, "")


def test_events_of_the_erased_alone_lose_every_value_others_only_the_erased_ones() -> None:
    own = IdentifiersChanged("customers/ann", [ScopedIdentifier(INSTORE, MOBILE)], [ScopedIdentifier(TMALL, OLD)])
    assert ERASURE.change(own) == IdentifiersChanged(
        "customers/ann", [ScopedIdentifier(INSTORE, erased(MOBILE))], [ScopedIdentifier(TMALL, erased(OLD))]
    )
    shared = CustomersMerged(
        "merges/m",
        "customers/bo",
        "customers/ann",
        [ScopedIdentifier(TMALL, OTHER), ScopedIdentifier(INSTORE, MOBILE)],
        [],
        [],
        ScopedIdentifier(INSTORE, MOBILE),
    )
    kept = ERASURE.change(shared)
    assert isinstance(kept, CustomersMerged)
    assert kept.moved_identifiers == [ScopedIdentifier(TMALL, OTHER), ScopedIdentifier(INSTORE, erased(MOBILE))]
    assert kept.trigger == ScopedIdentifier(INSTORE, erased(MOBILE))
    bystander = CustomerCreated("customers/bo", [ScopedIdentifier(TMALL, OTHER)])
    assert ERASURE.change(bystander) == bystander


def test_card_reasons_quoting_an_erased_value_and_merge_records_of_the_erased() -> None:
    card = CardChanged(
        "C1",
        "s",
        CardStatus.SUSPENDED,
        "LOST",
        "customers/ann",
        "customers/ann",
        CardStatus.ACTIVE,
        "lost, call 8613800138000",
    )
    assert ERASURE.change(card) == CardChanged(
        "C1", "s", CardStatus.SUSPENDED, "LOST", "customers/ann", "customers/ann", CardStatus.ACTIVE, ERASED_TEXT
    )
    merge = Merge("merges/m", "customers/wx", "customers/ann", TMALL, OLD, "", NOW, [Profile(TMALL, [OLD], NOW)])
    kept = ERASURE.merge(merge)
    assert (kept.victim, kept.survivor, kept.trigger, kept.moved_profiles[0].identifiers) == (
        "customers/wx",
        "customers/ann",
        erased(OLD),
        [erased(OLD)],
    )


def test_a_tombstone_names_the_erased_customer() -> None:
    assert tombstoned(tombstone("customers/ann")) == "customers/ann"
    assert tombstoned(b"\n\x05hello") is None
