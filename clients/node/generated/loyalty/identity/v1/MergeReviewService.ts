// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcceptMergeCandidateRequest as _loyalty_identity_v1_AcceptMergeCandidateRequest, AcceptMergeCandidateRequest__Output as _loyalty_identity_v1_AcceptMergeCandidateRequest__Output } from '../../../loyalty/identity/v1/AcceptMergeCandidateRequest';
import type { AcceptMergeCandidateResponse as _loyalty_identity_v1_AcceptMergeCandidateResponse, AcceptMergeCandidateResponse__Output as _loyalty_identity_v1_AcceptMergeCandidateResponse__Output } from '../../../loyalty/identity/v1/AcceptMergeCandidateResponse';
import type { GetMergeCandidateRequest as _loyalty_identity_v1_GetMergeCandidateRequest, GetMergeCandidateRequest__Output as _loyalty_identity_v1_GetMergeCandidateRequest__Output } from '../../../loyalty/identity/v1/GetMergeCandidateRequest';
import type { GetMergePolicyRequest as _loyalty_identity_v1_GetMergePolicyRequest, GetMergePolicyRequest__Output as _loyalty_identity_v1_GetMergePolicyRequest__Output } from '../../../loyalty/identity/v1/GetMergePolicyRequest';
import type { ListMergeCandidatesRequest as _loyalty_identity_v1_ListMergeCandidatesRequest, ListMergeCandidatesRequest__Output as _loyalty_identity_v1_ListMergeCandidatesRequest__Output } from '../../../loyalty/identity/v1/ListMergeCandidatesRequest';
import type { ListMergeCandidatesResponse as _loyalty_identity_v1_ListMergeCandidatesResponse, ListMergeCandidatesResponse__Output as _loyalty_identity_v1_ListMergeCandidatesResponse__Output } from '../../../loyalty/identity/v1/ListMergeCandidatesResponse';
import type { MergeCandidate as _loyalty_identity_v1_MergeCandidate, MergeCandidate__Output as _loyalty_identity_v1_MergeCandidate__Output } from '../../../loyalty/identity/v1/MergeCandidate';
import type { MergePolicy as _loyalty_identity_v1_MergePolicy, MergePolicy__Output as _loyalty_identity_v1_MergePolicy__Output } from '../../../loyalty/identity/v1/MergePolicy';
import type { RejectMergeCandidateRequest as _loyalty_identity_v1_RejectMergeCandidateRequest, RejectMergeCandidateRequest__Output as _loyalty_identity_v1_RejectMergeCandidateRequest__Output } from '../../../loyalty/identity/v1/RejectMergeCandidateRequest';
import type { UpdateMergePolicyRequest as _loyalty_identity_v1_UpdateMergePolicyRequest, UpdateMergePolicyRequest__Output as _loyalty_identity_v1_UpdateMergePolicyRequest__Output } from '../../../loyalty/identity/v1/UpdateMergePolicyRequest';

/**
 * Governs automatic merges: the org's merge policy, and the merge candidates
 * it leaves to people.
 * 
 * Errors carry a google.rpc.Status with one google.rpc.ErrorInfo (domain
 * "loyalty.identity.v1"), plus google.rpc.BadRequest for INVALID_ARGUMENT.
 * Mutating calls accept `request_id` (idempotent retries) and
 * `validate_only` (dry run).
 */
