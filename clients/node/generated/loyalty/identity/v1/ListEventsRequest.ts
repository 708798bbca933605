// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Request of ListEvents.
 */
export interface ListEventsRequest {
  /**
   * Return events with a sequence greater than this; 0 starts at the first
   * event. Must not be negative.
   */
  'afterSequence'?: (number | string | Long);
  /**
   * At most this many events: 0 takes 100; above 1000 reads as 1000;
   * negative is INVALID_ARGUMENT.
   */
  'pageSize'?: (number);
  /**
   * Show identifier values and card numbers unmasked (the caller must be
   * allowed to: see EventService).
   */
  'revealValues'?: (boolean);
}

/**
 * Request of ListEvents.
 */
export interface ListEventsRequest__Output {
  /**
   * Return events with a sequence greater than this; 0 starts at the first
   * event. Must not be negative.
   */
  'afterSequence': (string);
  /**
   * At most this many events: 0 takes 100; above 1000 reads as 1000;
   * negative is INVALID_ARGUMENT.
   */
  'pageSize': (number);
  /**
   * Show identifier values and card numbers unmasked (the caller must be
   * allowed to: see EventService).
   */
  'revealValues': (boolean);
}
