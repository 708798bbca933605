"""One page size rule for every List RPC (AIP-158), against the real server.

0 takes the default, above the maximum reads as the maximum, negative is
INVALID_ARGUMENT on `page_size`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import event_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.service import feed, paging
from tests.e2e.test_cards import generate, new_series
from tests.helpers import INSTORE, MOBILE, WECHAT, WECHAT_ID, create, expect_error, ident, profile, update

Code = grpc.StatusCode
MAX = paging.MAX_PAGE_SIZE
OVER_MAX = [MAX + 1, 100_000, 2**31 - 1]
NEGATIVE = [-1, -(2**31)]
LIST_RPCS = ["ListMerges", "ListCardSeries", "ListCards", "ListCardStatusChanges", "ListEvents"]

List = Callable[[int], Any]


@pytest.fixture
def lists(stub, cards, channel) -> dict[str, List]:
    """Each List RPC as a function of page_size, over data with more cards than one page holds."""
    mobile = "8613800138000"
    survivor = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    victim = create(stub, profile(WECHAT, ident(WECHAT_ID, "o-page"), account_id="wx"))
    update(stub, victim.name, WECHAT, "wx", add=[ident(MOBILE, mobile)])  # merges victim into survivor
    series = new_series(cards)
    generate(cards, series, MAX + 1)
    issued = cards.IssueCard(cpb.IssueCardRequest(customer=survivor.name, series_id=series.id)).card.number
    events = event_grpc.EventServiceStub(channel)
    return {
        "ListMerges": lambda size: stub.ListMerges(pb.ListMergesRequest(page_size=size)),
        "ListCardSeries": lambda size: cards.ListCardSeries(cpb.ListCardSeriesRequest(page_size=size)),
        "ListCards": lambda size: cards.ListCards(cpb.ListCardsRequest(series_id=series.id, page_size=size)),
        "ListCardStatusChanges": lambda size: cards.ListCardStatusChanges(
            cpb.ListCardStatusChangesRequest(number=issued, page_size=size)
        ),
        "ListEvents": lambda size: events.ListEvents(epb.ListEventsRequest(page_size=size)),
    }


def items(response: Any) -> list[Any]:
    [field] = [f for f in response.DESCRIPTOR.fields if f.is_repeated]
    return list(getattr(response, field.name))


@pytest.mark.parametrize("rpc", LIST_RPCS)
def test_a_page_size_above_the_maximum_reads_as_the_maximum(lists, rpc) -> None:
    at_max = lists[rpc](MAX)
    assert items(at_max) and len(items(at_max)) <= MAX
    for size in OVER_MAX:
        assert lists[rpc](size) == at_max, size
    if rpc == "ListCards":  # more cards than one page: exactly the maximum, and more to come
        assert len(items(at_max)) == MAX and at_max.next_page_token


@pytest.mark.parametrize("rpc", LIST_RPCS)
def test_a_negative_page_size_is_invalid(lists, rpc) -> None:
    for size in NEGATIVE:
        error = expect_error(lambda s=size: lists[rpc](s), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
        assert error.field == "page_size"
        assert "must not be negative" in error.status.message


@pytest.mark.parametrize("rpc", LIST_RPCS)
def test_page_size_zero_takes_the_default(lists, rpc) -> None:
    default = feed.DEFAULT_PAGE_SIZE if rpc == "ListEvents" else paging.DEFAULT_PAGE_SIZE
    assert lists[rpc](0) == lists[rpc](default)
    if rpc == "ListCards":
        assert len(items(lists[rpc](0))) == default
