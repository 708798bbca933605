// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from '../../../loyalty/identity/v1/Identifier';

/**
 * Request of UpdateIdentifiers.
 */
export interface UpdateIdentifiersRequest {
  /**
   * The customer to update, `customers/{id}`. It must be ACTIVE.
   */
  'customer'?: (string);
  /**
   * The scope's source.
   */
  'source'?: (_loyalty_identity_v1_Source);
  /**
   * The scope's account (required for multi-account sources, empty for the
   * others).
   */
  'accountId'?: (string);
  /**
   * Identifiers to add to the customer's profile in the scope (applied after
   * the removes). At least one add or remove.
   */
  'add'?: (_loyalty_identity_v1_Identifier)[];
  /**
   * Identifiers to remove from the customer's profile in the scope. At most
   * 100 adds and removes together.
   */
  'remove'?: (_loyalty_identity_v1_Identifier)[];
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, runs every check and returns the would-be response (merges
   * included) without writing anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of UpdateIdentifiers.
 */
export interface UpdateIdentifiersRequest__Output {
  /**
   * The customer to update, `customers/{id}`. It must be ACTIVE.
   */
  'customer': (string);
  /**
   * The scope's source.
   */
  'source': (_loyalty_identity_v1_Source__Output);
  /**
   * The scope's account (required for multi-account sources, empty for the
   * others).
   */
  'accountId': (string);
  /**
   * Identifiers to add to the customer's profile in the scope (applied after
   * the removes). At least one add or remove.
   */
  'add': (_loyalty_identity_v1_Identifier__Output)[];
  /**
   * Identifiers to remove from the customer's profile in the scope. At most
   * 100 adds and removes together.
   */
  'remove': (_loyalty_identity_v1_Identifier__Output)[];
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, runs every check and returns the would-be response (merges
   * included) without writing anything.
   */
  'validateOnly': (boolean);
}
