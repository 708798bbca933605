// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';

/**
 * Response of LookupCustomer.
 */
export interface LookupCustomerResponse {
  /**
   * The active customer holding the identifier.
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
}

/**
 * Response of LookupCustomer.
 */
export interface LookupCustomerResponse__Output {
  /**
   * The active customer holding the identifier.
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
}
