// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * Whether a card series is printed or only digital.
 */
export const CardType = {
  /**
   * Not a valid type; rejected with INVALID_ARGUMENT. Never returned.
   */
  CARD_TYPE_UNSPECIFIED: 'CARD_TYPE_UNSPECIFIED',
  /**
   * A printed card.
   */
  CARD_TYPE_PHYSICAL: 'CARD_TYPE_PHYSICAL',
  /**
   * A card that exists only as a number (in an app or a wallet).
   */
  CARD_TYPE_DIGITAL: 'CARD_TYPE_DIGITAL',
} as const;

/**
 * Whether a card series is printed or only digital.
 */
export type CardType =
  /**
   * Not a valid type; rejected with INVALID_ARGUMENT. Never returned.
   */
  | 'CARD_TYPE_UNSPECIFIED'
  | 0
  /**
   * A printed card.
   */
  | 'CARD_TYPE_PHYSICAL'
  | 1
  /**
   * A card that exists only as a number (in an app or a wallet).
   */
  | 'CARD_TYPE_DIGITAL'
  | 2

/**
 * Whether a card series is printed or only digital.
 */
export type CardType__Output = typeof CardType[keyof typeof CardType]
