// Merge governance (MergeReviewService): the org's policy leaves merges by one
// identifier type to a person; the refused add records a merge candidate that
// a reviewer accepts (the merge is made) or rejects (the pair is blocked).
// node --test runs the scenario files in parallel processes on one org, and
// the others merge customers by mobile number: the rule here names
// EXTERNAL_ID, which no other file merges by, and the default policy is put
// back at the end.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import * as grpc from '@grpc/grpc-js';

import { connect, needsReview, REASONS, unary } from '../src';
import type { Identifier, LoyaltyIdentity } from '../src';
import { connectFromEnv, deadline, expectRpcError, REVIEW_TOKEN_ENV, serverAddress, TOKEN_ENV, word } from './support';

const EXTERNAL_ID = 'IDENTIFIER_TYPE_EXTERNAL_ID' as const;

const reviewToken = process.env[REVIEW_TOKEN_ENV];
const noReviewToken = reviewToken ? false : `${REVIEW_TOKEN_ENV} is not set`;

let client: LoyaltyIdentity;
let reviewer: LoyaltyIdentity | undefined;
let policySet = false;
before(async () => {
  client = connectFromEnv();
  if (!reviewToken) return;
  reviewer = connect(serverAddress(), { token: reviewToken });
  const policy = await unary(
    reviewer.review,
    'updateMergePolicy',
    { policy: { rules: [{ type: EXTERNAL_ID, mode: 'MERGE_MODE_REVIEW' }] } },
    { deadline: deadline() },
  );
  policySet = true;
  assert.deepEqual(policy, { rules: [{ type: EXTERNAL_ID, mode: 'MERGE_MODE_REVIEW' }], maxMergedCustomers: 0 });
});
after(async () => {
  try {
    // The org is shared with the other scenarios: back to the default policy (no rules, no limit).
    if (reviewer && policySet) {
      const reset = await unary(reviewer.review, 'updateMergePolicy', { policy: {} }, { deadline: deadline() });
      assert.deepEqual(reset, { rules: [], maxMergedCustomers: 0 });
    }
  } finally {
    reviewer?.close();
    client.close();
  }
});

