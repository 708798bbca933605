"""MergeReviewService: proto in, domain call, proto out. No rules live here (domain/merge_policy.py)."""

from __future__ import annotations

import grpc

from loyalty_identity.api import convert
from loyalty_identity.api.auth import Authenticator
from loyalty_identity.api.protos import merge_review_grpc, merge_review_pb, resources_pb
from loyalty_identity.api.replies import reply
from loyalty_identity.api.rpc import mutation, rpc_method
from loyalty_identity.service.application import Application

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
        return self.app.update_merge_policy(
            org,
            [(rule.type, rule.mode) for rule in request.policy.rules],
            request.policy.max_merged_customers,
            mutation("UpdateMergePolicy", request),
            reply(convert.merge_policy, resources_pb.MergePolicy),
        )
