// The loyalty-identity client: typed gRPC clients generated from the service's
// protos, a promise helper for unary calls, an async iterator over the change
// feed, and the rich error reader.
export { bearerToken, connect, unary } from './client';
export type { CallOptions, ConnectOptions, LoyaltyIdentity, UnaryMethodName } from './client';
export { findCustomers, MAX_QUERIES } from './find';
export type { FindCustomersError } from './find';
export { watch } from './events';
export type { EventStream } from './events';
export {
  decodeStatus,
  ERROR_DOMAIN,
  errorReason,
  isServiceError,
  needsReview,
  REASONS,
  richStatus,
  STATUS_DETAILS_TRAILER,
} from './errors';
export type { NeedsReview, Reason, RichStatus, StatusDetail } from './errors';
export { DEFAULT_PROTO_DIRS, LOADER_OPTIONS, loadProtos, SERVICE_PROTOS } from './protos';
export type { LoyaltyProtos } from './protos';

// The message types most callers name; the rest are under generated/.
// Plain names are what a request accepts, __Output what a response holds.
export type { Card, Card__Output } from '../generated/loyalty/identity/v1/Card';
export type { CardSeries, CardSeries__Output } from '../generated/loyalty/identity/v1/CardSeries';
export type { CustomerCreated__Output } from '../generated/loyalty/identity/v1/CustomerCreated';
export type { CustomersMerged__Output } from '../generated/loyalty/identity/v1/CustomersMerged';
export type { CustomersUnmerged__Output } from '../generated/loyalty/identity/v1/CustomersUnmerged';
export type { Customer, Customer__Output } from '../generated/loyalty/identity/v1/Customer';
export type { Event__Output } from '../generated/loyalty/identity/v1/Event';
export type { FoundCustomer__Output } from '../generated/loyalty/identity/v1/FoundCustomer';
export type { Identifier, Identifier__Output } from '../generated/loyalty/identity/v1/Identifier';
export type { IdentifierQuery } from '../generated/loyalty/identity/v1/IdentifierQuery';
export type { IdentifierType } from '../generated/loyalty/identity/v1/IdentifierType';
export type { IdentifiersChanged__Output } from '../generated/loyalty/identity/v1/IdentifiersChanged';
export type { Merge, Merge__Output } from '../generated/loyalty/identity/v1/Merge';
export type { MergeCandidate__Output } from '../generated/loyalty/identity/v1/MergeCandidate';
export type { MergeCandidateState } from '../generated/loyalty/identity/v1/MergeCandidateState';
export type { MergeMode } from '../generated/loyalty/identity/v1/MergeMode';
export type { MergePolicy, MergePolicy__Output } from '../generated/loyalty/identity/v1/MergePolicy';
export type { ReviewReason } from '../generated/loyalty/identity/v1/ReviewReason';
export type { TypeRule } from '../generated/loyalty/identity/v1/TypeRule';
export type { Profile, Profile__Output } from '../generated/loyalty/identity/v1/Profile';
export type { ScopedIdentifier__Output } from '../generated/loyalty/identity/v1/ScopedIdentifier';
export type { Source } from '../generated/loyalty/identity/v1/Source';
export type { Warning__Output } from '../generated/loyalty/identity/v1/Warning';
export type { CardServiceClient } from '../generated/loyalty/identity/v1/CardService';
export type { EventServiceClient } from '../generated/loyalty/identity/v1/EventService';
export type { IdentifierServiceClient } from '../generated/loyalty/identity/v1/IdentifierService';
export type { MergeReviewServiceClient } from '../generated/loyalty/identity/v1/MergeReviewService';
