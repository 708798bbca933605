// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Request of WatchEvents.
 */
export interface WatchEventsRequest {
  /**
   * Stream events with a sequence greater than this; 0 starts at the first
   * event. Must not be negative.
   */
  'afterSequence'?: (number | string | Long);
  /**
   * Show identifier values and card numbers unmasked (the caller must be
   * allowed to: see EventService).
   */
  'revealValues'?: (boolean);
}

/**
 * Request of WatchEvents.
 */
export interface WatchEventsRequest__Output {
  /**
   * Stream events with a sequence greater than this; 0 starts at the first
   * event. Must not be negative.
   */
  'afterSequence': (string);
  /**
   * Show identifier values and card numbers unmasked (the caller must be
   * allowed to: see EventService).
   */
  'revealValues': (boolean);
}
