// Original file: ../../protos/loyalty/identity/v1/card_service.proto

import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from '../../../loyalty/identity/v1/CardSeries';

/**
 * Request of CreateCardSeries.
 */
export interface CreateCardSeriesRequest {
  /**
   * The series to create; `id` is ignored (the service assigns it).
   */
  'series'?: (_loyalty_identity_v1_CardSeries | null);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId'?: (string);
  /**
   * When true, checks everything and returns the would-be series without
   * writing.
   */
  'validateOnly'?: (boolean);
}

/**
 * Request of CreateCardSeries.
 */
export interface CreateCardSeriesRequest__Output {
  /**
   * The series to create; `id` is ignored (the service assigns it).
   */
  'series': (_loyalty_identity_v1_CardSeries__Output | null);
  /**
   * Optional UUID making retries idempotent (kept at least 24 hours).
   */
  'requestId': (string);
  /**
   * When true, checks everything and returns the would-be series without
   * writing.
   */
  'validateOnly': (boolean);
}
