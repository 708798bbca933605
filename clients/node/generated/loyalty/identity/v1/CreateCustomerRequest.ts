// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Profile as _loyalty_identity_v1_Profile, Profile__Output as _loyalty_identity_v1_Profile__Output } from '../../../loyalty/identity/v1/Profile';

/**
 * Request of CreateCustomer.
 */
export interface CreateCustomerRequest {
  /**
   * The new customer's profiles: 1 to 20, each in a distinct scope, each with
   * at least one identifier; at most 100 identifiers in all.
   */
  'profiles'?: (_loyalty_identity_v1_Profile)[];
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, runs every check and returns the would-be response without
   * writing anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of CreateCustomer.
 */
export interface CreateCustomerRequest__Output {
  /**
   * The new customer's profiles: 1 to 20, each in a distinct scope, each with
   * at least one identifier; at most 100 identifiers in all.
   */
  'profiles': (_loyalty_identity_v1_Profile__Output)[];
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, runs every check and returns the would-be response without
   * writing anything.
   */
  'validateOnly': (boolean);
}
