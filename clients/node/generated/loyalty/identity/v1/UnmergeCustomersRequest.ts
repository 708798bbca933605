// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto


/**
 * Request of UnmergeCustomers.
 */
export interface UnmergeCustomersRequest {
  /**
   * The merge to undo, `merges/{id}`.
   */
  'merge'?: (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, runs every check and returns the would-be response without
   * writing anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of UnmergeCustomers.
 */
export interface UnmergeCustomersRequest__Output {
  /**
   * The merge to undo, `merges/{id}`.
   */
  'merge': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, runs every check and returns the would-be response without
   * writing anything.
   */
  'validateOnly': (boolean);
}
