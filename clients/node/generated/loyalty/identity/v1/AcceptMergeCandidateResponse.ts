// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto

import type { MergeCandidate as _loyalty_identity_v1_MergeCandidate, MergeCandidate__Output as _loyalty_identity_v1_MergeCandidate__Output } from '../../../loyalty/identity/v1/MergeCandidate';
import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from '../../../loyalty/identity/v1/Merge';

/**
 * Response of AcceptMergeCandidate.
 */
export interface AcceptMergeCandidateResponse {
  /**
   * The candidate, ACCEPTED.
   */
  'mergeCandidate'?: (_loyalty_identity_v1_MergeCandidate | null);
  /**
   * The customer that now owns the request's profile (the survivor).
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
  /**
   * The merge made; unset when a create was combined into the survivor.
   */
  'merge'?: (_loyalty_identity_v1_Merge | null);
}

/**
 * Response of AcceptMergeCandidate.
 */
export interface AcceptMergeCandidateResponse__Output {
  /**
   * The candidate, ACCEPTED.
   */
  'mergeCandidate': (_loyalty_identity_v1_MergeCandidate__Output | null);
  /**
   * The customer that now owns the request's profile (the survivor).
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
  /**
   * The merge made; unset when a create was combined into the survivor.
   */
  'merge': (_loyalty_identity_v1_Merge__Output | null);
}
