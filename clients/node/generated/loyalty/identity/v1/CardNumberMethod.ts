// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * How new card numbers of a series are chosen.
 */
export const CardNumberMethod = {
  /**
   * Not a valid method; rejected with INVALID_ARGUMENT. Never returned.
   */
  CARD_NUMBER_METHOD_UNSPECIFIED: 'CARD_NUMBER_METHOD_UNSPECIFIED',
  /**
   * Numbers counted up from the series' last number.
   */
  CARD_NUMBER_METHOD_SEQUENTIAL: 'CARD_NUMBER_METHOD_SEQUENTIAL',
  /**
   * Random numbers, never repeated.
   */
  CARD_NUMBER_METHOD_RANDOM: 'CARD_NUMBER_METHOD_RANDOM',
} as const;

/**
 * How new card numbers of a series are chosen.
 */
export type CardNumberMethod =
  /**
   * Not a valid method; rejected with INVALID_ARGUMENT. Never returned.
   */
  | 'CARD_NUMBER_METHOD_UNSPECIFIED'
  | 0
  /**
   * Numbers counted up from the series' last number.
   */
  | 'CARD_NUMBER_METHOD_SEQUENTIAL'
  | 1
  /**
   * Random numbers, never repeated.
   */
  | 'CARD_NUMBER_METHOD_RANDOM'
  | 2

/**
 * How new card numbers of a series are chosen.
 */
export type CardNumberMethod__Output = typeof CardNumberMethod[keyof typeof CardNumberMethod]
