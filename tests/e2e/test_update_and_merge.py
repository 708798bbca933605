"""UpdateIdentifiers and MergeCustomers: the automatic merge rules of RULES 2.5."""

from __future__ import annotations

import grpc

from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests.helpers import (
    EMAIL,
    EXTERNAL_ID,
    INSTORE,
    MOBILE,
    TMALL,
    WECHAT,
    WECHAT_ID,
    create,
    expect_error,
    ident,
    profile,
    update,
)

Code = grpc.StatusCode


def get(stub, name: str) -> r.Customer:
    return stub.GetCustomer(pb.GetCustomerRequest(name=name)).customer


def values(customer: r.Customer, source: int, account_id: str = "") -> dict[int, str]:
    for p in customer.profiles:
        if (p.source, p.account_id) == (source, account_id):
            return {i.type: i.value for i in p.identifiers}
    return {}


def test_add_creates_the_profile_of_a_new_scope(stub) -> None:
    c = create(stub, profile(INSTORE, ident(MOBILE, "8613900000001")))
    response = update(stub, c.name, WECHAT, "wx", add=[ident(WECHAT_ID, "o-1")])
    assert response.customer.name == c.name
    assert not response.merges
    assert values(response.customer, WECHAT, "wx") == {WECHAT_ID: "o-1"}


def test_adding_what_the_profile_holds_is_a_warning(stub, db_rows) -> None:
    c = create(stub, profile(INSTORE, ident(MOBILE, "8613900000002")))
    before = db_rows()
    response = update(stub, c.name, INSTORE, add=[ident(MOBILE, "+86 139 0000 0002")])
    assert [w.code for w in response.warnings] == ["ALREADY_PRESENT"]
    assert before["identifier"] == db_rows()["identifier"]


