// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { CardType as _loyalty_identity_v1_CardType, CardType__Output as _loyalty_identity_v1_CardType__Output } from '../../../loyalty/identity/v1/CardType';
import type { CardNumberFormat as _loyalty_identity_v1_CardNumberFormat, CardNumberFormat__Output as _loyalty_identity_v1_CardNumberFormat__Output } from '../../../loyalty/identity/v1/CardNumberFormat';

/**
 * A series of loyalty cards that share a number format and rules.
 */
export interface CardSeries {
  /**
   * The series id, assigned by the service.
   */
  'id'?: (string);
  /**
   * A short code, unique in the org (CARD_SERIES_CODE_TAKEN).
   */
  'code'?: (string);
  /**
   * A display name: 1 to 128 characters.
   */
  'name'?: (string);
  /**
   * PHYSICAL or DIGITAL.
   */
  'type'?: (_loyalty_identity_v1_CardType);
  /**
   * How the series' numbers look.
   */
  'format'?: (_loyalty_identity_v1_CardNumberFormat | null);
  /**
   * How many ISSUED or ACTIVE cards of this series one customer may hold;
   * 0 means unlimited (CARD_LIMIT_EXCEEDED).
   */
  'maxActiveCardsPerCustomer'?: (number);
  /**
   * Days from issue until a card expires; 0 means never.
   */
  'expiryDays'?: (number);
}

/**
 * A series of loyalty cards that share a number format and rules.
 */
export interface CardSeries__Output {
  /**
   * The series id, assigned by the service.
   */
  'id': (string);
  /**
   * A short code, unique in the org (CARD_SERIES_CODE_TAKEN).
   */
  'code': (string);
  /**
   * A display name: 1 to 128 characters.
   */
  'name': (string);
  /**
   * PHYSICAL or DIGITAL.
   */
  'type': (_loyalty_identity_v1_CardType__Output);
  /**
   * How the series' numbers look.
   */
  'format': (_loyalty_identity_v1_CardNumberFormat__Output | null);
  /**
   * How many ISSUED or ACTIVE cards of this series one customer may hold;
   * 0 means unlimited (CARD_LIMIT_EXCEEDED).
   */
  'maxActiveCardsPerCustomer': (number);
  /**
   * Days from issue until a card expires; 0 means never.
   */
  'expiryDays': (number);
}
