// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from '../../../loyalty/identity/v1/CardSeries';

/**
 * Response of GetCardSeries.
 */
export interface GetCardSeriesResponse {
  /**
   * The series.
   */
  'series'?: (_loyalty_identity_v1_CardSeries | null);
}

/**
 * Response of GetCardSeries.
 */
export interface GetCardSeriesResponse__Output {
  /**
   * The series.
   */
  'series': (_loyalty_identity_v1_CardSeries__Output | null);
}
