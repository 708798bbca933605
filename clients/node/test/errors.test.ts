// Failed calls: the status code and the google.rpc details the server sends
// in the grpc-status-details-bin trailer, read through richStatus().
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import * as grpc from '@grpc/grpc-js';

import { connect, errorReason, richStatus, unary } from '../src';
import type { LoyaltyIdentity, Profile } from '../src';
import { connectFromEnv, deadline, expectRpcError, mobile, TOKEN_ENV } from './support';

let client: LoyaltyIdentity;
before(() => {
  client = connectFromEnv();
});
after(() => client.close());

test('an identifier already held in the same scope is IDENTIFIER_TAKEN', async () => {
  const phone = mobile();
  const profiles: Profile[] = [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: phone }] }];
  const { customer } = await unary(client.identifiers, 'createCustomer', { profiles });

  const status = await expectRpcError(
    unary(client.identifiers, 'createCustomer', { profiles }),
    grpc.status.ALREADY_EXISTS,
    'IDENTIFIER_TAKEN',
  );
  assert.deepEqual(status.errorInfo?.metadata, {
    customer: customer?.name,
    field: 'profiles[0].identifiers[0]',
    identifier_type: 'MOBILE',
    scope: 'INSTORE',
  });
  assert.equal(status.message, 'profiles[0].identifiers[0]: another customer holds this MOBILE in INSTORE');
  assert.deepEqual(
    status.details.map((detail) => detail.typeUrl),
    ['type.googleapis.com/google.rpc.ErrorInfo'],
  );
});

test('an unknown customer is NOT_FOUND with ResourceInfo', async () => {
  const name = 'customers/00000000-0000-4000-8000-000000000000';
  const status = await expectRpcError(
    unary(client.identifiers, 'getCustomer', { name }),
    grpc.status.NOT_FOUND,
    'CUSTOMER_NOT_FOUND',
  );
  assert.equal(status.resourceInfo?.resourceName, name);
  assert.equal(status.resourceInfo?.resourceType, 'customer');
});

test('bad input is INVALID_ARGUMENT with the field in BadRequest', async () => {
  const call = unary(client.identifiers, 'createCustomer', {
    profiles: [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_EMAIL', value: 'ann at example.com' }] }],
  });
  const status = await expectRpcError(call, grpc.status.INVALID_ARGUMENT, 'INVALID_IDENTIFIER');
  assert.deepEqual(status.badRequest?.fieldViolations, [
    {
      field: 'profiles[0].identifiers[0].value',
      description: 'profiles[0].identifiers[0].value: not an email address',
      reason: 'INVALID_IDENTIFIER',
      localizedMessage: null,
    },
  ]);
  // The plain helper, for callers that only branch on the reason.
  assert.equal(errorReason(await call.catch((error: unknown) => error)), 'INVALID_IDENTIFIER');
});

const noToken = process.env[TOKEN_ENV] ? false : 'the server has no tokens';
test('a call without the bearer token is UNAUTHENTICATED', { skip: noToken }, async () => {
  const anonymous = connectFromEnv({ token: null });
  try {
    await expectRpcError(
      unary(anonymous.identifiers, 'getCustomer', { name: 'customers/00000000-0000-4000-8000-000000000000' }),
      grpc.status.UNAUTHENTICATED,
      'UNAUTHENTICATED',
    );
  } finally {
    anonymous.close();
  }
});

test('errors that are not the server\'s have no details', async () => {
  // Nothing listens on port 1 of loopback: grpc-js fails the call itself.
  const nowhere = connect('127.0.0.1:1');
  try {
    const call = unary(nowhere.identifiers, 'getCustomer', { name: 'customers/x' }, { deadline: deadline(2) });
    const error = await call.catch((failure: unknown) => failure);
    const status = richStatus(error);
    assert.ok(status);
    assert.equal(status.code, grpc.status.UNAVAILABLE);
    assert.deepEqual(status.details, []);
    assert.equal(status.errorInfo, undefined);
    assert.equal(errorReason(error), undefined);
  } finally {
    nowhere.close();
  }
  assert.equal(richStatus(new Error('not grpc')), undefined);
});
