// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto

import type { MergePolicy as _loyalty_identity_v1_MergePolicy, MergePolicy__Output as _loyalty_identity_v1_MergePolicy__Output } from '../../../loyalty/identity/v1/MergePolicy';

/**
 * UpdateMergePolicy's request.
 */
export interface UpdateMergePolicyRequest {
  /**
   * The whole new policy.
   */
  'policy'?: (_loyalty_identity_v1_MergePolicy | null);
  /**
   * Optional UUID: a retry with the same id and request gets the first
   * answer again and changes nothing.
   */
  'requestId'?: (string);
  /**
   * Checks and answers without writing anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * UpdateMergePolicy's request.
 */
export interface UpdateMergePolicyRequest__Output {
  /**
   * The whole new policy.
   */
  'policy': (_loyalty_identity_v1_MergePolicy__Output | null);
  /**
   * Optional UUID: a retry with the same id and request gets the first
   * answer again and changes nothing.
   */
  'requestId': (string);
  /**
   * Checks and answers without writing anything.
   */
  'validateOnly': (boolean);
}
