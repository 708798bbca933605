// Original file: ../../protos/loyalty/identity/v1/event_service.proto


/**
 * A customer was erased (EraseCustomer, right to be forgotten): it and every
 * customer merged into it lost all their profiles and identifiers, and its
 * cards became DELETED (they stay linked to it; no CardChanged event is
 * written for them). Every value they held was redacted from the earlier
 * events (ScopedIdentifier.erased) and is free again: another customer may
 * add it without merging. A consumer replaying the feed forgets what these
 * customers held.
 */
export interface CustomerErased {
  /**
   * The erased customer, `customers/{id}`, now CUSTOMER_STATE_ERASED.
   */
  'customer'?: (string);
  /**
   * The customers merged into it (still MERGED, pointing at it), erased with
   * it; `customer` itself is not listed. Empty when none.
   */
  'erasedCustomers'?: (string)[];
}

/**
 * A customer was erased (EraseCustomer, right to be forgotten): it and every
 * customer merged into it lost all their profiles and identifiers, and its
 * cards became DELETED (they stay linked to it; no CardChanged event is
 * written for them). Every value they held was redacted from the earlier
 * events (ScopedIdentifier.erased) and is free again: another customer may
 * add it without merging. A consumer replaying the feed forgets what these
 * customers held.
 */
export interface CustomerErased__Output {
  /**
   * The erased customer, `customers/{id}`, now CUSTOMER_STATE_ERASED.
   */
  'customer': (string);
  /**
   * The customers merged into it (still MERGED, pointing at it), erased with
   * it; `customer` itself is not listed. Empty when none.
   */
  'erasedCustomers': (string)[];
}
