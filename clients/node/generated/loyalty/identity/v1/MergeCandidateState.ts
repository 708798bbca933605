// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * Where a merge candidate stands (RULES 2.5.4).
 */
export const MergeCandidateState = {
  /**
   * Not a state: in a ListMergeCandidates filter, every state.
   */
  MERGE_CANDIDATE_STATE_UNSPECIFIED: 'MERGE_CANDIDATE_STATE_UNSPECIFIED',
  /**
   * Waiting for a person: AcceptMergeCandidate or RejectMergeCandidate.
   */
  MERGE_CANDIDATE_STATE_PENDING: 'MERGE_CANDIDATE_STATE_PENDING',
  /**
   * Accepted: the recorded request ran (`merge` names the merge it made).
   */
  MERGE_CANDIDATE_STATE_ACCEPTED: 'MERGE_CANDIDATE_STATE_ACCEPTED',
  /**
   * Rejected: the two are not one person (a later add answers
   * MERGE_BLOCKED).
   */
  MERGE_CANDIDATE_STATE_REJECTED: 'MERGE_CANDIDATE_STATE_REJECTED',
  /**
   * Overtaken: a customer it names was erased; its values are erased too.
   */
  MERGE_CANDIDATE_STATE_OBSOLETE: 'MERGE_CANDIDATE_STATE_OBSOLETE',
} as const;

/**
 * Where a merge candidate stands (RULES 2.5.4).
 */
export type MergeCandidateState =
  /**
   * Not a state: in a ListMergeCandidates filter, every state.
   */
  | 'MERGE_CANDIDATE_STATE_UNSPECIFIED'
  | 0
  /**
   * Waiting for a person: AcceptMergeCandidate or RejectMergeCandidate.
   */
  | 'MERGE_CANDIDATE_STATE_PENDING'
  | 1
  /**
   * Accepted: the recorded request ran (`merge` names the merge it made).
   */
  | 'MERGE_CANDIDATE_STATE_ACCEPTED'
  | 2
  /**
   * Rejected: the two are not one person (a later add answers
   * MERGE_BLOCKED).
   */
  | 'MERGE_CANDIDATE_STATE_REJECTED'
  | 3
  /**
   * Overtaken: a customer it names was erased; its values are erased too.
   */
  | 'MERGE_CANDIDATE_STATE_OBSOLETE'
  | 4

/**
 * Where a merge candidate stands (RULES 2.5.4).
 */
export type MergeCandidateState__Output = typeof MergeCandidateState[keyof typeof MergeCandidateState]
