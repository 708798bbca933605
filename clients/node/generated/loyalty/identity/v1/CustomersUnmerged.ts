// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { ScopedIdentifier as _loyalty_identity_v1_ScopedIdentifier, ScopedIdentifier__Output as _loyalty_identity_v1_ScopedIdentifier__Output } from '../../../loyalty/identity/v1/ScopedIdentifier';

/**
 * A merge was undone (UnmergeCustomers): the victim is ACTIVE again.
 */
export interface CustomersUnmerged {
  /**
   * The merge record, `merges/{id}`.
   */
  'merge'?: (string);
  /**
   * The restored customer, `customers/{id}`.
   */
  'victim'?: (string);
  /**
   * The customer the victim's things were taken back from (the merge's
   * survivor, or the customer it was merged into later).
   */
  'survivor'?: (string);
  /**
   * The identifiers that moved back from the survivor to the victim.
   */
  'restoredIdentifiers'?: (_loyalty_identity_v1_ScopedIdentifier)[];
  /**
   * The identifiers the merging request had added, now removed from the
   * survivor.
   */
  'removedIdentifiers'?: (_loyalty_identity_v1_ScopedIdentifier)[];
  /**
   * The card numbers that moved back (masked unless revealed).
   */
  'restoredCards'?: (string)[];
  /**
   * Earlier victims of the victim, pointing at the victim again.
   */
  'restoredCustomers'?: (string)[];
}

/**
 * A merge was undone (UnmergeCustomers): the victim is ACTIVE again.
 */
export interface CustomersUnmerged__Output {
  /**
   * The merge record, `merges/{id}`.
   */
  'merge': (string);
  /**
   * The restored customer, `customers/{id}`.
   */
  'victim': (string);
  /**
   * The customer the victim's things were taken back from (the merge's
   * survivor, or the customer it was merged into later).
   */
  'survivor': (string);
  /**
   * The identifiers that moved back from the survivor to the victim.
   */
  'restoredIdentifiers': (_loyalty_identity_v1_ScopedIdentifier__Output)[];
  /**
   * The identifiers the merging request had added, now removed from the
   * survivor.
   */
  'removedIdentifiers': (_loyalty_identity_v1_ScopedIdentifier__Output)[];
  /**
   * The card numbers that moved back (masked unless revealed).
   */
  'restoredCards': (string)[];
  /**
   * Earlier victims of the victim, pointing at the victim again.
   */
  'restoredCustomers': (string)[];
}
