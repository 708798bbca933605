// Two channels know the same person as two customers until one of them learns
// an identifier the other holds: the automatic merge of the README's walk-through.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import * as grpc from '@grpc/grpc-js';

import { unary } from '../src';
import type { LoyaltyIdentity } from '../src';
import { connectFromEnv, deadline, expectRpcError, mobile, word } from './support';

let client: LoyaltyIdentity;
before(() => {
  client = connectFromEnv();
});
after(() => client.close());

test('updating a customer with an identifier another customer holds merges them', async () => {
  const phone = mobile();
  const openid = word('o');
  const ids = client.identifiers;

  const { customer: ann } = await unary(
    ids,
    'createCustomer',
    { profiles: [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: `+${phone}` }] }] },
    { deadline: deadline() },
  );
  assert.ok(ann);
  assert.match(ann.name, /^customers\//);
  assert.equal(ann.state, 'CUSTOMER_STATE_ACTIVE');
  assert.equal(ann.profiles[0]?.identifiers[0]?.value, phone, 'the mobile number comes back normalized');

  const { customer: wechat } = await unary(ids, 'createCustomer', {
    profiles: [
      { source: 'SOURCE_WECHAT', accountId: 'wx-brand', identifiers: [{ type: 'IDENTIFIER_TYPE_WECHAT', value: openid }] },
    ],
  });
  assert.ok(wechat);
  assert.notEqual(wechat.name, ann.name, 'nothing links them yet: two customers');

  const updated = await unary(ids, 'updateIdentifiers', {
    customer: wechat.name,
    source: 'SOURCE_WECHAT',
    accountId: 'wx-brand',
    add: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: phone }],
  });
  assert.equal(updated.customer?.name, ann.name, 'the survivor is the customer that held the number');
  assert.deepEqual(updated.customer?.mergedCustomers, [wechat.name]);
  assert.equal(updated.merges.length, 1);
  const [merge] = updated.merges;
  assert.equal(merge?.victim, wechat.name);
  assert.equal(merge?.survivor, ann.name);
  assert.equal(merge?.triggerSource, 'SOURCE_WECHAT');
  assert.deepEqual(merge?.trigger, { type: 'IDENTIFIER_TYPE_MOBILE', value: phone, seriesId: '', statusLabel: '' });
  assert.deepEqual(
    updated.warnings.map((warning) => warning.code),
    ['MERGED'],
  );

  // The victim's name still answers, with the survivor.
  const { customer: read } = await unary(ids, 'getCustomer', { name: wechat.name });
  assert.equal(read?.name, ann.name);
  const found = await unary(ids, 'lookupCustomer', {
    source: 'SOURCE_WECHAT',
    accountId: 'wx-brand',
    identifier: { type: 'IDENTIFIER_TYPE_WECHAT', value: openid },
  });
  assert.equal(found.customer?.name, ann.name);
  const { merges } = await unary(ids, 'listMerges', { customer: ann.name });
  assert.deepEqual(
    merges.map((m) => m.victim),
    [wechat.name],
  );

  // The victim can no longer be changed; the error names the survivor.
  const refused = await expectRpcError(
    unary(ids, 'updateIdentifiers', {
      customer: wechat.name,
      source: 'SOURCE_TMALL',
      add: [{ type: 'IDENTIFIER_TYPE_TMALL_UNAME', value: word('tm') }],
    }),
    grpc.status.FAILED_PRECONDITION,
    'CUSTOMER_MERGED',
  );
  assert.deepEqual(refused.errorInfo?.metadata, { customer: wechat.name, survivor: ann.name });
});
