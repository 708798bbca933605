// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type { IdentifierType as _loyalty_identity_v1_IdentifierType, IdentifierType__Output as _loyalty_identity_v1_IdentifierType__Output } from '../../../loyalty/identity/v1/IdentifierType';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * Response of UnsuppressIdentifier. It never echoes the value.
 */
export interface UnsuppressIdentifierResponse {
  /**
   * The type of the identifier whose suppression was lifted.
   */
  'type'?: (_loyalty_identity_v1_IdentifierType);
  /**
   * When the value was suppressed (the erasure's time).
   */
  'suppressTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * Response of UnsuppressIdentifier. It never echoes the value.
 */
export interface UnsuppressIdentifierResponse__Output {
  /**
   * The type of the identifier whose suppression was lifted.
   */
  'type': (_loyalty_identity_v1_IdentifierType__Output);
  /**
   * When the value was suppressed (the erasure's time).
   */
  'suppressTime': (_google_protobuf_Timestamp__Output | null);
}
