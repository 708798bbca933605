// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from '../../../loyalty/identity/v1/Merge';

/**
 * Response of UnmergeCustomers.
 */
export interface UnmergeCustomersResponse {
  /**
   * The restored victim, ACTIVE again.
   */
  'victim'?: (_loyalty_identity_v1_Customer | null);
  /**
   * The customer that held the victim's things until now (the merge's
   * survivor, or the customer it was merged into later), after the unmerge.
   */
  'survivor'?: (_loyalty_identity_v1_Customer | null);
  /**
   * The merge record, with unmerge_time set.
   */
  'merge'?: (_loyalty_identity_v1_Merge | null);
}

/**
 * Response of UnmergeCustomers.
 */
export interface UnmergeCustomersResponse__Output {
  /**
   * The restored victim, ACTIVE again.
   */
  'victim': (_loyalty_identity_v1_Customer__Output | null);
  /**
   * The customer that held the victim's things until now (the merge's
   * survivor, or the customer it was merged into later), after the unmerge.
   */
  'survivor': (_loyalty_identity_v1_Customer__Output | null);
  /**
   * The merge record, with unmerge_time set.
   */
  'merge': (_loyalty_identity_v1_Merge__Output | null);
}
