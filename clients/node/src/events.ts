// The change feed as an async iterator: WatchEvents is a grpc-js readable
// stream of { event } messages that ends in a CANCELLED error when the caller
// stops it; watch() hands out the events themselves, remembers where to resume,
// and turns the caller's own cancellation into a normal end of iteration.
import * as grpc from '@grpc/grpc-js';

import type { Event__Output } from '../generated/loyalty/identity/v1/Event';
import type { EventServiceClient } from '../generated/loyalty/identity/v1/EventService';
import type { WatchEventsRequest } from '../generated/loyalty/identity/v1/WatchEventsRequest';
import type { WatchEventsResponse__Output } from '../generated/loyalty/identity/v1/WatchEventsResponse';
import type { CallOptions } from './client';
import { isServiceError } from './errors';

/** An open WatchEvents call: iterate it with `for await`, stop it with cancel(). */
export interface EventStream extends AsyncIterableIterator<Event__Output> {
  /**
   * The sequence of the last event handed out (the request's afterSequence
   * before the first): after a failure, watch again from here to miss nothing.
   */
  readonly lastSequence: string;
  /** Ends the call; iteration then finishes without an error. Safe to call more than once. */
  cancel(): void;
  /** The underlying grpc-js call (for its metadata and status events). */
  readonly call: grpc.ClientReadableStream<WatchEventsResponse__Output>;
}

/**
 * Opens WatchEvents: the org's events after `request.afterSequence` (0: from the
 * first), then new ones as they commit, until cancel(), a `break` out of the
 * loop, the deadline in `options`, or an error. Errors (PERMISSION_DENIED for
 * revealValues, OUT_OF_RANGE EVENTS_EXPIRED, UNAVAILABLE when the server stops,
 * DEADLINE_EXCEEDED...) are thrown by the iteration as grpc-js ServiceErrors:
 * read them with richStatus() or errorReason().
 *
 *   const stream = watch(client.events, { afterSequence: last });
 *   for await (const event of stream) handle(event);
 */
export function watch(
  client: EventServiceClient,
  request: WatchEventsRequest = {},
  options: CallOptions = {},
): EventStream {
  const { metadata = new grpc.Metadata(), ...callOptions } = options;
  const call = client.watchEvents(request, metadata, callOptions);
  let lastSequence = String(request.afterSequence ?? '0');
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
    call.cancel();
  };
  // grpc-js emits a failed status as a bare 'error' event: without a listener
  // it would crash the process (say, a cancel() after the loop ended), and one
  // emitted before the first next() would be missed by the stream's iterator.
  let failure: unknown;
  call.on('error', (error: unknown) => {
    failure ??= error;
  });

  async function* events(): AsyncGenerator<Event__Output, void, undefined> {
    let finished = false;
    try {
      let error: unknown;
      try {
        // grpc-js streams are object-mode Readables, hence async iterable.
        for await (const response of call as AsyncIterable<WatchEventsResponse__Output>) {
          if (response.event === null) continue; // never sent by the server; tolerated
          lastSequence = response.event.sequence;
          yield response.event;
        }
        error = failure;
      } catch (thrown) {
        error = thrown;
      }
      finished = true;
      // Our own cancel() surfaces as CANCELLED: that is the end the caller asked for.
      if (error === undefined || (cancelled && isServiceError(error) && error.code === grpc.status.CANCELLED)) return;
      throw error;
    } finally {
      // The consumer left the loop early (break, return, throw): free the server's watcher slot.
      if (!finished) cancel();
    }
  }

  return Object.defineProperties(events(), {
    cancel: { value: cancel },
    call: { value: call },
    lastSequence: { get: () => lastSequence },
  }) as EventStream;
}
