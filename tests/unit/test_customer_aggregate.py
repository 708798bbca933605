"""The Customer aggregate's rules (RULES 2.3-2.5), in memory: no database, milliseconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from loyalty_identity.domain.cards import SeriesLimit
from loyalty_identity.domain.customer import CustomerAggregate, Holders, plan_new_customer
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.events import CustomerCreated, CustomersMerged, IdentifiersChanged
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Card, CardStatus, CustomerState, Merge, ScopedIdentifier
from loyalty_identity.domain.requests import ParsedIdentifier, ParsedProfile
from loyalty_identity.domain.scopes import Scope, Source

NOW = datetime(2026, 12, 1, tzinfo=UTC)
INSTORE = Scope(Source.INSTORE, "")
TMALL = Scope(Source.TMALL, "")
WECHAT = Scope(Source.WECHAT, "wx")
MOBILE, EMAIL = IdentifierType.MOBILE, IdentifierType.EMAIL


def value(id_type: IdentifierType, text: str) -> IdentifierValue:
    return IdentifierValue(id_type, text)


def item(id_type: IdentifierType, text: str, path: str = "add[0]") -> ParsedIdentifier:
    return ParsedIdentifier(value(id_type, text), "", "", path)


def customer(scope: Scope, *items: ParsedIdentifier) -> CustomerAggregate:
    created, changes = CustomerAggregate.create([ParsedProfile(scope, list(items), "profiles[0]")], NOW)
    assert isinstance(changes[0], CustomerCreated)
    return created


def card(number: str, series_id: str = "s1", status: CardStatus = CardStatus.ACTIVE) -> Card:
    return Card(number, series_id, status, status.name, "", NOW, NOW, None)


def refused(reason: Reason) -> pytest.RaisesExc[DomainError]:
    return pytest.raises(DomainError, check=lambda error: error.reason is reason)


def test_a_new_customer_holds_its_profiles_and_says_so() -> None:
    ann = customer(INSTORE, item(MOBILE, "8613800138000"), item(EMAIL, "ann@example.com"))
    assert ann.holds(INSTORE, value(MOBILE, "8613800138000")) and ann.state is CustomerState.ACTIVE
    read = ann.to_read_model()
    assert [(p.scope, [i.value for i in p.identifiers]) for p in read.profiles] == [
        (INSTORE, ["8613800138000", "ann@example.com"])
    ]


def test_removing_what_the_profile_lacks_is_not_found_and_an_emptied_profile_goes() -> None:
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    with refused(Reason.IDENTIFIER_NOT_FOUND):
        ann.remove_identifiers(INSTORE, [item(EMAIL, "ann@example.com", "remove[0]")])
    removed = ann.remove_identifiers(INSTORE, [item(MOBILE, "8613800138000", "remove[0]")])
    assert removed == [ScopedIdentifier(INSTORE, value(MOBILE, "8613800138000"))]
    assert INSTORE not in ann.profiles
    with refused(Reason.LAST_IDENTIFIER):
        ann.require_holdings(ann.name)


def test_adds_sort_into_present_new_taken_and_merge_triggers() -> None:
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    present = ann.plan_adds(INSTORE, [item(MOBILE, "8613800138000")], Holders())
    assert present.pending == [] and [w.code for w in present.warnings] == ["ALREADY_PRESENT"]
    taken = Holders(in_scope={(INSTORE, value(EMAIL, "bo@example.com")): "bo"})
    with refused(Reason.IDENTIFIER_TAKEN):
        ann.plan_adds(INSTORE, [item(EMAIL, "bo@example.com")], taken)
    with refused(Reason.IDENTIFIER_TYPE_ALREADY_SET):
        ann.plan_adds(INSTORE, [item(MOBILE, "8613900000000")], Holders())
    elsewhere = Holders(anywhere={value(EMAIL, "bo@example.com"): "bo"})
    plan = ann.plan_adds(INSTORE, [item(EMAIL, "bo@example.com")], elsewhere)
    assert plan.survivor == "bo" and plan.trigger is not None and plan.proofs == [value(EMAIL, "bo@example.com")]
    two = Holders(anywhere={value(EMAIL, "bo@example.com"): "bo", value(IdentifierType.WECHAT, "o1"): "cy"})
    with refused(Reason.AMBIGUOUS_MERGE):
        ann.plan_adds(INSTORE, [item(EMAIL, "bo@example.com"), item(IdentifierType.WECHAT, "o1", "add[1]")], two)


def test_a_value_removed_by_the_same_request_is_free_again() -> None:
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    ann.remove_identifiers(INSTORE, [item(MOBILE, "8613800138000", "remove[0]")])
    # Read before the removal: the holder is Ann herself.
    holders = Holders(
        in_scope={(INSTORE, value(MOBILE, "8613800138000")): ann.id},
        anywhere={value(MOBILE, "8613800138000"): ann.id},
    )
    plan = ann.plan_adds(INSTORE, [item(MOBILE, "8613800138000")], holders)
    assert plan.survivor is None and len(plan.pending) == 1


def test_a_merge_moves_everything_repoints_victims_and_describes_itself() -> None:
    wx = customer(WECHAT, item(IdentifierType.WECHAT, "oAnn42"))
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    earlier = customer(TMALL, item(EMAIL, "old@example.com"))
    earlier.merge_into(wx, now=NOW, blocked=False, series={})
    wx.cards["C1"] = card("C1")
    later = NOW + timedelta(minutes=1)
    merge, event = wx.merge_into(ann, now=later, blocked=False, series={"s1": SeriesLimit("GOLD", 0)})
    assert isinstance(event, CustomersMerged)
    assert (wx.state, wx.survivor, wx.profiles, wx.cards) == (CustomerState.MERGED, ann.id, {}, {})
    assert set(ann.profiles) == {INSTORE, WECHAT, TMALL} and ann.cards["C1"].customer == ann.name
    assert ann.victims == {wx.id, earlier.id}  # no chains: the earlier victim points at Ann now
    assert event.repointed_customers == [earlier.name] == merge.repointed_customers
    assert merge.moved_cards == ["C1"] and {p.scope for p in merge.moved_profiles} == {WECHAT, TMALL}
    with refused(Reason.CUSTOMER_MERGED):
        wx.ensure_active()


def test_a_merge_is_refused_whole_on_a_shared_scope_a_card_limit_or_an_unmerge_block() -> None:
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    other = customer(INSTORE, item(EMAIL, "x@example.com"))
    with refused(Reason.PROFILE_CONFLICT):
        other.merge_into(ann, now=NOW, blocked=False, series={})
    wx = customer(WECHAT, item(IdentifierType.WECHAT, "oAnn42"))
    wx.cards["C1"] = card("C1")
    ann.cards["C2"] = card("C2")
    with refused(Reason.CARD_LIMIT_EXCEEDED):
        wx.merge_into(ann, now=NOW, blocked=False, series={"s1": SeriesLimit("GOLD", 1)})
    with refused(Reason.MERGE_BLOCKED):
        wx.merge_into(
            ann,
            now=NOW,
            blocked=True,
            series={"s1": SeriesLimit("GOLD", 0)},
            trigger_scope=WECHAT,
            trigger=value(MOBILE, "8613800138000"),
        )
    assert wx.state is CustomerState.ACTIVE and set(wx.cards) == {"C1"}  # nothing moved
    # An explicit merge (no trigger) overrules the block; expired cards do not count against limits.
    wx.cards["C1"].status = CardStatus.EXPIRED
    wx.merge_into(ann, now=NOW, blocked=True, series={"s1": SeriesLimit("GOLD", 1)})
    assert wx.survivor == ann.id


def test_create_finds_the_one_customer_its_identifiers_prove() -> None:
    profiles = [ParsedProfile(TMALL, [item(MOBILE, "8613800138000", "profiles[0].identifiers[0]")], "profiles[0]")]
    assert plan_new_customer(profiles, Holders()).survivor is None
    proved = plan_new_customer(profiles, Holders(anywhere={value(MOBILE, "8613800138000"): "ann"}))
    assert proved.survivor == "ann"
    with refused(Reason.IDENTIFIER_TAKEN):
        plan_new_customer(profiles, Holders(in_scope={(TMALL, value(MOBILE, "8613800138000")): "ann"}))
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    changes, warning = ann.combine(profiles, NOW)
    assert warning.code == "COMBINED_WITH_EXISTING" and isinstance(changes[0], IdentifiersChanged)
    assert set(ann.profiles) == {INSTORE, TMALL}


def merged_pair() -> tuple[CustomerAggregate, CustomerAggregate, Merge]:
    """Wx (WeChat openid) merged into Ann by adding Ann's mobile in its WeChat scope."""
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    wx = customer(WECHAT, item(IdentifierType.WECHAT, "oAnn42"))
    added = [ScopedIdentifier(WECHAT, value(MOBILE, "8613800138000"))]
    merge, _ = wx.merge_into(
        ann,
        now=NOW,
        blocked=False,
        series={},
        trigger_scope=WECHAT,
        trigger=value(MOBILE, "8613800138000"),
        added=added,
    )
    ann.add_identifiers(WECHAT, [item(MOBILE, "8613800138000")], NOW)
    return ann, wx, merge


