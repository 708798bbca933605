// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from '../../../loyalty/identity/v1/Identifier';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Profile as _loyalty_identity_v1_Profile, Profile__Output as _loyalty_identity_v1_Profile__Output } from '../../../loyalty/identity/v1/Profile';

/**
 * The record of one merge of a victim customer into a survivor. Every field
 * is set by the service.
 */
export interface Merge {
  /**
   * Resource name, `merges/{id}` where id is a lower-case UUID.
   */
  'name'?: (string);
  /**
   * The customer merged away (now MERGED).
   */
  'victim'?: (string);
  /**
   * The customer that received the victim's profiles and cards.
   */
  'survivor'?: (string);
  /**
   * The source of the UpdateIdentifiers call whose identifier triggered an
   * automatic merge. Unset for an explicit merge (MergeCustomers): there was
   * no such call.
   */
  'triggerSource'?: (_loyalty_identity_v1_Source);
  /**
   * The account of that call: empty for single-account sources, and for an
   * explicit merge (trigger_source unset).
   */
  'triggerAccountId'?: (string);
  /**
   * The identifier that proved the two customers are one person; unset for
   * MergeCustomers.
   */
  'trigger'?: (_loyalty_identity_v1_Identifier | null);
  /**
   * The request_id of the call that merged; empty when it had none.
   */
  'requestId'?: (string);
  /**
   * When the merge happened.
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
  /**
   * The victim's profiles (with their identifiers) as they moved to the
   * survivor.
   */
  'movedProfiles'?: (_loyalty_identity_v1_Profile)[];
  /**
   * The numbers of the victim's cards that moved to the survivor.
   */
  'movedCards'?: (string)[];
  /**
   * Earlier victims of the victim, re-pointed to the survivor by this merge.
   */
  'repointedCustomers'?: (string)[];
  /**
   * When UnmergeCustomers undid this merge; unset while the merge stands.
   */
  'unmergeTime'?: (_google_protobuf_Timestamp | null);
  /**
   * The request_id of the UnmergeCustomers call; empty while the merge
   * stands or when the call had none.
   */
  'unmergeRequestId'?: (string);
  '_triggerSource'?: "triggerSource";
}

/**
 * The record of one merge of a victim customer into a survivor. Every field
 * is set by the service.
 */
export interface Merge__Output {
  /**
   * Resource name, `merges/{id}` where id is a lower-case UUID.
   */
  'name': (string);
  /**
   * The customer merged away (now MERGED).
   */
  'victim': (string);
  /**
   * The customer that received the victim's profiles and cards.
   */
  'survivor': (string);
  /**
   * The source of the UpdateIdentifiers call whose identifier triggered an
   * automatic merge. Unset for an explicit merge (MergeCustomers): there was
   * no such call.
   */
  'triggerSource'?: (_loyalty_identity_v1_Source__Output);
  /**
   * The account of that call: empty for single-account sources, and for an
   * explicit merge (trigger_source unset).
   */
  'triggerAccountId': (string);
  /**
   * The identifier that proved the two customers are one person; unset for
   * MergeCustomers.
   */
  'trigger': (_loyalty_identity_v1_Identifier__Output | null);
  /**
   * The request_id of the call that merged; empty when it had none.
   */
  'requestId': (string);
  /**
   * When the merge happened.
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * The victim's profiles (with their identifiers) as they moved to the
   * survivor.
   */
  'movedProfiles': (_loyalty_identity_v1_Profile__Output)[];
  /**
   * The numbers of the victim's cards that moved to the survivor.
   */
  'movedCards': (string)[];
  /**
   * Earlier victims of the victim, re-pointed to the survivor by this merge.
   */
  'repointedCustomers': (string)[];
  /**
   * When UnmergeCustomers undid this merge; unset while the merge stands.
   */
  'unmergeTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * The request_id of the UnmergeCustomers call; empty while the merge
   * stands or when the call had none.
   */
  'unmergeRequestId': (string);
  '_triggerSource'?: "triggerSource";
}
