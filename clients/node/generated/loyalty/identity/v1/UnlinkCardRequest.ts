// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of UnlinkCard.
 */
export interface UnlinkCardRequest {
  /**
   * The card number.
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
 * Request of UnlinkCard.
 */
export interface UnlinkCardRequest__Output {
  /**
   * The card number.
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
