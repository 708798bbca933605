// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto


/**
 * Request of EraseCustomer.
 */
export interface EraseCustomerRequest {
  /**
   * The customer to erase, `customers/{id}`: active, merged (its survivor is
   * erased) or already erased.
   */
  'name'?: (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, runs every check and returns the would-be response without
   * writing or redacting anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of EraseCustomer.
 */
export interface EraseCustomerRequest__Output {
  /**
   * The customer to erase, `customers/{id}`: active, merged (its survivor is
   * erased) or already erased.
   */
  'name': (string);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, runs every check and returns the would-be response without
   * writing or redacting anything.
   */
  'validateOnly': (boolean);
}
