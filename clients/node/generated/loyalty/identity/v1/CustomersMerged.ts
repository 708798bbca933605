// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { ScopedIdentifier as _loyalty_identity_v1_ScopedIdentifier, ScopedIdentifier__Output as _loyalty_identity_v1_ScopedIdentifier__Output } from '../../../loyalty/identity/v1/ScopedIdentifier';

/**
 * A victim was merged into a survivor: automatically (UpdateIdentifiers) or
 * explicitly (MergeCustomers). The victim's identifiers and cards now belong
 * to the survivor.
 */
export interface CustomersMerged {
  /**
   * The merge record, `merges/{id}`.
   */
  'merge'?: (string);
  /**
   * The customer merged away, `customers/{id}`.
   */
  'victim'?: (string);
  /**
   * The customer that received the victim's things, `customers/{id}`.
   */
  'survivor'?: (string);
  /**
   * The identifiers that moved from the victim to the survivor.
   */
  'movedIdentifiers'?: (_loyalty_identity_v1_ScopedIdentifier)[];
  /**
   * The card numbers that moved (masked unless revealed).
   */
  'movedCards'?: (string)[];
  /**
   * Earlier victims of the victim, now pointing at the survivor.
   */
  'repointedCustomers'?: (string)[];
  /**
   * The identifier that proved the two are one person; unset for
   * MergeCustomers. The identifiers the merging request adds follow in an
   * IdentifiersChanged event of the same transaction.
   */
  'trigger'?: (_loyalty_identity_v1_ScopedIdentifier | null);
}

/**
 * A victim was merged into a survivor: automatically (UpdateIdentifiers) or
 * explicitly (MergeCustomers). The victim's identifiers and cards now belong
 * to the survivor.
 */
export interface CustomersMerged__Output {
  /**
   * The merge record, `merges/{id}`.
   */
  'merge': (string);
  /**
   * The customer merged away, `customers/{id}`.
   */
  'victim': (string);
  /**
   * The customer that received the victim's things, `customers/{id}`.
   */
  'survivor': (string);
  /**
   * The identifiers that moved from the victim to the survivor.
   */
  'movedIdentifiers': (_loyalty_identity_v1_ScopedIdentifier__Output)[];
  /**
   * The card numbers that moved (masked unless revealed).
   */
  'movedCards': (string)[];
  /**
   * Earlier victims of the victim, now pointing at the survivor.
   */
  'repointedCustomers': (string)[];
  /**
   * The identifier that proved the two are one person; unset for
   * MergeCustomers. The identifiers the merging request adds follow in an
   * IdentifiersChanged event of the same transaction.
   */
  'trigger': (_loyalty_identity_v1_ScopedIdentifier__Output | null);
}
