// Loads the service's .proto files at run time (@grpc/proto-loader) into typed
// gRPC constructors; the types themselves are generated into ../generated.
import path from 'node:path';

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

import type { ProtoGrpcType as CardProtos } from '../generated/card_service';
import type { ProtoGrpcType as EventProtos } from '../generated/event_service';
import type { ProtoGrpcType as IdentifierProtos } from '../generated/identifier_service';
import type { ProtoGrpcType as MergeReviewProtos } from '../generated/merge_review_service';

// This package lives at clients/node of the service's repository; compiled
// code runs from clients/node/dist/src.
const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

/** Where the loyalty protos and the vendored google/rpc protos are in this repository. */
export const DEFAULT_PROTO_DIRS: readonly string[] = [
  path.resolve(PACKAGE_DIR, '..', '..', 'protos'),
  path.resolve(PACKAGE_DIR, '..', '..', 'third_party', 'googleapis'),
];

export const SERVICE_PROTOS: readonly string[] = [
  'loyalty/identity/v1/identifier_service.proto',
  'loyalty/identity/v1/card_service.proto',
  'loyalty/identity/v1/event_service.proto',
  'loyalty/identity/v1/merge_review_service.proto',
];

/**
 * Must match the flags in scripts/generate.mjs: the generated types describe
 * objects shaped by these options (camelCase fields, enums as their names,
 * 64-bit integers as strings, unset fields filled with defaults).
 */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

export type LoyaltyProtos = IdentifierProtos & CardProtos & EventProtos & MergeReviewProtos;

/** The loyalty.identity.v1 package: service client constructors and message types. */
export function loadProtos(protoDirs: readonly string[] = DEFAULT_PROTO_DIRS): LoyaltyProtos {
  const definition = protoLoader.loadSync([...SERVICE_PROTOS], {
    ...LOADER_OPTIONS,
    includeDirs: [...protoDirs],
  });
  return grpc.loadPackageDefinition(definition) as unknown as LoyaltyProtos;
}
