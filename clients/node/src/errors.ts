// Reads the rich error model of a failed call: the server puts a serialized
// google.rpc.Status in the `grpc-status-details-bin` trailer, whose `details`
// are google.protobuf.Any messages (google.rpc.ErrorInfo always; BadRequest,
// ResourceInfo... depending on the error). grpc-js hands over the trailer as
// raw bytes, so they are decoded here with protobufjs and the vendored
// google/rpc protos.
import fs from 'node:fs';
import path from 'node:path';

import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';

import type { BadRequest__Output } from '../generated/google/rpc/BadRequest';
import type { ErrorInfo__Output } from '../generated/google/rpc/ErrorInfo';
import type { PreconditionFailure__Output } from '../generated/google/rpc/PreconditionFailure';
import type { ResourceInfo__Output } from '../generated/google/rpc/ResourceInfo';
import type { RetryInfo__Output } from '../generated/google/rpc/RetryInfo';
import { DEFAULT_PROTO_DIRS } from './protos';

export const STATUS_DETAILS_TRAILER = 'grpc-status-details-bin';

/** The ErrorInfo domain of this service's errors. */
export const ERROR_DOMAIN = 'loyalty.identity.v1';

const RPC_PROTOS = ['google/rpc/status.proto', 'google/rpc/error_details.proto'];

// The same shape as objects from @grpc/proto-loader (see LOADER_OPTIONS), so
// the generated __Output types describe them.
const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** One entry of google.rpc.Status.details. */
export interface StatusDetail {
  /** For example `type.googleapis.com/google.rpc.ErrorInfo`. */
  typeUrl: string;
  /** The message decoded with TO_OBJECT's options; undefined when the type is not in the google/rpc protos. */
  message?: Record<string, unknown>;
  /** The serialized message, for types this client does not know. */
  value: Uint8Array;
}

/** A failed call's status with its details decoded. */
export interface RichStatus {
  code: grpc.status;
  /** The status message meant for developers (not for end users). */
  message: string;
  /** Every detail in the order the server sent them. */
  details: StatusDetail[];
  /** The first google.rpc.ErrorInfo: `reason` is the machine-readable cause (IDENTIFIER_TAKEN...). */
  errorInfo?: ErrorInfo__Output;
  /** Present on INVALID_ARGUMENT: which fields are wrong and why. */
  badRequest?: BadRequest__Output;
  /** Present on NOT_FOUND: the resource that does not exist. */
  resourceInfo?: ResourceInfo__Output;
  preconditionFailure?: PreconditionFailure__Output;
  retryInfo?: RetryInfo__Output;
}

const roots = new Map<string, protobuf.Root>();

function rpcRoot(protoDirs: readonly string[]): protobuf.Root {
  const key = protoDirs.join('\0');
  let root = roots.get(key);
  if (root === undefined) {
    root = new protobuf.Root();
    // Imports resolve against the include dirs; google/protobuf/*.proto are
    // bundled with protobufjs, which uses its copy whatever path this returns.
    root.resolvePath = (_origin: string, target: string): string => {
      const found = protoDirs.map((dir) => path.join(dir, target)).find((file) => fs.existsSync(file));
      return found ?? target;
    };
    root.loadSync(RPC_PROTOS, { keepCase: false });
    root.resolveAll();
    roots.set(key, root);
  }
  return root;
}

/** Whether `error` is what grpc-js passes to a callback or rejects a promise with when a call fails. */
export function isServiceError(error: unknown): error is grpc.ServiceError {
  return (
    error instanceof Error &&
    typeof (error as Partial<grpc.ServiceError>).code === 'number' &&
    (error as Partial<grpc.ServiceError>).metadata instanceof grpc.Metadata
  );
}

/** Decodes a serialized google.rpc.Status (the value of the grpc-status-details-bin trailer). */
export function decodeStatus(bytes: Uint8Array, protoDirs: readonly string[] = DEFAULT_PROTO_DIRS): RichStatus {
  const root = rpcRoot(protoDirs);
  const status = root.lookupType('google.rpc.Status').decode(bytes) as unknown as {
    code: number;
    message: string;
    // protobufjs bundles google/protobuf/any.proto with its snake_case field name.
    details: { type_url: string; value: Uint8Array }[];
  };
  const rich: RichStatus = { code: status.code, message: status.message, details: [] };
  for (const any of status.details) {
    const typeUrl = any.type_url;
    const detail: StatusDetail = { typeUrl, value: any.value };
    const typeName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
    const type = root.lookup(typeName);
    if (type instanceof protobuf.Type) {
      detail.message = type.toObject(type.decode(any.value), TO_OBJECT);
      // The first detail of each type wins, as in the other gRPC languages' helpers.
      switch (typeName) {
        case 'google.rpc.ErrorInfo':
          rich.errorInfo ??= detail.message as unknown as ErrorInfo__Output;
          break;
        case 'google.rpc.BadRequest':
          rich.badRequest ??= detail.message as unknown as BadRequest__Output;
          break;
        case 'google.rpc.ResourceInfo':
          rich.resourceInfo ??= detail.message as unknown as ResourceInfo__Output;
          break;
        case 'google.rpc.PreconditionFailure':
          rich.preconditionFailure ??= detail.message as unknown as PreconditionFailure__Output;
          break;
        case 'google.rpc.RetryInfo':
          rich.retryInfo ??= detail.message as unknown as RetryInfo__Output;
          break;
        default:
          break;
      }
    }
    rich.details.push(detail);
  }
  return rich;
}

