// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from '../../../loyalty/identity/v1/Identifier';

/**
 * Request of UnsuppressIdentifier.
 */
export interface UnsuppressIdentifierRequest {
  /**
   * The suppressed value, as it would be added (normalized the same way).
   */
  'identifier'?: (_loyalty_identity_v1_Identifier | null);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, runs every check and returns the would-be response without
   * lifting anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of UnsuppressIdentifier.
 */
export interface UnsuppressIdentifierRequest__Output {
  /**
   * The suppressed value, as it would be added (normalized the same way).
   */
  'identifier': (_loyalty_identity_v1_Identifier__Output | null);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, runs every check and returns the would-be response without
   * lifting anything.
   */
  'validateOnly': (boolean);
}
