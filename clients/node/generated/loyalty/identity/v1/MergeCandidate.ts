// Original file: ../../protos/loyalty/identity/v1/merge_review_service.proto

import type { MergeCandidateState as _loyalty_identity_v1_MergeCandidateState, MergeCandidateState__Output as _loyalty_identity_v1_MergeCandidateState__Output } from '../../../loyalty/identity/v1/MergeCandidateState';
import type { ReviewReason as _loyalty_identity_v1_ReviewReason, ReviewReason__Output as _loyalty_identity_v1_ReviewReason__Output } from '../../../loyalty/identity/v1/ReviewReason';
import type { Source as _loyalty_identity_v1_Source, Source__Output as _loyalty_identity_v1_Source__Output } from '../../../loyalty/identity/v1/Source';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from '../../../loyalty/identity/v1/Identifier';
import type { UpdateIdentifiersRequest as _loyalty_identity_v1_UpdateIdentifiersRequest, UpdateIdentifiersRequest__Output as _loyalty_identity_v1_UpdateIdentifiersRequest__Output } from '../../../loyalty/identity/v1/UpdateIdentifiersRequest';
import type { CreateCustomerRequest as _loyalty_identity_v1_CreateCustomerRequest, CreateCustomerRequest__Output as _loyalty_identity_v1_CreateCustomerRequest__Output } from '../../../loyalty/identity/v1/CreateCustomerRequest';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * A merge the org's policy left to a person: the refused request, recorded
 * whole, waiting to be accepted or rejected.
 */
export interface MergeCandidate {
  /**
   * `mergeCandidates/{id}`.
   */
  'name'?: (string);
  /**
   * PENDING until a person decides, or an erasure makes it OBSOLETE.
   */
  'state'?: (_loyalty_identity_v1_MergeCandidateState);
  /**
   * Why a person decides.
   */
  'reason'?: (_loyalty_identity_v1_ReviewReason);
  /**
   * The customer the request named (UpdateIdentifiers), `customers/{id}`;
   * empty for a CreateCustomer or an import row.
   */
  'victim'?: (string);
  /**
   * The customer holding the value that proved the two one person.
   */
  'survivor'?: (string);
  /**
   * The scope the trigger was to be added in: its source.
   */
  'triggerSource'?: (_loyalty_identity_v1_Source);
  /**
   * The scope's account.
   */
  'triggerAccountId'?: (string);
  /**
   * The value that proved it (normalized; empty once erased).
   */
  'trigger'?: (_loyalty_identity_v1_Identifier | null);
  /**
   * An UpdateIdentifiers.
   */
  'updateIdentifiers'?: (_loyalty_identity_v1_UpdateIdentifiersRequest | null);
  /**
   * A CreateCustomer (also an import row).
   */
  'createCustomer'?: (_loyalty_identity_v1_CreateCustomerRequest | null);
  /**
   * The request_id of the refused call (empty without one).
   */
  'requestId'?: (string);
  /**
   * When it was refused.
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When it left PENDING; unset while PENDING.
   */
  'resolveTime'?: (_google_protobuf_Timestamp | null);
  /**
   * The merge accepting made, `merges/{id}`; empty otherwise, and when the
   * accepted create was combined into the survivor.
   */
  'merge'?: (string);
  /**
   * The refused request as it was sent (without request_id and
   * validate_only); its values are erased with either customer.
   */
  'request'?: "updateIdentifiers"|"createCustomer";
}

/**
 * A merge the org's policy left to a person: the refused request, recorded
 * whole, waiting to be accepted or rejected.
 */
export interface MergeCandidate__Output {
  /**
   * `mergeCandidates/{id}`.
   */
  'name': (string);
  /**
   * PENDING until a person decides, or an erasure makes it OBSOLETE.
   */
  'state': (_loyalty_identity_v1_MergeCandidateState__Output);
  /**
   * Why a person decides.
   */
  'reason': (_loyalty_identity_v1_ReviewReason__Output);
  /**
   * The customer the request named (UpdateIdentifiers), `customers/{id}`;
   * empty for a CreateCustomer or an import row.
   */
  'victim': (string);
  /**
   * The customer holding the value that proved the two one person.
   */
  'survivor': (string);
  /**
   * The scope the trigger was to be added in: its source.
   */
  'triggerSource': (_loyalty_identity_v1_Source__Output);
  /**
   * The scope's account.
   */
  'triggerAccountId': (string);
  /**
   * The value that proved it (normalized; empty once erased).
   */
  'trigger': (_loyalty_identity_v1_Identifier__Output | null);
  /**
   * An UpdateIdentifiers.
   */
  'updateIdentifiers'?: (_loyalty_identity_v1_UpdateIdentifiersRequest__Output | null);
  /**
   * A CreateCustomer (also an import row).
   */
  'createCustomer'?: (_loyalty_identity_v1_CreateCustomerRequest__Output | null);
  /**
   * The request_id of the refused call (empty without one).
   */
  'requestId': (string);
  /**
   * When it was refused.
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When it left PENDING; unset while PENDING.
   */
  'resolveTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * The merge accepting made, `merges/{id}`; empty otherwise, and when the
   * accepted create was combined into the survivor.
   */
  'merge': (string);
  /**
   * The refused request as it was sent (without request_id and
   * validate_only); its values are erased with either customer.
   */
  'request'?: "updateIdentifiers"|"createCustomer";
}
