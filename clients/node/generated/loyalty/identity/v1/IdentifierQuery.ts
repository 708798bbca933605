// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from '../../../loyalty/identity/v1/Identifier';

/**
 * One identifier to resolve in FindCustomers.
 */
export interface IdentifierQuery {
  /**
   * The scope's source. SOURCE_UNSPECIFIED (unset) looks in every scope of
   * the org (then `account_id` must be empty). Ignored for a CARD_NUMBER.
   */
  'source'?: (_loyalty_identity_v1_Source);
  /**
   * The scope's account: required for multi-account sources, empty for the
   * others and for any scope. Ignored for a CARD_NUMBER.
   */
  'accountId'?: (string);
  /**
   * The identifier to look for (type and value; normalized before lookup,
   * validated as LookupCustomer validates its own).
   */
  'identifier'?: (_loyalty_identity_v1_Identifier | null);
}

/**
 * One identifier to resolve in FindCustomers.
 */
export interface IdentifierQuery__Output {
  /**
   * The scope's source. SOURCE_UNSPECIFIED (unset) looks in every scope of
   * the org (then `account_id` must be empty). Ignored for a CARD_NUMBER.
   */
  'source': (_loyalty_identity_v1_Source__Output);
  /**
   * The scope's account: required for multi-account sources, empty for the
   * others and for any scope. Ignored for a CARD_NUMBER.
   */
  'accountId': (string);
  /**
   * The identifier to look for (type and value; normalized before lookup,
   * validated as LookupCustomer validates its own).
   */
  'identifier': (_loyalty_identity_v1_Identifier__Output | null);
}