export interface MergeReviewServiceClient extends grpc.Client {
  /**
   * Runs the candidate's recorded request now, in one transaction, as if it
   * were sent again with the merge into the candidate's survivor allowed
   * (the policy is not asked, the limit not counted). Needs the `review`
   * grant. The candidate becomes ACCEPTED.
   * Errors: the reason the recorded request gets now when the world moved
   * (CUSTOMER_MERGED, CUSTOMER_ERASED, PROFILE_CONFLICT, IDENTIFIER_TAKEN,
   * MERGE_BLOCKED...), CANDIDATE_OUTDATED (it would no longer merge into the
   * survivor), CANDIDATE_NOT_PENDING, CANDIDATE_NOT_FOUND,
   * PERMISSION_DENIED, REQUEST_ID_REUSED. The candidate stays PENDING.
   */
  AcceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  AcceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  AcceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  AcceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Runs the candidate's recorded request now, in one transaction, as if it
   * were sent again with the merge into the candidate's survivor allowed
   * (the policy is not asked, the limit not counted). Needs the `review`
   * grant. The candidate becomes ACCEPTED.
   * Errors: the reason the recorded request gets now when the world moved
   * (CUSTOMER_MERGED, CUSTOMER_ERASED, PROFILE_CONFLICT, IDENTIFIER_TAKEN,
   * MERGE_BLOCKED...), CANDIDATE_OUTDATED (it would no longer merge into the
   * survivor), CANDIDATE_NOT_PENDING, CANDIDATE_NOT_FOUND,
   * PERMISSION_DENIED, REQUEST_ID_REUSED. The candidate stays PENDING.
   */
  acceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  acceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  acceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  acceptMergeCandidate(argument: _loyalty_identity_v1_AcceptMergeCandidateRequest, callback: grpc.requestCallback<_loyalty_identity_v1_AcceptMergeCandidateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads one merge candidate.
   * Errors: INVALID_ARGUMENT (a malformed name), CANDIDATE_NOT_FOUND.
   */
  GetMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  GetMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  GetMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  GetMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  /**
   * Reads one merge candidate.
   * Errors: INVALID_ARGUMENT (a malformed name), CANDIDATE_NOT_FOUND.
   */
  getMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  getMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  getMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  getMergeCandidate(argument: _loyalty_identity_v1_GetMergeCandidateRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  
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
   * Lists the org's merge candidates, newest first.
   * Errors: INVALID_ARGUMENT (a malformed customer name, a negative page
   * size, a page token of another query).
   */
  ListMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  ListMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  ListMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  ListMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the org's merge candidates, newest first.
   * Errors: INVALID_ARGUMENT (a malformed customer name, a negative page
   * size, a page token of another query).
   */
  listMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  listMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  listMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  listMergeCandidates(argument: _loyalty_identity_v1_ListMergeCandidatesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergeCandidatesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Records that the two are not one person: the candidate becomes
   * REJECTED, and a later add that would merge them answers MERGE_BLOCKED
   * (until an explicit MergeCustomers). Needs the `review` grant.
   * Errors: CANDIDATE_NOT_PENDING, CANDIDATE_NOT_FOUND, PERMISSION_DENIED,
   * REQUEST_ID_REUSED.
   */
  RejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  RejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  RejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  RejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  /**
   * Records that the two are not one person: the candidate becomes
   * REJECTED, and a later add that would merge them answers MERGE_BLOCKED
   * (until an explicit MergeCustomers). Needs the `review` grant.
   * Errors: CANDIDATE_NOT_PENDING, CANDIDATE_NOT_FOUND, PERMISSION_DENIED,
   * REQUEST_ID_REUSED.
   */
  rejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  rejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  rejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  rejectMergeCandidate(argument: _loyalty_identity_v1_RejectMergeCandidateRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCandidate__Output>): grpc.ClientUnaryCall;
  
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
 * Governs automatic merges: the org's merge policy, and the merge candidates
 * it leaves to people.
 * 
 * Errors carry a google.rpc.Status with one google.rpc.ErrorInfo (domain
 * "loyalty.identity.v1"), plus google.rpc.BadRequest for INVALID_ARGUMENT.
 * Mutating calls accept `request_id` (idempotent retries) and
 * `validate_only` (dry run).
 */
export interface MergeReviewServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Runs the candidate's recorded request now, in one transaction, as if it
   * were sent again with the merge into the candidate's survivor allowed
   * (the policy is not asked, the limit not counted). Needs the `review`
   * grant. The candidate becomes ACCEPTED.
   * Errors: the reason the recorded request gets now when the world moved
   * (CUSTOMER_MERGED, CUSTOMER_ERASED, PROFILE_CONFLICT, IDENTIFIER_TAKEN,
   * MERGE_BLOCKED...), CANDIDATE_OUTDATED (it would no longer merge into the
   * survivor), CANDIDATE_NOT_PENDING, CANDIDATE_NOT_FOUND,
   * PERMISSION_DENIED, REQUEST_ID_REUSED. The candidate stays PENDING.
   */
  AcceptMergeCandidate: grpc.handleUnaryCall<_loyalty_identity_v1_AcceptMergeCandidateRequest__Output, _loyalty_identity_v1_AcceptMergeCandidateResponse>;
  
  /**
   * Reads one merge candidate.
   * Errors: INVALID_ARGUMENT (a malformed name), CANDIDATE_NOT_FOUND.
   */
  GetMergeCandidate: grpc.handleUnaryCall<_loyalty_identity_v1_GetMergeCandidateRequest__Output, _loyalty_identity_v1_MergeCandidate>;
  
  /**
   * Reads the caller's org's merge policy: the default policy (no rules, no
   * limit) until one is set.
   */
  GetMergePolicy: grpc.handleUnaryCall<_loyalty_identity_v1_GetMergePolicyRequest__Output, _loyalty_identity_v1_MergePolicy>;
  
  /**
   * Lists the org's merge candidates, newest first.
   * Errors: INVALID_ARGUMENT (a malformed customer name, a negative page
   * size, a page token of another query).
   */
  ListMergeCandidates: grpc.handleUnaryCall<_loyalty_identity_v1_ListMergeCandidatesRequest__Output, _loyalty_identity_v1_ListMergeCandidatesResponse>;
  
  /**
   * Records that the two are not one person: the candidate becomes
   * REJECTED, and a later add that would merge them answers MERGE_BLOCKED
   * (until an explicit MergeCustomers). Needs the `review` grant.
   * Errors: CANDIDATE_NOT_PENDING, CANDIDATE_NOT_FOUND, PERMISSION_DENIED,
   * REQUEST_ID_REUSED.
   */
  RejectMergeCandidate: grpc.handleUnaryCall<_loyalty_identity_v1_RejectMergeCandidateRequest__Output, _loyalty_identity_v1_MergeCandidate>;
  
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
  AcceptMergeCandidate: MethodDefinition<_loyalty_identity_v1_AcceptMergeCandidateRequest, _loyalty_identity_v1_AcceptMergeCandidateResponse, _loyalty_identity_v1_AcceptMergeCandidateRequest__Output, _loyalty_identity_v1_AcceptMergeCandidateResponse__Output>
  GetMergeCandidate: MethodDefinition<_loyalty_identity_v1_GetMergeCandidateRequest, _loyalty_identity_v1_MergeCandidate, _loyalty_identity_v1_GetMergeCandidateRequest__Output, _loyalty_identity_v1_MergeCandidate__Output>
  GetMergePolicy: MethodDefinition<_loyalty_identity_v1_GetMergePolicyRequest, _loyalty_identity_v1_MergePolicy, _loyalty_identity_v1_GetMergePolicyRequest__Output, _loyalty_identity_v1_MergePolicy__Output>
  ListMergeCandidates: MethodDefinition<_loyalty_identity_v1_ListMergeCandidatesRequest, _loyalty_identity_v1_ListMergeCandidatesResponse, _loyalty_identity_v1_ListMergeCandidatesRequest__Output, _loyalty_identity_v1_ListMergeCandidatesResponse__Output>
  RejectMergeCandidate: MethodDefinition<_loyalty_identity_v1_RejectMergeCandidateRequest, _loyalty_identity_v1_MergeCandidate, _loyalty_identity_v1_RejectMergeCandidateRequest__Output, _loyalty_identity_v1_MergeCandidate__Output>
  UpdateMergePolicy: MethodDefinition<_loyalty_identity_v1_UpdateMergePolicyRequest, _loyalty_identity_v1_MergePolicy, _loyalty_identity_v1_UpdateMergePolicyRequest__Output, _loyalty_identity_v1_MergePolicy__Output>
}
