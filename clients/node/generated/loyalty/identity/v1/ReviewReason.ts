// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * Why a merge went to a person instead of happening at once.
 */
export const ReviewReason = {
  /**
   * Not a reason.
   */
  REVIEW_REASON_UNSPECIFIED: 'REVIEW_REASON_UNSPECIFIED',
  /**
   * The org's merge policy has the trigger's type in MERGE_MODE_REVIEW.
   */
  REVIEW_REASON_TYPE_POLICY: 'REVIEW_REASON_TYPE_POLICY',
  /**
   * The survivor would pass the policy's max_merged_customers.
   */
  REVIEW_REASON_MERGE_LIMIT: 'REVIEW_REASON_MERGE_LIMIT',
} as const;

/**
 * Why a merge went to a person instead of happening at once.
 */
export type ReviewReason =
  /**
   * Not a reason.
   */
  | 'REVIEW_REASON_UNSPECIFIED'
  | 0
  /**
   * The org's merge policy has the trigger's type in MERGE_MODE_REVIEW.
   */
  | 'REVIEW_REASON_TYPE_POLICY'
  | 1
  /**
   * The survivor would pass the policy's max_merged_customers.
   */
  | 'REVIEW_REASON_MERGE_LIMIT'
  | 2

/**
 * Why a merge went to a person instead of happening at once.
 */
export type ReviewReason__Output = typeof ReviewReason[keyof typeof ReviewReason]
