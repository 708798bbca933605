#!/usr/bin/env node
// Generates the TypeScript types in generated/ from the service's protos with
// proto-loader-gen-types (from @grpc/proto-loader).
//
//   node scripts/generate.mjs          rewrite generated/ (npm run generate)
//   node scripts/generate.mjs --check  exit 1 if generated/ is stale (npm run check-generated)
//
// Paths are relative to this package so the "Original file" comments in the
// output are the same on every machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROTOS = '../../protos';
const GOOGLEAPIS = '../../third_party/googleapis';
// Only what the client decodes from a failed call's grpc-status-details-bin trailer.
const GOOGLE_RPC = ['google/rpc/status.proto', 'google/rpc/error_details.proto'];
const OUTPUT = 'generated';

// The same options as LOADER_OPTIONS in src/protos.ts: the generated types
// describe the objects that the loader produces at run time.
const FLAGS = [
  '--longs=String',
  '--enums=String',
  '--defaults',
  '--oneofs',
  '--includeComments',
  '--grpcLib=@grpc/grpc-js',
];

function serviceProtos() {
  const entries = fs.readdirSync(path.join(PACKAGE_DIR, PROTOS), { recursive: true });
  return entries
    .map((entry) => entry.split(path.sep).join('/'))
    .filter((entry) => entry.endsWith('.proto'))
    .sort();
}

function generate(outDir) {
  const bin = createRequire(import.meta.url).resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');
  const args = [bin, ...FLAGS, '-I', PROTOS, '-I', GOOGLEAPIS, '-O', outDir, ...serviceProtos(), ...GOOGLE_RPC];
  const result = spawnSync(process.execPath, args, { cwd: PACKAGE_DIR, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`proto-loader-gen-types failed (exit ${result.status})`);
  }
}

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((entry) => fs.statSync(path.join(dir, entry)).isFile())
    .sort();
}

function differences(expectedDir, actualDir) {
  const expected = files(expectedDir);
  const actual = files(actualDir);
  const problems = [];
  for (const file of expected) {
    if (!actual.includes(file)) problems.push(`missing: ${OUTPUT}/${file}`);
    else if (!fs.readFileSync(path.join(expectedDir, file)).equals(fs.readFileSync(path.join(actualDir, file)))) {
      problems.push(`stale: ${OUTPUT}/${file}`);
    }
  }
  for (const file of actual) {
    if (!expected.includes(file)) problems.push(`not generated any more: ${OUTPUT}/${file}`);
  }
  return problems;
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'loyalty-identity-gen-'));
try {
  generate(temp);
  const target = path.join(PACKAGE_DIR, OUTPUT);
  if (process.argv.includes('--check')) {
    const problems = differences(temp, target);
    if (problems.length > 0) {
      console.error(`${problems.join('\n')}\n${OUTPUT}/ is out of date with the protos: run \`npm run generate\``);
      process.exit(1);
    }
    console.log(`${OUTPUT}/ is up to date`);
  } else {
    // Replace the whole folder, so types of deleted protos disappear too.
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(temp, target, { recursive: true });
    console.log(`wrote ${files(target).length} files to ${OUTPUT}/`);
  }
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