/** A holder of an external id in store, and a Tmall customer whose add of it is sent to review. */
async function sentToReview() {
  const ids = client.identifiers;
  const externalId: Identifier = { type: EXTERNAL_ID, value: word('node-review') };
  const { customer: holder } = await unary(ids, 'createCustomer', {
    profiles: [{ source: 'SOURCE_INSTORE', identifiers: [externalId] }],
  });
  const { customer: other } = await unary(ids, 'createCustomer', {
    profiles: [{ source: 'SOURCE_TMALL', identifiers: [{ type: 'IDENTIFIER_TYPE_TMALL_UNAME', value: word('tm') }] }],
  });
  assert.ok(holder && other);
  const add = { customer: other.name, source: 'SOURCE_TMALL' as const, add: [externalId] };

  const call = unary(ids, 'updateIdentifiers', add, { deadline: deadline() });
  const status = await expectRpcError(call, grpc.status.FAILED_PRECONDITION, 'MERGE_NEEDS_REVIEW');
  const review = needsReview(await call.catch((error: unknown) => error));
  assert.ok(review);
  assert.match(review.candidate, /^mergeCandidates\//);
  assert.equal(review.candidate, status.errorInfo?.metadata['candidate']);
  assert.equal(review.survivor, holder.name);
  assert.equal(review.reviewReason, 'TYPE_POLICY');
  assert.equal(review.limit, undefined);
  return { holder, other, add, candidate: review.candidate };
}

test('a merge the policy leaves to review is recorded, then accepted', { skip: noReviewToken }, async () => {
  assert.ok(reviewer);
  const { holder, other, add, candidate: name } = await sentToReview();

  const candidate = await unary(client.review, 'getMergeCandidate', { name });
  assert.equal(candidate.state, 'MERGE_CANDIDATE_STATE_PENDING');
  assert.equal(candidate.reason, 'REVIEW_REASON_TYPE_POLICY');
  assert.equal(candidate.victim, other.name);
  assert.equal(candidate.survivor, holder.name);
  assert.equal(candidate.triggerSource, 'SOURCE_TMALL');
  assert.equal(candidate.trigger?.value, add.add[0]?.value);
  assert.equal(candidate.request, 'updateIdentifiers');
  assert.equal(candidate.updateIdentifiers?.customer, other.name);
  assert.ok(candidate.createTime);
  assert.equal(candidate.resolveTime, null);
  assert.equal(candidate.merge, '');

  const { mergeCandidates } = await unary(client.review, 'listMergeCandidates', {
    state: 'MERGE_CANDIDATE_STATE_PENDING',
    customer: holder.name,
  });
  assert.deepEqual(
    mergeCandidates.map((c) => c.name),
    [name],
  );
  // The same request again reuses the pending candidate; a dry run records none.
  const repeat = await unary(client.identifiers, 'updateIdentifiers', add).catch((error: unknown) => error);
  assert.equal(needsReview(repeat)?.candidate, name);
  const dry = await unary(client.identifiers, 'updateIdentifiers', { ...add, validateOnly: true }).catch((e: unknown) => e);
  assert.equal(needsReview(dry)?.candidate, '');

  // Deciding needs the review grant.
  await expectRpcError(
    unary(client.review, 'acceptMergeCandidate', { name }),
    grpc.status.PERMISSION_DENIED,
    'PERMISSION_DENIED',
  );
  const accepted = await unary(reviewer.review, 'acceptMergeCandidate', { name }, { deadline: deadline() });
  assert.equal(accepted.mergeCandidate?.state, 'MERGE_CANDIDATE_STATE_ACCEPTED');
  assert.ok(accepted.mergeCandidate?.resolveTime);
  assert.match(accepted.merge?.name ?? '', /^merges\//);
  assert.equal(accepted.mergeCandidate?.merge, accepted.merge?.name);
  assert.equal(accepted.merge?.victim, other.name);
  assert.equal(accepted.merge?.survivor, holder.name);
  assert.equal(accepted.customer?.name, holder.name);

  const { customer: read } = await unary(client.identifiers, 'getCustomer', { name: other.name });
  assert.equal(read?.name, holder.name, "the victim's name reads the survivor");
  await expectRpcError(
    unary(reviewer.review, 'acceptMergeCandidate', { name }),
    grpc.status.FAILED_PRECONDITION,
    'CANDIDATE_NOT_PENDING',
  );
});

test('a rejected candidate blocks the pair: the same add is MERGE_BLOCKED', { skip: noReviewToken }, async () => {
  assert.ok(reviewer);
  const { other, add, candidate: name } = await sentToReview();

  const rejected = await unary(reviewer.review, 'rejectMergeCandidate', { name }, { deadline: deadline() });
  assert.equal(rejected.state, 'MERGE_CANDIDATE_STATE_REJECTED');
  assert.ok(rejected.resolveTime);
  assert.equal(rejected.merge, '');
  const read = await unary(client.review, 'getMergeCandidate', { name });
  assert.equal(read.state, 'MERGE_CANDIDATE_STATE_REJECTED');

  const blocked = unary(client.identifiers, 'updateIdentifiers', add);
  await expectRpcError(blocked, grpc.status.FAILED_PRECONDITION, 'MERGE_BLOCKED');
  assert.equal(needsReview(await blocked.catch((error: unknown) => error)), undefined);
  const { customer } = await unary(client.identifiers, 'getCustomer', { name: other.name });
  assert.equal(customer?.name, other.name, 'still a customer of its own');

  await expectRpcError(
    unary(reviewer.review, 'rejectMergeCandidate', { name }),
    grpc.status.FAILED_PRECONDITION,
    'CANDIDATE_NOT_PENDING',
  );
  await expectRpcError(
    unary(client.review, 'getMergeCandidate', { name: 'mergeCandidates/00000000-0000-4000-8000-000000000000' }),
    grpc.status.NOT_FOUND,
    'CANDIDATE_NOT_FOUND',
  );
});

const noToken = process.env[TOKEN_ENV] ? false : 'the server has no tokens';
test('the policy needs the review grant to change; any token reads it', { skip: noToken }, async () => {
  const policy = await unary(client.review, 'getMergePolicy', {});
  assert.ok(Array.isArray(policy.rules));
  await expectRpcError(
    unary(client.review, 'updateMergePolicy', { policy: {} }),
    grpc.status.PERMISSION_DENIED,
    'PERMISSION_DENIED',
  );
});

test('the reason list knows the merge review and suppression reasons', () => {
  for (const reason of [
    'MERGE_NEEDS_REVIEW',
    'CANDIDATE_NOT_FOUND',
    'CANDIDATE_NOT_PENDING',
    'CANDIDATE_OUTDATED',
    'IDENTIFIER_SUPPRESSED',
    'SUPPRESSION_KEY_MISSING',
    'SUPPRESSION_NOT_FOUND',
  ] as const) {
    assert.ok(REASONS.includes(reason), reason);
  }
  assert.equal(new Set(REASONS).size, REASONS.length);
  assert.equal(needsReview(new Error('not grpc')), undefined);
});