/**
 * The rich status of a failed call, or undefined when `error` is not a gRPC
 * error. Errors without the trailer (from a proxy, or raised by gRPC itself,
 * like DEADLINE_EXCEEDED) come back with no details.
 */
export function richStatus(error: unknown, protoDirs: readonly string[] = DEFAULT_PROTO_DIRS): RichStatus | undefined {
  if (!isServiceError(error)) return undefined;
  const trailer = error.metadata.get(STATUS_DETAILS_TRAILER)[0];
  if (trailer instanceof Uint8Array) return decodeStatus(trailer, protoDirs);
  return { code: error.code, message: error.details, details: [] };
}

/** The ErrorInfo reason of a failed call (IDENTIFIER_TAKEN, CUSTOMER_NOT_FOUND...), if it has one. */
export function errorReason(error: unknown): string | undefined {
  return richStatus(error)?.errorInfo?.reason || undefined;
}

/**
 * Every ErrorInfo reason the service sends (docs/RULES.md section 4), the same list as the Go
 * client's Reason constants: compare errorReason(error) with them, never the message.
 */
export const REASONS = [
  'INVALID_IDENTIFIER',
  'BLOCKED_VALUE',
  'ACCOUNT_ID_REQUIRED',
  'ACCOUNT_ID_NOT_ALLOWED',
  'INVALID_ARGUMENT',
  'SAME_CUSTOMER',
  'CARD_SERIES_MISMATCH',
  'CARD_NUMBER_FORMAT',
  'CUSTOMER_NOT_FOUND',
  'IDENTIFIER_NOT_FOUND',
  'CARD_NOT_FOUND',
  'CARD_SERIES_NOT_FOUND',
  'STATUS_LABEL_NOT_FOUND',
  'IDENTIFIER_TAKEN',
  'CARD_NUMBER_TAKEN',
  'CARD_SERIES_CODE_TAKEN',
  'STATUS_LABEL_TAKEN',
  'CUSTOMER_MERGED',
  'CUSTOMER_ERASED',
  'IDENTIFIER_TYPE_ALREADY_SET',
  'AMBIGUOUS_MERGE',
  'PROFILE_CONFLICT',
  'LAST_IDENTIFIER',
  'CARD_ALREADY_LINKED',
  'CARD_LIMIT_EXCEEDED',
  'INVALID_STATUS_TRANSITION',
  'REQUEST_ID_REUSED',
  'CARD_NOT_LINKED',
  'SERIES_EXHAUSTED',
  'MERGE_NOT_FOUND',
  'UNMERGE_CONFLICT',
  'MERGE_BLOCKED',
  // Merge governance (MergeReviewService) and suppression after erasure.
  'MERGE_NEEDS_REVIEW',
  'CANDIDATE_NOT_FOUND',
  'CANDIDATE_NOT_PENDING',
  'CANDIDATE_OUTDATED',
  'IDENTIFIER_SUPPRESSED',
  'SUPPRESSION_KEY_MISSING',
  'SUPPRESSION_NOT_FOUND',
  'EVENTS_EXPIRED',
  'SEQUENCE_AHEAD',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'CONCURRENCY_CONFLICT',
  'RESOURCE_EXHAUSTED',
  'DEADLINE_EXCEEDED',
  'INTERNAL',
] as const;

/** An ErrorInfo reason of the service. */
export type Reason = (typeof REASONS)[number];

/** What a MERGE_NEEDS_REVIEW refusal says (its ErrorInfo metadata). */
export interface NeedsReview {
  /**
   * The merge candidate the refusal recorded, `mergeCandidates/{id}`, for getMergeCandidate,
   * acceptMergeCandidate or rejectMergeCandidate; empty for a validateOnly call, which records nothing.
   */
  candidate: string;
  /** The customer holding the value: the one the merge would keep, `customers/{id}`. */
  survivor: string;
  /** `TYPE_POLICY` (the policy's rule for the identifier's type) or `MERGE_LIMIT`. */
  reviewReason: string;
  /** The org's max_merged_customers, for MERGE_LIMIT. */
  limit?: number;
}

/**
 * The merge candidate of a FAILED_PRECONDITION MERGE_NEEDS_REVIEW error (the org's merge policy
 * leaves the merge to a person), or undefined for any other error.
 *
 *   const review = needsReview(error);
 *   if (review) queueForReview(review.candidate);
 */
export function needsReview(error: unknown, protoDirs: readonly string[] = DEFAULT_PROTO_DIRS): NeedsReview | undefined {
  const info = richStatus(error, protoDirs)?.errorInfo;
  if (info?.reason !== 'MERGE_NEEDS_REVIEW') return undefined;
  const metadata = info.metadata ?? {};
  const review: NeedsReview = {
    candidate: metadata['candidate'] ?? '',
    survivor: metadata['survivor'] ?? '',
    reviewReason: metadata['review_reason'] ?? '',
  };
  if (metadata['limit'] !== undefined) review.limit = Number(metadata['limit']);
  return review;
}
