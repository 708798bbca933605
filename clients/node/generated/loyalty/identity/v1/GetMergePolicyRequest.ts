// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto


/**
 * GetMergePolicy's request: the org is the one of the caller's token.
 */
export interface GetMergePolicyRequest {
}

/**
 * GetMergePolicy's request: the org is the one of the caller's token.
 */
export interface GetMergePolicyRequest__Output {
}
