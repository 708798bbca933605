// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of GenerateCards.
 */
export interface GenerateCardsRequest {
  /**
   * The series to generate numbers of.
   */
  'seriesId'?: (string);
  /**
   * How many cards: 1 to 50,000.
   */
  'count'?: (number);
  /**
   * A label of NOT_ISSUED; empty takes "NOT_ISSUED".
   */
  'statusLabel'?: (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, checks everything and returns the would-be numbers without
   * writing.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of GenerateCards.
 */
export interface GenerateCardsRequest__Output {
  /**
   * The series to generate numbers of.
   */
  'seriesId': (string);
  /**
   * How many cards: 1 to 50,000.
   */
  'count': (number);
  /**
   * A label of NOT_ISSUED; empty takes "NOT_ISSUED".
   */
  'statusLabel': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, checks everything and returns the would-be numbers without
   * writing.
   */
  'validateOnly': (boolean);
}
