// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from '../../../loyalty/identity/v1/Card';

/**
 * Response of UpdateCardStatus.
 */
export interface UpdateCardStatusResponse {
  /**
   * The card after the change.
   */
  'card'?: (_loyalty_identity_v1_Card | null);
}

/**
 * Response of UpdateCardStatus.
 */
export interface UpdateCardStatusResponse__Output {
  /**
   * The card after the change.
   */
  'card': (_loyalty_identity_v1_Card__Output | null);
}
