// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto


/**
 * Request of AcceptMergeCandidate.
 */
export interface AcceptMergeCandidateRequest {
  /**
   * `mergeCandidates/{id}`; it must be PENDING.
   */
  'name'?: (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * Runs every check and answers without writing anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of AcceptMergeCandidate.
 */
export interface AcceptMergeCandidateRequest__Output {
  /**
   * `mergeCandidates/{id}`; it must be PENDING.
   */
  'name': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * Runs every check and answers without writing anything.
   */
  'validateOnly': (boolean);
}
