// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of IssueCard.
 */
export interface IssueCardRequest {
  /**
   * The ACTIVE customer to link the card to, `customers/{id}`.
   */
  'customer'?: (string);
  /**
   * The card's series: required when `number` is empty, else checked
   * against the card (CARD_SERIES_MISMATCH).
   */
  'seriesId'?: (string);
  /**
   * The card number; empty takes a card from the series' stock.
   */
  'number'?: (string);
  /**
   * A label of ISSUED or ACTIVE; empty takes "ACTIVE".
   */
  'statusLabel'?: (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, checks everything and returns the would-be result without
   * writing.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of IssueCard.
 */
export interface IssueCardRequest__Output {
  /**
   * The ACTIVE customer to link the card to, `customers/{id}`.
   */
  'customer': (string);
  /**
   * The card's series: required when `number` is empty, else checked
   * against the card (CARD_SERIES_MISMATCH).
   */
  'seriesId': (string);
  /**
   * The card number; empty takes a card from the series' stock.
   */
  'number': (string);
  /**
   * A label of ISSUED or ACTIVE; empty takes "ACTIVE".
   */
  'statusLabel': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, checks everything and returns the would-be result without
   * writing.
   */
  'validateOnly': (boolean);
}
