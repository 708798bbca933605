// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * The life-cycle status of a loyalty card.
 */
export const CardStatus = {
  /**
   * Never returned: a status that may not exist (CardStatusChange.from_status
   * of a card's creation) is `optional` and then unset. Rejected with
   * INVALID_ARGUMENT in requests.
   */
  CARD_STATUS_UNSPECIFIED: 'CARD_STATUS_UNSPECIFIED',
  /**
   * In stock, linked to no customer.
   */
  CARD_STATUS_NOT_ISSUED: 'CARD_STATUS_NOT_ISSUED',
  /**
   * Linked to a customer, not yet activated.
   */
  CARD_STATUS_ISSUED: 'CARD_STATUS_ISSUED',
  /**
   * Linked to a customer and usable.
   */
  CARD_STATUS_ACTIVE: 'CARD_STATUS_ACTIVE',
  /**
   * Temporarily blocked.
   */
  CARD_STATUS_SUSPENDED: 'CARD_STATUS_SUSPENDED',
  /**
   * Past its validity.
   */
  CARD_STATUS_EXPIRED: 'CARD_STATUS_EXPIRED',
  /**
   * Final: a deleted card never changes status again.
   */
  CARD_STATUS_DELETED: 'CARD_STATUS_DELETED',
} as const;

/**
 * The life-cycle status of a loyalty card.
 */
export type CardStatus =
  /**
   * Never returned: a status that may not exist (CardStatusChange.from_status
   * of a card's creation) is `optional` and then unset. Rejected with
   * INVALID_ARGUMENT in requests.
   */
  | 'CARD_STATUS_UNSPECIFIED'
  | 0
  /**
   * In stock, linked to no customer.
   */
  | 'CARD_STATUS_NOT_ISSUED'
  | 1
  /**
   * Linked to a customer, not yet activated.
   */
  | 'CARD_STATUS_ISSUED'
  | 2
  /**
   * Linked to a customer and usable.
   */
  | 'CARD_STATUS_ACTIVE'
  | 3
  /**
   * Temporarily blocked.
   */
  | 'CARD_STATUS_SUSPENDED'
  | 4
  /**
   * Past its validity.
   */
  | 'CARD_STATUS_EXPIRED'
  | 5
  /**
   * Final: a deleted card never changes status again.
   */
  | 'CARD_STATUS_DELETED'
  | 6

/**
 * The life-cycle status of a loyalty card.
 */
export type CardStatus__Output = typeof CardStatus[keyof typeof CardStatus]
