"""ListStatusLabels pages like every List RPC (AIP-158), against the real server.

Above 1000 reads as 1000, negative is INVALID_ARGUMENT on `page_size`, tokens are opaque
and bound to the query. Page size 0 takes 1000, the maximum (not 50): clients of the first
release send none and read no token, and still get every label of an org with up to 1000.
"""

from __future__ import annotations

import grpc
import pytest

from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.service import paging
from tests.e2e.test_cards import new_series
from tests.helpers import expect_error

Code = grpc.StatusCode
DEFAULT_LABELS = 6  # one per status, named after it
MAX = paging.MAX_PAGE_SIZE


def labels(cards, size: int = 0, token: str = "") -> cpb.ListStatusLabelsResponse:
    return cards.ListStatusLabels(cpb.ListStatusLabelsRequest(page_size=size, page_token=token))


def walk(cards, size: int) -> list[tuple[int, str]]:
    """Every label, page by page."""
    found: list[tuple[int, str]] = []
    token = ""
    while True:
        page = labels(cards, size, token)
        assert len(page.status_labels) <= size
        found += [(label.status, label.label) for label in page.status_labels]
        if not (token := page.next_page_token):
            return found


def add_labels(cards, names: list[str], status: int = r.CARD_STATUS_SUSPENDED) -> None:
    for name in names:
        cards.CreateStatusLabel(cpb.CreateStatusLabelRequest(label=name, status=status))


def test_one_call_without_a_page_size_lists_every_label(cards) -> None:
    add_labels(cards, ["LOST", "STOLEN"])
    add_labels(cards, ["GOLD"], r.CARD_STATUS_ACTIVE)
    page = labels(cards)
    assert page.next_page_token == ""
    assert [(label.status, label.label) for label in page.status_labels] == sorted(
        [(int(s), r.CardStatus.Name(s).removeprefix("CARD_STATUS_")) for s in range(1, 7)]
        + [(r.CARD_STATUS_SUSPENDED, "LOST"), (r.CARD_STATUS_SUSPENDED, "STOLEN"), (r.CARD_STATUS_ACTIVE, "GOLD")]
    )


@pytest.mark.parametrize("size", [1, 2, 4, 9, 10])
def test_pages_of_any_size_give_every_label_once_in_order(cards, size) -> None:
    add_labels(cards, ["LOST", "STOLEN"])
    add_labels(cards, ["GOLD"], r.CARD_STATUS_ACTIVE)
    everything = [(label.status, label.label) for label in labels(cards).status_labels]
    assert len(everything) == DEFAULT_LABELS + 3
    assert walk(cards, size) == everything


def test_a_label_created_between_pages_is_seen_once_when_after_the_page(cards) -> None:
    first = labels(cards, 3)  # NOT_ISSUED, ISSUED, ACTIVE
    assert [label.label for label in first.status_labels] == ["NOT_ISSUED", "ISSUED", "ACTIVE"]
    add_labels(cards, ["AARDVARK"], r.CARD_STATUS_NOT_ISSUED)  # sorts before the token: not repeated, not seen
    add_labels(cards, ["ZEBRA"], r.CARD_STATUS_DELETED)  # sorts after it: on a later page
    rest = []
    token = first.next_page_token
    while token:
        page = labels(cards, 3, token)
        rest += [label.label for label in page.status_labels]
        token = page.next_page_token
    assert rest == ["SUSPENDED", "EXPIRED", "DELETED", "ZEBRA"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_above_the_maximum_reads_as_the_maximum(cards) -> None:
    add_labels(cards, [f"L{i:04d}" for i in range(MAX + 1 - DEFAULT_LABELS)])  # MAX + 1 labels in all
    at_max = labels(cards, MAX)
    assert len(at_max.status_labels) == MAX and at_max.next_page_token
    for size in [0, MAX + 1, 100_000, 2**31 - 1]:
        assert labels(cards, size) == at_max, size
    last = labels(cards, MAX, at_max.next_page_token)
    assert len(last.status_labels) == 1 and last.next_page_token == ""


def test_a_negative_page_size_is_invalid(cards) -> None:
    for size in [-1, -(2**31)]:
        error = expect_error(lambda s=size: labels(cards, s), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
        assert error.field == "page_size"
        assert "must not be negative" in error.status.message


def test_a_token_of_another_list_or_no_token_at_all_is_invalid(cards) -> None:
    new_series(cards, code="A")
    new_series(cards, code="B")
    series_token = cards.ListCardSeries(cpb.ListCardSeriesRequest(page_size=1)).next_page_token
    assert series_token
    for token, message in [(series_token, "another query"), ("not-a-token", "not a page token")]:
        error = expect_error(lambda t=token: labels(cards, 2, t), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT")
        assert error.field == "page_token"
        assert message in error.status.message
