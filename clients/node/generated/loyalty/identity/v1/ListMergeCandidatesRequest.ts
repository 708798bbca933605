// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto

import type { MergeCandidateState as _loyalty_identity_v1_MergeCandidateState, MergeCandidateState__Output as _loyalty_identity_v1_MergeCandidateState__Output } from '../../../loyalty/identity/v1/MergeCandidateState';

/**
 * Request of ListMergeCandidates.
 */
export interface ListMergeCandidatesRequest {
  /**
   * Only candidates in this state; UNSPECIFIED lists every state.
   */
  'state'?: (_loyalty_identity_v1_MergeCandidateState);
  /**
   * Only candidates naming this customer as victim or survivor
   * (`customers/{id}`); empty: every candidate of the org.
   */
  'customer'?: (string);
  /**
   * Page size: 0 takes 50; above 1000 reads as 1000; negative is
   * INVALID_ARGUMENT.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page; empty for the first page.
   */
  'pageToken'?: (string);
}

/**
 * Request of ListMergeCandidates.
 */
export interface ListMergeCandidatesRequest__Output {
  /**
   * Only candidates in this state; UNSPECIFIED lists every state.
   */
  'state': (_loyalty_identity_v1_MergeCandidateState__Output);
  /**
   * Only candidates naming this customer as victim or survivor
   * (`customers/{id}`); empty: every candidate of the org.
   */
  'customer': (string);
  /**
   * Page size: 0 takes 50; above 1000 reads as 1000; negative is
   * INVALID_ARGUMENT.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page; empty for the first page.
   */
  'pageToken': (string);
}
