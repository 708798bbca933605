// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { IdentifierQuery as _loyalty_identity_v1_IdentifierQuery, IdentifierQuery__Output as _loyalty_identity_v1_IdentifierQuery__Output } from '../../../loyalty/identity/v1/IdentifierQuery';

/**
 * Request of FindCustomers.
 */
export interface FindCustomersRequest {
  /**
   * The identifiers to resolve: 1 to 100. One malformed query fails the
   * whole call.
   */
  'queries'?: (_loyalty_identity_v1_IdentifierQuery)[];
}

/**
 * Request of FindCustomers.
 */
export interface FindCustomersRequest__Output {
  /**
   * The identifiers to resolve: 1 to 100. One malformed query fails the
   * whole call.
   */
  'queries': (_loyalty_identity_v1_IdentifierQuery__Output)[];
}
