"""UNSPECIFIED is never data: a value that may not exist is an `optional` field left unset.

Against a real server: a card's first log entry has no `from_status`, an explicit merge no
`trigger_source`; and no response of a scenario that calls every RPC carries an enum at 0
(`..._UNSPECIFIED`) in a field without presence. A client built from the previous release
(protos-released/history/) reads the new answers as it read the old ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import grpc
import pytest
from google.protobuf import descriptor, descriptor_pb2, descriptor_pool, json_format, message_factory
from google.protobuf.message import Message

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests.e2e.test_cards import card_ident, generate, log_of, new_series
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, WECHAT, WECHAT_ID, create, ident, profile, update

TMALL_UNAME = r.IDENTIFIER_TYPE_TMALL_UNAME

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ROOT / "protos-released" / "history"
M = TypeVar("M", bound=Message)


def test_a_card_created_in_stock_has_no_from_status(cards) -> None:
    series = new_series(cards)
    [number] = generate(cards, series, 1)
    [created] = log_of(cards, number)
    assert created.reason == "created"
    assert not created.HasField("from_status")
    assert created.to_status == r.CARD_STATUS_NOT_ISSUED
    assert "from_status" not in json_format.MessageToDict(created, preserving_proto_field_name=True)


def test_every_later_log_entry_has_its_from_status(stub, cards) -> None:
    series = new_series(cards)
    [number] = generate(cards, series, 1)
    owner = create(stub, profile(INSTORE, ident(EMAIL, "presence-card@example.com")))
    cards.IssueCard(cpb.IssueCardRequest(customer=owner.name, number=number))
    cards.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=number, status_label="SUSPENDED", reason="lost"))
    created, *changes = log_of(cards, number)
    assert not created.HasField("from_status")
    assert [(c.HasField("from_status"), c.from_status, c.to_status) for c in changes] == [
        (True, r.CARD_STATUS_NOT_ISSUED, r.CARD_STATUS_ACTIVE),
        (True, r.CARD_STATUS_ACTIVE, r.CARD_STATUS_SUSPENDED),
    ]


def test_an_explicit_merge_has_no_trigger_source(stub) -> None:
    victim = create(stub, profile(TMALL, ident(TMALL_UNAME, "presence-victim")))  # another channel: no PROFILE_CONFLICT
    survivor = create(stub, profile(INSTORE, ident(EMAIL, "presence-survivor@example.com")))
    merge = stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name)).merge
    [listed] = stub.ListMerges(pb.ListMergesRequest(customer=victim.name)).merges
    for record in (merge, listed):
        assert not record.HasField("trigger_source")
        assert not record.HasField("trigger")
        assert record.trigger_account_id == ""
        assert "trigger_source" not in json_format.MessageToDict(record, preserving_proto_field_name=True)


def test_an_automatic_merge_has_its_trigger_source(stub) -> None:
    mobile = "8613800139001"
    survivor = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(stub, profile(WECHAT, ident(WECHAT_ID, "o-presence"), account_id="wx"))
    [merge] = update(stub, victim.name, WECHAT, "wx", add=[ident(MOBILE, mobile)]).merges
    assert merge.survivor == survivor.name
    assert merge.HasField("trigger_source")
    assert (merge.trigger_source, merge.trigger_account_id) == (WECHAT, "wx")
    assert json_format.MessageToDict(merge, preserving_proto_field_name=True)["trigger_source"] == "SOURCE_WECHAT"


def previous_release_messages() -> dict[str, Any]:
    """Message classes of the oldest released contract, by full name (as a client built from it has them)."""
    [oldest, *_] = sorted(HISTORY.glob("*.binpb"))
    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_pb2.FileDescriptorSet.FromString(oldest.read_bytes()).file:
        pool.Add(file)
    names = ["loyalty.identity.v1.ListCardStatusChangesResponse", "loyalty.identity.v1.MergeCustomersResponse"]
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(name)) for name in names}


def test_a_client_of_the_previous_release_reads_the_same_answers(stub, cards) -> None:
    """`optional` changes no bytes: an unset field is absent, as a zero enum always was."""
    old = previous_release_messages()
    series = new_series(cards)
    [number] = generate(cards, series, 1)
    response = cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=number))
    decoded = old["loyalty.identity.v1.ListCardStatusChangesResponse"].FromString(response.SerializeToString())
    assert decoded.changes[0].from_status == 0  # what the previous release read: SOURCE_UNSPECIFIED's number
    assert decoded.changes[0].to_status == r.CARD_STATUS_NOT_ISSUED

    victim = create(stub, profile(TMALL, ident(TMALL_UNAME, "old-client-victim")))
    survivor = create(stub, profile(INSTORE, ident(EMAIL, "old-client-survivor@example.com")))
    merged = stub.MergeCustomers(pb.MergeCustomersRequest(victim=victim.name, survivor=survivor.name))
    decoded = old["loyalty.identity.v1.MergeCustomersResponse"].FromString(merged.SerializeToString())
    assert decoded.merge.trigger_source == 0
    assert decoded.merge.name == merged.merge.name
    assert decoded.SerializeToString(deterministic=True) == merged.SerializeToString(deterministic=True)


# No response carries an UNSPECIFIED enum ------------------------------------------------


def unspecified_enums(message: Message, path: str = "") -> Iterator[str]:
    """Paths of enum fields at 0 that are data: without presence, or present (`optional`) at 0."""
    for field in message.DESCRIPTOR.fields:
        name = f"{path}{field.name}"
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            continue  # map<string, string> only, in these protos
        if field.is_repeated:
            for i, item in enumerate(getattr(message, field.name)):
                if field.type == descriptor.FieldDescriptor.TYPE_MESSAGE:
                    yield from unspecified_enums(item, f"{name}[{i}].")
                elif field.type == descriptor.FieldDescriptor.TYPE_ENUM and item == 0:
                    yield f"{name}[{i}]"
        elif field.type == descriptor.FieldDescriptor.TYPE_MESSAGE:
            if message.HasField(field.name):
                yield from unspecified_enums(getattr(message, field.name), f"{name}.")
        elif field.type == descriptor.FieldDescriptor.TYPE_ENUM:
            if field.has_presence and not message.HasField(field.name):
                continue  # optional, or a member of a oneof that is not the one set: absent, not UNSPECIFIED
            if getattr(message, field.name) == 0:
                yield name


def test_the_check_finds_an_unspecified_enum() -> None:
    assert list(unspecified_enums(r.Customer(profiles=[r.Profile(account_id="no source")]))) == [
        "state",
        "profiles[0].source",
    ]
    assert list(unspecified_enums(r.CardStatusChange(to_status=r.CARD_STATUS_ACTIVE))) == []
    assert list(unspecified_enums(r.CardStatusChange(from_status=0, to_status=r.CARD_STATUS_ACTIVE))) == ["from_status"]


def test_no_response_carries_an_unspecified_enum(stub, cards, channel) -> None:
    events = event_grpc.EventServiceStub(channel)
    responses: list[Message] = []

    def call(response: M) -> M:
        responses.append(response)
        return response

    mobile = "8613800139002"
    ann = call(stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, mobile))])))
    wx = call(
        stub.CreateCustomer(
            pb.CreateCustomerRequest(profiles=[profile(WECHAT, ident(WECHAT_ID, "o-spec"), account_id="wx")])
        )
    )
    call(stub.GetCustomer(pb.GetCustomerRequest(name=ann.customer.name)))
    call(stub.LookupCustomer(pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, mobile))))
    merged = call(update(stub, wx.customer.name, WECHAT, "wx", add=[ident(MOBILE, mobile)]))
    call(stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merged.merges[0].name)))
    bo = call(stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(TMALL_UNAME, "bo-spec"))])))
    call(stub.MergeCustomers(pb.MergeCustomersRequest(victim=bo.customer.name, survivor=ann.customer.name)))
    call(stub.ListMerges(pb.ListMergesRequest()))

    series = call(cards.CreateCardSeries(cpb.CreateCardSeriesRequest(series=new_series_msg()))).series
    call(cards.GetCardSeries(cpb.GetCardSeriesRequest(id=series.id)))
    call(cards.ListCardSeries(cpb.ListCardSeriesRequest()))
    call(cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="LOST", status=r.CARD_STATUS_SUSPENDED)))
    call(cards.ListStatusLabels(cpb.ListStatusLabelsRequest()))
    stock = call(cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=2))).numbers
    call(cards.CreateCard(cpb.CreateCardRequest(series_id=series.id, number=luhn_free_number(series, stock))))
    issued = call(cards.IssueCard(cpb.IssueCardRequest(customer=ann.customer.name, series_id=series.id))).card
    call(update(stub, ann.customer.name, INSTORE, add=[card_ident(stock[1])]))
    call(cards.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=issued.number, status_label="LOST")))
    call(cards.UnlinkCard(cpb.UnlinkCardRequest(number=issued.number)))
    call(cards.GetCard(cpb.GetCardRequest(number=issued.number)))
    call(cards.ListCards(cpb.ListCardsRequest(series_id=series.id)))
    call(cards.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=issued.number)))
    feed = call(events.ListEvents(epb.ListEventsRequest(reveal_values=True)))
    for watched in events.WatchEvents(epb.WatchEventsRequest(after_sequence=0), timeout=5):
        responses.append(watched)
        if watched.event.sequence == feed.last_sequence:
            break

    kinds = {type(m).DESCRIPTOR.name for m in responses}
    assert len(kinds) >= 20, kinds  # one response type per RPC (update and create repeat)
    changes = {e.WhichOneof("change") for e in feed.events}
    assert changes == {
        "customer_created",
        "identifiers_changed",
        "customers_merged",
        "customers_unmerged",
        "card_changed",
    }
    found = [f"{type(m).DESCRIPTOR.name}.{p}" for m in responses for p in unspecified_enums(m)]
    assert not found, "UNSPECIFIED returned as data:\n" + "\n".join(found)


def new_series_msg() -> r.CardSeries:
    return r.CardSeries(
        code="SPEC",
        name="spec card",
        type=r.CARD_TYPE_DIGITAL,
        format=r.CardNumberFormat(prefix="SP", length=10, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
    )


def luhn_free_number(series: r.CardSeries, taken: Any) -> str:
    """A number of the series (no check digit) that no generated card has."""
    number = "SP99999999"
    assert len(number) == series.format.length and number not in taken
    return number


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_grpc_errors_are_unaffected(stub) -> None:
    """Presence is a response matter: requests still refuse UNSPECIFIED where a value is required."""
    with pytest.raises(grpc.RpcError) as caught:
        stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(r.SOURCE_UNSPECIFIED, ident(EMAIL, "x@y.zz"))]))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
