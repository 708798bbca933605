"""What an erasure leaves of the records it does not delete (domain/erasure.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from loyalty_identity.domain.erasure import ERASED_TEXT, Erasure, Provenance, tombstone, tombstoned
from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomerErased,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import CardStatus, Merge, Profile, ScopedIdentifier
from loyalty_identity.domain.replay import replay
from loyalty_identity.domain.scopes import Scope, Source

NOW = datetime(2026, 12, 1, tzinfo=UTC)
INSTORE, TMALL, JD = Scope(Source.INSTORE, ""), Scope(Source.TMALL, ""), Scope(Source.JD, "")
MOBILE = IdentifierValue(IdentifierType.MOBILE, "8613800138000")
E1 = IdentifierValue(IdentifierType.EMAIL, "e1@example.com")
E2 = IdentifierValue(IdentifierType.EMAIL, "e2@example.com")
V, S, X = "customers/v", "customers/s", "customers/x"


def at(scope: Scope, ident: IdentifierValue) -> ScopedIdentifier:
    return ScopedIdentifier(scope, ident)


def gone(scope: Scope, ident: IdentifierValue) -> ScopedIdentifier:
    return ScopedIdentifier(scope, IdentifierValue(ident.type, ""))


# The sequence: V = {INSTORE MOBILE, EMAIL e1}, S = {TMALL EMAIL e2};
# V merged into S, unmerged, V removes its mobile.
HISTORY: list[Change] = [
    CustomerCreated(V, [at(INSTORE, MOBILE), at(INSTORE, E1)]),
    CustomerCreated(S, [at(TMALL, E2)]),
    CustomersMerged("merges/m", V, S, [at(INSTORE, MOBILE), at(INSTORE, E1)], [], [], None),
    CustomersUnmerged("merges/m", V, S, [at(INSTORE, MOBILE), at(INSTORE, E1)], [], [], []),
    IdentifiersChanged(V, removed=[at(INSTORE, MOBILE)]),
]


def test_provenance_follows_identifiers_through_merges_and_unmerges() -> None:
    provenance = Provenance()
    origins = [provenance.apply(change) for change in HISTORY]
    assert origins[2] == {"moved_identifiers": [V, V], "trigger": []}
    assert origins[3] == {"restored_identifiers": [V, V], "removed_identifiers": []}
    assert origins[4] == {"removed": [V], "added": []}


def test_a_value_removed_before_the_erasure_goes_everywhere_it_was_copied_and_the_feed_still_replays() -> None:
    kept = Erasure(frozenset({V})).events(HISTORY)
    assert kept[0] == CustomerCreated(V, [gone(INSTORE, MOBILE), gone(INSTORE, E1)])
    assert kept[1] == HISTORY[1]  # S's own, alive
    assert kept[2] == CustomersMerged("merges/m", V, S, [gone(INSTORE, MOBILE), gone(INSTORE, E1)], [], [], None)
    assert kept[3] == CustomersUnmerged("merges/m", V, S, [gone(INSTORE, MOBILE), gone(INSTORE, E1)], [], [], [])
    assert kept[4] == IdentifiersChanged(V, removed=[gone(INSTORE, MOBILE)])
    state = replay([*kept, CustomerErased(V, [])])
    assert state.problems == []
    assert state.holdings() == {S: {at(TMALL, E2)}}


def test_a_second_erasure_takes_what_the_first_left_and_repeating_one_changes_nothing() -> None:
    first = Erasure(frozenset({V})).events(HISTORY)
    second = Erasure(frozenset({S})).events([*first, CustomerErased(V, [])])
    assert second[1] == CustomerCreated(S, [gone(TMALL, E2)])
    assert "@" not in repr(second) and MOBILE.value not in repr(second)
    assert replay([*second, CustomerErased(S, [])]).problems == []
    assert Erasure(frozenset({V, S})).events(second) == second


def test_a_live_customers_values_stay_in_the_records_that_also_name_the_erased() -> None:
    # V was merged into X and unmerged; X is erased: V, alive, keeps what it brought.
    history: list[Change] = [
        CustomerCreated(V, [at(INSTORE, E1)]),
        CustomerCreated(X, [at(TMALL, E2)]),
        CustomersMerged("merges/m", V, X, [at(INSTORE, E1)], [], [], None),
        CustomersUnmerged("merges/m", V, X, [at(INSTORE, E1)], [], [], []),
    ]
    kept = Erasure(frozenset({X})).events(history)
    assert kept[0] == history[0] and kept[2] == history[2] and kept[3] == history[3]
    assert kept[1] == CustomerCreated(X, [gone(TMALL, E2)])


def test_what_a_merging_request_added_is_the_survivors() -> None:
    # V adds S's e2 in INSTORE: V merges into S, which gets it there; the unmerge takes it away.
    history: list[Change] = [
        CustomerCreated(V, [at(INSTORE, MOBILE)]),
        CustomerCreated(S, [at(TMALL, E2)]),
        CustomersMerged("merges/m", V, S, [at(INSTORE, MOBILE)], [], [], at(INSTORE, E2)),
        IdentifiersChanged(S, added=[at(INSTORE, E2)]),
        CustomersUnmerged("merges/m", V, S, [at(INSTORE, MOBILE)], [at(INSTORE, E2)], [], []),
    ]
    of_v = Erasure(frozenset({V})).events(history)
    assert of_v[2] == CustomersMerged("merges/m", V, S, [gone(INSTORE, MOBILE)], [], [], at(INSTORE, E2))
    assert of_v[4] == CustomersUnmerged("merges/m", V, S, [gone(INSTORE, MOBILE)], [at(INSTORE, E2)], [], [])
    of_s = Erasure(frozenset({S})).events(history)
    assert of_s[2] == CustomersMerged("merges/m", V, S, [at(INSTORE, MOBILE)], [], [], gone(INSTORE, E2))
    assert of_s[3] == IdentifiersChanged(S, added=[gone(INSTORE, E2)])
    assert of_s[4] == CustomersUnmerged("merges/m", V, S, [at(INSTORE, MOBILE)], [gone(INSTORE, E2)], [], [])
    for kept in (of_v, of_s):
        assert replay(kept).problems == []


def test_merge_records_follow_the_events_and_without_them_the_victim_owns_what_it_brought() -> None:
    merge = Merge("merges/m", V, S, INSTORE, E2, "", NOW, [Profile(INSTORE, [MOBILE], NOW)])
    of_v = Erasure(frozenset({V}))
    assert of_v.merge(merge).moved_profiles[0].identifiers == [IdentifierValue(MOBILE.type, "")]
    assert of_v.merge(merge).trigger == E2  # the survivor's value
    of_s = Erasure(frozenset({S}))
    assert of_s.merge(merge).moved_profiles[0].identifiers == [MOBILE]
    assert of_s.merge(merge).trigger == IdentifierValue(E2.type, "")
    # The events tell that what V brought came from W, which is alive: it stays.
    w = "customers/w"
    taught = Erasure(frozenset({V}))
    taught.events(
        [
            CustomerCreated(w, [at(INSTORE, MOBILE)]),
            CustomersMerged("merges/m", w, V, [at(INSTORE, MOBILE)], [], [], None),
        ]
    )
    assert taught.merge(merge).moved_profiles[0].identifiers == [MOBILE]


def test_card_reasons_of_the_erased_quoting_an_erased_value() -> None:
    card = CardChanged("C1", "s", CardStatus.SUSPENDED, "LOST", V, V, CardStatus.ACTIVE, f"lost, call {MOBILE.value}")
    kept = Erasure(frozenset({V})).events([CustomerCreated(V, [at(INSTORE, MOBILE)]), card])
    assert kept[1] == CardChanged("C1", "s", CardStatus.SUSPENDED, "LOST", V, V, CardStatus.ACTIVE, ERASED_TEXT)
    seeded = Erasure(frozenset({V}), {MOBILE.value})  # what the customer holds, its history purged
    assert seeded.text(f"call {MOBILE.value}") == ERASED_TEXT
    assert seeded.text("lost at the till") == "lost at the till"


def test_a_tombstone_names_the_erased_customer() -> None:
    assert tombstoned(tombstone("customers/ann")) == "customers/ann"
    assert tombstoned(b"\n\x05hello") is None
