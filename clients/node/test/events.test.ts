// The change feed seen from Node: a watcher opened at the end of the feed sees
// two customers created, merged automatically, then unmerged, as they commit.
// Other scenario files may write to the same org meanwhile (node --test runs
// files in parallel processes), so our events are told apart by the request
// ids of the calls that made them, known before the calls are made.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

import * as grpc from '@grpc/grpc-js';

import { unary, watch } from '../src';
import type { Event__Output, EventStream, LoyaltyIdentity, ScopedIdentifier__Output } from '../src';
import { connectFromEnv, deadline, expectRpcError, mobile, REVEAL_TOKEN_ENV, TOKEN_ENV, word } from './support';

let client: LoyaltyIdentity;
before(() => {
  client = connectFromEnv();
});
after(() => client.close());

/** How the feed masks a mobile number: all but its last 8 digits, 4 stars, its last 4 digits. */
function maskedMobile(value: string): string {
  return `${value.slice(0, -8)}****${value.slice(-4)}`;
}

/** The feed's last sequence now: watching after it shows only what happens next. */
async function endOfFeed(events: LoyaltyIdentity['events']): Promise<number> {
  const { lastSequence } = await unary(events, 'listEvents', { afterSequence: 0, pageSize: 1 }, { deadline: deadline() });
  return Number(lastSequence);
}

/** Reads `stream` until an event satisfies `done`; returns every event read, that one included. */
async function readUntil(stream: EventStream, done: (event: Event__Output) => boolean): Promise<Event__Output[]> {
  const read: Event__Output[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done === true) assert.fail(`the stream ended after ${read.length} events`);
    read.push(next.value);
    if (done(next.value)) return read;
  }
}

function scoped(
  source: ScopedIdentifier__Output['source'],
  accountId: string,
  type: ScopedIdentifier__Output['type'],
  value: string,
): ScopedIdentifier__Output {
  return { source, accountId, type, value, erased: false };
}

test('a watcher sees customers created, merged automatically and unmerged, in order and without gaps', async () => {
  const ids = client.identifiers;
  const phone = mobile();
  const openid = word('o');
  const requests = { ann: randomUUID(), wechat: randomUUID(), merge: randomUUID(), unmerge: randomUUID() };
  const ours = new Set<string>(Object.values(requests));

  const start = await endOfFeed(client.events);
  // The deadline bounds a stuck feed: the iteration then throws DEADLINE_EXCEEDED.
  const stream = watch(client.events, { afterSequence: start }, { deadline: deadline(60) });
  try {
    // Read while the changes happen, not after: the events arrive as they commit.
    const reading = readUntil(stream, (e) => e.requestId === requests.merge && e.change === 'identifiersChanged');

    const { customer: ann } = await unary(ids, 'createCustomer', {
      profiles: [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: phone }] }],
      requestId: requests.ann,
    });
    const { customer: wechat } = await unary(ids, 'createCustomer', {
      profiles: [
        { source: 'SOURCE_WECHAT', accountId: 'wx-brand', identifiers: [{ type: 'IDENTIFIER_TYPE_WECHAT', value: openid }] },
      ],
      requestId: requests.wechat,
    });
    assert.ok(ann && wechat);
    // WeChat learns the number the store holds: WeChat's customer is merged into the store's.
    const updated = await unary(ids, 'updateIdentifiers', {
      customer: wechat.name,
      source: 'SOURCE_WECHAT',
      accountId: 'wx-brand',
      add: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: phone }],
      requestId: requests.merge,
    });
    const [merge] = updated.merges;
    assert.ok(merge);
    assert.equal(merge.survivor, ann.name);
    const beforeUnmerge = await reading;

    const unmerged = await unary(ids, 'unmergeCustomers', { merge: merge.name, requestId: requests.unmerge });
    assert.equal(unmerged.victim?.name, wechat.name);
    assert.equal(unmerged.victim?.state, 'CUSTOMER_STATE_ACTIVE');
    assert.ok(unmerged.merge?.unmergeTime, 'the merge record says when it was undone');
    const seen = [...beforeUnmerge, ...(await readUntil(stream, (e) => e.requestId === requests.unmerge))];

    // Whoever wrote them, the org's events come one after the other from where we started.
    assert.deepEqual(
      seen.map((e) => Number(e.sequence)),
      seen.map((_, i) => start + 1 + i),
    );
    assert.equal(stream.lastSequence, seen.at(-1)?.sequence);
    assert.ok(seen.every((e) => e.createTime !== null));

    const mine = seen.filter((e) => ours.has(e.requestId));
    assert.deepEqual(
      mine.map((e) => [e.change, e.requestId]),
      [
        ['customerCreated', requests.ann],
        ['customerCreated', requests.wechat],
        ['customersMerged', requests.merge],
        ['identifiersChanged', requests.merge],
        ['customersUnmerged', requests.unmerge],
      ],
    );
    const [annCreated, wechatCreated, merged, added, restored] = mine as [
      Event__Output,
      Event__Output,
      Event__Output,
      Event__Output,
      Event__Output,
    ];
    // One transaction, so adjacent: the merge, then what its request added.
    assert.equal(Number(added.sequence), Number(merged.sequence) + 1);

    // Values are masked: this token has no reveal grant and did not ask.
    const storeMobile = scoped('SOURCE_INSTORE', '', 'IDENTIFIER_TYPE_MOBILE', maskedMobile(phone));
    const wechatMobile = scoped('SOURCE_WECHAT', 'wx-brand', 'IDENTIFIER_TYPE_MOBILE', maskedMobile(phone));
    assert.deepEqual(annCreated.customers, [ann.name]);
    assert.deepEqual(annCreated.customerCreated, { customer: ann.name, identifiers: [storeMobile] });

    const openidShown = wechatCreated.customerCreated?.identifiers[0]?.value ?? '';
    assert.match(openidShown, /\*\*\*\*/);
    assert.ok(!openidShown.includes(openid.slice(2)), `${openidShown} reveals ${openid}`);
    const wechatOpenid = scoped('SOURCE_WECHAT', 'wx-brand', 'IDENTIFIER_TYPE_WECHAT', openidShown);
    assert.deepEqual(wechatCreated.customerCreated, { customer: wechat.name, identifiers: [wechatOpenid] });

    assert.deepEqual(new Set(merged.customers), new Set([ann.name, wechat.name]));
    assert.deepEqual(merged.customersMerged, {
      merge: merge.name,
      victim: wechat.name,
      survivor: ann.name,
      movedIdentifiers: [wechatOpenid],
      movedCards: [],
      repointedCustomers: [],
      trigger: wechatMobile,
    });
    assert.deepEqual(added.identifiersChanged, { customer: ann.name, added: [wechatMobile], removed: [] });

    assert.deepEqual(new Set(restored.customers), new Set([ann.name, wechat.name]));
    assert.deepEqual(restored.customersUnmerged, {
      merge: merge.name,
      victim: wechat.name,
      survivor: ann.name,
      restoredIdentifiers: [wechatOpenid],
      removedIdentifiers: [wechatMobile],
      restoredCards: [],
      restoredCustomers: [],
    });
  } finally {
    stream.cancel();
  }
  // A cancelled stream ends quietly: events already received may still come out, then the loop just stops.
  let sequence = Number(stream.lastSequence);
  for await (const event of stream) assert.equal(Number(event.sequence), ++sequence);
});

