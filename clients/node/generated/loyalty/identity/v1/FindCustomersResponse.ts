// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { FoundCustomer as _loyalty_identity_v1_FoundCustomer, FoundCustomer__Output as _loyalty_identity_v1_FoundCustomer__Output } from '../../../loyalty/identity/v1/FoundCustomer';

/**
 * Response of FindCustomers.
 */
export interface FindCustomersResponse {
  /**
   * One result per query, in the order of the request's queries.
   */
  'results'?: (_loyalty_identity_v1_FoundCustomer)[];
}

/**
 * Response of FindCustomers.
 */
export interface FindCustomersResponse__Output {
  /**
   * One result per query, in the order of the request's queries.
   */
  'results': (_loyalty_identity_v1_FoundCustomer__Output)[];
}
