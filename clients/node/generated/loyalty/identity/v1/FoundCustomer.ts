// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from '../../../loyalty/identity/v1/Customer';
import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';

/**
 * The answer to one IdentifierQuery.
 */
export interface FoundCustomer {
  /**
   * The active customer holding the identifier; unset when no active
   * customer holds it (a miss, not an error).
   */
  'customer'?: (_loyalty_identity_v1_Customer | null);
  /**
   * Where the identifier was found: the query's own source when it set one;
   * for an any-scope query the first scope holding the value in (source
   * number, account_id) order (the customer's profiles show every scope);
   * SOURCE_UNSPECIFIED for a CARD_NUMBER (cards are org-wide) and for a miss.
   */
  'source'?: (_loyalty_identity_v1_Source);
  /**
   * The account of that scope; empty for single-account sources, for a
   * CARD_NUMBER and for a miss.
   */
  'accountId'?: (string);
}

/**
 * The answer to one IdentifierQuery.
 */
export interface FoundCustomer__Output {
  /**
   * The active customer holding the identifier; unset when no active
   * customer holds it (a miss, not an error).
   */
  'customer': (_loyalty_identity_v1_Customer__Output | null);
  /**
   * Where the identifier was found: the query's own source when it set one;
   * for an any-scope query the first scope holding the value in (source
   * number, account_id) order (the customer's profiles show every scope);
   * SOURCE_UNSPECIFIED for a CARD_NUMBER (cards are org-wide) and for a miss.
   */
  'source': (_loyalty_identity_v1_Source__Output);
  /**
   * The account of that scope; empty for single-account sources, for a
   * CARD_NUMBER and for a miss.
   */
  'accountId': (string);
}
