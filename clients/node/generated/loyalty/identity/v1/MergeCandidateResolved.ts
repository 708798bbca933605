// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { MergeCandidateState as _loyalty_identity_v1_MergeCandidateState, MergeCandidateState__Output as _loyalty_identity_v1_MergeCandidateState__Output } from '../../../loyalty/identity/v1/MergeCandidateState';

/**
 * A merge candidate left PENDING.
 */
export interface MergeCandidateResolved {
  /**
   * The candidate, `mergeCandidates/{id}`.
   */
  'candidate'?: (string);
  /**
   * ACCEPTED, REJECTED or OBSOLETE.
   */
  'state'?: (_loyalty_identity_v1_MergeCandidateState);
  /**
   * The merge accepting made, `merges/{id}`; empty otherwise (and when the
   * accepted request combined a create into the survivor).
   */
  'merge'?: (string);
}

/**
 * A merge candidate left PENDING.
 */
export interface MergeCandidateResolved__Output {
  /**
   * The candidate, `mergeCandidates/{id}`.
   */
  'candidate': (string);
  /**
   * ACCEPTED, REJECTED or OBSOLETE.
   */
  'state': (_loyalty_identity_v1_MergeCandidateState__Output);
  /**
   * The merge accepting made, `merges/{id}`; empty otherwise (and when the
   * accepted request combined a create into the survivor).
   */
  'merge': (string);
}
