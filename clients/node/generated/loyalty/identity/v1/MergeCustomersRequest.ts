// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto


/**
 * Request of MergeCustomers.
 */
export interface MergeCustomersRequest {
  /**
   * The customer to merge away, `customers/{id}`. It must be ACTIVE.
   */
  'victim'?: (string);
  /**
   * The customer that receives the victim's profiles and cards. It must be
   * ACTIVE and differ from the victim.
   */
  'survivor'?: (string);
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
 * Request of MergeCustomers.
 */
export interface MergeCustomersRequest__Output {
  /**
   * The customer to merge away, `customers/{id}`. It must be ACTIVE.
   */
  'victim': (string);
  /**
   * The customer that receives the victim's profiles and cards. It must be
   * ACTIVE and differ from the victim.
   */
  'survivor': (string);
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
