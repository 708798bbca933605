// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from '../../../loyalty/identity/v1/Identifier';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * What one channel (a scope: source and account) knows of a customer.
 */
export interface Profile {
  /**
   * The channel. A profile's scope (source and account) never changes.
   */
  'source'?: (_loyalty_identity_v1_Source);
  /**
   * The account within a multi-account source (required there, empty for
   * single-account sources; ACCOUNT_ID_REQUIRED / ACCOUNT_ID_NOT_ALLOWED).
   * Trimmed; at most 128 characters.
   */
  'accountId'?: (string);
  /**
   * The identifiers of this profile: at least one; at most one value per
   * type.
   */
  'identifiers'?: (_loyalty_identity_v1_Identifier)[];
  /**
   * When the profile was created.
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * What one channel (a scope: source and account) knows of a customer.
 */
export interface Profile__Output {
  /**
   * The channel. A profile's scope (source and account) never changes.
   */
  'source': (_loyalty_identity_v1_Source__Output);
  /**
   * The account within a multi-account source (required there, empty for
   * single-account sources; ACCOUNT_ID_REQUIRED / ACCOUNT_ID_NOT_ALLOWED).
   * Trimmed; at most 128 characters.
   */
  'accountId': (string);
  /**
   * The identifiers of this profile: at least one; at most one value per
   * type.
   */
  'identifiers': (_loyalty_identity_v1_Identifier__Output)[];
  /**
   * When the profile was created.
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
}