def test_identifier_of_another_customer_in_the_same_scope_is_taken_never_merged(stub, db_rows) -> None:
    holder = create(stub, profile(INSTORE, ident(MOBILE, "8613900000003")))
    c = create(stub, profile(INSTORE, ident(EMAIL, "c3@example.com")))
    before = db_rows()
    error = expect_error(
        lambda: update(stub, c.name, INSTORE, add=[ident(MOBILE, "8613900000003")]),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    assert error.metadata["customer"] == holder.name
    assert db_rows() == before


def test_one_value_per_type_per_profile(stub, db_rows) -> None:
    c = create(stub, profile(INSTORE, ident(EMAIL, "old@example.com")))
    before = db_rows()
    expect_error(
        lambda: update(stub, c.name, INSTORE, add=[ident(EMAIL, "new@example.com")]),
        Code.FAILED_PRECONDITION,
        "IDENTIFIER_TYPE_ALREADY_SET",
    )
    expect_error(
        lambda: update(stub, c.name, TMALL, add=[ident(EMAIL, "a@example.com"), ident(EMAIL, "b@example.com")]),
        Code.FAILED_PRECONDITION,
        "IDENTIFIER_TYPE_ALREADY_SET",
    )
    assert db_rows() == before
    # Changing it is a remove and an add in one request.
    changed = update(
        stub, c.name, INSTORE, add=[ident(EMAIL, "new@example.com")], remove=[ident(EMAIL, "OLD@example.com")]
    )
    assert values(changed.customer, INSTORE) == {EMAIL: "new@example.com"}


def test_removing_what_is_not_there_is_not_found(stub, db_rows) -> None:
    c = create(stub, profile(INSTORE, ident(EMAIL, "r1@example.com"), ident(MOBILE, "8613900000004")))
    before = db_rows()
    for scope, gone in [(INSTORE, ident(EMAIL, "other@example.com")), (TMALL, ident(EMAIL, "r1@example.com"))]:
        error = expect_error(
            lambda scope=scope, gone=gone: update(stub, c.name, scope, remove=[gone]),
            Code.NOT_FOUND,
            "IDENTIFIER_NOT_FOUND",
        )
        assert error.resource_infos[0].resource_type == "identifier"
    # All or nothing: a valid remove next to a bad one is undone too.
    expect_error(
        lambda: update(stub, c.name, INSTORE, remove=[ident(MOBILE, "8613900000004"), ident(EMAIL, "x@example.com")]),
        Code.NOT_FOUND,
        "IDENTIFIER_NOT_FOUND",
    )
    assert db_rows() == before


def test_a_customer_keeps_at_least_one_identifier(stub, db_rows) -> None:
    c = create(stub, profile(INSTORE, ident(EMAIL, "last@example.com")))
    before = db_rows()
    expect_error(
        lambda: update(stub, c.name, INSTORE, remove=[ident(EMAIL, "last@example.com")]),
        Code.FAILED_PRECONDITION,
        "LAST_IDENTIFIER",
    )
    assert db_rows() == before


def test_removing_a_profiles_last_identifier_drops_the_profile(stub) -> None:
    c = create(stub, profile(INSTORE, ident(EMAIL, "keep@example.com")), profile(TMALL, ident(EXTERNAL_ID, "t-5")))
    response = update(stub, c.name, TMALL, remove=[ident(EXTERNAL_ID, "t-5")])
    assert [p.source for p in response.customer.profiles] == [INSTORE]


def test_an_identifier_held_elsewhere_merges_the_updated_customer_into_its_holder(stub) -> None:
    survivor = create(stub, profile(INSTORE, ident(MOBILE, "8613900000006")))
    victim = create(stub, profile(WECHAT, ident(WECHAT_ID, "o-6"), account_id="wx"))
    response = update(stub, victim.name, WECHAT, "wx", add=[ident(MOBILE, "+86 139 0000 0006")])

    assert response.customer.name == survivor.name
    assert values(response.customer, WECHAT, "wx") == {WECHAT_ID: "o-6", MOBILE: "8613900000006"}
    assert list(response.customer.merged_customers) == [victim.name]
    [merge] = response.merges
    assert (merge.victim, merge.survivor) == (victim.name, survivor.name)
    assert (merge.trigger_source, merge.trigger_account_id) == (WECHAT, "wx")
    assert (merge.trigger.type, merge.trigger.value) == (MOBILE, "8613900000006")
    assert [(p.source, p.account_id) for p in merge.moved_profiles] == [(WECHAT, "wx")]
    assert [w.code for w in response.warnings] == ["MERGED"]
    assert response.warnings[0].metadata["merge"] == merge.name

    # Reads redirect; the victim is MERGED and refuses updates naming its survivor.
    assert get(stub, victim.name).name == survivor.name
    found = stub.LookupCustomer(
        pb.LookupCustomerRequest(source=WECHAT, account_id="wx", identifier=ident(WECHAT_ID, "o-6"))
    ).customer
    assert found.name == survivor.name
    error = expect_error(
        lambda: update(stub, victim.name, TMALL, add=[ident(EXTERNAL_ID, "t-6")]),
        Code.FAILED_PRECONDITION,
        "CUSTOMER_MERGED",
    )
    assert error.metadata["survivor"] == survivor.name


def test_merge_into_a_customer_with_a_profile_in_the_same_scope_is_refused(stub, db_rows) -> None:
    create(stub, profile(INSTORE, ident(MOBILE, "8613900000007")), profile(TMALL, ident(EXTERNAL_ID, "t-7a")))
    victim = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-7b")))
    before = db_rows()
    error = expect_error(
        lambda: update(stub, victim.name, TMALL, add=[ident(MOBILE, "8613900000007")]),
        Code.FAILED_PRECONDITION,
        "PROFILE_CONFLICT",
    )
    assert error.metadata["scope"] == "TMALL"
    assert db_rows() == before


def test_merge_respects_one_value_per_type_on_the_survivors_profile(stub, db_rows) -> None:
    create(
        stub,
        profile(INSTORE, ident(MOBILE, "8613900000008")),
        profile(WECHAT, ident(MOBILE, "8613900000088"), account_id="wx"),
    )
    victim = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-8")))
    before = db_rows()
    expect_error(
        lambda: update(stub, victim.name, WECHAT, "wx", add=[ident(MOBILE, "8613900000008")]),
        Code.FAILED_PRECONDITION,
        "IDENTIFIER_TYPE_ALREADY_SET",
    )
    assert db_rows() == before


def test_adds_pointing_at_two_customers_are_ambiguous(stub, db_rows) -> None:
    create(stub, profile(INSTORE, ident(MOBILE, "8613900000009")))
    create(stub, profile(INSTORE, ident(EMAIL, "nine@example.com")))
    c = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-9")))
    before = db_rows()
    expect_error(
        lambda: update(stub, c.name, TMALL, add=[ident(MOBILE, "8613900000009"), ident(EMAIL, "nine@example.com")]),
        Code.FAILED_PRECONDITION,
        "AMBIGUOUS_MERGE",
    )
    assert db_rows() == before


def test_a_failing_add_undoes_the_whole_request_including_a_merge(stub, db_rows) -> None:
    create(stub, profile(INSTORE, ident(MOBILE, "8613900000010")))
    create(stub, profile(TMALL, ident(EMAIL, "taken@example.com")))
    c = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-10")))
    before = db_rows()
    expect_error(
        lambda: update(stub, c.name, TMALL, add=[ident(MOBILE, "8613900000010"), ident(EMAIL, "taken@example.com")]),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )
    assert db_rows() == before


def test_merging_a_survivor_repoints_its_victims_no_chains(stub) -> None:
    a = create(stub, profile(INSTORE, ident(EMAIL, "a@chain.com")))
    b = create(stub, profile(TMALL, ident(EMAIL, "b@chain.com")))
    c = create(stub, profile(WECHAT, ident(WECHAT_ID, "o-chain"), account_id="wx"))
    first = stub.MergeCustomers(pb.MergeCustomersRequest(victim=a.name, survivor=b.name))
    assert first.customer.name == b.name
    assert first.merge.trigger_source == r.SOURCE_UNSPECIFIED
    assert not first.merge.HasField("trigger")
    second = stub.MergeCustomers(pb.MergeCustomersRequest(victim=b.name, survivor=c.name))
    assert list(second.merge.repointed_customers) == [a.name]
    assert sorted(second.customer.merged_customers) == sorted([a.name, b.name])
    assert get(stub, a.name).name == c.name
    error = expect_error(
        lambda: update(stub, a.name, TMALL, add=[ident(EXTERNAL_ID, "x-1")]),
        Code.FAILED_PRECONDITION,
        "CUSTOMER_MERGED",
    )
    assert error.metadata["survivor"] == c.name  # one hop, straight to the active customer
    assert {(p.source, p.account_id) for p in get(stub, c.name).profiles} == {
        (INSTORE, ""),
        (TMALL, ""),
        (WECHAT, "wx"),
    }


def test_explicit_merge_errors(stub, db_rows) -> None:
    a = create(stub, profile(INSTORE, ident(EMAIL, "m1@example.com")))
    b = create(stub, profile(INSTORE, ident(EMAIL, "m2@example.com")))
    c = create(stub, profile(TMALL, ident(EMAIL, "m3@example.com")))
    before = db_rows()
    expect_error(
        lambda: stub.MergeCustomers(pb.MergeCustomersRequest(victim=a.name, survivor=a.name)),
        Code.INVALID_ARGUMENT,
        "SAME_CUSTOMER",
    )
    expect_error(
        lambda: stub.MergeCustomers(pb.MergeCustomersRequest(victim=a.name, survivor=b.name)),
        Code.FAILED_PRECONDITION,
        "PROFILE_CONFLICT",
    )
    unknown = "customers/00000000-0000-4000-8000-000000000001"
    expect_error(
        lambda: stub.MergeCustomers(pb.MergeCustomersRequest(victim=unknown, survivor=b.name)),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
    )
    assert db_rows() == before
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=c.name, survivor=a.name))
    for victim, survivor in [(c.name, b.name), (b.name, c.name)]:
        expect_error(
            lambda victim=victim, survivor=survivor: stub.MergeCustomers(
                pb.MergeCustomersRequest(victim=victim, survivor=survivor)
            ),
            Code.FAILED_PRECONDITION,
            "CUSTOMER_MERGED",
        )


