#!/usr/bin/env node
// `npm test` (after `npm run build`): runs the compiled scenarios, dist/test/*.test.js, with
// node --test against the server that LOYALTY_IDENTITY_ADDRESS names
// (tests/e2e/test_node_client.py starts one and runs node --test itself).
//
//   node scripts/test.mjs [node --test options, e.g. --test-reporter=tap]
//
// Without an address it says so in one line and runs nothing: each file would fail in its
// `before` hook with that message, then again in its `after` hook with a TypeError from
// closing a client that was never made.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADDRESS_ENV = 'LOYALTY_IDENTITY_ADDRESS'; // test/support.ts reads it, with the same message
const TESTS = path.join('dist', 'test');

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!process.env[ADDRESS_ENV]) {
  fail(`set ${ADDRESS_ENV} to the HOST:PORT of a running loyalty-identity server`);
}
let files;
try {
  files = fs.readdirSync(path.join(PACKAGE_DIR, TESTS)).filter((name) => name.endsWith('.test.js'));
} catch {
  files = [];
}
if (files.length === 0) fail(`no ${TESTS}/*.test.js: run npm run build first`);
const tests = files.sort().map((name) => path.join(TESTS, name));
const run = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...tests], {
  cwd: PACKAGE_DIR,
  stdio: 'inherit',
});
if (run.error) throw run.error;
process.exit(run.status ?? 1); // killed by a signal: a failure
