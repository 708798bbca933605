// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { StatusLabel as _loyalty_identity_v1_StatusLabel, StatusLabel__Output as _loyalty_identity_v1_StatusLabel__Output } from '../../../loyalty/identity/v1/StatusLabel';

/**
 * Response of CreateStatusLabel.
 */
export interface CreateStatusLabelResponse {
  /**
   * The created label.
   */
  'statusLabel'?: (_loyalty_identity_v1_StatusLabel | null);
}

/**
 * Response of CreateStatusLabel.
 */
export interface CreateStatusLabelResponse__Output {
  /**
   * The created label.
   */
  'statusLabel': (_loyalty_identity_v1_StatusLabel__Output | null);
}
