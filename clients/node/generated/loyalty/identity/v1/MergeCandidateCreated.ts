// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { ScopedIdentifier as _loyalty_identity_v1_ScopedIdentifier, ScopedIdentifier__Output as _loyalty_identity_v1_ScopedIdentifier__Output } from '../../../loyalty/identity/v1/ScopedIdentifier';
import type { ReviewReason as _loyalty_identity_v1_ReviewReason, ReviewReason__Output as _loyalty_identity_v1_ReviewReason__Output } from '../../../loyalty/identity/v1/ReviewReason';

/**
 * A merge the org's policy leaves to a person was refused and recorded as a
 * merge candidate (MERGE_NEEDS_REVIEW).
 */
export interface MergeCandidateCreated {
  /**
   * The candidate, `mergeCandidates/{id}`.
   */
  'candidate'?: (string);
  /**
   * The customer the refused request named (UpdateIdentifiers); empty for
   * a CreateCustomer or an import row.
   */
  'victim'?: (string);
  /**
   * The customer holding the value that proved the two one person.
   */
  'survivor'?: (string);
  /**
   * That value, in the scope the request adds it to (masked unless
   * revealed; erased with either customer).
   */
  'trigger'?: (_loyalty_identity_v1_ScopedIdentifier | null);
  /**
   * Why a person decides: the type's mode, or the limit.
   */
  'reason'?: (_loyalty_identity_v1_ReviewReason);
}

/**
 * A merge the org's policy leaves to a person was refused and recorded as a
 * merge candidate (MERGE_NEEDS_REVIEW).
 */
export interface MergeCandidateCreated__Output {
  /**
   * The candidate, `mergeCandidates/{id}`.
   */
  'candidate': (string);
  /**
   * The customer the refused request named (UpdateIdentifiers); empty for
   * a CreateCustomer or an import row.
   */
  'victim': (string);
  /**
   * The customer holding the value that proved the two one person.
   */
  'survivor': (string);
  /**
   * That value, in the scope the request adds it to (masked unless
   * revealed; erased with either customer).
   */
  'trigger': (_loyalty_identity_v1_ScopedIdentifier__Output | null);
  /**
   * Why a person decides: the type's mode, or the limit.
   */
  'reason': (_loyalty_identity_v1_ReviewReason__Output);
}
