// Original file: ../../protos/loyalty/identity/v1/event_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { CustomerCreated as _loyalty_identity_v1_CustomerCreated, CustomerCreated__Output as _loyalty_identity_v1_CustomerCreated__Output } from '../../../loyalty/identity/v1/CustomerCreated';
import type { IdentifiersChanged as _loyalty_identity_v1_IdentifiersChanged, IdentifiersChanged__Output as _loyalty_identity_v1_IdentifiersChanged__Output } from '../../../loyalty/identity/v1/IdentifiersChanged';
import type { CustomersMerged as _loyalty_identity_v1_CustomersMerged, CustomersMerged__Output as _loyalty_identity_v1_CustomersMerged__Output } from '../../../loyalty/identity/v1/CustomersMerged';
import type { CustomersUnmerged as _loyalty_identity_v1_CustomersUnmerged, CustomersUnmerged__Output as _loyalty_identity_v1_CustomersUnmerged__Output } from '../../../loyalty/identity/v1/CustomersUnmerged';
import type { CardChanged as _loyalty_identity_v1_CardChanged, CardChanged__Output as _loyalty_identity_v1_CardChanged__Output } from '../../../loyalty/identity/v1/CardChanged';
import type { CustomerErased as _loyalty_identity_v1_CustomerErased, CustomerErased__Output as _loyalty_identity_v1_CustomerErased__Output } from '../../../loyalty/identity/v1/CustomerErased';
import type { MergePolicyChanged as _loyalty_identity_v1_MergePolicyChanged, MergePolicyChanged__Output as _loyalty_identity_v1_MergePolicyChanged__Output } from '../../../loyalty/identity/v1/MergePolicyChanged';
import type { MergeCandidateCreated as _loyalty_identity_v1_MergeCandidateCreated, MergeCandidateCreated__Output as _loyalty_identity_v1_MergeCandidateCreated__Output } from '../../../loyalty/identity/v1/MergeCandidateCreated';
import type { MergeCandidateResolved as _loyalty_identity_v1_MergeCandidateResolved, MergeCandidateResolved__Output as _loyalty_identity_v1_MergeCandidateResolved__Output } from '../../../loyalty/identity/v1/MergeCandidateResolved';
import type { Long } from '@grpc/proto-loader';

/**
 * One change in the feed.
 */
export interface Event {
  /**
   * Position in the org's feed: 1 for the first event, then +1 per event.
   */
  'sequence'?: (number | string | Long);
  /**
   * When the change was made: the server's clock as the transaction made it
   * (events of one transaction share it; the sequence, not this time, gives
   * the order).
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Every customer the change touched, `customers/{id}`: for merges and
   * unmerges the victim, the survivor and the re-pointed earlier victims; for
   * card changes the previous and the new owner.
   */
  'customers'?: (string)[];
  /**
   * The request_id of the call that made the change; empty when it had
   * none.
   */
  'requestId'?: (string);
  /**
   * A customer was created.
   */
  'customerCreated'?: (_loyalty_identity_v1_CustomerCreated | null);
  /**
   * Identifiers were added to or removed from a customer.
   */
  'identifiersChanged'?: (_loyalty_identity_v1_IdentifiersChanged | null);
  /**
   * A victim was merged into a survivor.
   */
  'customersMerged'?: (_loyalty_identity_v1_CustomersMerged | null);
  /**
   * A merge was undone.
   */
  'customersUnmerged'?: (_loyalty_identity_v1_CustomersUnmerged | null);
  /**
   * A card was linked, unlinked or changed status.
   */
  'cardChanged'?: (_loyalty_identity_v1_CardChanged | null);
  /**
   * A customer was erased (EraseCustomer).
   */
  'customerErased'?: (_loyalty_identity_v1_CustomerErased | null);
  /**
   * The org's merge policy changed (UpdateMergePolicy).
   */
  'mergePolicyChanged'?: (_loyalty_identity_v1_MergePolicyChanged | null);
  /**
   * A merge was sent to a person (a new merge candidate).
   */
  'mergeCandidateCreated'?: (_loyalty_identity_v1_MergeCandidateCreated | null);
  /**
   * A merge candidate was accepted, rejected or made obsolete.
   */
  'mergeCandidateResolved'?: (_loyalty_identity_v1_MergeCandidateResolved | null);
  /**
   * What changed: exactly one is set.
   */
  'change'?: "customerCreated"|"identifiersChanged"|"customersMerged"|"customersUnmerged"|"cardChanged"|"customerErased"|"mergePolicyChanged"|"mergeCandidateCreated"|"mergeCandidateResolved";
}

/**
 * One change in the feed.
 */
export interface Event__Output {
  /**
   * Position in the org's feed: 1 for the first event, then +1 per event.
   */
  'sequence': (string);
  /**
   * When the change was made: the server's clock as the transaction made it
   * (events of one transaction share it; the sequence, not this time, gives
   * the order).
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Every customer the change touched, `customers/{id}`: for merges and
   * unmerges the victim, the survivor and the re-pointed earlier victims; for
   * card changes the previous and the new owner.
   */
  'customers': (string)[];
  /**
   * The request_id of the call that made the change; empty when it had
   * none.
   */
  'requestId': (string);
  /**
   * A customer was created.
   */
  'customerCreated'?: (_loyalty_identity_v1_CustomerCreated__Output | null);
  /**
   * Identifiers were added to or removed from a customer.
   */
  'identifiersChanged'?: (_loyalty_identity_v1_IdentifiersChanged__Output | null);
  /**
   * A victim was merged into a survivor.
   */
  'customersMerged'?: (_loyalty_identity_v1_CustomersMerged__Output | null);
  /**
   * A merge was undone.
   */
  'customersUnmerged'?: (_loyalty_identity_v1_CustomersUnmerged__Output | null);
  /**
   * A card was linked, unlinked or changed status.
   */
  'cardChanged'?: (_loyalty_identity_v1_CardChanged__Output | null);
  /**
   * A customer was erased (EraseCustomer).
   */
  'customerErased'?: (_loyalty_identity_v1_CustomerErased__Output | null);
  /**
   * The org's merge policy changed (UpdateMergePolicy).
   */
  'mergePolicyChanged'?: (_loyalty_identity_v1_MergePolicyChanged__Output | null);
  /**
   * A merge was sent to a person (a new merge candidate).
   */
  'mergeCandidateCreated'?: (_loyalty_identity_v1_MergeCandidateCreated__Output | null);
  /**
   * A merge candidate was accepted, rejected or made obsolete.
   */
  'mergeCandidateResolved'?: (_loyalty_identity_v1_MergeCandidateResolved__Output | null);
  /**
   * What changed: exactly one is set.
   */
  'change'?: "customerCreated"|"identifiersChanged"|"customersMerged"|"customersUnmerged"|"cardChanged"|"customerErased"|"mergePolicyChanged"|"mergeCandidateCreated"|"mergeCandidateResolved";
}
