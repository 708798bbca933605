// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { CardStatus as _loyalty_identity_v1_CardStatus, CardStatus__Output as _loyalty_identity_v1_CardStatus__Output } from '../../../loyalty/identity/v1/CardStatus';

/**
 * An org-defined name for a card status.
 */
export interface StatusLabel {
  /**
   * The label, unique in the org.
   */
  'label'?: (string);
  /**
   * The status the label stands for.
   */
  'status'?: (_loyalty_identity_v1_CardStatus);
}

/**
 * An org-defined name for a card status.
 */
export interface StatusLabel__Output {
  /**
   * The label, unique in the org.
   */
  'label': (string);
  /**
   * The status the label stands for.
   */
  'status': (_loyalty_identity_v1_CardStatus__Output);
}
