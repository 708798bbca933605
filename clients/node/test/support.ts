// Shared by the scenario files: each one connects on its own, to the server
// named by the environment (tests/e2e/test_node_client.py starts it).
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';

import { connect, richStatus } from '../src';
import type { LoyaltyIdentity, RichStatus } from '../src';

export const ADDRESS_ENV = 'LOYALTY_IDENTITY_ADDRESS';
export const TOKEN_ENV = 'LOYALTY_IDENTITY_TOKEN';
/** A token of the same org whose line in the tokens file has the `reveal` grant (unmasked values in the feed). */
export const REVEAL_TOKEN_ENV = 'LOYALTY_IDENTITY_REVEAL_TOKEN';
/** A token of the same org whose line has the `review` grant (merge policy, accepting and rejecting candidates). */
export const REVIEW_TOKEN_ENV = 'LOYALTY_IDENTITY_REVIEW_TOKEN';

export function serverAddress(): string {
  const address = process.env[ADDRESS_ENV];
  if (!address) throw new Error(`set ${ADDRESS_ENV} to the HOST:PORT of a running loyalty-identity server`);
  return address;
}

/** A client for the test server, with the token from the environment when there is one. */
export function connectFromEnv(options: { token?: string | null } = {}): LoyaltyIdentity {
  const token = options.token === null ? undefined : (options.token ?? process.env[TOKEN_ENV]);
  return connect(serverAddress(), { token });
}

// Fresh values per run: scenarios share one server and its database.
export function mobile(): string {
  return `86139${randomInt(10_000_000, 100_000_000)}`;
}

export function word(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** The deadline of one call: a stuck server fails the test instead of hanging it. */
export function deadline(seconds = 10): Date {
  return new Date(Date.now() + seconds * 1000);
}

/** Awaits a call that must fail with `code` and ErrorInfo `reason`; returns its rich status. */
export async function expectRpcError(call: Promise<unknown>, code: grpc.status, reason: string): Promise<RichStatus> {
  const error: unknown = await call.then(
    (response) => assert.fail(`expected ${grpc.status[code]} ${reason}, got ${JSON.stringify(response)}`),
    (failure: unknown) => failure,
  );
  const status = richStatus(error);
  assert.ok(status, `not a gRPC error: ${String(error)}`);
  assert.equal(grpc.status[status.code], grpc.status[code], status.message);
  assert.equal(status.errorInfo?.reason, reason, status.message);
  assert.equal(status.errorInfo?.domain, 'loyalty.identity.v1');
  return status;
}
