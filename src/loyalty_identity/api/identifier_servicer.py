"""IdentifierService: proto in, domain call, proto out. No rules live here."""

from __future__ import annotations

import grpc

from loyalty_identity.api import convert
from loyalty_identity.api.auth import REVIEW, Authenticator
from loyalty_identity.api.protos import identifier_grpc, identifier_pb
from loyalty_identity.api.replies import reply
from loyalty_identity.api.rpc import mutation, rpc_method
from loyalty_identity.domain.model import Customer
from loyalty_identity.domain.suppression import Unsuppressed
from loyalty_identity.service.application import Application
from loyalty_identity.service.identity import (
    CreateCustomerResult,
    MergeCustomersResult,
    UpdateIdentifiersResult,
)
from loyalty_identity.service.unmerge import UnmergeResult

pb = identifier_pb


class IdentifierServicer(identifier_grpc.IdentifierServiceServicer):
    def __init__(self, app: Application, auth: Authenticator) -> None:
        self.app = app
        self.auth = auth

    @rpc_method
    def CreateCustomer(  # noqa: N802 (gRPC method names)
        self, request: pb.CreateCustomerRequest, context: grpc.ServicerContext, org: str
    ) -> pb.CreateCustomerResponse:
        def respond(result: CreateCustomerResult) -> pb.CreateCustomerResponse:
            return pb.CreateCustomerResponse(
                customer=convert.customer(result.customer), warnings=convert.warnings(result.warnings)
            )

        return self.app.create_customer(
            org,
            convert.profile_inputs(request.profiles),
            mutation("CreateCustomer", request),
            reply(respond, pb.CreateCustomerResponse),
        )

    @rpc_method
    def GetCustomer(  # noqa: N802
        self, request: pb.GetCustomerRequest, context: grpc.ServicerContext, org: str
    ) -> pb.GetCustomerResponse:
        return pb.GetCustomerResponse(customer=convert.customer(self.app.get_customer(org, request.name)))

    @rpc_method
    def LookupCustomer(  # noqa: N802
        self, request: pb.LookupCustomerRequest, context: grpc.ServicerContext, org: str
    ) -> pb.LookupCustomerResponse:
        identifier = convert.identifier_input(request.identifier) if request.HasField("identifier") else None
        found = self.app.lookup_customer(org, request.source, request.account_id, identifier)
        return pb.LookupCustomerResponse(customer=convert.customer(found))

    @rpc_method
    def UpdateIdentifiers(  # noqa: N802
        self, request: pb.UpdateIdentifiersRequest, context: grpc.ServicerContext, org: str
    ) -> pb.UpdateIdentifiersResponse:
        def respond(result: UpdateIdentifiersResult) -> pb.UpdateIdentifiersResponse:
            return pb.UpdateIdentifiersResponse(
                customer=convert.customer(result.customer),
                merges=[convert.merge(m) for m in result.merges],
                warnings=convert.warnings(result.warnings),
            )

        return self.app.update_identifiers(
            org,
            request.customer,
            request.source,
            request.account_id,
            convert.identifier_inputs(request.add),
            convert.identifier_inputs(request.remove),
            mutation("UpdateIdentifiers", request),
            reply(respond, pb.UpdateIdentifiersResponse),
        )

    @rpc_method
    def MergeCustomers(  # noqa: N802
        self, request: pb.MergeCustomersRequest, context: grpc.ServicerContext, org: str
    ) -> pb.MergeCustomersResponse:
        def respond(result: MergeCustomersResult) -> pb.MergeCustomersResponse:
            return pb.MergeCustomersResponse(
                customer=convert.customer(result.customer), merge=convert.merge(result.merge)
            )

        return self.app.merge_customers(
            org,
            request.victim,
            request.survivor,
            mutation("MergeCustomers", request),
            reply(respond, pb.MergeCustomersResponse),
        )

    @rpc_method
    def UnmergeCustomers(  # noqa: N802
        self, request: pb.UnmergeCustomersRequest, context: grpc.ServicerContext, org: str
    ) -> pb.UnmergeCustomersResponse:
        def respond(result: UnmergeResult) -> pb.UnmergeCustomersResponse:
            return pb.UnmergeCustomersResponse(
                victim=convert.customer(result.victim),
                survivor=convert.customer(result.survivor),
                merge=convert.merge(result.merge),
            )

        return self.app.unmerge_customers(
            org,
            request.merge,
            mutation("UnmergeCustomers", request),
            reply(respond, pb.UnmergeCustomersResponse),
        )

    @rpc_method
    def ListMerges(  # noqa: N802
        self, request: pb.ListMergesRequest, context: grpc.ServicerContext, org: str
    ) -> pb.ListMergesResponse:
        page = self.app.list_merges(org, request.customer, request.page_size, request.page_token)
        return pb.ListMergesResponse(
            merges=[convert.merge(m) for m in page.items], next_page_token=page.next_page_token
        )

    @rpc_method
    def FindCustomers(  # noqa: N802
        self, request: pb.FindCustomersRequest, context: grpc.ServicerContext, org: str
    ) -> pb.FindCustomersResponse:
        found = self.app.find_customers(org, convert.query_inputs(request.queries))
        return pb.FindCustomersResponse(results=[convert.found_customer(f) for f in found])

    @rpc_method
    def EraseCustomer(  # noqa: N802
        self, request: pb.EraseCustomerRequest, context: grpc.ServicerContext, org: str
    ) -> pb.EraseCustomerResponse:
        def respond(customer: Customer) -> pb.EraseCustomerResponse:
            return pb.EraseCustomerResponse(customer=convert.customer(customer))

        return self.app.erase_customer(
            org,
            request.name,
            mutation("EraseCustomer", request),
            reply(respond, pb.EraseCustomerResponse),
            suppress=request.suppress_identifiers,
        )

    @rpc_method
    def UnsuppressIdentifier(  # noqa: N802
        self, request: pb.UnsuppressIdentifierRequest, context: grpc.ServicerContext, org: str
    ) -> pb.UnsuppressIdentifierResponse:
        self.auth.require(context.invocation_metadata(), REVIEW)

        def respond(result: Unsuppressed) -> pb.UnsuppressIdentifierResponse:
            return pb.UnsuppressIdentifierResponse(
                type=convert.enum(result.type), suppress_time=convert.timestamp(result.suppress_time)
            )

        identifier = convert.identifier_input(request.identifier) if request.HasField("identifier") else None
        return self.app.unsuppress_identifier(
            org, identifier, mutation("UnsuppressIdentifier", request), reply(respond, pb.UnsuppressIdentifierResponse)
        )
