// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from '../../../loyalty/identity/v1/Merge';
import type { Warning as _loyalty_identity_v1_Warning, Warning__Output as _loyalty_identity_v1_Warning__Output } from '../../../loyalty/identity/v1/Warning';

/**
 * Response of UpdateIdentifiers.
 */
export interface UpdateIdentifiersResponse {
  /**
   * The customer that now owns the scope's profile: the survivor after a
   * merge, else the updated customer.
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
  /**
   * The merges this call made (zero or one).
   */
  'merges'?: (_loyalty_identity_v1_Merge)[];
  /**
   * ALREADY_PRESENT, MERGED.
   */
  'warnings'?: (_loyalty_identity_v1_Warning)[];
}

/**
 * Response of UpdateIdentifiers.
 */
export interface UpdateIdentifiersResponse__Output {
  /**
   * The customer that now owns the scope's profile: the survivor after a
   * merge, else the updated customer.
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
  /**
   * The merges this call made (zero or one).
   */
  'merges': (_loyalty_identity_v1_Merge__Output)[];
  /**
   * ALREADY_PRESENT, MERGED.
   */
  'warnings': (_loyalty_identity_v1_Warning__Output)[];
}
