// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListEventsRequest as _loyalty_identity_v1_ListEventsRequest, ListEventsRequest__Output as _loyalty_identity_v1_ListEventsRequest__Output } from '../../../loyalty/identity/v1/ListEventsRequest';
import type { ListEventsResponse as _loyalty_identity_v1_ListEventsResponse, ListEventsResponse__Output as _loyalty_identity_v1_ListEventsResponse__Output } from '../../../loyalty/identity/v1/ListEventsResponse';
import type { WatchEventsRequest as _loyalty_identity_v1_WatchEventsRequest, WatchEventsRequest__Output as _loyalty_identity_v1_WatchEventsRequest__Output } from '../../../loyalty/identity/v1/WatchEventsRequest';
import type { WatchEventsResponse as _loyalty_identity_v1_WatchEventsResponse, WatchEventsResponse__Output as _loyalty_identity_v1_WatchEventsResponse__Output } from '../../../loyalty/identity/v1/WatchEventsResponse';

/**
 * Reads the org's change feed.
 * 
 * Every change (customer created, identifiers added or removed, customers
 * merged or unmerged, card linked, unlinked or changed status) appends one
 * event in the same transaction as the change itself: an acknowledged change
 * always has its event, a refused or rolled-back one never does. Events of
 * an org are numbered 1, 2, 3... without gaps, in commit order, so a client
 * that remembers the last sequence it processed can resume from there and
 * neither miss nor repeat an event, whichever replica it talks to.
 * 
 * Identifier values (and card numbers) are masked, for example
 * `+86138****8000`, unless the request sets `reveal_values` and the caller
 * may see them (PERMISSION_DENIED otherwise).
 */
export interface EventServiceClient extends grpc.Client {
  /**
   * Reads up to page_size events after a sequence, oldest first (catch-up).
   * Errors: EVENTS_EXPIRED (OUT_OF_RANGE: after_sequence is older than the
   * retention; metadata `first_sequence` is the oldest event kept: resync
   * the customers, then resume from `first_sequence` - 1),
   * SEQUENCE_AHEAD (OUT_OF_RANGE: after_sequence is beyond the last event:
   * the client read another database), PERMISSION_DENIED (reveal_values not
   * allowed), INVALID_ARGUMENT (negative sequence, bad page size).
   */
  ListEvents(argument: _loyalty_identity_v1_ListEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  ListEvents(argument: _loyalty_identity_v1_ListEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  ListEvents(argument: _loyalty_identity_v1_ListEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  ListEvents(argument: _loyalty_identity_v1_ListEventsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads up to page_size events after a sequence, oldest first (catch-up).
   * Errors: EVENTS_EXPIRED (OUT_OF_RANGE: after_sequence is older than the
   * retention; metadata `first_sequence` is the oldest event kept: resync
   * the customers, then resume from `first_sequence` - 1),
   * SEQUENCE_AHEAD (OUT_OF_RANGE: after_sequence is beyond the last event:
   * the client read another database), PERMISSION_DENIED (reveal_values not
   * allowed), INVALID_ARGUMENT (negative sequence, bad page size).
   */
  listEvents(argument: _loyalty_identity_v1_ListEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  listEvents(argument: _loyalty_identity_v1_ListEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  listEvents(argument: _loyalty_identity_v1_ListEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  listEvents(argument: _loyalty_identity_v1_ListEventsRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListEventsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams the events after a sequence: first the ones already committed,
   * then new ones as they commit, without gaps or duplicates, until the
   * caller cancels, its deadline passes or the server shuts down (the stream
   * then ends with UNAVAILABLE, reason UNAVAILABLE: reconnect with the last
   * sequence seen). Errors: as ListEvents; RESOURCE_EXHAUSTED when the
   * server already serves its maximum of watchers.
   */
  WatchEvents(argument: _loyalty_identity_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_loyalty_identity_v1_WatchEventsResponse__Output>;
  WatchEvents(argument: _loyalty_identity_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_loyalty_identity_v1_WatchEventsResponse__Output>;
  /**
   * Streams the events after a sequence: first the ones already committed,
   * then new ones as they commit, without gaps or duplicates, until the
   * caller cancels, its deadline passes or the server shuts down (the stream
   * then ends with UNAVAILABLE, reason UNAVAILABLE: reconnect with the last
   * sequence seen). Errors: as ListEvents; RESOURCE_EXHAUSTED when the
   * server already serves its maximum of watchers.
   */
  watchEvents(argument: _loyalty_identity_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_loyalty_identity_v1_WatchEventsResponse__Output>;
  watchEvents(argument: _loyalty_identity_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_loyalty_identity_v1_WatchEventsResponse__Output>;
  
}

/**
 * Reads the org's change feed.
 * 
 * Every change (customer created, identifiers added or removed, customers
 * merged or unmerged, card linked, unlinked or changed status) appends one
 * event in the same transaction as the change itself: an acknowledged change
 * always has its event, a refused or rolled-back one never does. Events of
 * an org are numbered 1, 2, 3... without gaps, in commit order, so a client
 * that remembers the last sequence it processed can resume from there and
 * neither miss nor repeat an event, whichever replica it talks to.
 * 
 * Identifier values (and card numbers) are masked, for example
 * `+86138****8000`, unless the request sets `reveal_values` and the caller
 * may see them (PERMISSION_DENIED otherwise).
 */
export interface EventServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Reads up to page_size events after a sequence, oldest first (catch-up).
   * Errors: EVENTS_EXPIRED (OUT_OF_RANGE: after_sequence is older than the
   * retention; metadata `first_sequence` is the oldest event kept: resync
   * the customers, then resume from `first_sequence` - 1),
   * SEQUENCE_AHEAD (OUT_OF_RANGE: after_sequence is beyond the last event:
   * the client read another database), PERMISSION_DENIED (reveal_values not
   * allowed), INVALID_ARGUMENT (negative sequence, bad page size).
   */
  ListEvents: grpc.handleUnaryCall<_loyalty_identity_v1_ListEventsRequest__Output, _loyalty_identity_v1_ListEventsResponse>;
  
  /**
   * Streams the events after a sequence: first the ones already committed,
   * then new ones as they commit, without gaps or duplicates, until the
   * caller cancels, its deadline passes or the server shuts down (the stream
   * then ends with UNAVAILABLE, reason UNAVAILABLE: reconnect with the last
   * sequence seen). Errors: as ListEvents; RESOURCE_EXHAUSTED when the
   * server already serves its maximum of watchers.
   */
  WatchEvents: grpc.handleServerStreamingCall<_loyalty_identity_v1_WatchEventsRequest__Output, _loyalty_identity_v1_WatchEventsResponse>;
  
}

export interface EventServiceDefinition extends grpc.ServiceDefinition {
  ListEvents: MethodDefinition<_loyalty_identity_v1_ListEventsRequest, _loyalty_identity_v1_ListEventsResponse, _loyalty_identity_v1_ListEventsRequest__Output, _loyalty_identity_v1_ListEventsResponse__Output>
  WatchEvents: MethodDefinition<_loyalty_identity_v1_WatchEventsRequest, _loyalty_identity_v1_WatchEventsResponse, _loyalty_identity_v1_WatchEventsRequest__Output, _loyalty_identity_v1_WatchEventsResponse__Output>
}
