// Original file: ../../protos/loyalty/identity/v1/identifier_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateCustomerRequest as _loyalty_identity_v1_CreateCustomerRequest, CreateCustomerRequest__Output as _loyalty_identity_v1_CreateCustomerRequest__Output } from '../../../loyalty/identity/v1/CreateCustomerRequest';
import type { CreateCustomerResponse as _loyalty_identity_v1_CreateCustomerResponse, CreateCustomerResponse__Output as _loyalty_identity_v1_CreateCustomerResponse__Output } from '../../../loyalty/identity/v1/CreateCustomerResponse';
import type { EraseCustomerRequest as _loyalty_identity_v1_EraseCustomerRequest, EraseCustomerRequest__Output as _loyalty_identity_v1_EraseCustomerRequest__Output } from '../../../loyalty/identity/v1/EraseCustomerRequest';
import type { EraseCustomerResponse as _loyalty_identity_v1_EraseCustomerResponse, EraseCustomerResponse__Output as _loyalty_identity_v1_EraseCustomerResponse__Output } from '../../../loyalty/identity/v1/EraseCustomerResponse';
import type { FindCustomersRequest as _loyalty_identity_v1_FindCustomersRequest, FindCustomersRequest__Output as _loyalty_identity_v1_FindCustomersRequest__Output } from '../../../loyalty/identity/v1/FindCustomersRequest';
import type { FindCustomersResponse as _loyalty_identity_v1_FindCustomersResponse, FindCustomersResponse__Output as _loyalty_identity_v1_FindCustomersResponse__Output } from '../../../loyalty/identity/v1/FindCustomersResponse';
import type { GetCustomerRequest as _loyalty_identity_v1_GetCustomerRequest, GetCustomerRequest__Output as _loyalty_identity_v1_GetCustomerRequest__Output } from '../../../loyalty/identity/v1/GetCustomerRequest';
import type { GetCustomerResponse as _loyalty_identity_v1_GetCustomerResponse, GetCustomerResponse__Output as _loyalty_identity_v1_GetCustomerResponse__Output } from '../../../loyalty/identity/v1/GetCustomerResponse';
import type { ListMergesRequest as _loyalty_identity_v1_ListMergesRequest, ListMergesRequest__Output as _loyalty_identity_v1_ListMergesRequest__Output } from '../../../loyalty/identity/v1/ListMergesRequest';
import type { ListMergesResponse as _loyalty_identity_v1_ListMergesResponse, ListMergesResponse__Output as _loyalty_identity_v1_ListMergesResponse__Output } from '../../../loyalty/identity/v1/ListMergesResponse';
import type { LookupCustomerRequest as _loyalty_identity_v1_LookupCustomerRequest, LookupCustomerRequest__Output as _loyalty_identity_v1_LookupCustomerRequest__Output } from '../../../loyalty/identity/v1/LookupCustomerRequest';
import type { LookupCustomerResponse as _loyalty_identity_v1_LookupCustomerResponse, LookupCustomerResponse__Output as _loyalty_identity_v1_LookupCustomerResponse__Output } from '../../../loyalty/identity/v1/LookupCustomerResponse';
import type { MergeCustomersRequest as _loyalty_identity_v1_MergeCustomersRequest, MergeCustomersRequest__Output as _loyalty_identity_v1_MergeCustomersRequest__Output } from '../../../loyalty/identity/v1/MergeCustomersRequest';
import type { MergeCustomersResponse as _loyalty_identity_v1_MergeCustomersResponse, MergeCustomersResponse__Output as _loyalty_identity_v1_MergeCustomersResponse__Output } from '../../../loyalty/identity/v1/MergeCustomersResponse';
import type { UnmergeCustomersRequest as _loyalty_identity_v1_UnmergeCustomersRequest, UnmergeCustomersRequest__Output as _loyalty_identity_v1_UnmergeCustomersRequest__Output } from '../../../loyalty/identity/v1/UnmergeCustomersRequest';
import type { UnmergeCustomersResponse as _loyalty_identity_v1_UnmergeCustomersResponse, UnmergeCustomersResponse__Output as _loyalty_identity_v1_UnmergeCustomersResponse__Output } from '../../../loyalty/identity/v1/UnmergeCustomersResponse';
import type { UnsuppressIdentifierRequest as _loyalty_identity_v1_UnsuppressIdentifierRequest, UnsuppressIdentifierRequest__Output as _loyalty_identity_v1_UnsuppressIdentifierRequest__Output } from '../../../loyalty/identity/v1/UnsuppressIdentifierRequest';
import type { UnsuppressIdentifierResponse as _loyalty_identity_v1_UnsuppressIdentifierResponse, UnsuppressIdentifierResponse__Output as _loyalty_identity_v1_UnsuppressIdentifierResponse__Output } from '../../../loyalty/identity/v1/UnsuppressIdentifierResponse';
import type { UpdateIdentifiersRequest as _loyalty_identity_v1_UpdateIdentifiersRequest, UpdateIdentifiersRequest__Output as _loyalty_identity_v1_UpdateIdentifiersRequest__Output } from '../../../loyalty/identity/v1/UpdateIdentifiersRequest';
import type { UpdateIdentifiersResponse as _loyalty_identity_v1_UpdateIdentifiersResponse, UpdateIdentifiersResponse__Output as _loyalty_identity_v1_UpdateIdentifiersResponse__Output } from '../../../loyalty/identity/v1/UpdateIdentifiersResponse';

