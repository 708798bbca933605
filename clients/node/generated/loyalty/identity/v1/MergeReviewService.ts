// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetMergePolicyRequest as _loyalty_identity_v1_GetMergePolicyRequest, GetMergePolicyRequest__Output as _loyalty_identity_v1_GetMergePolicyRequest__Output } from '../../../loyalty/identity/v1/GetMergePolicyRequest';
import type { MergePolicy as _loyalty_identity_v1_MergePolicy, MergePolicy__Output as _loyalty_identity_v1_MergePolicy__Output } from '../../../loyalty/identity/v1/MergePolicy';
import type { UpdateMergePolicyRequest as _loyalty_identity_v1_UpdateMergePolicyRequest, UpdateMergePolicyRequest__Output as _loyalty_identity_v1_UpdateMergePolicyRequest__Output } from '../../../loyalty/identity/v1/UpdateMergePolicyRequest';

/**
 * Governs automatic merges: the org's merge policy.
 * 
 * Errors carry a google.rpc.Status with one google.rpc.ErrorInfo (domain
 * "loyalty.identity.v1"), plus google.rpc.BadRequest for INVALID_ARGUMENT.
 * Mutating calls accept `request_id` (idempotent retries) and
 * `validate_only` (dry run).
 */
export interface MergeReviewServiceClient extends grpc.Client {
  /**
   * Reads the caller's org's merge policy: the default policy (no rules, no
   * limit) until one is set.
   */
  GetMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  GetMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  GetMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  GetMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  /**
   * Reads the caller's org's merge policy: the default policy (no rules, no
   * limit) until one is set.
   */
  getMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  getMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  getMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  getMergePolicy(argument: _loyalty_identity_v1_GetMergePolicyRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  
  /**
   * Replaces the caller's org's merge policy as a whole, and appends a
   * MergePolicyChanged event to the org's feed (none when nothing changes).
   * Needs a token with the `review` grant.
   * Errors: INVALID_ARGUMENT (a rule naming CARD_NUMBER or no type, a type
   * twice, no mode, a negative limit), PERMISSION_DENIED,
   * REQUEST_ID_REUSED.
   */
  UpdateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  UpdateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  UpdateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  UpdateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  /**
   * Replaces the caller's org's merge policy as a whole, and appends a
   * MergePolicyChanged event to the org's feed (none when nothing changes).
   * Needs a token with the `review` grant.
   * Errors: INVALID_ARGUMENT (a rule naming CARD_NUMBER or no type, a type
   * twice, no mode, a negative limit), PERMISSION_DENIED,
   * REQUEST_ID_REUSED.
   */
  updateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  updateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  updateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  updateMergePolicy(argument: _loyalty_identity_v1_UpdateMergePolicyRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergePolicy__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Governs automatic merges: the org's merge policy.
 * 
 * Errors carry a google.rpc.Status with one google.rpc.ErrorInfo (domain
 * "loyalty.identity.v1"), plus google.rpc.BadRequest for INVALID_ARGUMENT.
 * Mutating calls accept `request_id` (idempotent retries) and
 * `validate_only` (dry run).
 */
export interface MergeReviewServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Reads the caller's org's merge policy: the default policy (no rules, no
   * limit) until one is set.
   */
  GetMergePolicy: grpc.handleUnaryCall<_loyalty_identity_v1_GetMergePolicyRequest__Output, _loyalty_identity_v1_MergePolicy>;
  
  /**
   * Replaces the caller's org's merge policy as a whole, and appends a
   * MergePolicyChanged event to the org's feed (none when nothing changes).
   * Needs a token with the `review` grant.
   * Errors: INVALID_ARGUMENT (a rule naming CARD_NUMBER or no type, a type
   * twice, no mode, a negative limit), PERMISSION_DENIED,
   * REQUEST_ID_REUSED.
   */
  UpdateMergePolicy: grpc.handleUnaryCall<_loyalty_identity_v1_UpdateMergePolicyRequest__Output, _loyalty_identity_v1_MergePolicy>;
  
}

export interface MergeReviewServiceDefinition extends grpc.ServiceDefinition {
  GetMergePolicy: MethodDefinition<_loyalty_identity_v1_GetMergePolicyRequest, _loyalty_identity_v1_MergePolicy, _loyalty_identity_v1_GetMergePolicyRequest__Output, _loyalty_identity_v1_MergePolicy__Output>
  UpdateMergePolicy: MethodDefinition<_loyalty_identity_v1_UpdateMergePolicyRequest, _loyalty_identity_v1_MergePolicy, _loyalty_identity_v1_UpdateMergePolicyRequest__Output, _loyalty_identity_v1_MergePolicy__Output>
}
