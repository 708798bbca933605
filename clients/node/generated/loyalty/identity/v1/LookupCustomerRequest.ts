// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from '../../../loyalty/identity/v1/Identifier';

/**
 * Request of LookupCustomer.
 */
export interface LookupCustomerRequest {
  /**
   * The scope's source: required, except for a CARD_NUMBER, where it is
   * ignored.
   */
  'source'?: (_loyalty_identity_v1_Source);
  /**
   * The scope's account (multi-account sources only). Ignored for
   * CARD_NUMBER.
   */
  'accountId'?: (string);
  /**
   * The identifier to look for (type and value; normalized before lookup).
   */
  'identifier'?: (_loyalty_identity_v1_Identifier | null);
}

/**
 * Request of LookupCustomer.
 */
export interface LookupCustomerRequest__Output {
  /**
   * The scope's source: required, except for a CARD_NUMBER, where it is
   * ignored.
   */
  'source': (_loyalty_identity_v1_Source__Output);
  /**
   * The scope's account (multi-account sources only). Ignored for
   * CARD_NUMBER.
   */
  'accountId': (string);
  /**
   * The identifier to look for (type and value; normalized before lookup).
   */
  'identifier': (_loyalty_identity_v1_Identifier__Output | null);
}
