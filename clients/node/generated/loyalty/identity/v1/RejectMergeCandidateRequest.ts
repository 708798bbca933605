// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto


/**
 * Request of RejectMergeCandidate.
 */
export interface RejectMergeCandidateRequest {
  /**
   * `mergeCandidates/{id}`; it must be PENDING.
   */
  'name'?: (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
}

/**
 * Request of RejectMergeCandidate.
 */
export interface RejectMergeCandidateRequest__Output {
  /**
   * `mergeCandidates/{id}`; it must be PENDING.
   */
  'name': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
}
