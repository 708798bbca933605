// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Request of GetCard.
 */
export interface GetCardRequest {
  /**
   * The card number.
   */
  'number'?: (string);
}

/**
 * Request of GetCard.
 */
export interface GetCardRequest__Output {
  /**
   * The card number.
   */
  'number': (string);
}
