// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { StatusLabel as _loyalty_identity_v1_StatusLabel, StatusLabel__Output as _loyalty_identity_v1_StatusLabel__Output } from '../../../loyalty/identity/v1/StatusLabel';

/**
 * Response of ListStatusLabels.
 */
export interface ListStatusLabelsResponse {
  /**
   * Labels of the org, ordered by status then label.
   */
  'statusLabels'?: (_loyalty_identity_v1_StatusLabel)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * Response of ListStatusLabels.
 */
export interface ListStatusLabelsResponse__Output {
  /**
   * Labels of the org, ordered by status then label.
   */
  'statusLabels': (_loyalty_identity_v1_StatusLabel__Output)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
