// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * Whether a customer is live or was merged into another one.
 */
export const CustomerState = {
  /**
   * Never returned.
   */
  CUSTOMER_STATE_UNSPECIFIED: 'CUSTOMER_STATE_UNSPECIFIED',
  /**
   * A live customer: it can be read, looked up and updated.
   */
  CUSTOMER_STATE_ACTIVE: 'CUSTOMER_STATE_ACTIVE',
  /**
   * Merged into `Customer.survivor`; reads of it return the survivor.
   */
  CUSTOMER_STATE_MERGED: 'CUSTOMER_STATE_MERGED',
  /**
   * Erased (EraseCustomer, right to be forgotten): no profiles, no
   * identifiers, its cards DELETED; `Customer.erase_time` says when. Reads
   * still answer it (GetCustomer, ListMerges), lookups never find it, writes
   * naming it fail with CUSTOMER_ERASED. Final.
   */
  CUSTOMER_STATE_ERASED: 'CUSTOMER_STATE_ERASED',
} as const;

/**
 * Whether a customer is live or was merged into another one.
 */
export type CustomerState =
  /**
   * Never returned.
   */
  | 'CUSTOMER_STATE_UNSPECIFIED'
  | 0
  /**
   * A live customer: it can be read, looked up and updated.
   */
  | 'CUSTOMER_STATE_ACTIVE'
  | 1
  /**
   * Merged into `Customer.survivor`; reads of it return the survivor.
   */
  | 'CUSTOMER_STATE_MERGED'
  | 2
  /**
   * Erased (EraseCustomer, right to be forgotten): no profiles, no
   * identifiers, its cards DELETED; `Customer.erase_time` says when. Reads
   * still answer it (GetCustomer, ListMerges), lookups never find it, writes
   * naming it fail with CUSTOMER_ERASED. Final.
   */
  | 'CUSTOMER_STATE_ERASED'
  | 3

/**
 * Whether a customer is live or was merged into another one.
 */
export type CustomerState__Output = typeof CustomerState[keyof typeof CustomerState]
