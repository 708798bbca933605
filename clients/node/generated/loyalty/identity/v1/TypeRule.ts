// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { IdentifierType as _loyalty_identity_v1_IdentifierType, IdentifierType__Output as _loyalty_identity_v1_IdentifierType__Output } from '../../../loyalty/identity/v1/IdentifierType';
import type { MergeMode as _loyalty_identity_v1_MergeMode, MergeMode__Output as _loyalty_identity_v1_MergeMode__Output } from '../../../loyalty/identity/v1/MergeMode';

/**
 * One identifier type's merge mode.
 */
export interface TypeRule {
  /**
   * The identifier type (any but CARD_NUMBER: cards never merge anyone).
   */
  'type'?: (_loyalty_identity_v1_IdentifierType);
  /**
   * Its mode.
   */
  'mode'?: (_loyalty_identity_v1_MergeMode);
}

/**
 * One identifier type's merge mode.
 */
export interface TypeRule__Output {
  /**
   * The identifier type (any but CARD_NUMBER: cards never merge anyone).
   */
  'type': (_loyalty_identity_v1_IdentifierType__Output);
  /**
   * Its mode.
   */
  'mode': (_loyalty_identity_v1_MergeMode__Output);
}
