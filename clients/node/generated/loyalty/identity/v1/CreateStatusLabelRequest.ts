// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { CardStatus as _loyalty_identity_v1_CardStatus, CardStatus__Output as _loyalty_identity_v1_CardStatus__Output } from '../../../loyalty/identity/v1/CardStatus';

/**
 * Request of CreateStatusLabel.
 */
export interface CreateStatusLabelRequest {
  /**
   * The label: 1 to 64 characters, unique in the org, case-sensitive.
   */
  'label'?: (string);
  /**
   * The status it stands for.
   */
  'status'?: (_loyalty_identity_v1_CardStatus);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, checks everything without writing.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of CreateStatusLabel.
 */
export interface CreateStatusLabelRequest__Output {
  /**
   * The label: 1 to 64 characters, unique in the org, case-sensitive.
   */
  'label': (string);
  /**
   * The status it stands for.
   */
  'status': (_loyalty_identity_v1_CardStatus__Output);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, checks everything without writing.
   */
  'validateOnly': (boolean);
}
