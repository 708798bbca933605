// A till scans a value without knowing the channel it was registered in:
// FindCustomers resolves many values at once, in a scope or in any scope.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import * as grpc from '@grpc/grpc-js';

import { findCustomers, MAX_QUERIES, unary } from '../src';
import type { FindCustomersError, IdentifierQuery, LoyaltyIdentity } from '../src';
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

test('findCustomers() sends any number of queries, MAX_QUERIES a call, and says where a refused call starts', async () => {
  const phone = mobile();
  const { customer: bob } = await unary(client.identifiers, 'createCustomer', {
    profiles: [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: phone }] }],
  });
  assert.ok(bob);
  const queries: IdentifierQuery[] = Array.from({ length: 150 }, (_, i) => ({
    identifier: { type: 'IDENTIFIER_TYPE_EXTERNAL_ID', value: word(`nobody-${i}`) },
  }));
  queries[130] = { identifier: { type: 'IDENTIFIER_TYPE_MOBILE', value: phone } };
  const results = await findCustomers(client.identifiers, queries, { deadline: deadline() });
  assert.equal(results.length, 150);
  assert.deepEqual(
    results.flatMap((found, i) => (found.customer ? [[i, found.customer.name, found.source]] : [])),
    [[130, bob.name, 'SOURCE_INSTORE']],
  );

  queries[140] = { identifier: { type: 'IDENTIFIER_TYPE_EMAIL', value: 'test@test.com' } };
  const refused = findCustomers(client.identifiers, queries);
  const status = await expectRpcError(refused, grpc.status.INVALID_ARGUMENT, 'BLOCKED_VALUE');
  const error = (await refused.catch((failure: unknown) => failure)) as FindCustomersError;
  assert.equal(error.queryOffset, MAX_QUERIES);
  assert.equal(status.badRequest?.fieldViolations[0]?.field, `queries[${140 - error.queryOffset}].identifier.value`);
});
