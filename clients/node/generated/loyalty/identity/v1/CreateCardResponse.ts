// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from '../../../loyalty/identity/v1/Card';

/**
 * Response of CreateCard.
 */
export interface CreateCardResponse {
  /**
   * The card, in stock.
   */
  'card'?: (_loyalty_identity_v1_Card | null);
}

/**
 * Response of CreateCard.
 */
export interface CreateCardResponse__Output {
  /**
   * The card, in stock.
   */
  'card': (_loyalty_identity_v1_Card__Output | null);
}
