// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { MergePolicy as _loyalty_identity_v1_MergePolicy, MergePolicy__Output as _loyalty_identity_v1_MergePolicy__Output } from '../../../loyalty/identity/v1/MergePolicy';

/**
 * The org's merge policy changed (UpdateMergePolicy). It names no customer.
 */
export interface MergePolicyChanged {
  /**
   * The whole new policy.
   */
  'policy'?: (_loyalty_identity_v1_MergePolicy | null);
}

/**
 * The org's merge policy changed (UpdateMergePolicy). It names no customer.
 */
export interface MergePolicyChanged__Output {
  /**
   * The whole new policy.
   */
  'policy': (_loyalty_identity_v1_MergePolicy__Output | null);
}
