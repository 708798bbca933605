// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';

/**
 * Response of GetCustomer.
 */
export interface GetCustomerResponse {
  /**
   * The customer, or its survivor when the name is a merged customer's.
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
}

/**
 * Response of GetCustomer.
 */
export interface GetCustomerResponse__Output {
  /**
   * The customer, or its survivor when the name is a merged customer's.
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
}
