// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { CustomerState as _loyalty_identity_v1_CustomerState, CustomerState__Output as _loyalty_identity_v1_CustomerState__Output } from '../../../loyalty/identity/v1/CustomerState';
import type { Profile as _loyalty_identity_v1_Profile, Profile__Output as _loyalty_identity_v1_Profile__Output } from '../../../loyalty/identity/v1/Profile';
import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from '../../../loyalty/identity/v1/Card';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * A loyalty customer of one org.
 */
export interface Customer {
  /**
   * Resource name, `customers/{id}` where id is a lower-case UUID.
   */
  'name'?: (string);
  /**
   * ACTIVE, MERGED into `survivor`, or ERASED.
   */
  'state'?: (_loyalty_identity_v1_CustomerState);
  /**
   * One profile per scope (source, account_id), ordered by source then
   * account_id.
   */
  'profiles'?: (_loyalty_identity_v1_Profile)[];
  /**
   * The cards linked to the customer, ordered by number.
   */
  'cards'?: (_loyalty_identity_v1_Card)[];
  /**
   * For a MERGED customer: the name of the active customer it was merged
   * into (always one hop: never itself a victim). Empty when ACTIVE.
   */
  'survivor'?: (string);
  /**
   * The names of every customer merged into this one, directly or through
   * an earlier victim, ordered by name.
   */
  'mergedCustomers'?: (string)[];
  /**
   * When the customer was created.
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When the customer, its profiles, identifiers or cards last changed.
   */
  'updateTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When the customer was erased (EraseCustomer); unset unless its state is
   * CUSTOMER_STATE_ERASED.
   */
  'eraseTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * A loyalty customer of one org.
 */
export interface Customer__Output {
  /**
   * Resource name, `customers/{id}` where id is a lower-case UUID.
   */
  'name': (string);
  /**
   * ACTIVE, MERGED into `survivor`, or ERASED.
   */
  'state': (_loyalty_identity_v1_CustomerState__Output);
  /**
   * One profile per scope (source, account_id), ordered by source then
   * account_id.
   */
  'profiles': (_loyalty_identity_v1_Profile__Output)[];
  /**
   * The cards linked to the customer, ordered by number.
   */
  'cards': (_loyalty_identity_v1_Card__Output)[];
  /**
   * For a MERGED customer: the name of the active customer it was merged
   * into (always one hop: never itself a victim). Empty when ACTIVE.
   */
  'survivor': (string);
  /**
   * The names of every customer merged into this one, directly or through
   * an earlier victim, ordered by name.
   */
  'mergedCustomers': (string)[];
  /**
   * When the customer was created.
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When the customer, its profiles, identifiers or cards last changed.
   */
  'updateTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When the customer was erased (EraseCustomer); unset unless its state is
   * CUSTOMER_STATE_ERASED.
   */
  'eraseTime': (_google_protobuf_Timestamp__Output | null);
}