def test_an_unmerge_gives_back_exactly_what_the_victim_brought() -> None:
    ann, wx, merge = merged_pair()
    event = ann.unmerge(wx, merge, value_owners={}, card_owners={}, now=NOW)
    assert wx.state is CustomerState.ACTIVE and wx.survivor == "" and wx.id not in ann.victims
    assert {s: p.values for s, p in wx.profiles.items()} == {WECHAT: {IdentifierType.WECHAT: "oAnn42"}}
    assert set(ann.profiles) == {INSTORE}  # the mobile the merging request added went with it
    assert event.removed_identifiers == [ScopedIdentifier(WECHAT, value(MOBILE, "8613800138000"))]


def test_an_unmerge_refuses_whole_when_what_was_brought_changed() -> None:
    ann, wx, merge = merged_pair()
    ann.remove_identifiers(WECHAT, [item(IdentifierType.WECHAT, "oAnn42", "remove[0]")])
    with refused(Reason.UNMERGE_CONFLICT) as caught:
        ann.unmerge(wx, merge, value_owners={}, card_owners={}, now=NOW)
    assert caught.value.metadata["blocker"] == "identifier_changed"
    assert wx.state is CustomerState.MERGED  # nothing changed
    ann, wx, merge = merged_pair()
    ann.add_identifiers(WECHAT, [item(EMAIL, "later@example.com")], NOW)
    with refused(Reason.UNMERGE_CONFLICT) as caught:
        ann.unmerge(wx, merge, value_owners={}, card_owners={}, now=NOW)
    assert caught.value.metadata["blocker"] == "identifier_added"