/**
 * Owns the identity of loyalty customers.
 * 
 * Every error carries a google.rpc.Status with one google.rpc.ErrorInfo
 * (domain "loyalty.identity.v1", a reason such as IDENTIFIER_TAKEN), plus
 * google.rpc.BadRequest for INVALID_ARGUMENT and google.rpc.ResourceInfo for
 * NOT_FOUND. Mutating calls accept `request_id` (idempotent retries) and
 * `validate_only` (dry run).
 */
export interface IdentifierServiceClient extends grpc.Client {
  /**
   * Creates a customer with one or more profiles. When an identifier is
   * already held in another scope by exactly one customer, no customer is
   * created: the profiles are attached to that customer (warning
   * COMBINED_WITH_EXISTING).
   * Errors: IDENTIFIER_TAKEN, AMBIGUOUS_MERGE, PROFILE_CONFLICT,
   * IDENTIFIER_TYPE_ALREADY_SET, REQUEST_ID_REUSED, and the INVALID_ARGUMENT
   * reasons of bad input.
   */
  CreateCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  CreateCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  CreateCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  CreateCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a customer with one or more profiles. When an identifier is
   * already held in another scope by exactly one customer, no customer is
   * created: the profiles are attached to that customer (warning
   * COMBINED_WITH_EXISTING).
   * Errors: IDENTIFIER_TAKEN, AMBIGUOUS_MERGE, PROFILE_CONFLICT,
   * IDENTIFIER_TYPE_ALREADY_SET, REQUEST_ID_REUSED, and the INVALID_ARGUMENT
   * reasons of bad input.
   */
  createCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  createCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  createCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  createCustomer(argument: _loyalty_identity_v1_CreateCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_CreateCustomerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Erases a customer (right to be forgotten: GDPR art. 17, PIPL art. 47),
   * in one transaction: the customer and every customer merged into it lose
   * all profiles and identifiers, its cards become DELETED (their log says
   * `customer erased`; they stay linked to it and their numbers are never
   * reissued), its state becomes CUSTOMER_STATE_ERASED. Every stored copy of
   * an identifier that came from the person (also one removed before, or
   * moved by a merge and an unmerge) is redacted: feed events keep their
   * sequence with the value emptied (ScopedIdentifier.erased), merge records
   * lose those values, stored answers (replies and refusals) that name the
   * erased customers become tombstones (a retry answers CUSTOMER_ERASED).
   * Another, live customer's own values stay. One CustomerErased event is
   * appended. The values are free again. A merged customer's name erases
   * its survivor: the whole person goes. Erasing an erased customer answers
   * it unchanged and appends nothing.
   * With suppress_identifiers, every erased value (not card numbers) is also
   * kept as a keyed hash, and adding it again is refused with
   * IDENTIFIER_SUPPRESSED until UnsuppressIdentifier lifts it.
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (malformed name),
   * REQUEST_ID_REUSED, CUSTOMER_ERASED (a retry whose stored reply was
   * erased by another erasure), SUPPRESSION_KEY_MISSING (suppress_identifiers
   * on a server started without --suppression-key-file; nothing is erased).
   */
  EraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  EraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  EraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  EraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Erases a customer (right to be forgotten: GDPR art. 17, PIPL art. 47),
   * in one transaction: the customer and every customer merged into it lose
   * all profiles and identifiers, its cards become DELETED (their log says
   * `customer erased`; they stay linked to it and their numbers are never
   * reissued), its state becomes CUSTOMER_STATE_ERASED. Every stored copy of
   * an identifier that came from the person (also one removed before, or
   * moved by a merge and an unmerge) is redacted: feed events keep their
   * sequence with the value emptied (ScopedIdentifier.erased), merge records
   * lose those values, stored answers (replies and refusals) that name the
   * erased customers become tombstones (a retry answers CUSTOMER_ERASED).
   * Another, live customer's own values stay. One CustomerErased event is
   * appended. The values are free again. A merged customer's name erases
   * its survivor: the whole person goes. Erasing an erased customer answers
   * it unchanged and appends nothing.
   * With suppress_identifiers, every erased value (not card numbers) is also
   * kept as a keyed hash, and adding it again is refused with
   * IDENTIFIER_SUPPRESSED until UnsuppressIdentifier lifts it.
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (malformed name),
   * REQUEST_ID_REUSED, CUSTOMER_ERASED (a retry whose stored reply was
   * erased by another erasure), SUPPRESSION_KEY_MISSING (suppress_identifiers
   * on a server started without --suppression-key-file; nothing is erased).
   */
  eraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  eraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  eraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  eraseCustomer(argument: _loyalty_identity_v1_EraseCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_EraseCustomerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Finds the active customers holding up to 100 identifiers at once, each in
   * a scope or in any scope of the org, in one read. Answers come in request
   * order, one per query; a value nobody holds is an empty answer, not an
   * error. A CARD_NUMBER finds the card's holder whatever the scope.
   * Errors: INVALID_ARGUMENT (no query or more than 100, field `queries`),
   * and the INVALID_ARGUMENT reasons of LookupCustomer for each query
   * (INVALID_IDENTIFIER, BLOCKED_VALUE, ACCOUNT_ID_REQUIRED,
   * ACCOUNT_ID_NOT_ALLOWED), with a field violation naming `queries[i]`.
   */
  FindCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  FindCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  FindCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  FindCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Finds the active customers holding up to 100 identifiers at once, each in
   * a scope or in any scope of the org, in one read. Answers come in request
   * order, one per query; a value nobody holds is an empty answer, not an
   * error. A CARD_NUMBER finds the card's holder whatever the scope.
   * Errors: INVALID_ARGUMENT (no query or more than 100, field `queries`),
   * and the INVALID_ARGUMENT reasons of LookupCustomer for each query
   * (INVALID_IDENTIFIER, BLOCKED_VALUE, ACCOUNT_ID_REQUIRED,
   * ACCOUNT_ID_NOT_ALLOWED), with a field violation naming `queries[i]`.
   */
  findCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  findCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  findCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  findCustomers(argument: _loyalty_identity_v1_FindCustomersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_FindCustomersResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads a customer. A merged customer's name returns its survivor (an
   * ERASED one too: state CUSTOMER_STATE_ERASED, no profiles, no cards).
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (malformed name).
   */
  GetCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  GetCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  GetCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  GetCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads a customer. A merged customer's name returns its survivor (an
   * ERASED one too: state CUSTOMER_STATE_ERASED, no profiles, no cards).
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (malformed name).
   */
  getCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  getCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  getCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  getCustomer(argument: _loyalty_identity_v1_GetCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_GetCustomerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists merge records, newest first.
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (bad page token or size).
   */
  ListMerges(argument: _loyalty_identity_v1_ListMergesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  ListMerges(argument: _loyalty_identity_v1_ListMergesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  ListMerges(argument: _loyalty_identity_v1_ListMergesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  ListMerges(argument: _loyalty_identity_v1_ListMergesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists merge records, newest first.
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (bad page token or size).
   */
  listMerges(argument: _loyalty_identity_v1_ListMergesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  listMerges(argument: _loyalty_identity_v1_ListMergesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  listMerges(argument: _loyalty_identity_v1_ListMergesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  listMerges(argument: _loyalty_identity_v1_ListMergesRequest, callback: grpc.requestCallback<_loyalty_identity_v1_ListMergesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Finds the active customer holding an identifier in a scope (never an
   * erased one, also not by its cards' numbers).
   * Errors: CUSTOMER_NOT_FOUND, and the INVALID_ARGUMENT reasons of bad input.
   */
  LookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  LookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  LookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  LookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Finds the active customer holding an identifier in a scope (never an
   * erased one, also not by its cards' numbers).
   * Errors: CUSTOMER_NOT_FOUND, and the INVALID_ARGUMENT reasons of bad input.
   */
  lookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  lookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  lookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  lookupCustomer(argument: _loyalty_identity_v1_LookupCustomerRequest, callback: grpc.requestCallback<_loyalty_identity_v1_LookupCustomerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Merges a victim into a survivor explicitly. This also lifts a
   * MERGE_BLOCKED left by an earlier UnmergeCustomers between the two.
   * Errors: SAME_CUSTOMER, CUSTOMER_NOT_FOUND, CUSTOMER_MERGED,
   * CUSTOMER_ERASED (either side),
   * PROFILE_CONFLICT, CARD_LIMIT_EXCEEDED, REQUEST_ID_REUSED.
   */
  MergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  MergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  MergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  MergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Merges a victim into a survivor explicitly. This also lifts a
   * MERGE_BLOCKED left by an earlier UnmergeCustomers between the two.
   * Errors: SAME_CUSTOMER, CUSTOMER_NOT_FOUND, CUSTOMER_MERGED,
   * CUSTOMER_ERASED (either side),
   * PROFILE_CONFLICT, CARD_LIMIT_EXCEEDED, REQUEST_ID_REUSED.
   */
  mergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  mergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  mergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  mergeCustomers(argument: _loyalty_identity_v1_MergeCustomersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_MergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Undoes a merge: the victim is ACTIVE again with exactly the profiles,
   * identifiers and cards it brought into the merge; the identifiers the
   * merging request added (its trigger among them) are removed again; the
   * survivor (or whoever holds the victim's things now, after later merges)
   * keeps everything else. The pair is then remembered as two people:
   * automatic merges between them are refused with MERGE_BLOCKED until an
   * explicit MergeCustomers. All or nothing.
   * Errors: MERGE_NOT_FOUND, INVALID_ARGUMENT (malformed name),
   * UNMERGE_CONFLICT (something the victim brought changed since: metadata
   * `blocker` says what, with `scope`, `identifier_type`, `card` or
   * `customer`; or the merge was already undone), CUSTOMER_ERASED (the
   * victim, the survivor or whoever holds the victim's things now was
   * erased), REQUEST_ID_REUSED.
   */
  UnmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  UnmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  UnmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  UnmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Undoes a merge: the victim is ACTIVE again with exactly the profiles,
   * identifiers and cards it brought into the merge; the identifiers the
   * merging request added (its trigger among them) are removed again; the
   * survivor (or whoever holds the victim's things now, after later merges)
   * keeps everything else. The pair is then remembered as two people:
   * automatic merges between them are refused with MERGE_BLOCKED until an
   * explicit MergeCustomers. All or nothing.
   * Errors: MERGE_NOT_FOUND, INVALID_ARGUMENT (malformed name),
   * UNMERGE_CONFLICT (something the victim brought changed since: metadata
   * `blocker` says what, with `scope`, `identifier_type`, `card` or
   * `customer`; or the merge was already undone), CUSTOMER_ERASED (the
   * victim, the survivor or whoever holds the victim's things now was
   * erased), REQUEST_ID_REUSED.
   */
  unmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  unmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  unmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  unmergeCustomers(argument: _loyalty_identity_v1_UnmergeCustomersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UnmergeCustomersResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lifts the suppression of one value (SPEC 7.3): it may be added again.
   * Needs a token with the `review` grant. Idempotent with request_id.
   * Errors: PERMISSION_DENIED (token without `review`), INVALID_ARGUMENT
   * (INVALID_IDENTIFIER, BLOCKED_VALUE, a CARD_NUMBER: never suppressed),
   * SUPPRESSION_NOT_FOUND (the value is not suppressed in the caller's org),
   * SUPPRESSION_KEY_MISSING (server without a suppression key),
   * REQUEST_ID_REUSED.
   */
  UnsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  UnsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  UnsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  UnsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lifts the suppression of one value (SPEC 7.3): it may be added again.
   * Needs a token with the `review` grant. Idempotent with request_id.
   * Errors: PERMISSION_DENIED (token without `review`), INVALID_ARGUMENT
   * (INVALID_IDENTIFIER, BLOCKED_VALUE, a CARD_NUMBER: never suppressed),
   * SUPPRESSION_NOT_FOUND (the value is not suppressed in the caller's org),
   * SUPPRESSION_KEY_MISSING (server without a suppression key),
   * REQUEST_ID_REUSED.
   */
  unsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  unsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  unsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  unsuppressIdentifier(argument: _loyalty_identity_v1_UnsuppressIdentifierRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UnsuppressIdentifierResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes then adds identifiers of one customer in one scope, atomically.
   * An added identifier held in other scopes by exactly one other customer
   * merges the updated customer (the victim) into that one (the survivor).
   * Errors: CUSTOMER_NOT_FOUND, CUSTOMER_MERGED, CUSTOMER_ERASED,
   * IDENTIFIER_NOT_FOUND,
   * LAST_IDENTIFIER, IDENTIFIER_TAKEN, IDENTIFIER_TYPE_ALREADY_SET,
   * AMBIGUOUS_MERGE, PROFILE_CONFLICT, MERGE_BLOCKED (the two were
   * unmerged before), CARD_LIMIT_EXCEEDED, REQUEST_ID_REUSED, and the
   * INVALID_ARGUMENT reasons of bad input.
   */
  UpdateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  UpdateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  UpdateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  UpdateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes then adds identifiers of one customer in one scope, atomically.
   * An added identifier held in other scopes by exactly one other customer
   * merges the updated customer (the victim) into that one (the survivor).
   * Errors: CUSTOMER_NOT_FOUND, CUSTOMER_MERGED, CUSTOMER_ERASED,
   * IDENTIFIER_NOT_FOUND,
   * LAST_IDENTIFIER, IDENTIFIER_TAKEN, IDENTIFIER_TYPE_ALREADY_SET,
   * AMBIGUOUS_MERGE, PROFILE_CONFLICT, MERGE_BLOCKED (the two were
   * unmerged before), CARD_LIMIT_EXCEEDED, REQUEST_ID_REUSED, and the
   * INVALID_ARGUMENT reasons of bad input.
   */
  updateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  updateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  updateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  updateIdentifiers(argument: _loyalty_identity_v1_UpdateIdentifiersRequest, callback: grpc.requestCallback<_loyalty_identity_v1_UpdateIdentifiersResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Owns the identity of loyalty customers.
 * 
 * Every error carries a google.rpc.Status with one google.rpc.ErrorInfo
 * (domain "loyalty.identity.v1", a reason such as IDENTIFIER_TAKEN), plus
 * google.rpc.BadRequest for INVALID_ARGUMENT and google.rpc.ResourceInfo for
 * NOT_FOUND. Mutating calls accept `request_id` (idempotent retries) and
 * `validate_only` (dry run).
 */
export interface IdentifierServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates a customer with one or more profiles. When an identifier is
   * already held in another scope by exactly one customer, no customer is
   * created: the profiles are attached to that customer (warning
   * COMBINED_WITH_EXISTING).
   * Errors: IDENTIFIER_TAKEN, AMBIGUOUS_MERGE, PROFILE_CONFLICT,
   * IDENTIFIER_TYPE_ALREADY_SET, REQUEST_ID_REUSED, and the INVALID_ARGUMENT
   * reasons of bad input.
   */
  CreateCustomer: grpc.handleUnaryCall<_loyalty_identity_v1_CreateCustomerRequest__Output, _loyalty_identity_v1_CreateCustomerResponse>;
  
  /**
   * Erases a customer (right to be forgotten: GDPR art. 17, PIPL art. 47),
   * in one transaction: the customer and every customer merged into it lose
   * all profiles and identifiers, its cards become DELETED (their log says
   * `customer erased`; they stay linked to it and their numbers are never
   * reissued), its state becomes CUSTOMER_STATE_ERASED. Every stored copy of
   * an identifier that came from the person (also one removed before, or
   * moved by a merge and an unmerge) is redacted: feed events keep their
   * sequence with the value emptied (ScopedIdentifier.erased), merge records
   * lose those values, stored answers (replies and refusals) that name the
   * erased customers become tombstones (a retry answers CUSTOMER_ERASED).
   * Another, live customer's own values stay. One CustomerErased event is
   * appended. The values are free again. A merged customer's name erases
   * its survivor: the whole person goes. Erasing an erased customer answers
   * it unchanged and appends nothing.
   * With suppress_identifiers, every erased value (not card numbers) is also
   * kept as a keyed hash, and adding it again is refused with
   * IDENTIFIER_SUPPRESSED until UnsuppressIdentifier lifts it.
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (malformed name),
   * REQUEST_ID_REUSED, CUSTOMER_ERASED (a retry whose stored reply was
   * erased by another erasure), SUPPRESSION_KEY_MISSING (suppress_identifiers
   * on a server started without --suppression-key-file; nothing is erased).
   */
  EraseCustomer: grpc.handleUnaryCall<_loyalty_identity_v1_EraseCustomerRequest__Output, _loyalty_identity_v1_EraseCustomerResponse>;
  
  /**
   * Finds the active customers holding up to 100 identifiers at once, each in
   * a scope or in any scope of the org, in one read. Answers come in request
   * order, one per query; a value nobody holds is an empty answer, not an
   * error. A CARD_NUMBER finds the card's holder whatever the scope.
   * Errors: INVALID_ARGUMENT (no query or more than 100, field `queries`),
   * and the INVALID_ARGUMENT reasons of LookupCustomer for each query
   * (INVALID_IDENTIFIER, BLOCKED_VALUE, ACCOUNT_ID_REQUIRED,
   * ACCOUNT_ID_NOT_ALLOWED), with a field violation naming `queries[i]`.
   */
  FindCustomers: grpc.handleUnaryCall<_loyalty_identity_v1_FindCustomersRequest__Output, _loyalty_identity_v1_FindCustomersResponse>;
  
  /**
   * Reads a customer. A merged customer's name returns its survivor (an
   * ERASED one too: state CUSTOMER_STATE_ERASED, no profiles, no cards).
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (malformed name).
   */
  GetCustomer: grpc.handleUnaryCall<_loyalty_identity_v1_GetCustomerRequest__Output, _loyalty_identity_v1_GetCustomerResponse>;
  
  /**
   * Lists merge records, newest first.
   * Errors: CUSTOMER_NOT_FOUND, INVALID_ARGUMENT (bad page token or size).
   */
  ListMerges: grpc.handleUnaryCall<_loyalty_identity_v1_ListMergesRequest__Output, _loyalty_identity_v1_ListMergesResponse>;
  
  /**
   * Finds the active customer holding an identifier in a scope (never an
   * erased one, also not by its cards' numbers).
   * Errors: CUSTOMER_NOT_FOUND, and the INVALID_ARGUMENT reasons of bad input.
   */
  LookupCustomer: grpc.handleUnaryCall<_loyalty_identity_v1_LookupCustomerRequest__Output, _loyalty_identity_v1_LookupCustomerResponse>;
  
  /**
   * Merges a victim into a survivor explicitly. This also lifts a
   * MERGE_BLOCKED left by an earlier UnmergeCustomers between the two.
   * Errors: SAME_CUSTOMER, CUSTOMER_NOT_FOUND, CUSTOMER_MERGED,
   * CUSTOMER_ERASED (either side),
   * PROFILE_CONFLICT, CARD_LIMIT_EXCEEDED, REQUEST_ID_REUSED.
   */
  MergeCustomers: grpc.handleUnaryCall<_loyalty_identity_v1_MergeCustomersRequest__Output, _loyalty_identity_v1_MergeCustomersResponse>;
  
  /**
   * Undoes a merge: the victim is ACTIVE again with exactly the profiles,
   * identifiers and cards it brought into the merge; the identifiers the
   * merging request added (its trigger among them) are removed again; the
   * survivor (or whoever holds the victim's things now, after later merges)
   * keeps everything else. The pair is then remembered as two people:
   * automatic merges between them are refused with MERGE_BLOCKED until an
   * explicit MergeCustomers. All or nothing.
   * Errors: MERGE_NOT_FOUND, INVALID_ARGUMENT (malformed name),
   * UNMERGE_CONFLICT (something the victim brought changed since: metadata
   * `blocker` says what, with `scope`, `identifier_type`, `card` or
   * `customer`; or the merge was already undone), CUSTOMER_ERASED (the
   * victim, the survivor or whoever holds the victim's things now was
   * erased), REQUEST_ID_REUSED.
   */
  UnmergeCustomers: grpc.handleUnaryCall<_loyalty_identity_v1_UnmergeCustomersRequest__Output, _loyalty_identity_v1_UnmergeCustomersResponse>;
  
  /**
   * Lifts the suppression of one value (SPEC 7.3): it may be added again.
   * Needs a token with the `review` grant. Idempotent with request_id.
   * Errors: PERMISSION_DENIED (token without `review`), INVALID_ARGUMENT
   * (INVALID_IDENTIFIER, BLOCKED_VALUE, a CARD_NUMBER: never suppressed),
   * SUPPRESSION_NOT_FOUND (the value is not suppressed in the caller's org),
   * SUPPRESSION_KEY_MISSING (server without a suppression key),
   * REQUEST_ID_REUSED.
   */
  UnsuppressIdentifier: grpc.handleUnaryCall<_loyalty_identity_v1_UnsuppressIdentifierRequest__Output, _loyalty_identity_v1_UnsuppressIdentifierResponse>;
  
  /**
   * Removes then adds identifiers of one customer in one scope, atomically.
   * An added identifier held in other scopes by exactly one other customer
   * merges the updated customer (the victim) into that one (the survivor).
   * Errors: CUSTOMER_NOT_FOUND, CUSTOMER_MERGED, CUSTOMER_ERASED,
   * IDENTIFIER_NOT_FOUND,
   * LAST_IDENTIFIER, IDENTIFIER_TAKEN, IDENTIFIER_TYPE_ALREADY_SET,
   * AMBIGUOUS_MERGE, PROFILE_CONFLICT, MERGE_BLOCKED (the two were
   * unmerged before), CARD_LIMIT_EXCEEDED, REQUEST_ID_REUSED, and the
   * INVALID_ARGUMENT reasons of bad input.
   */
  UpdateIdentifiers: grpc.handleUnaryCall<_loyalty_identity_v1_UpdateIdentifiersRequest__Output, _loyalty_identity_v1_UpdateIdentifiersResponse>;
  
}

export interface IdentifierServiceDefinition extends grpc.ServiceDefinition {
  CreateCustomer: MethodDefinition<_loyalty_identity_v1_CreateCustomerRequest, _loyalty_identity_v1_CreateCustomerResponse, _loyalty_identity_v1_CreateCustomerRequest__Output, _loyalty_identity_v1_CreateCustomerResponse__Output>
  EraseCustomer: MethodDefinition<_loyalty_identity_v1_EraseCustomerRequest, _loyalty_identity_v1_EraseCustomerResponse, _loyalty_identity_v1_EraseCustomerRequest__Output, _loyalty_identity_v1_EraseCustomerResponse__Output>
  FindCustomers: MethodDefinition<_loyalty_identity_v1_FindCustomersRequest, _loyalty_identity_v1_FindCustomersResponse, _loyalty_identity_v1_FindCustomersRequest__Output, _loyalty_identity_v1_FindCustomersResponse__Output>
  GetCustomer: MethodDefinition<_loyalty_identity_v1_GetCustomerRequest, _loyalty_identity_v1_GetCustomerResponse, _loyalty_identity_v1_GetCustomerRequest__Output, _loyalty_identity_v1_GetCustomerResponse__Output>
  ListMerges: MethodDefinition<_loyalty_identity_v1_ListMergesRequest, _loyalty_identity_v1_ListMergesResponse, _loyalty_identity_v1_ListMergesRequest__Output, _loyalty_identity_v1_ListMergesResponse__Output>
  LookupCustomer: MethodDefinition<_loyalty_identity_v1_LookupCustomerRequest, _loyalty_identity_v1_LookupCustomerResponse, _loyalty_identity_v1_LookupCustomerRequest__Output, _loyalty_identity_v1_LookupCustomerResponse__Output>
  MergeCustomers: MethodDefinition<_loyalty_identity_v1_MergeCustomersRequest, _loyalty_identity_v1_MergeCustomersResponse, _loyalty_identity_v1_MergeCustomersRequest__Output, _loyalty_identity_v1_MergeCustomersResponse__Output>
  UnmergeCustomers: MethodDefinition<_loyalty_identity_v1_UnmergeCustomersRequest, _loyalty_identity_v1_UnmergeCustomersResponse, _loyalty_identity_v1_UnmergeCustomersRequest__Output, _loyalty_identity_v1_UnmergeCustomersResponse__Output>
  UnsuppressIdentifier: MethodDefinition<_loyalty_identity_v1_UnsuppressIdentifierRequest, _loyalty_identity_v1_UnsuppressIdentifierResponse, _loyalty_identity_v1_UnsuppressIdentifierRequest__Output, _loyalty_identity_v1_UnsuppressIdentifierResponse__Output>
  UpdateIdentifiers: MethodDefinition<_loyalty_identity_v1_UpdateIdentifiersRequest, _loyalty_identity_v1_UpdateIdentifiersResponse, _loyalty_identity_v1_UpdateIdentifiersRequest__Output, _loyalty_identity_v1_UpdateIdentifiersResponse__Output>
}
