// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto

import type { MergeCandidate as _loyalty_identity_v1_MergeCandidate, MergeCandidate__Output as _loyalty_identity_v1_MergeCandidate__Output } from '../../../loyalty/identity/v1/MergeCandidate';

/**
 * Response of ListMergeCandidates.
 */
export interface ListMergeCandidatesResponse {
  /**
   * Candidates, newest first.
   */
  'mergeCandidates'?: (_loyalty_identity_v1_MergeCandidate)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * Response of ListMergeCandidates.
 */
export interface ListMergeCandidatesResponse__Output {
  /**
   * Candidates, newest first.
   */
  'mergeCandidates': (_loyalty_identity_v1_MergeCandidate__Output)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
