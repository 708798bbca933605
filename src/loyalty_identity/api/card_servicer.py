"""CardService: proto in, domain call, proto out. No rules live here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import grpc

from loyalty_identity.api import convert
from loyalty_identity.api.auth import Authenticator
from loyalty_identity.api.protos import card_grpc, card_pb
from loyalty_identity.api.replies import reply
from loyalty_identity.api.rpc import mutation, rpc_method
from loyalty_identity.domain.model import Card
from loyalty_identity.service.application import Application
from loyalty_identity.service.cards import IssueResult

pb = card_pb


class CardServicer(card_grpc.CardServiceServicer):
    def __init__(self, app: Application, auth: Authenticator) -> None:
        self.app = app
        self.auth = auth

    @rpc_method
    def CreateCardSeries(  # noqa: N802 (gRPC method names)
        self, request: pb.CreateCardSeriesRequest, context: grpc.ServicerContext, org: str
    ) -> pb.CreateCardSeriesResponse:
        return self.app.create_card_series(
            org,
            convert.series_input(request.series),
            mutation("CreateCardSeries", request),
            reply(
                lambda series: pb.CreateCardSeriesResponse(series=convert.card_series(series)),
                pb.CreateCardSeriesResponse,
            ),
        )

    @rpc_method
    def GetCardSeries(  # noqa: N802
        self, request: pb.GetCardSeriesRequest, context: grpc.ServicerContext, org: str
    ) -> pb.GetCardSeriesResponse:
        return pb.GetCardSeriesResponse(series=convert.card_series(self.app.get_card_series(org, request.id)))

    @rpc_method
    def ListCardSeries(  # noqa: N802
        self, request: pb.ListCardSeriesRequest, context: grpc.ServicerContext, org: str
    ) -> pb.ListCardSeriesResponse:
        page = self.app.list_card_series(org, request.page_size, request.page_token)
        return pb.ListCardSeriesResponse(
            series=[convert.card_series(s) for s in page.items], next_page_token=page.next_page_token
        )

    @rpc_method
    def CreateStatusLabel(  # noqa: N802
        self, request: pb.CreateStatusLabelRequest, context: grpc.ServicerContext, org: str
    ) -> pb.CreateStatusLabelResponse:
        return self.app.create_status_label(
            org,
            request.label,
            request.status,
            mutation("CreateStatusLabel", request),
            reply(
                lambda label: pb.CreateStatusLabelResponse(status_label=convert.status_label(label)),
                pb.CreateStatusLabelResponse,
            ),
        )

    @rpc_method
    def ListStatusLabels(  # noqa: N802
        self, request: pb.ListStatusLabelsRequest, context: grpc.ServicerContext, org: str
    ) -> pb.ListStatusLabelsResponse:
        page = self.app.list_status_labels(org, request.page_size, request.page_token)
        return pb.ListStatusLabelsResponse(
            status_labels=[convert.status_label(label) for label in page.items], next_page_token=page.next_page_token
        )

    @rpc_method
    def CreateCard(  # noqa: N802
        self, request: pb.CreateCardRequest, context: grpc.ServicerContext, org: str
    ) -> pb.CreateCardResponse:
        return self.app.create_card(
            org,
            request.series_id,
            request.number,
            request.status_label,
            mutation("CreateCard", request),
            reply(_card_response(pb.CreateCardResponse), pb.CreateCardResponse),
        )

    @rpc_method
    def GenerateCards(  # noqa: N802
        self, request: pb.GenerateCardsRequest, context: grpc.ServicerContext, org: str
    ) -> pb.GenerateCardsResponse:
        return self.app.generate_cards(
            org,
            request.series_id,
            request.count,
            request.status_label,
            mutation("GenerateCards", request),
            reply(lambda numbers: pb.GenerateCardsResponse(numbers=numbers), pb.GenerateCardsResponse),
        )

    @rpc_method
    def GetCard(  # noqa: N802
        self, request: pb.GetCardRequest, context: grpc.ServicerContext, org: str
    ) -> pb.GetCardResponse:
        return pb.GetCardResponse(card=convert.card(self.app.get_card(org, request.number)))

    @rpc_method
    def ListCards(  # noqa: N802
        self, request: pb.ListCardsRequest, context: grpc.ServicerContext, org: str
    ) -> pb.ListCardsResponse:
        page = self.app.list_cards(org, request.customer, request.series_id, request.page_size, request.page_token)
        return pb.ListCardsResponse(cards=[convert.card(c) for c in page.items], next_page_token=page.next_page_token)

    @rpc_method
    def IssueCard(  # noqa: N802
        self, request: pb.IssueCardRequest, context: grpc.ServicerContext, org: str
    ) -> pb.IssueCardResponse:
        def respond(result: IssueResult) -> pb.IssueCardResponse:
            return pb.IssueCardResponse(card=convert.card(result.card), customer=convert.customer(result.customer))

        return self.app.issue_card(
            org,
            request.customer,
            request.series_id,
            request.number,
            request.status_label,
            mutation("IssueCard", request),
            reply(respond, pb.IssueCardResponse),
        )

    @rpc_method
    def UnlinkCard(  # noqa: N802
        self, request: pb.UnlinkCardRequest, context: grpc.ServicerContext, org: str
    ) -> pb.UnlinkCardResponse:
        return self.app.unlink_card(
            org,
            request.number,
            request.status_label,
            mutation("UnlinkCard", request),
            reply(_card_response(pb.UnlinkCardResponse), pb.UnlinkCardResponse),
        )

    @rpc_method
    def UpdateCardStatus(  # noqa: N802
        self, request: pb.UpdateCardStatusRequest, context: grpc.ServicerContext, org: str
    ) -> pb.UpdateCardStatusResponse:
        return self.app.update_card_status(
            org,
            request.number,
            request.status_label,
            request.reason,
            mutation("UpdateCardStatus", request),
            reply(_card_response(pb.UpdateCardStatusResponse), pb.UpdateCardStatusResponse),
        )

    @rpc_method
    def ListCardStatusChanges(  # noqa: N802
        self, request: pb.ListCardStatusChangesRequest, context: grpc.ServicerContext, org: str
    ) -> pb.ListCardStatusChangesResponse:
        page = self.app.list_card_status_changes(org, request.number, request.page_size, request.page_token)
        return pb.ListCardStatusChangesResponse(
            changes=[convert.card_status_change(c) for c in page.items], next_page_token=page.next_page_token
        )


CardResponse = TypeVar("CardResponse", pb.CreateCardResponse, pb.UnlinkCardResponse, pb.UpdateCardStatusResponse)


def _card_response(response_class: type[CardResponse]) -> Callable[[Card], CardResponse]:
    """The response of the RPCs that answer with one card."""
    return lambda card: response_class(card=convert.card(card))
