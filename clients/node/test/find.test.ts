// A till scans a value without knowing the channel it was registered in:
// FindCustomers resolves many values at once, in a scope or in any scope.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import * as grpc from '@grpc/grpc-js';

import { unary } from '../src';
import type { IdentifierQuery, LoyaltyIdentity } from '../src';
import { connectFromEnv, deadline, expectRpcError, mobile, word } from './support';

let client: LoyaltyIdentity;
before(() => {
  client = connectFromEnv();
});
after(() => client.close());

test('FindCustomers answers every query in order; a miss is an empty answer', async () => {
  const phone = mobile();
  const email = `${word('find')}@example.com`;
  const { customer: ann } = await unary(client.identifiers, 'createCustomer', {
    profiles: [
      { source: 'SOURCE_TMALL', identifiers: [{ type: 'IDENTIFIER_TYPE_EMAIL', value: email }] },
      {
        source: 'SOURCE_WECHAT',
        accountId: 'wx-brand',
        identifiers: [
          { type: 'IDENTIFIER_TYPE_EMAIL', value: email },
          { type: 'IDENTIFIER_TYPE_MOBILE', value: phone },
        ],
      },
    ],
  });
  assert.ok(ann);
  const queries: IdentifierQuery[] = [
    { identifier: { type: 'IDENTIFIER_TYPE_EMAIL', value: email.toUpperCase() } }, // any scope
    { source: 'SOURCE_INSTORE', identifier: { type: 'IDENTIFIER_TYPE_MOBILE', value: phone } }, // not there
    { source: 'SOURCE_WECHAT', accountId: 'wx-brand', identifier: { type: 'IDENTIFIER_TYPE_MOBILE', value: `+${phone}` } },
    { identifier: { type: 'IDENTIFIER_TYPE_EXTERNAL_ID', value: word('nobody') } },
  ];
  const { results } = await unary(client.identifiers, 'findCustomers', { queries }, { deadline: deadline() });
  assert.deepEqual(
    results.map((found) => [found.customer?.name ?? null, found.source, found.accountId]),
    [
      [ann.name, 'SOURCE_WECHAT', 'wx-brand'], // the first scope holding it: WECHAT (2) before TMALL (6)
      [null, 'SOURCE_UNSPECIFIED', ''],
      [ann.name, 'SOURCE_WECHAT', 'wx-brand'],
      [null, 'SOURCE_UNSPECIFIED', ''],
    ],
  );
  assert.equal(results[0]?.customer?.profiles.length, 2, 'a hit is the whole customer');
});

test('FindCustomers refuses a malformed query with its index in the field', async () => {
  const queries: IdentifierQuery[] = [
    { identifier: { type: 'IDENTIFIER_TYPE_MOBILE', value: mobile() } },
    { accountId: 'wx-brand', identifier: { type: 'IDENTIFIER_TYPE_MOBILE', value: mobile() } },
  ];
  const status = await expectRpcError(
    unary(client.identifiers, 'findCustomers', { queries }),
    grpc.status.INVALID_ARGUMENT,
    'ACCOUNT_ID_NOT_ALLOWED',
  );
  assert.equal(status.badRequest?.fieldViolations[0]?.field, 'queries[1].account_id');
  const none = await expectRpcError(
    unary(client.identifiers, 'findCustomers', { queries: [] }),
    grpc.status.INVALID_ARGUMENT,
    'INVALID_ARGUMENT',
  );
  assert.equal(none.badRequest?.fieldViolations[0]?.field, 'queries');
});
