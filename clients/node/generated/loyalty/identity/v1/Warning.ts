// Original file: ../../protos/loyalty/identity/v1/resources.proto


/**
 * A note in a successful response: something the caller may want to know.
 */
export interface Warning {
  /**
   * ALREADY_PRESENT: an added identifier was already on the profile (nothing
   * changed). COMBINED_WITH_EXISTING: CreateCustomer attached the profiles
   * to an existing customer instead of creating one. MERGED: the call merged
   * two customers.
   */
  'code'?: (string);
  /**
   * A human-readable explanation.
   */
  'message'?: (string);
  /**
   * Useful ids, for example `customer`, `victim`, `survivor`, `merge`,
   * `identifier_type`, `index`.
   */
  'metadata'?: ({[key: string]: string});
}

/**
 * A note in a successful response: something the caller may want to know.
 */
export interface Warning__Output {
  /**
   * ALREADY_PRESENT: an added identifier was already on the profile (nothing
   * changed). COMBINED_WITH_EXISTING: CreateCustomer attached the profiles
   * to an existing customer instead of creating one. MERGED: the call merged
   * two customers.
   */
  'code': (string);
  /**
   * A human-readable explanation.
   */
  'message': (string);
  /**
   * Useful ids, for example `customer`, `victim`, `survivor`, `merge`,
   * `identifier_type`, `index`.
   */
  'metadata': ({[key: string]: string});
}
