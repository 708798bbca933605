// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of UpdateCardStatus.
 */
export interface UpdateCardStatusRequest {
  /**
   * The card number.
   */
  'number'?: (string);
  /**
   * The new label; the card takes the status it stands for.
   */
  'statusLabel'?: (string);
  /**
   * Why, for the card's log: at most 256 characters.
   */
  'reason'?: (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, checks everything without writing.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of UpdateCardStatus.
 */
export interface UpdateCardStatusRequest__Output {
  /**
   * The card number.
   */
  'number': (string);
  /**
   * The new label; the card takes the status it stands for.
   */
  'statusLabel': (string);
  /**
   * Why, for the card's log: at most 256 characters.
   */
  'reason': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, checks everything without writing.
   */
  'validateOnly': (boolean);
}