test('leaving the loop early cancels the call, so the server stops streaming', async () => {
  const start = await endOfFeed(client.events);
  await unary(client.identifiers, 'createCustomer', {
    profiles: [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: mobile() }] }],
  });
  const stream = watch(client.events, { afterSequence: start }, { deadline: deadline(30) });
  const status = new Promise<grpc.StatusObject>((resolve) => stream.call.on('status', resolve));
  for await (const event of stream) {
    assert.equal(Number(event.sequence), start + 1);
    break;
  }
  assert.equal(grpc.status[(await status).code], 'CANCELLED');
  assert.equal(Number(stream.lastSequence), start + 1, 'where to resume from');
});

const noToken = process.env[TOKEN_ENV] ? false : 'the server has no tokens: every loopback caller may reveal';
test('revealValues without the reveal grant is PERMISSION_DENIED', { skip: noToken }, async () => {
  await expectRpcError(
    unary(client.events, 'listEvents', { revealValues: true }, { deadline: deadline() }),
    grpc.status.PERMISSION_DENIED,
    'PERMISSION_DENIED',
  );
  // On the stream the error ends the iteration, before any event; even when
  // it came back before anyone started iterating.
  const stream = watch(client.events, { revealValues: true }, { deadline: deadline() });
  await new Promise((resolve) => stream.call.on('status', resolve));
  await expectRpcError(stream.next(), grpc.status.PERMISSION_DENIED, 'PERMISSION_DENIED');
  assert.deepEqual(await stream.next(), { done: true, value: undefined });
});

const revealToken = process.env[REVEAL_TOKEN_ENV];
const noRevealToken = revealToken ? false : `${REVEAL_TOKEN_ENV} is not set`;
test('a token with the reveal grant sees identifier values', { skip: noRevealToken }, async () => {
  const revealing = connectFromEnv({ token: revealToken });
  try {
    const phone = mobile();
    const requestId = randomUUID();
    const start = await endOfFeed(revealing.events);
    const stream = watch(revealing.events, { afterSequence: start, revealValues: true }, { deadline: deadline(30) });
    try {
      await unary(revealing.identifiers, 'createCustomer', {
        profiles: [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: `+${phone}` }] }],
        requestId,
      });
      const created = (await readUntil(stream, (e) => e.requestId === requestId)).at(-1);
      const unmasked = [scoped('SOURCE_INSTORE', '', 'IDENTIFIER_TYPE_MOBILE', phone)];
      assert.deepEqual(created?.customerCreated?.identifiers, unmasked);

      // The same event read page by page, revealed or not.
      const page = await unary(revealing.events, 'listEvents', { afterSequence: start, revealValues: true, pageSize: 1000 });
      const listed = page.events.find((e) => e.requestId === requestId);
      assert.deepEqual(listed, created);
      const masked = await unary(revealing.events, 'listEvents', { afterSequence: start, pageSize: 1000 });
      assert.deepEqual(masked.events.find((e) => e.requestId === requestId)?.customerCreated?.identifiers, [
        scoped('SOURCE_INSTORE', '', 'IDENTIFIER_TYPE_MOBILE', maskedMobile(phone)),
      ]);
    } finally {
      stream.cancel();
    }
  } finally {
    revealing.close();
  }
});
