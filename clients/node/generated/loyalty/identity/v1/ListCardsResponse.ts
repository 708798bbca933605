// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from '../../../loyalty/identity/v1/Card';

/**
 * Response of ListCards.
 */
export interface ListCardsResponse {
  /**
   * Cards ordered by number.
   */
  'cards'?: (_loyalty_identity_v1_Card)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * Response of ListCards.
 */
export interface ListCardsResponse__Output {
  /**
   * Cards ordered by number.
   */
  'cards': (_loyalty_identity_v1_Card__Output)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