def test_erasing_takes_every_identifier_deletes_the_cards_and_happens_once() -> None:
    ann = customer(INSTORE, item(MOBILE, "8613800138000"))
    wx = customer(WECHAT, item(EMAIL, "ann@example.com"))
    wx.cards["C1"] = card("C1")
    wx.merge_into(ann, now=NOW, blocked=False, series={"s1": SeriesLimit("S", 0)})
    later = NOW + timedelta(hours=1)
    values, event = ann.erase(later)
    assert values == [value(MOBILE, "8613800138000"), value(EMAIL, "ann@example.com")]
    assert event is not None and (event.customer, event.erased_customers) == (ann.name, [wx.name])
    assert ann.state is CustomerState.ERASED and ann.profiles == {}
    assert [(c.number, c.status, c.status_label) for c in ann.cards.values()] == [("C1", CardStatus.DELETED, "DELETED")]
    read = ann.to_read_model()
    assert (read.profiles, read.cards, read.erase_time, read.merged_customers) == ([], [], later, [wx.name])
    assert ann.erase(later + timedelta(hours=1)) == ([], None)  # erased already: nothing, no event
    with refused(Reason.CUSTOMER_ERASED):
        ann.ensure_active()
    with refused(Reason.CUSTOMER_MERGED):
        wx.ensure_active()  # a victim's name still answers CUSTOMER_MERGED, naming the erased survivor
