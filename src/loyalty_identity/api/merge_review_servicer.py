"""MergeReviewService: proto in, domain call, proto out. No rules live here (domain/merge_policy.py)."""

from __future__ import annotations

import grpc

from loyalty_identity.api import convert
from loyalty_identity.api.auth import REVIEW, Authenticator
from loyalty_identity.api.protos import merge_review_grpc, merge_review_pb, resources_pb
from loyalty_identity.api.replies import reply
from loyalty_identity.api.rpc import mutation, rpc_method
from loyalty_identity.service.application import AcceptResult, Application

pb = merge_review_pb


class MergeReviewServicer(merge_review_grpc.MergeReviewServiceServicer):
    def __init__(self, app: Application, auth: Authenticator) -> None:
        self.app = app
        self.auth = auth

    @rpc_method
    def GetMergePolicy(  # noqa: N802 (gRPC method names)
        self, request: pb.GetMergePolicyRequest, context: grpc.ServicerContext, org: str
    ) -> resources_pb.MergePolicy:
        return convert.merge_policy(self.app.get_merge_policy(org))

    @rpc_method
    def UpdateMergePolicy(  # noqa: N802
        self, request: pb.UpdateMergePolicyRequest, context: grpc.ServicerContext, org: str
    ) -> resources_pb.MergePolicy:
        self.auth.require(context.invocation_metadata(), REVIEW)
        return self.app.update_merge_policy(
            org,
            [(rule.type, rule.mode) for rule in request.policy.rules],
            request.policy.max_merged_customers,
            mutation("UpdateMergePolicy", request),
            reply(convert.merge_policy, resources_pb.MergePolicy),
        )

    @rpc_method
    def ListMergeCandidates(  # noqa: N802
        self, request: pb.ListMergeCandidatesRequest, context: grpc.ServicerContext, org: str
    ) -> pb.ListMergeCandidatesResponse:
        page = self.app.list_merge_candidates(
            org, request.state, request.customer, request.page_size, request.page_token
        )
        return pb.ListMergeCandidatesResponse(
            merge_candidates=[convert.merge_candidate(c) for c in page.items], next_page_token=page.next_page_token
        )

    @rpc_method
    def GetMergeCandidate(  # noqa: N802
        self, request: pb.GetMergeCandidateRequest, context: grpc.ServicerContext, org: str
    ) -> pb.MergeCandidate:
        return convert.merge_candidate(self.app.get_merge_candidate(org, request.name))

    @rpc_method
    def AcceptMergeCandidate(  # noqa: N802
        self, request: pb.AcceptMergeCandidateRequest, context: grpc.ServicerContext, org: str
    ) -> pb.AcceptMergeCandidateResponse:
        self.auth.require(context.invocation_metadata(), REVIEW)

        def respond(result: AcceptResult) -> pb.AcceptMergeCandidateResponse:
            response = pb.AcceptMergeCandidateResponse(
                merge_candidate=convert.merge_candidate(result.candidate), customer=convert.customer(result.customer)
            )
            if result.merge is not None:
                response.merge.CopyFrom(convert.merge(result.merge))
            return response

        return self.app.accept_merge_candidate(
            org,
            request.name,
            mutation("AcceptMergeCandidate", request),
            reply(respond, pb.AcceptMergeCandidateResponse),
        )

    @rpc_method
    def RejectMergeCandidate(  # noqa: N802
        self, request: pb.RejectMergeCandidateRequest, context: grpc.ServicerContext, org: str
    ) -> pb.MergeCandidate:
        self.auth.require(context.invocation_metadata(), REVIEW)
        return self.app.reject_merge_candidate(
            org,
            request.name,
            mutation("RejectMergeCandidate", request),
            reply(convert.merge_candidate, pb.MergeCandidate),
        )
