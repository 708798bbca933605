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
  /**
   * When true, every identifier value the customer and those merged into it
   * hold is also suppressed: kept only as an HMAC-SHA256 (server key, org,
   * type and normalized value), and refused with IDENTIFIER_SUPPRESSED when
   * added again anywhere in the org (UpdateIdentifiers, CreateCustomer, bulk
   * import). Card numbers are never suppressed. Needs a server started with
   * a suppression key (else FAILED_PRECONDITION SUPPRESSION_KEY_MISSING).
   */
  'suppressIdentifiers'?: (boolean);
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
  /**
   * When true, every identifier value the customer and those merged into it
   * hold is also suppressed: kept only as an HMAC-SHA256 (server key, org,
   * type and normalized value), and refused with IDENTIFIER_SUPPRESSED when
   * added again anywhere in the org (UpdateIdentifiers, CreateCustomer, bulk
   * import). Card numbers are never suppressed. Needs a server started with
   * a suppression key (else FAILED_PRECONDITION SUPPRESSION_KEY_MISSING).
   */
  'suppressIdentifiers': (boolean);
}
