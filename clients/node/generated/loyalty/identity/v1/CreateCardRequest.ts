// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of CreateCard.
 */
export interface CreateCardRequest {
  /**
   * The series of the card.
   */
  'seriesId'?: (string);
  /**
   * The number: must fit the series' format (trimmed, upper-cased).
   */
  'number'?: (string);
  /**
   * A label of NOT_ISSUED; empty takes "NOT_ISSUED".
   */
  'statusLabel'?: (string);
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
 * Request of CreateCard.
 */
export interface CreateCardRequest__Output {
  /**
   * The series of the card.
   */
  'seriesId': (string);
  /**
   * The number: must fit the series' format (trimmed, upper-cased).
   */
  'number': (string);
  /**
   * A label of NOT_ISSUED; empty takes "NOT_ISSUED".
   */
  'statusLabel': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, checks everything without writing.
   */
  'validateOnly': (boolean);
}
