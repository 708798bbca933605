// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from '../../../loyalty/identity/v1/CardSeries';

/**
 * Response of ListCardSeries.
 */
export interface ListCardSeriesResponse {
  /**
   * Card series, oldest first.
   */
  'series'?: (_loyalty_identity_v1_CardSeries)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * Response of ListCardSeries.
 */
export interface ListCardSeriesResponse__Output {
  /**
   * Card series, oldest first.
   */
  'series': (_loyalty_identity_v1_CardSeries__Output)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
