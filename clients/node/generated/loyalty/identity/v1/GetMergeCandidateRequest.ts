// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto


/**
 * Request of GetMergeCandidate.
 */
export interface GetMergeCandidateRequest {
  /**
   * `mergeCandidates/{id}`.
   */
  'name'?: (string);
}

/**
 * Request of GetMergeCandidate.
 */
export interface GetMergeCandidateRequest__Output {
  /**
   * `mergeCandidates/{id}`.
   */
  'name': (string);
}
