"""UnmergeCustomers: exact undo or UNMERGE_CONFLICT, and MERGE_BLOCKED afterwards."""

from __future__ import annotations

import uuid

from grpc import StatusCode as Code

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.store import invariants
from tests.e2e.test_cards import new_series
from tests.helpers import (
    EMAIL,
    EXTERNAL_ID,
    INSTORE,
    MOBILE,
    TMALL,
    WECHAT,
    create,
    expect_error,
    ident,
    profile,
    unique_email,
    unique_mobile,
    update,
)


def holdings(customer: r.Customer) -> set[tuple[int, str, int, str]]:
    return {(p.source, p.account_id, i.type, i.value) for p in customer.profiles for i in p.identifiers}


def get(stub, name: str) -> r.Customer:
    return stub.GetCustomer(pb.GetCustomerRequest(name=name)).customer


def unmerge(stub, merge: str, **kwargs) -> pb.UnmergeCustomersResponse:
    return stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge, **kwargs))


def automatic_merge(stub):
    """Ann (in store, mobile) and a Tmall account that turns out to be hers (the mobile proves it)."""
    mobile, email = unique_mobile(), unique_email()
    survivor = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(stub, profile(TMALL, ident(EMAIL, email), ident(EXTERNAL_ID, f"t-{uuid.uuid4().hex[:8]}")))
    before = (holdings(survivor), holdings(victim))
    merged = update(stub, victim.name, TMALL, add=[ident(MOBILE, mobile)])
    [merge] = merged.merges
    return survivor, victim, merge, before


def test_unmerge_restores_exactly_what_the_victim_brought(stub, server) -> None:
    survivor, victim, merge, (survivor_had, victim_had) = automatic_merge(stub)
    assert holdings(get(stub, victim.name)) == survivor_had | victim_had | {(TMALL, "", MOBILE, merge.trigger.value)}

    done = unmerge(stub, merge.name)

    assert done.victim.name == victim.name
    assert done.victim.state == r.CUSTOMER_STATE_ACTIVE and not done.victim.survivor
    assert holdings(done.victim) == victim_had  # the trigger is gone again
    assert done.survivor.name == survivor.name and holdings(done.survivor) == survivor_had
    assert victim.name not in done.survivor.merged_customers
    assert done.merge.name == merge.name and done.merge.HasField("unmerge_time")
    assert get(stub, victim.name) == done.victim  # no longer answered by the survivor
    listed = stub.ListMerges(pb.ListMergesRequest(customer=survivor.name)).merges
    assert [(m.name, m.HasField("unmerge_time")) for m in listed] == [(merge.name, True)]
    lookup = stub.LookupCustomer(
        pb.LookupCustomerRequest(source=TMALL, identifier=ident(EMAIL, sorted(victim_had)[0][3]))
    ).customer
    assert lookup.name == victim.name
    assert invariants.check(server.database.db) == []


def test_unmerged_pair_is_not_merged_automatically_again_until_an_explicit_merge(stub, db_rows) -> None:
    survivor, victim, merge, _ = automatic_merge(stub)
    unmerge(stub, merge.name)
    before = db_rows()

    error = expect_error(
        lambda: update(stub, victim.name, TMALL, add=[ident(MOBILE, merge.trigger.value)]),
        Code.FAILED_PRECONDITION,
        "MERGE_BLOCKED",
    )
    assert error.metadata == {"victim": victim.name, "survivor": survivor.name}
    assert db_rows() == before

    explicit = stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)).merge
    unmerge(stub, explicit.name)  # blocked again afterwards...
    expect_error(
        lambda: update(stub, victim.name, TMALL, add=[ident(MOBILE, merge.trigger.value)]),
        Code.FAILED_PRECONDITION,
        "MERGE_BLOCKED",
    )
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name))
    assert get(stub, victim.name).name == survivor.name


def test_later_merges_of_the_survivor_do_not_prevent_the_unmerge(stub, server) -> None:
    survivor, _victim, merge, (survivor_had, victim_had) = automatic_merge(stub)
    third = create(stub, profile(WECHAT, ident(EMAIL, unique_email()), account_id="wx-1"))
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=survivor.name, survivor=third.name))

    done = unmerge(stub, merge.name)

    assert holdings(done.victim) == victim_had
    assert done.survivor.name == third.name  # whoever holds the victim's things now gives them back
    assert holdings(done.survivor) == survivor_had | holdings(third)
    assert invariants.check(server.database.db) == []


def test_a_changed_identifier_blocks_the_unmerge_and_nothing_is_written(stub, db_rows) -> None:
    survivor, _victim, merge, (_, victim_had) = automatic_merge(stub)
    email = next(value for _, _, kind, value in victim_had if kind == EMAIL)
    update(stub, survivor.name, TMALL, remove=[ident(EMAIL, email)])
    before = db_rows()

    error = expect_error(lambda: unmerge(stub, merge.name), Code.FAILED_PRECONDITION, "UNMERGE_CONFLICT")

    assert error.metadata["blocker"] == "identifier_changed"
    assert (error.metadata["scope"], error.metadata["identifier_type"]) == ("TMALL", "EMAIL")
    assert error.metadata["merge"] == merge.name
    assert db_rows() == before


