// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from '../../../loyalty/identity/v1/Merge';

/**
 * Response of ListMerges.
 */
export interface ListMergesResponse {
  /**
   * Merge records, newest first.
   */
  'merges'?: (_loyalty_identity_v1_Merge)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * Response of ListMerges.
 */
export interface ListMergesResponse__Output {
  /**
   * Merge records, newest first.
   */
  'merges': (_loyalty_identity_v1_Merge__Output)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
