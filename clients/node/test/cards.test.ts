// A card series, its stock, and a card issued to a customer.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
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

test('a series hands out Luhn-checked numbers and allows one live card per customer', async () => {
  const { cards, identifiers } = client;
  // Card numbers are unique across series: a random prefix keeps reruns on one database apart.
  const prefix = String(randomInt(100_000, 1_000_000));
  const { series } = await unary(cards, 'createCardSeries', {
    series: {
      code: word('GOLD').toUpperCase(),
      name: 'Gold card',
      type: 'CARD_TYPE_PHYSICAL',
      format: { prefix, length: 16, method: 'CARD_NUMBER_METHOD_SEQUENTIAL', luhnCheckDigit: true },
      maxActiveCardsPerCustomer: 1,
      expiryDays: 365,
    },
  });
  assert.ok(series?.id);
  assert.equal(series.format?.method, 'CARD_NUMBER_METHOD_SEQUENTIAL');

  const { numbers } = await unary(cards, 'generateCards', { seriesId: series.id, count: 2 });
  assert.equal(numbers.length, 2);
  for (const number of numbers) {
    assert.match(number, new RegExp(`^${prefix}\\d{10}$`));
    assert.ok(luhnValid(number), `${number} ends in its Luhn check digit`);
  }

  const { customer } = await unary(identifiers, 'createCustomer', {
    profiles: [{ source: 'SOURCE_INSTORE', identifiers: [{ type: 'IDENTIFIER_TYPE_MOBILE', value: mobile() }] }],
  });
  assert.ok(customer);

  // No number: the service takes the first card from the series' stock.
  const issued = await unary(cards, 'issueCard', { customer: customer.name, seriesId: series.id });
  assert.equal(issued.card?.number, numbers[0]);
  assert.equal(issued.card?.status, 'CARD_STATUS_ACTIVE');
  assert.equal(issued.card?.customer, customer.name);
  assert.ok(issued.card?.expireTime, 'the series gives cards an expiry');
  assert.deepEqual(
    issued.customer?.cards.map((card) => card.number),
    [numbers[0]],
  );

  // The card finds its customer from any channel.
  const found = await unary(identifiers, 'lookupCustomer', {
    identifier: { type: 'IDENTIFIER_TYPE_CARD_NUMBER', value: numbers[0] },
  });
  assert.equal(found.customer?.name, customer.name);

  const refused = await expectRpcError(
    unary(cards, 'issueCard', { customer: customer.name, number: numbers[1] }),
    grpc.status.FAILED_PRECONDITION,
    'CARD_LIMIT_EXCEEDED',
  );
  assert.equal(refused.errorInfo?.metadata.customer, customer.name);
  assert.equal(refused.errorInfo?.metadata.limit, '1');
});

function luhnValid(number: string): boolean {
  let sum = 0;
  [...number].reverse().forEach((char, index) => {
    const digit = Number(char) * (index % 2 === 1 ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  });
  return sum % 10 === 0;
}
