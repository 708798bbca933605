// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';
import type { Warning as _loyalty_identity_v1_Warning, Warning__Output as _loyalty_identity_v1_Warning__Output } from '../../../loyalty/identity/v1/Warning';

/**
 * Response of CreateCustomer.
 */
export interface CreateCustomerResponse {
  /**
   * The created customer, or the existing one the profiles were attached to.
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
  /**
   * COMBINED_WITH_EXISTING, ALREADY_PRESENT.
   */
  'warnings'?: (_loyalty_identity_v1_Warning)[];
}

/**
 * Response of CreateCustomer.
 */
export interface CreateCustomerResponse__Output {
  /**
   * The created customer, or the existing one the profiles were attached to.
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
  /**
   * COMBINED_WITH_EXISTING, ALREADY_PRESENT.
   */
  'warnings': (_loyalty_identity_v1_Warning__Output)[];
}
