import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from './loyalty/identity/v1/Card';
import type { CardNumberFormat as _loyalty_identity_v1_CardNumberFormat, CardNumberFormat__Output as _loyalty_identity_v1_CardNumberFormat__Output } from './loyalty/identity/v1/CardNumberFormat';
import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from './loyalty/identity/v1/CardSeries';
import type { CardStatusChange as _loyalty_identity_v1_CardStatusChange, CardStatusChange__Output as _loyalty_identity_v1_CardStatusChange__Output } from './loyalty/identity/v1/CardStatusChange';
import type { CreateCustomerRequest as _loyalty_identity_v1_CreateCustomerRequest, CreateCustomerRequest__Output as _loyalty_identity_v1_CreateCustomerRequest__Output } from './loyalty/identity/v1/CreateCustomerRequest';
import type { CreateCustomerResponse as _loyalty_identity_v1_CreateCustomerResponse, CreateCustomerResponse__Output as _loyalty_identity_v1_CreateCustomerResponse__Output } from './loyalty/identity/v1/CreateCustomerResponse';
import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from './loyalty/identity/v1/Customer';
import type { GetCustomerRequest as _loyalty_identity_v1_GetCustomerRequest, GetCustomerRequest__Output as _loyalty_identity_v1_GetCustomerRequest__Output } from './loyalty/identity/v1/GetCustomerRequest';
import type { GetCustomerResponse as _loyalty_identity_v1_GetCustomerResponse, GetCustomerResponse__Output as _loyalty_identity_v1_GetCustomerResponse__Output } from './loyalty/identity/v1/GetCustomerResponse';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from './loyalty/identity/v1/Identifier';
import type { IdentifierServiceClient as _loyalty_identity_v1_IdentifierServiceClient, IdentifierServiceDefinition as _loyalty_identity_v1_IdentifierServiceDefinition } from './loyalty/identity/v1/IdentifierService';
import type { ListMergesRequest as _loyalty_identity_v1_ListMergesRequest, ListMergesRequest__Output as _loyalty_identity_v1_ListMergesRequest__Output } from './loyalty/identity/v1/ListMergesRequest';
import type { ListMergesResponse as _loyalty_identity_v1_ListMergesResponse, ListMergesResponse__Output as _loyalty_identity_v1_ListMergesResponse__Output } from './loyalty/identity/v1/ListMergesResponse';
import type { LookupCustomerRequest as _loyalty_identity_v1_LookupCustomerRequest, LookupCustomerRequest__Output as _loyalty_identity_v1_LookupCustomerRequest__Output } from './loyalty/identity/v1/LookupCustomerRequest';
import type { LookupCustomerResponse as _loyalty_identity_v1_LookupCustomerResponse, LookupCustomerResponse__Output as _loyalty_identity_v1_LookupCustomerResponse__Output } from './loyalty/identity/v1/LookupCustomerResponse';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from './loyalty/identity/v1/Merge';
import type { MergeCustomersRequest as _loyalty_identity_v1_MergeCustomersRequest, MergeCustomersRequest__Output as _loyalty_identity_v1_MergeCustomersRequest__Output } from './loyalty/identity/v1/MergeCustomersRequest';
import type { MergeCustomersResponse as _loyalty_identity_v1_MergeCustomersResponse, MergeCustomersResponse__Output as _loyalty_identity_v1_MergeCustomersResponse__Output } from './loyalty/identity/v1/MergeCustomersResponse';
import type { Profile as _loyalty_identity_v1_Profile, Profile__Output as _loyalty_identity_v1_Profile__Output } from './loyalty/identity/v1/Profile';
import type { StatusLabel as _loyalty_identity_v1_StatusLabel, StatusLabel__Output as _loyalty_identity_v1_StatusLabel__Output } from './loyalty/identity/v1/StatusLabel';
import type { UnmergeCustomersRequest as _loyalty_identity_v1_UnmergeCustomersRequest, UnmergeCustomersRequest__Output as _loyalty_identity_v1_UnmergeCustomersRequest__Output } from './loyalty/identity/v1/UnmergeCustomersRequest';
import type { UnmergeCustomersResponse as _loyalty_identity_v1_UnmergeCustomersResponse, UnmergeCustomersResponse__Output as _loyalty_identity_v1_UnmergeCustomersResponse__Output } from './loyalty/identity/v1/UnmergeCustomersResponse';
import type { UpdateIdentifiersRequest as _loyalty_identity_v1_UpdateIdentifiersRequest, UpdateIdentifiersRequest__Output as _loyalty_identity_v1_UpdateIdentifiersRequest__Output } from './loyalty/identity/v1/UpdateIdentifiersRequest';
import type { UpdateIdentifiersResponse as _loyalty_identity_v1_UpdateIdentifiersResponse, UpdateIdentifiersResponse__Output as _loyalty_identity_v1_UpdateIdentifiersResponse__Output } from './loyalty/identity/v1/UpdateIdentifiersResponse';
import type { Warning as _loyalty_identity_v1_Warning, Warning__Output as _loyalty_identity_v1_Warning__Output } from './loyalty/identity/v1/Warning';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  loyalty: {
    identity: {
      v1: {
        Card: MessageTypeDefinition<_loyalty_identity_v1_Card, _loyalty_identity_v1_Card__Output>
        CardNumberFormat: MessageTypeDefinition<_loyalty_identity_v1_CardNumberFormat, _loyalty_identity_v1_CardNumberFormat__Output>
        CardNumberMethod: EnumTypeDefinition
        CardSeries: MessageTypeDefinition<_loyalty_identity_v1_CardSeries, _loyalty_identity_v1_CardSeries__Output>
        CardStatus: EnumTypeDefinition
        CardStatusChange: MessageTypeDefinition<_loyalty_identity_v1_CardStatusChange, _loyalty_identity_v1_CardStatusChange__Output>
        CardType: EnumTypeDefinition
        CreateCustomerRequest: MessageTypeDefinition<_loyalty_identity_v1_CreateCustomerRequest, _loyalty_identity_v1_CreateCustomerRequest__Output>
        CreateCustomerResponse: MessageTypeDefinition<_loyalty_identity_v1_CreateCustomerResponse, _loyalty_identity_v1_CreateCustomerResponse__Output>
        Customer: MessageTypeDefinition<_loyalty_identity_v1_Customer, _loyalty_identity_v1_Customer__Output>
        CustomerState: EnumTypeDefinition
        GetCustomerRequest: MessageTypeDefinition<_loyalty_identity_v1_GetCustomerRequest, _loyalty_identity_v1_GetCustomerRequest__Output>
        GetCustomerResponse: MessageTypeDefinition<_loyalty_identity_v1_GetCustomerResponse, _loyalty_identity_v1_GetCustomerResponse__Output>
        Identifier: MessageTypeDefinition<_loyalty_identity_v1_Identifier, _loyalty_identity_v1_Identifier__Output>
        /**
         * Owns the identity of loyalty customers.
         * 
         * Every error carries a google.rpc.Status with one google.rpc.ErrorInfo
         * (domain "loyalty.identity.v1", a reason such as IDENTIFIER_TAKEN), plus
         * google.rpc.BadRequest for INVALID_ARGUMENT and google.rpc.ResourceInfo for
         * NOT_FOUND. Mutating calls accept `request_id` (idempotent retries) and
         * `validate_only` (dry run).
         */
        IdentifierService: SubtypeConstructor<typeof grpc.Client, _loyalty_identity_v1_IdentifierServiceClient> & { service: _loyalty_identity_v1_IdentifierServiceDefinition }
        IdentifierType: EnumTypeDefinition
        ListMergesRequest: MessageTypeDefinition<_loyalty_identity_v1_ListMergesRequest, _loyalty_identity_v1_ListMergesRequest__Output>
        ListMergesResponse: MessageTypeDefinition<_loyalty_identity_v1_ListMergesResponse, _loyalty_identity_v1_ListMergesResponse__Output>
        LookupCustomerRequest: MessageTypeDefinition<_loyalty_identity_v1_LookupCustomerRequest, _loyalty_identity_v1_LookupCustomerRequest__Output>
        LookupCustomerResponse: MessageTypeDefinition<_loyalty_identity_v1_LookupCustomerResponse, _loyalty_identity_v1_LookupCustomerResponse__Output>
        Merge: MessageTypeDefinition<_loyalty_identity_v1_Merge, _loyalty_identity_v1_Merge__Output>
        MergeCustomersRequest: MessageTypeDefinition<_loyalty_identity_v1_MergeCustomersRequest, _loyalty_identity_v1_MergeCustomersRequest__Output>
        MergeCustomersResponse: MessageTypeDefinition<_loyalty_identity_v1_MergeCustomersResponse, _loyalty_identity_v1_MergeCustomersResponse__Output>
        Profile: MessageTypeDefinition<_loyalty_identity_v1_Profile, _loyalty_identity_v1_Profile__Output>
        Source: EnumTypeDefinition
        StatusLabel: MessageTypeDefinition<_loyalty_identity_v1_StatusLabel, _loyalty_identity_v1_StatusLabel__Output>
        UnmergeCustomersRequest: MessageTypeDefinition<_loyalty_identity_v1_UnmergeCustomersRequest, _loyalty_identity_v1_UnmergeCustomersRequest__Output>
        UnmergeCustomersResponse: MessageTypeDefinition<_loyalty_identity_v1_UnmergeCustomersResponse, _loyalty_identity_v1_UnmergeCustomersResponse__Output>
        UpdateIdentifiersRequest: MessageTypeDefinition<_loyalty_identity_v1_UpdateIdentifiersRequest, _loyalty_identity_v1_UpdateIdentifiersRequest__Output>
        UpdateIdentifiersResponse: MessageTypeDefinition<_loyalty_identity_v1_UpdateIdentifiersResponse, _loyalty_identity_v1_UpdateIdentifiersResponse__Output>
        Warning: MessageTypeDefinition<_loyalty_identity_v1_Warning, _loyalty_identity_v1_Warning__Output>
      }
    }
  }
}

