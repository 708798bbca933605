// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { CardStatus as _loyalty_identity_v1_CardStatus, CardStatus__Output as _loyalty_identity_v1_CardStatus__Output } from '../../../loyalty/identity/v1/CardStatus';

/**
 * A card was linked to a customer, unlinked, or changed status.
 */
export interface CardChanged {
  /**
   * The card number (masked unless revealed).
   */
  'number'?: (string);
  /**
   * The card's series id.
   */
  'seriesId'?: (string);
  /**
   * The status after the change.
   */
  'status'?: (_loyalty_identity_v1_CardStatus);
  /**
   * The status label after the change.
   */
  'statusLabel'?: (string);
  /**
   * The owner after the change, `customers/{id}`; empty when in stock.
   */
  'customer'?: (string);
  /**
   * The owner before the change; empty when it was in stock.
   */
  'previousCustomer'?: (string);
  /**
   * The status before the change (always set: cards enter the feed only
   * once they exist).
   */
  'previousStatus'?: (_loyalty_identity_v1_CardStatus);
  /**
   * The reason recorded in the card's log.
   */
  'reason'?: (string);
}

/**
 * A card was linked to a customer, unlinked, or changed status.
 */
export interface CardChanged__Output {
  /**
   * The card number (masked unless revealed).
   */
  'number': (string);
  /**
   * The card's series id.
   */
  'seriesId': (string);
  /**
   * The status after the change.
   */
  'status': (_loyalty_identity_v1_CardStatus__Output);
  /**
   * The status label after the change.
   */
  'statusLabel': (string);
  /**
   * The owner after the change, `customers/{id}`; empty when in stock.
   */
  'customer': (string);
  /**
   * The owner before the change; empty when it was in stock.
   */
  'previousCustomer': (string);
  /**
   * The status before the change (always set: cards enter the feed only
   * once they exist).
   */
  'previousStatus': (_loyalty_identity_v1_CardStatus__Output);
  /**
   * The reason recorded in the card's log.
   */
  'reason': (string);
}
