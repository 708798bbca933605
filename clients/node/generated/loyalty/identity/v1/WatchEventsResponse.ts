// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { Event as _loyalty_identity_v1_Event, Event__Output as _loyalty_identity_v1_Event__Output } from '../../../loyalty/identity/v1/Event';

/**
 * One message of the WatchEvents stream.
 */
export interface WatchEventsResponse {
  /**
   * The next event; its sequence is the previous one's plus one.
   */
  'event'?: (_loyalty_identity_v1_Event | null);
}

/**
 * One message of the WatchEvents stream.
 */
export interface WatchEventsResponse__Output {
  /**
   * The next event; its sequence is the previous one's plus one.
   */
  'event': (_loyalty_identity_v1_Event__Output | null);
}
