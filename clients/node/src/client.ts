// Connects the generated service clients to one channel and offers a
// promise-based way to make unary calls.
import * as grpc from '@grpc/grpc-js';

import type { CardServiceClient } from '../generated/loyalty/identity/v1/CardService';
import type { EventServiceClient } from '../generated/loyalty/identity/v1/EventService';
import type { IdentifierServiceClient } from '../generated/loyalty/identity/v1/IdentifierService';
import type { MergeReviewServiceClient } from '../generated/loyalty/identity/v1/MergeReviewService';
import { DEFAULT_PROTO_DIRS, loadProtos } from './protos';

export interface ConnectOptions {
  /** Default: plaintext (the server's default on loopback). Use grpc.credentials.createSsl(...) for TLS. */
  credentials?: grpc.ChannelCredentials;
  /** Sent as `authorization: Bearer TOKEN` on every call; required when the server has tokens. */
  token?: string;
  channelOptions?: grpc.ChannelOptions;
  /** Include dirs holding loyalty/identity/v1/*.proto and google/rpc/*.proto. */
  protoDirs?: readonly string[];
}

/** One client per service, all on the same channel. */
export interface LoyaltyIdentity {
  identifiers: IdentifierServiceClient;
  cards: CardServiceClient;
  events: EventServiceClient;
  /**
   * The org's merge policy and the merge candidates it leaves to people (MergeReviewService).
   * Reads take any token of the org; updateMergePolicy, acceptMergeCandidate and
   * rejectMergeCandidate need a token with the `review` grant (PERMISSION_DENIED otherwise).
   */
  review: MergeReviewServiceClient;
  /** Closes the channel: calls in flight fail with CANCELLED. */
  close(): void;
}

/** Adds the bearer token to every call, the way the server expects it. */
export function bearerToken(token: string): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

/** Connects to a server at `address` (HOST:PORT). The channel connects lazily, on the first call. */
export function connect(address: string, options: ConnectOptions = {}): LoyaltyIdentity {
  const v1 = loadProtos(options.protoDirs ?? DEFAULT_PROTO_DIRS).loyalty.identity.v1;
  const credentials = options.credentials ?? grpc.credentials.createInsecure();
  const clientOptions: grpc.ClientOptions = {
    ...options.channelOptions,
    interceptors: options.token === undefined ? [] : [bearerToken(options.token)],
  };
  const identifiers = new v1.IdentifierService(address, credentials, clientOptions);
  // The other clients share the first one's channel (one HTTP/2 connection).
  const shared = { ...clientOptions, channelOverride: identifiers.getChannel() };
  const cards = new v1.CardService(address, credentials, shared);
  const events = new v1.EventService(address, credentials, shared);
  const review = new v1.MergeReviewService(address, credentials, shared);
  return {
    identifiers,
    cards,
    events,
    review,
    close: () => identifiers.close(),
  };
}

type Callback<Response> = grpc.requestCallback<Response>;

/** Names of a client's unary methods (the generated ones taking a request and a callback). */
export type UnaryMethodName<Client> = {
  [Name in keyof Client]: Client[Name] extends (request: never, callback: Callback<unknown>) => grpc.ClientUnaryCall
    ? Name
    : never;
}[keyof Client];

// For an overloaded method, `infer` looks at the last overload, which the
// generator always makes `(argument, callback)`.
type RequestOf<Method> = Method extends (request: infer Request, callback: Callback<unknown>) => grpc.ClientUnaryCall
  ? Request
  : never;
type ResponseOf<Method> = Method extends (request: never, callback: Callback<infer Response>) => grpc.ClientUnaryCall
  ? Response
  : never;

export interface CallOptions extends grpc.CallOptions {
  /** Extra request headers for this call. */
  metadata?: grpc.Metadata;
}

/**
 * Makes a unary call and returns its response; a failed call rejects with
 * grpc-js's ServiceError (read it with richStatus() or errorReason()).
 *
 *   const { customer } = await unary(client.identifiers, 'getCustomer', { name });
 */
export function unary<Client extends grpc.Client, Name extends UnaryMethodName<Client>>(
  client: Client,
  method: Name,
  request: RequestOf<Client[Name]>,
  options: CallOptions = {},
): Promise<ResponseOf<Client[Name]>> {
  const { metadata = new grpc.Metadata(), ...callOptions } = options;
  // Every generated unary method also has the (argument, metadata, options, callback) overload.
  const call = client[method] as unknown as (
    request: RequestOf<Client[Name]>,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: Callback<ResponseOf<Client[Name]>>,
  ) => grpc.ClientUnaryCall;
  return new Promise((resolve, reject) => {
    call.call(client, request, metadata, callOptions, (error, response) => {
      if (error) reject(error);
      else resolve(response as ResponseOf<Client[Name]>);
    });
  });
}
