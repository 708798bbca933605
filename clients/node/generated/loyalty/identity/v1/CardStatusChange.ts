// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { CardStatus as _loyalty_identity_v1_CardStatus, CardStatus__Output as _loyalty_identity_v1_CardStatus__Output } from '../../../loyalty/identity/v1/CardStatus';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * One entry of a card's log: a change of status or owner.
 */
export interface CardStatusChange {
  /**
   * The card number.
   */
  'number'?: (string);
  /**
   * The status before the change. Unset for the entry of the card's
   * creation, which had no status before.
   */
  'fromStatus'?: (_loyalty_identity_v1_CardStatus);
  /**
   * The status after the change.
   */
  'toStatus'?: (_loyalty_identity_v1_CardStatus);
  /**
   * The label given with the change.
   */
  'statusLabel'?: (string);
  /**
   * The customer the card is linked to after the change (empty in stock).
   */
  'customer'?: (string);
  /**
   * Why the card changed, as given by the caller or set by the service
   * (for example "merge").
   */
  'reason'?: (string);
  /**
   * When the change happened.
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
  '_fromStatus'?: "fromStatus";
}

/**
 * One entry of a card's log: a change of status or owner.
 */
export interface CardStatusChange__Output {
  /**
   * The card number.
   */
  'number': (string);
  /**
   * The status before the change. Unset for the entry of the card's
   * creation, which had no status before.
   */
  'fromStatus'?: (_loyalty_identity_v1_CardStatus__Output);
  /**
   * The status after the change.
   */
  'toStatus': (_loyalty_identity_v1_CardStatus__Output);
  /**
   * The label given with the change.
   */
  'statusLabel': (string);
  /**
   * The customer the card is linked to after the change (empty in stock).
   */
  'customer': (string);
  /**
   * Why the card changed, as given by the caller or set by the service
   * (for example "merge").
   */
  'reason': (string);
  /**
   * When the change happened.
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
  '_fromStatus'?: "fromStatus";
}
