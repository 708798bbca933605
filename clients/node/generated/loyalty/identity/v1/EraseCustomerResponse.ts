// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';

/**
 * Response of EraseCustomer.
 */
export interface EraseCustomerResponse {
  /**
   * The erased customer: CUSTOMER_STATE_ERASED, no profiles, no cards
   * listed, erase_time set; `merged_customers` still lists its victims.
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
}

/**
 * Response of EraseCustomer.
 */
export interface EraseCustomerResponse__Output {
  /**
   * The erased customer: CUSTOMER_STATE_ERASED, no profiles, no cards
   * listed, erase_time set; `merged_customers` still lists its victims.
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
}