def test_validate_only_merge_returns_the_merge_and_writes_nothing(stub, db_rows) -> None:
    survivor = create(stub, profile(INSTORE, ident(MOBILE, "8613900000011")))
    victim = create(stub, profile(TMALL, ident(EXTERNAL_ID, "t-11")))
    before = db_rows()
    dry = update(stub, victim.name, TMALL, add=[ident(MOBILE, "8613900000011")], validate_only=True)
    assert dry.customer.name == survivor.name
    assert dry.merges[0].victim == victim.name
    assert db_rows() == before
    dry_explicit = stub.MergeCustomers(
        pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name, validate_only=True)
    )
    assert dry_explicit.merge.survivor == survivor.name
    assert db_rows() == before
    assert get(stub, victim.name).name == victim.name


def test_list_merges_pages_newest_first_and_filters_by_customer(stub) -> None:
    hub = create(stub, profile(INSTORE, ident(EMAIL, "hub@example.com")))
    victims = [create(stub, profile(TMALL, ident(EMAIL, f"v{i}@example.com"))) for i in range(3)]
    other = create(stub, profile(WECHAT, ident(WECHAT_ID, "o-other"), account_id="wx"))
    for i, victim in enumerate(victims):
        # Each victim holds TMALL; hub gets it from the first, so move them one by one via fresh survivors.
        target = hub if i == 0 else create(stub, profile(WECHAT, ident(WECHAT_ID, f"o-s{i}"), account_id="wx"))
        stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=target.name))
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=other.name, survivor=hub.name))

    seen, token = [], ""
    while True:
        page = stub.ListMerges(pb.ListMergesRequest(page_size=1, page_token=token))
        seen += [m.victim for m in page.merges]
        token = page.next_page_token
        if not token:
            break
    assert seen == [other.name, victims[2].name, victims[1].name, victims[0].name]

    mine = stub.ListMerges(pb.ListMergesRequest(customer=hub.name)).merges
    assert [m.victim for m in mine] == [other.name, victims[0].name]
    # A victim's own merge is listed under its name too.
    assert [m.survivor for m in stub.ListMerges(pb.ListMergesRequest(customer=other.name)).merges] == [hub.name]

    expect_error(
        lambda: stub.ListMerges(pb.ListMergesRequest(page_token="garbage")), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )
    first = stub.ListMerges(pb.ListMergesRequest(page_size=1))
    error = expect_error(
        lambda: stub.ListMerges(pb.ListMergesRequest(customer=hub.name, page_token=first.next_page_token)),
        Code.INVALID_ARGUMENT,
        "INVALID_ARGUMENT",
    )
    assert error.field == "page_token"
    expect_error(lambda: stub.ListMerges(pb.ListMergesRequest(page_size=-1)), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
    expect_error(
        lambda: stub.ListMerges(pb.ListMergesRequest(customer="customers/00000000-0000-4000-8000-000000000002")),
        Code.NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
    )
