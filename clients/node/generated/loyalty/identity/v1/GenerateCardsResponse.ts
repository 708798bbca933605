// Original file: ../../protos/loyalty/identity/v1/card_service.proto


/**
 * Response of GenerateCards.
 */
export interface GenerateCardsResponse {
  /**
   * The new card numbers, in the order they were made.
   */
  'numbers'?: (string)[];
}

/**
 * Response of GenerateCards.
 */
export interface GenerateCardsResponse__Output {
  /**
   * The new card numbers, in the order they were made.
   */
  'numbers': (string)[];
}
