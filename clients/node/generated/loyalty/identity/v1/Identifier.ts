// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { IdentifierType as _loyalty_identity_v1_IdentifierType, IdentifierType__Output as _loyalty_identity_v1_IdentifierType__Output } from '../../../loyalty/identity/v1/IdentifierType';

/**
 * One identifier of a customer, or (type CARD_NUMBER) one of its cards.
 */
export interface Identifier {
  /**
   * The kind of identifier.
   */
  'type'?: (_loyalty_identity_v1_IdentifierType);
  /**
   * The value. Requests may send it in any accepted spelling; responses hold
   * the normalized form. At most 128 characters (254 for EMAIL).
   * Errors: INVALID_IDENTIFIER when it cannot be normalized, BLOCKED_VALUE
   * for placeholders such as "null", "0000000" or "test@test.com".
   */
  'value'?: (string);
  /**
   * CARD_NUMBER only: the card series the card must belong to (optional on
   * add; CARD_SERIES_MISMATCH when the card is of another series). Empty
   * in responses.
   */
  'seriesId'?: (string);
  /**
   * CARD_NUMBER only: the status label to give the card (on add, a label of
   * ISSUED or ACTIVE; on remove, a label of NOT_ISSUED). Empty takes the
   * default label. Empty in responses.
   */
  'statusLabel'?: (string);
}

/**
 * One identifier of a customer, or (type CARD_NUMBER) one of its cards.
 */
export interface Identifier__Output {
  /**
   * The kind of identifier.
   */
  'type': (_loyalty_identity_v1_IdentifierType__Output);
  /**
   * The value. Requests may send it in any accepted spelling; responses hold
   * the normalized form. At most 128 characters (254 for EMAIL).
   * Errors: INVALID_IDENTIFIER when it cannot be normalized, BLOCKED_VALUE
   * for placeholders such as "null", "0000000" or "test@test.com".
   */
  'value': (string);
  /**
   * CARD_NUMBER only: the card series the card must belong to (optional on
   * add; CARD_SERIES_MISMATCH when the card is of another series). Empty
   * in responses.
   */
  'seriesId': (string);
  /**
   * CARD_NUMBER only: the status label to give the card (on add, a label of
   * ISSUED or ACTIVE; on remove, a label of NOT_ISSUED). Empty takes the
   * default label. Empty in responses.
   */
  'statusLabel': (string);
}
