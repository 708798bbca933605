// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { ScopedIdentifier as _loyalty_identity_v1_ScopedIdentifier, ScopedIdentifier__Output as _loyalty_identity_v1_ScopedIdentifier__Output } from '../../../loyalty/identity/v1/ScopedIdentifier';

/**
 * Identifiers were added to or removed from a customer (UpdateIdentifiers,
 * or CreateCustomer combining new profiles with an existing customer).
 */
export interface IdentifiersChanged {
  /**
   * The customer, `customers/{id}`.
   */
  'customer'?: (string);
  /**
   * The identifiers added.
   */
  'added'?: (_loyalty_identity_v1_ScopedIdentifier)[];
  /**
   * The identifiers removed.
   */
  'removed'?: (_loyalty_identity_v1_ScopedIdentifier)[];
}

/**
 * Identifiers were added to or removed from a customer (UpdateIdentifiers,
 * or CreateCustomer combining new profiles with an existing customer).
 */
export interface IdentifiersChanged__Output {
  /**
   * The customer, `customers/{id}`.
   */
  'customer': (string);
  /**
   * The identifiers added.
   */
  'added': (_loyalty_identity_v1_ScopedIdentifier__Output)[];
  /**
   * The identifiers removed.
   */
  'removed': (_loyalty_identity_v1_ScopedIdentifier__Output)[];
}
