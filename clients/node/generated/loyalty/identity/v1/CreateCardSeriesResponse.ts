// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from '../../../loyalty/identity/v1/CardSeries';

/**
 * Response of CreateCardSeries.
 */
export interface CreateCardSeriesResponse {
  /**
   * The created series.
   */
  'series'?: (_loyalty_identity_v1_CardSeries | null);
}

/**
 * Response of CreateCardSeries.
 */
export interface CreateCardSeriesResponse__Output {
  /**
   * The created series.
   */
  'series': (_loyalty_identity_v1_CardSeries__Output | null);
}
