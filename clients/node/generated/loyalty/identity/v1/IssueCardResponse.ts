// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from '../../../loyalty/identity/v1/Card';
import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';

/**
 * Response of IssueCard.
 */
export interface IssueCardResponse {
  /**
   * The issued card.
   */
  'card'?: (_loyalty_identity_v1_Card | null);
  /**
   * The customer it was issued to, with all its cards.
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
}

/**
 * Response of IssueCard.
 */
export interface IssueCardResponse__Output {
  /**
   * The issued card.
   */
  'card': (_loyalty_identity_v1_Card__Output | null);
  /**
   * The customer it was issued to, with all its cards.
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
}
