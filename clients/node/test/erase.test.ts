// The right to be forgotten: EraseCustomer takes a person's identifiers out of
// the service, its merged customers' too, and the values are free again.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as grpc from '@grpc/grpc-js';

import { unary } from '../src';
import type { LoyaltyIdentity } from '../src';
import { connectFromEnv, expectRpcError, mobile, word } from './support';

let client: LoyaltyIdentity;
before(() => {
  client = connectFromEnv();
});
after(() => client.close());

test('an erased customer keeps its name, loses every identifier, and refuses writes', async () => {
  const ids = client.identifiers;
  const phone = mobile();
  const mobileId = { type: 'IDENTIFIER_TYPE_MOBILE' as const, value: phone };
  const { customer: ann } = await unary(ids, 'createCustomer', {
    profiles: [{ source: 'SOURCE_INSTORE', identifiers: [mobileId] }],
  });
  assert.ok(ann);
  const { customer: wechat } = await unary(ids, 'createCustomer', {
    profiles: [
      { source: 'SOURCE_WECHAT', accountId: 'wx-brand', identifiers: [{ type: 'IDENTIFIER_TYPE_WECHAT', value: word('o') }] },
    ],
  });
  assert.ok(wechat);
  await unary(ids, 'updateIdentifiers', { customer: wechat.name, source: 'SOURCE_WECHAT', accountId: 'wx-brand', add: [mobileId] });

  // The victim's name erases the whole person: its survivor, Ann.
  const requestId = randomUUID();
  const { customer: erased } = await unary(ids, 'eraseCustomer', { name: wechat.name, requestId });
  assert.equal(erased?.name, ann.name);
  assert.equal(erased?.state, 'CUSTOMER_STATE_ERASED');
  assert.deepEqual(erased?.profiles, []);
  assert.deepEqual(erased?.mergedCustomers, [wechat.name]);
  assert.ok(erased?.eraseTime, 'erase_time is set');
  const again = await unary(ids, 'eraseCustomer', { name: wechat.name, requestId });
  assert.deepEqual(again.customer, erased, 'a retry gets the first answer');

  const refused = await expectRpcError(
    unary(ids, 'updateIdentifiers', { customer: ann.name, source: 'SOURCE_TMALL', add: [{ type: 'IDENTIFIER_TYPE_TMALL_UNAME', value: word('tm') }] }),
    grpc.status.FAILED_PRECONDITION,
    'CUSTOMER_ERASED',
  );
  assert.deepEqual(refused.errorInfo?.metadata, { customer: ann.name });
  await expectRpcError(
    unary(ids, 'lookupCustomer', { source: 'SOURCE_INSTORE', identifier: mobileId }),
    grpc.status.NOT_FOUND,
    'CUSTOMER_NOT_FOUND',
  );

  // The number is free: a new customer takes it, with no merge.
  const { customer: next, warnings } = await unary(ids, 'createCustomer', {
    profiles: [{ source: 'SOURCE_INSTORE', identifiers: [mobileId] }],
  });
  assert.notEqual(next?.name, ann.name);
  assert.deepEqual(warnings, []);
});
