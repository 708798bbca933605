// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from '../../../loyalty/identity/v1/Card';

/**
 * Response of GetCard.
 */
export interface GetCardResponse {
  /**
   * The card.
   */
  'card'?: (_loyalty_identity_v1_Card | null);
}

/**
 * Response of GetCard.
 */
export interface GetCardResponse__Output {
  /**
   * The card.
   */
  'card': (_loyalty_identity_v1_Card__Output | null);
}
