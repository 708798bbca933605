// The loyalty-identity client: typed gRPC clients generated from the service's
// protos, a promise helper for unary calls, and the rich error reader.
export { bearerToken, connect, unary } from './client';
export type { CallOptions, ConnectOptions, LoyaltyIdentity, UnaryMethodName } from './client';
export { decodeStatus, ERROR_DOMAIN, errorReason, isServiceError, richStatus, STATUS_DETAILS_TRAILER } from './errors';
export type { RichStatus, StatusDetail } from './errors';
export { DEFAULT_PROTO_DIRS, LOADER_OPTIONS, loadProtos, SERVICE_PROTOS } from './protos';
export type { LoyaltyProtos } from './protos';

// The message types most callers name; the rest are under generated/.
// Plain names are what a request accepts, __Output what a response holds.
export type { Card, Card__Output } from '../generated/loyalty/identity/v1/Card';
export type { CardSeries, CardSeries__Output } from '../generated/loyalty/identity/v1/CardSeries';
export type { Customer, Customer__Output } from '../generated/loyalty/identity/v1/Customer';
export type { Identifier, Identifier__Output } from '../generated/loyalty/identity/v1/Identifier';
export type { IdentifierType } from '../generated/loyalty/identity/v1/IdentifierType';
export type { Merge, Merge__Output } from '../generated/loyalty/identity/v1/Merge';
export type { Profile, Profile__Output } from '../generated/loyalty/identity/v1/Profile';
export type { Source } from '../generated/loyalty/identity/v1/Source';
export type { Warning__Output } from '../generated/loyalty/identity/v1/Warning';
export type { CardServiceClient } from '../generated/loyalty/identity/v1/CardService';
export type { EventServiceClient } from '../generated/loyalty/identity/v1/EventService';
export type { IdentifierServiceClient } from '../generated/loyalty/identity/v1/IdentifierService';
