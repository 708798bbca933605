// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';
import type { IdentifierType as _loyalty_identity_v1_IdentifierType, IdentifierType__Output as _loyalty_identity_v1_IdentifierType__Output } from '../../../loyalty/identity/v1/IdentifierType';

/**
 * An identifier together with the scope (channel and account) it is held in.
 */
export interface ScopedIdentifier {
  /**
   * The channel.
   */
  'source'?: (_loyalty_identity_v1_Source);
  /**
   * The account within a multi-account source; empty otherwise.
   */
  'accountId'?: (string);
  /**
   * The identifier type.
   */
  'type'?: (_loyalty_identity_v1_IdentifierType);
  /**
   * The normalized value, masked unless revealed. Empty when the value was
   * erased (EraseCustomer): then `erased` is true, with or without
   * reveal_values.
   */
  'value'?: (string);
  /**
   * True when the value was erased after the event (EraseCustomer): the
   * event keeps its sequence, kind, customers, scope and type, not the value.
   */
  'erased'?: (boolean);
}

/**
 * An identifier together with the scope (channel and account) it is held in.
 */
export interface ScopedIdentifier__Output {
  /**
   * The channel.
   */
  'source': (_loyalty_identity_v1_Source__Output);
  /**
   * The account within a multi-account source; empty otherwise.
   */
  'accountId': (string);
  /**
   * The identifier type.
   */
  'type': (_loyalty_identity_v1_IdentifierType__Output);
  /**
   * The normalized value, masked unless revealed. Empty when the value was
   * erased (EraseCustomer): then `erased` is true, with or without
   * reveal_values.
   */
  'value': (string);
  /**
   * True when the value was erased after the event (EraseCustomer): the
   * event keeps its sequence, kind, customers, scope and type, not the value.
   */
  'erased': (boolean);
}
