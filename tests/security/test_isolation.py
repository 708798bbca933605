"""One org can neither read, find, update, merge nor learn of another org's data (RULES 2.1)."""

from __future__ import annotations

import grpc
import pytest

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, expect_error, ident, profile
from tests.security.test_auth import token_line

Code = grpc.StatusCode
CARD = r.IDENTIFIER_TYPE_CARD_NUMBER


class OrgClient:
    def __init__(self, port: int, token: str) -> None:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        self._metadata = (("authorization", f"Bearer {token}"),)
        self._ids = identifier_grpc.IdentifierServiceStub(channel)
        self._cards = card_grpc.CardServiceStub(channel)

    def __getattr__(self, name: str):
        stub = self._ids if hasattr(self._ids, name) else self._cards
        method = getattr(stub, name)
        return lambda request: method(request, metadata=self._metadata)


@pytest.fixture
def orgs(start_server):
    server = start_server(tokens=f"{token_line('acme', 'a-token')};{token_line('globex', 'g-token')}")
    return OrgClient(server.port, "a-token"), OrgClient(server.port, "g-token")


def test_another_orgs_data_is_invisible(orgs) -> None:
    acme, globex = orgs
    ann = acme.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613500000001"))]))
    ann = ann.customer
    other = acme.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(EMAIL, "o@acme.com"))]))
    acme.MergeCustomers(pb.MergeCustomersRequest(victim=other.customer.name, survivor=ann.name))
    series = acme.CreateCardSeries(
        cpb.CreateCardSeriesRequest(
            series=r.CardSeries(
                code="GOLD",
                name="Gold",
                type=r.CARD_TYPE_PHYSICAL,
                format=r.CardNumberFormat(prefix="G", length=8, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
            )
        )
    ).series
    [number] = acme.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=1)).numbers
    acme.IssueCard(cpb.IssueCardRequest(customer=ann.name, number=number))
    acme.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="Acme-Lost", status=r.CARD_STATUS_SUSPENDED))

    mine = globex.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(EMAIL, "g@globex.com"))]))
    mine = mine.customer

    def not_found(call, reason: str) -> None:
        expect_error(call, Code.NOT_FOUND, reason)

    not_found(lambda: globex.GetCustomer(pb.GetCustomerRequest(name=ann.name)), "CUSTOMER_NOT_FOUND")
    not_found(lambda: globex.GetCustomer(pb.GetCustomerRequest(name=other.customer.name)), "CUSTOMER_NOT_FOUND")
    not_found(
        lambda: globex.LookupCustomer(
            pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, "8613500000001"))
        ),
        "CUSTOMER_NOT_FOUND",
    )
    not_found(
        lambda: globex.LookupCustomer(pb.LookupCustomerRequest(identifier=r.Identifier(type=CARD, value=number))),
        "CUSTOMER_NOT_FOUND",
    )
    not_found(
        lambda: globex.UpdateIdentifiers(
            pb.UpdateIdentifiersRequest(customer=ann.name, source=INSTORE, add=[ident(EMAIL, "x@globex.com")])
        ),
        "CUSTOMER_NOT_FOUND",
    )
    not_found(
        lambda: globex.MergeCustomers(pb.MergeCustomersRequest(victim=mine.name, survivor=ann.name)),
        "CUSTOMER_NOT_FOUND",
    )
    not_found(
        lambda: globex.MergeCustomers(pb.MergeCustomersRequest(victim=ann.name, survivor=mine.name)),
        "CUSTOMER_NOT_FOUND",
    )
    not_found(lambda: globex.ListMerges(pb.ListMergesRequest(customer=ann.name)), "CUSTOMER_NOT_FOUND")
    not_found(lambda: globex.EraseCustomer(pb.EraseCustomerRequest(name=ann.name)), "CUSTOMER_NOT_FOUND")
    assert list(globex.ListMerges(pb.ListMergesRequest()).merges) == []
    not_found(lambda: globex.GetCardSeries(cpb.GetCardSeriesRequest(id=series.id)), "CARD_SERIES_NOT_FOUND")
    assert list(globex.ListCardSeries(cpb.ListCardSeriesRequest()).series) == []
    not_found(lambda: globex.GetCard(cpb.GetCardRequest(number=number)), "CARD_NOT_FOUND")
    assert list(globex.ListCards(cpb.ListCardsRequest()).cards) == []
    not_found(lambda: globex.ListCards(cpb.ListCardsRequest(customer=ann.name)), "CUSTOMER_NOT_FOUND")
    not_found(lambda: globex.ListCardStatusChanges(cpb.ListCardStatusChangesRequest(number=number)), "CARD_NOT_FOUND")
    not_found(lambda: globex.IssueCard(cpb.IssueCardRequest(customer=mine.name, number=number)), "CARD_NOT_FOUND")
    not_found(
        lambda: globex.IssueCard(cpb.IssueCardRequest(customer=mine.name, series_id=series.id)), "CARD_SERIES_NOT_FOUND"
    )
    not_found(lambda: globex.UnlinkCard(cpb.UnlinkCardRequest(number=number)), "CARD_NOT_FOUND")
    not_found(
        lambda: globex.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=number, status_label="DELETED")),
        "CARD_NOT_FOUND",
    )
    not_found(
        lambda: globex.UpdateCardStatus(cpb.UpdateCardStatusRequest(number=number, status_label="Acme-Lost")),
        "CARD_NOT_FOUND",
    )
    labels = [label.label for label in globex.ListStatusLabels(cpb.ListStatusLabelsRequest()).status_labels]
    assert "Acme-Lost" not in labels

    # Uniqueness is per org: globex may use the very same values, codes and numbers.
    same = globex.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613500000001"))]))
    assert [w.code for w in same.warnings] == []
    globex_series = globex.CreateCardSeries(
        cpb.CreateCardSeriesRequest(
            series=r.CardSeries(
                code="GOLD",
                name="Gold",
                type=r.CARD_TYPE_PHYSICAL,
                format=r.CardNumberFormat(prefix="G", length=8, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
            )
        )
    ).series
    assert list(globex.GenerateCards(cpb.GenerateCardsRequest(series_id=globex_series.id, count=1)).numbers) == [number]
    globex.CreateStatusLabel(cpb.CreateStatusLabelRequest(label="Acme-Lost", status=r.CARD_STATUS_ACTIVE))

    # And acme still sees exactly its own.
    assert acme.GetCustomer(pb.GetCustomerRequest(name=ann.name)).customer.cards[0].number == number
    assert len(acme.ListMerges(pb.ListMergesRequest()).merges) == 1


def test_request_ids_are_per_org(orgs) -> None:
    acme, globex = orgs
    request_id = "0f4e1d7a-8c1b-4f3a-9b6e-2d5c7a9e1f00"
    a = acme.CreateCustomer(
        pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, "same@x.com"))], request_id=request_id)
    ).customer
    g = globex.CreateCustomer(
        pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, "same@x.com"))], request_id=request_id)
    ).customer
    assert a.name != g.name  # not a replay of the other org's response
