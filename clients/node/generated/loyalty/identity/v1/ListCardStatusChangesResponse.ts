// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { CardStatusChange as _loyalty_identity_v1_CardStatusChange, CardStatusChange__Output as _loyalty_identity_v1_CardStatusChange__Output } from '../../../loyalty/identity/v1/CardStatusChange';

/**
 * Response of ListCardStatusChanges.
 */
export interface ListCardStatusChangesResponse {
  /**
   * The card's log, oldest first.
   */
  'changes'?: (_loyalty_identity_v1_CardStatusChange)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * Response of ListCardStatusChanges.
 */
export interface ListCardStatusChangesResponse__Output {
  /**
   * The card's log, oldest first.
   */
  'changes': (_loyalty_identity_v1_CardStatusChange__Output)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
