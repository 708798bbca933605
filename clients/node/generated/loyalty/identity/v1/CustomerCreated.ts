// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { ScopedIdentifier as _loyalty_identity_v1_ScopedIdentifier, ScopedIdentifier__Output as _loyalty_identity_v1_ScopedIdentifier__Output } from '../../../loyalty/identity/v1/ScopedIdentifier';

/**
 * A customer was created (CreateCustomer).
 */
export interface CustomerCreated {
  /**
   * The new customer, `customers/{id}`.
   */
  'customer'?: (string);
  /**
   * Its identifiers, with their scopes.
   */
  'identifiers'?: (_loyalty_identity_v1_ScopedIdentifier)[];
}

/**
 * A customer was created (CreateCustomer).
 */
export interface CustomerCreated__Output {
  /**
   * The new customer, `customers/{id}`.
   */
  'customer': (string);
  /**
   * Its identifiers, with their scopes.
   */
  'identifiers': (_loyalty_identity_v1_ScopedIdentifier__Output)[];
}
