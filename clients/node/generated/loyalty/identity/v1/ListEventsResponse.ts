// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { Event as _loyalty_identity_v1_Event, Event__Output as _loyalty_identity_v1_Event__Output } from '../../../loyalty/identity/v1/Event';
import type { Long } from '@grpc/proto-loader';

/**
 * Response of ListEvents.
 */
export interface ListEventsResponse {
  /**
   * The events, oldest first; empty when there is nothing after
   * after_sequence yet.
   */
  'events'?: (_loyalty_identity_v1_Event)[];
  /**
   * The org's last event at the time of the read (0 before the first one);
   * events[-1].sequence == last_sequence means the client has caught up.
   */
  'lastSequence'?: (number | string | Long);
}

/**
 * Response of ListEvents.
 */
export interface ListEventsResponse__Output {
  /**
   * The events, oldest first; empty when there is nothing after
   * after_sequence yet.
   */
  'events': (_loyalty_identity_v1_Event__Output)[];
  /**
   * The org's last event at the time of the read (0 before the first one);
   * events[-1].sequence == last_sequence means the client has caught up.
   */
  'lastSequence': (string);
}