def test_an_identifier_added_to_a_brought_profile_blocks_the_unmerge(stub, db_rows) -> None:
    survivor, _victim, merge, _ = automatic_merge(stub)
    update(stub, survivor.name, TMALL, add=[ident(r.IDENTIFIER_TYPE_WECHAT, "o-" + uuid.uuid4().hex)])
    before = db_rows()

    error = expect_error(lambda: unmerge(stub, merge.name), Code.FAILED_PRECONDITION, "UNMERGE_CONFLICT")

    assert error.metadata["blocker"] == "identifier_added"
    assert error.metadata["customer"] == survivor.name
    assert db_rows() == before


def test_cards_go_back_and_a_card_that_moved_on_blocks(stub, cards, db_rows) -> None:
    series = new_series(cards, code="UNM", prefix="U", length=8)
    mobile = unique_mobile()
    survivor = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(stub, profile(TMALL, ident(EMAIL, unique_email())))
    card = cards.IssueCard(cpb.IssueCardRequest(customer=victim.name, series_id=series.id)).card
    [merge] = update(stub, victim.name, TMALL, add=[ident(MOBILE, mobile)]).merges
    assert list(merge.moved_cards) == [card.number]

    done = unmerge(stub, merge.name, validate_only=True)  # a dry run first: nothing moves
    assert [c.number for c in done.victim.cards] == [card.number]
    assert cards.GetCard(cpb.GetCardRequest(number=card.number)).card.customer == survivor.name
    log_length = len(cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=card.number)).changes)

    done = unmerge(stub, merge.name)
    assert [c.number for c in done.victim.cards] == [card.number] and not done.survivor.cards
    assert cards.GetCard(cpb.GetCardRequest(number=card.number)).card.customer == victim.name
    log = cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=card.number)).changes
    assert len(log) == log_length + 1 and log[-1].customer == victim.name

    # Merged again, then the card leaves the survivor: that merge can no longer be undone.
    again = stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)).merge
    cards.UnlinkCard(cpb.UnlinkCardRequest(number=card.number))
    before = db_rows()
    error = expect_error(lambda: unmerge(stub, again.name), Code.FAILED_PRECONDITION, "UNMERGE_CONFLICT")
    assert (error.metadata["blocker"], error.metadata["card"]) == ("card_moved", card.number)
    assert db_rows() == before


def test_unmerge_is_idempotent_with_a_request_id_and_refused_twice_without(stub, db_rows) -> None:
    _survivor, _victim, merge, _ = automatic_merge(stub)
    request_id = str(uuid.uuid4())
    first = unmerge(stub, merge.name, request_id=request_id)
    assert unmerge(stub, merge.name, request_id=request_id) == first
    assert first.merge.unmerge_request_id == request_id
    before = db_rows()
    error = expect_error(lambda: unmerge(stub, merge.name), Code.FAILED_PRECONDITION, "UNMERGE_CONFLICT")
    assert error.metadata["blocker"] == "already_unmerged"
    assert db_rows() == before


def test_unknown_and_malformed_merges(stub) -> None:
    expect_error(lambda: unmerge(stub, f"merges/{uuid.uuid4()}"), Code.NOT_FOUND, "MERGE_NOT_FOUND")
    error = expect_error(lambda: unmerge(stub, "merge/42"), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    assert error.field == "merge"


def test_a_victim_that_emptied_itself_before_merging_cannot_be_restored_empty(stub, db_rows) -> None:
    mobile, own = unique_mobile(), unique_mobile()
    create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(stub, profile(TMALL, ident(MOBILE, own)))
    # One request removes the victim's only identifier and adds the survivor's: removal, then merge.
    [merge] = update(stub, victim.name, TMALL, remove=[ident(MOBILE, own)], add=[ident(MOBILE, mobile)]).merges
    before = db_rows()

    error = expect_error(lambda: unmerge(stub, merge.name), Code.FAILED_PRECONDITION, "UNMERGE_CONFLICT")

    assert (error.metadata["blocker"], error.metadata["customer"]) == ("victim_left_empty", victim.name)
    assert db_rows() == before


def test_a_value_the_merging_request_added_again_elsewhere_goes_away_with_it(stub, server) -> None:
    mobile, email = unique_mobile(), unique_email()
    survivor = create(stub, profile(WECHAT, ident(MOBILE, mobile), account_id="wx-1"))
    victim = create(stub, profile(TMALL, ident(EMAIL, email)))
    # The victim's own email, added in a new scope by the very request that merges.
    [merge] = update(stub, victim.name, INSTORE, add=[ident(MOBILE, mobile), ident(EMAIL, email)]).merges

    done = unmerge(stub, merge.name)

    assert holdings(done.victim) == {(TMALL, "", EMAIL, email)}
    assert holdings(done.survivor) == holdings(survivor)
    assert invariants.check(server.database.db) == []
