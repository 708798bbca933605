// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from '../../../loyalty/identity/v1/Merge';

/**
 * Response of MergeCustomers.
 */
export interface MergeCustomersResponse {
  /**
   * The survivor after the merge.
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
  /**
   * The merge record.
   */
  'merge'?: (_loyalty_identity_v1_Merge | null);
}

/**
 * Response of MergeCustomers.
 */
export interface MergeCustomersResponse__Output {
  /**
   * The survivor after the merge.
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
  /**
   * The merge record.
   */
  'merge': (_loyalty_identity_v1_Merge__Output | null);
}
