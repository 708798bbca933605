// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { CardStatus as _loyalty_identity_v1_CardStatus, CardStatus__Output as _loyalty_identity_v1_CardStatus__Output } from '../../../loyalty/identity/v1/CardStatus';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * One loyalty card. Every field is set by the service: no request takes a
 * Card.
 */
export interface Card {
  /**
   * The card number, unique in the org.
   */
  'number'?: (string);
  /**
   * The series the card belongs to.
   */
  'seriesId'?: (string);
  /**
   * The current status (EXPIRED once past expire_time).
   */
  'status'?: (_loyalty_identity_v1_CardStatus);
  /**
   * The org's label for the current status.
   */
  'statusLabel'?: (string);
  /**
   * The customer the card is linked to; empty while in stock.
   */
  'customer'?: (string);
  /**
   * When the card was created.
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When the card was last issued to a customer; unset while in stock.
   */
  'issueTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When the card expires; unset when it never does.
   */
  'expireTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * One loyalty card. Every field is set by the service: no request takes a
 * Card.
 */
export interface Card__Output {
  /**
   * The card number, unique in the org.
   */
  'number': (string);
  /**
   * The series the card belongs to.
   */
  'seriesId': (string);
  /**
   * The current status (EXPIRED once past expire_time).
   */
  'status': (_loyalty_identity_v1_CardStatus__Output);
  /**
   * The org's label for the current status.
   */
  'statusLabel': (string);
  /**
   * The customer the card is linked to; empty while in stock.
   */
  'customer': (string);
  /**
   * When the card was created.
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When the card was last issued to a customer; unset while in stock.
   */
  'issueTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When the card expires; unset when it never does.
   */
  'expireTime': (_google_protobuf_Timestamp__Output | null);
}
