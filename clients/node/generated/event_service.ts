import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ResourceDescriptor as _google_api_ResourceDescriptor, ResourceDescriptor__Output as _google_api_ResourceDescriptor__Output } from './google/api/ResourceDescriptor';
import type { ResourceReference as _google_api_ResourceReference, ResourceReference__Output as _google_api_ResourceReference__Output } from './google/api/ResourceReference';
import type { DescriptorProto as _google_protobuf_DescriptorProto, DescriptorProto__Output as _google_protobuf_DescriptorProto__Output } from './google/protobuf/DescriptorProto';
import type { EnumDescriptorProto as _google_protobuf_EnumDescriptorProto, EnumDescriptorProto__Output as _google_protobuf_EnumDescriptorProto__Output } from './google/protobuf/EnumDescriptorProto';
import type { EnumOptions as _google_protobuf_EnumOptions, EnumOptions__Output as _google_protobuf_EnumOptions__Output } from './google/protobuf/EnumOptions';
import type { EnumValueDescriptorProto as _google_protobuf_EnumValueDescriptorProto, EnumValueDescriptorProto__Output as _google_protobuf_EnumValueDescriptorProto__Output } from './google/protobuf/EnumValueDescriptorProto';
import type { EnumValueOptions as _google_protobuf_EnumValueOptions, EnumValueOptions__Output as _google_protobuf_EnumValueOptions__Output } from './google/protobuf/EnumValueOptions';
import type { ExtensionRangeOptions as _google_protobuf_ExtensionRangeOptions, ExtensionRangeOptions__Output as _google_protobuf_ExtensionRangeOptions__Output } from './google/protobuf/ExtensionRangeOptions';
import type { FeatureSet as _google_protobuf_FeatureSet, FeatureSet__Output as _google_protobuf_FeatureSet__Output } from './google/protobuf/FeatureSet';
import type { FeatureSetDefaults as _google_protobuf_FeatureSetDefaults, FeatureSetDefaults__Output as _google_protobuf_FeatureSetDefaults__Output } from './google/protobuf/FeatureSetDefaults';
import type { FieldDescriptorProto as _google_protobuf_FieldDescriptorProto, FieldDescriptorProto__Output as _google_protobuf_FieldDescriptorProto__Output } from './google/protobuf/FieldDescriptorProto';
import type { FieldOptions as _google_protobuf_FieldOptions, FieldOptions__Output as _google_protobuf_FieldOptions__Output } from './google/protobuf/FieldOptions';
import type { FileDescriptorProto as _google_protobuf_FileDescriptorProto, FileDescriptorProto__Output as _google_protobuf_FileDescriptorProto__Output } from './google/protobuf/FileDescriptorProto';
import type { FileDescriptorSet as _google_protobuf_FileDescriptorSet, FileDescriptorSet__Output as _google_protobuf_FileDescriptorSet__Output } from './google/protobuf/FileDescriptorSet';
import type { FileOptions as _google_protobuf_FileOptions, FileOptions__Output as _google_protobuf_FileOptions__Output } from './google/protobuf/FileOptions';
import type { GeneratedCodeInfo as _google_protobuf_GeneratedCodeInfo, GeneratedCodeInfo__Output as _google_protobuf_GeneratedCodeInfo__Output } from './google/protobuf/GeneratedCodeInfo';
import type { MessageOptions as _google_protobuf_MessageOptions, MessageOptions__Output as _google_protobuf_MessageOptions__Output } from './google/protobuf/MessageOptions';
import type { MethodDescriptorProto as _google_protobuf_MethodDescriptorProto, MethodDescriptorProto__Output as _google_protobuf_MethodDescriptorProto__Output } from './google/protobuf/MethodDescriptorProto';
import type { MethodOptions as _google_protobuf_MethodOptions, MethodOptions__Output as _google_protobuf_MethodOptions__Output } from './google/protobuf/MethodOptions';
import type { OneofDescriptorProto as _google_protobuf_OneofDescriptorProto, OneofDescriptorProto__Output as _google_protobuf_OneofDescriptorProto__Output } from './google/protobuf/OneofDescriptorProto';
import type { OneofOptions as _google_protobuf_OneofOptions, OneofOptions__Output as _google_protobuf_OneofOptions__Output } from './google/protobuf/OneofOptions';
import type { ServiceDescriptorProto as _google_protobuf_ServiceDescriptorProto, ServiceDescriptorProto__Output as _google_protobuf_ServiceDescriptorProto__Output } from './google/protobuf/ServiceDescriptorProto';
import type { ServiceOptions as _google_protobuf_ServiceOptions, ServiceOptions__Output as _google_protobuf_ServiceOptions__Output } from './google/protobuf/ServiceOptions';
import type { SourceCodeInfo as _google_protobuf_SourceCodeInfo, SourceCodeInfo__Output as _google_protobuf_SourceCodeInfo__Output } from './google/protobuf/SourceCodeInfo';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { UninterpretedOption as _google_protobuf_UninterpretedOption, UninterpretedOption__Output as _google_protobuf_UninterpretedOption__Output } from './google/protobuf/UninterpretedOption';
import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from './loyalty/identity/v1/Card';
import type { CardChanged as _loyalty_identity_v1_CardChanged, CardChanged__Output as _loyalty_identity_v1_CardChanged__Output } from './loyalty/identity/v1/CardChanged';
import type { CardNumberFormat as _loyalty_identity_v1_CardNumberFormat, CardNumberFormat__Output as _loyalty_identity_v1_CardNumberFormat__Output } from './loyalty/identity/v1/CardNumberFormat';
import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from './loyalty/identity/v1/CardSeries';
import type { CardStatusChange as _loyalty_identity_v1_CardStatusChange, CardStatusChange__Output as _loyalty_identity_v1_CardStatusChange__Output } from './loyalty/identity/v1/CardStatusChange';
import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from './loyalty/identity/v1/Customer';
import type { CustomerCreated as _loyalty_identity_v1_CustomerCreated, CustomerCreated__Output as _loyalty_identity_v1_CustomerCreated__Output } from './loyalty/identity/v1/CustomerCreated';
import type { CustomerErased as _loyalty_identity_v1_CustomerErased, CustomerErased__Output as _loyalty_identity_v1_CustomerErased__Output } from './loyalty/identity/v1/CustomerErased';
import type { CustomersMerged as _loyalty_identity_v1_CustomersMerged, CustomersMerged__Output as _loyalty_identity_v1_CustomersMerged__Output } from './loyalty/identity/v1/CustomersMerged';
import type { CustomersUnmerged as _loyalty_identity_v1_CustomersUnmerged, CustomersUnmerged__Output as _loyalty_identity_v1_CustomersUnmerged__Output } from './loyalty/identity/v1/CustomersUnmerged';
import type { Event as _loyalty_identity_v1_Event, Event__Output as _loyalty_identity_v1_Event__Output } from './loyalty/identity/v1/Event';
import type { EventServiceClient as _loyalty_identity_v1_EventServiceClient, EventServiceDefinition as _loyalty_identity_v1_EventServiceDefinition } from './loyalty/identity/v1/EventService';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from './loyalty/identity/v1/Identifier';
import type { IdentifiersChanged as _loyalty_identity_v1_IdentifiersChanged, IdentifiersChanged__Output as _loyalty_identity_v1_IdentifiersChanged__Output } from './loyalty/identity/v1/IdentifiersChanged';
import type { ListEventsRequest as _loyalty_identity_v1_ListEventsRequest, ListEventsRequest__Output as _loyalty_identity_v1_ListEventsRequest__Output } from './loyalty/identity/v1/ListEventsRequest';
import type { ListEventsResponse as _loyalty_identity_v1_ListEventsResponse, ListEventsResponse__Output as _loyalty_identity_v1_ListEventsResponse__Output } from './loyalty/identity/v1/ListEventsResponse';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from './loyalty/identity/v1/Merge';
import type { MergeCandidateCreated as _loyalty_identity_v1_MergeCandidateCreated, MergeCandidateCreated__Output as _loyalty_identity_v1_MergeCandidateCreated__Output } from './loyalty/identity/v1/MergeCandidateCreated';
import type { MergeCandidateResolved as _loyalty_identity_v1_MergeCandidateResolved, MergeCandidateResolved__Output as _loyalty_identity_v1_MergeCandidateResolved__Output } from './loyalty/identity/v1/MergeCandidateResolved';
import type { MergePolicy as _loyalty_identity_v1_MergePolicy, MergePolicy__Output as _loyalty_identity_v1_MergePolicy__Output } from './loyalty/identity/v1/MergePolicy';
import type { MergePolicyChanged as _loyalty_identity_v1_MergePolicyChanged, MergePolicyChanged__Output as _loyalty_identity_v1_MergePolicyChanged__Output } from './loyalty/identity/v1/MergePolicyChanged';
import type { Profile as _loyalty_identity_v1_Profile, Profile__Output as _loyalty_identity_v1_Profile__Output } from './loyalty/identity/v1/Profile';
import type { ScopedIdentifier as _loyalty_identity_v1_ScopedIdentifier, ScopedIdentifier__Output as _loyalty_identity_v1_ScopedIdentifier__Output } from './loyalty/identity/v1/ScopedIdentifier';
import type { StatusLabel as _loyalty_identity_v1_StatusLabel, StatusLabel__Output as _loyalty_identity_v1_StatusLabel__Output } from './loyalty/identity/v1/StatusLabel';
import type { TypeRule as _loyalty_identity_v1_TypeRule, TypeRule__Output as _loyalty_identity_v1_TypeRule__Output } from './loyalty/identity/v1/TypeRule';
import type { Warning as _loyalty_identity_v1_Warning, Warning__Output as _loyalty_identity_v1_Warning__Output } from './loyalty/identity/v1/Warning';
import type { WatchEventsRequest as _loyalty_identity_v1_WatchEventsRequest, WatchEventsRequest__Output as _loyalty_identity_v1_WatchEventsRequest__Output } from './loyalty/identity/v1/WatchEventsRequest';
import type { WatchEventsResponse as _loyalty_identity_v1_WatchEventsResponse, WatchEventsResponse__Output as _loyalty_identity_v1_WatchEventsResponse__Output } from './loyalty/identity/v1/WatchEventsResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    api: {
      FieldBehavior: EnumTypeDefinition
      ResourceDescriptor: MessageTypeDefinition<_google_api_ResourceDescriptor, _google_api_ResourceDescriptor__Output>
      ResourceReference: MessageTypeDefinition<_google_api_ResourceReference, _google_api_ResourceReference__Output>
    }
    protobuf: {
      DescriptorProto: MessageTypeDefinition<_google_protobuf_DescriptorProto, _google_protobuf_DescriptorProto__Output>
      Edition: EnumTypeDefinition
      EnumDescriptorProto: MessageTypeDefinition<_google_protobuf_EnumDescriptorProto, _google_protobuf_EnumDescriptorProto__Output>
      EnumOptions: MessageTypeDefinition<_google_protobuf_EnumOptions, _google_protobuf_EnumOptions__Output>
      EnumValueDescriptorProto: MessageTypeDefinition<_google_protobuf_EnumValueDescriptorProto, _google_protobuf_EnumValueDescriptorProto__Output>
      EnumValueOptions: MessageTypeDefinition<_google_protobuf_EnumValueOptions, _google_protobuf_EnumValueOptions__Output>
      ExtensionRangeOptions: MessageTypeDefinition<_google_protobuf_ExtensionRangeOptions, _google_protobuf_ExtensionRangeOptions__Output>
      FeatureSet: MessageTypeDefinition<_google_protobuf_FeatureSet, _google_protobuf_FeatureSet__Output>
      FeatureSetDefaults: MessageTypeDefinition<_google_protobuf_FeatureSetDefaults, _google_protobuf_FeatureSetDefaults__Output>
      FieldDescriptorProto: MessageTypeDefinition<_google_protobuf_FieldDescriptorProto, _google_protobuf_FieldDescriptorProto__Output>
      FieldOptions: MessageTypeDefinition<_google_protobuf_FieldOptions, _google_protobuf_FieldOptions__Output>
      FileDescriptorProto: MessageTypeDefinition<_google_protobuf_FileDescriptorProto, _google_protobuf_FileDescriptorProto__Output>
      FileDescriptorSet: MessageTypeDefinition<_google_protobuf_FileDescriptorSet, _google_protobuf_FileDescriptorSet__Output>
      FileOptions: MessageTypeDefinition<_google_protobuf_FileOptions, _google_protobuf_FileOptions__Output>
      GeneratedCodeInfo: MessageTypeDefinition<_google_protobuf_GeneratedCodeInfo, _google_protobuf_GeneratedCodeInfo__Output>
      MessageOptions: MessageTypeDefinition<_google_protobuf_MessageOptions, _google_protobuf_MessageOptions__Output>
      MethodDescriptorProto: MessageTypeDefinition<_google_protobuf_MethodDescriptorProto, _google_protobuf_MethodDescriptorProto__Output>
      MethodOptions: MessageTypeDefinition<_google_protobuf_MethodOptions, _google_protobuf_MethodOptions__Output>
      OneofDescriptorProto: MessageTypeDefinition<_google_protobuf_OneofDescriptorProto, _google_protobuf_OneofDescriptorProto__Output>
      OneofOptions: MessageTypeDefinition<_google_protobuf_OneofOptions, _google_protobuf_OneofOptions__Output>
      ServiceDescriptorProto: MessageTypeDefinition<_google_protobuf_ServiceDescriptorProto, _google_protobuf_ServiceDescriptorProto__Output>
      ServiceOptions: MessageTypeDefinition<_google_protobuf_ServiceOptions, _google_protobuf_ServiceOptions__Output>
      SourceCodeInfo: MessageTypeDefinition<_google_protobuf_SourceCodeInfo, _google_protobuf_SourceCodeInfo__Output>
      SymbolVisibility: EnumTypeDefinition
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      UninterpretedOption: MessageTypeDefinition<_google_protobuf_UninterpretedOption, _google_protobuf_UninterpretedOption__Output>
    }
  }
  loyalty: {
    identity: {
      v1: {
        Card: MessageTypeDefinition<_loyalty_identity_v1_Card, _loyalty_identity_v1_Card__Output>
        CardChanged: MessageTypeDefinition<_loyalty_identity_v1_CardChanged, _loyalty_identity_v1_CardChanged__Output>
        CardNumberFormat: MessageTypeDefinition<_loyalty_identity_v1_CardNumberFormat, _loyalty_identity_v1_CardNumberFormat__Output>
        CardNumberMethod: EnumTypeDefinition
        CardSeries: MessageTypeDefinition<_loyalty_identity_v1_CardSeries, _loyalty_identity_v1_CardSeries__Output>
        CardStatus: EnumTypeDefinition
        CardStatusChange: MessageTypeDefinition<_loyalty_identity_v1_CardStatusChange, _loyalty_identity_v1_CardStatusChange__Output>
        CardType: EnumTypeDefinition
        Customer: MessageTypeDefinition<_loyalty_identity_v1_Customer, _loyalty_identity_v1_Customer__Output>
        CustomerCreated: MessageTypeDefinition<_loyalty_identity_v1_CustomerCreated, _loyalty_identity_v1_CustomerCreated__Output>
        CustomerErased: MessageTypeDefinition<_loyalty_identity_v1_CustomerErased, _loyalty_identity_v1_CustomerErased__Output>
        CustomerState: EnumTypeDefinition
        CustomersMerged: MessageTypeDefinition<_loyalty_identity_v1_CustomersMerged, _loyalty_identity_v1_CustomersMerged__Output>
        CustomersUnmerged: MessageTypeDefinition<_loyalty_identity_v1_CustomersUnmerged, _loyalty_identity_v1_CustomersUnmerged__Output>
        Event: MessageTypeDefinition<_loyalty_identity_v1_Event, _loyalty_identity_v1_Event__Output>
        /**
         * Reads the org's change feed.
         * 
         * Every change (customer created, identifiers added or removed, customers
         * merged or unmerged, card linked, unlinked or changed status) appends one
         * event in the same transaction as the change itself: an acknowledged change
         * always has its event, a refused or rolled-back one never does. Events of
         * an org are numbered 1, 2, 3... without gaps, in commit order, so a client
         * that remembers the last sequence it processed can resume from there and
         * neither miss nor repeat an event, whichever replica it talks to.
         * 
         * Identifier values (and card numbers) are masked, for example
         * `+86138****8000`, unless the request sets `reveal_values` and the caller
         * may see them (PERMISSION_DENIED otherwise).
         */
        EventService: SubtypeConstructor<typeof grpc.Client, _loyalty_identity_v1_EventServiceClient> & { service: _loyalty_identity_v1_EventServiceDefinition }
        Identifier: MessageTypeDefinition<_loyalty_identity_v1_Identifier, _loyalty_identity_v1_Identifier__Output>
        IdentifierType: EnumTypeDefinition
        IdentifiersChanged: MessageTypeDefinition<_loyalty_identity_v1_IdentifiersChanged, _loyalty_identity_v1_IdentifiersChanged__Output>
        ListEventsRequest: MessageTypeDefinition<_loyalty_identity_v1_ListEventsRequest, _loyalty_identity_v1_ListEventsRequest__Output>
        ListEventsResponse: MessageTypeDefinition<_loyalty_identity_v1_ListEventsResponse, _loyalty_identity_v1_ListEventsResponse__Output>
        Merge: MessageTypeDefinition<_loyalty_identity_v1_Merge, _loyalty_identity_v1_Merge__Output>
        MergeCandidateCreated: MessageTypeDefinition<_loyalty_identity_v1_MergeCandidateCreated, _loyalty_identity_v1_MergeCandidateCreated__Output>
        MergeCandidateResolved: MessageTypeDefinition<_loyalty_identity_v1_MergeCandidateResolved, _loyalty_identity_v1_MergeCandidateResolved__Output>
        MergeCandidateState: EnumTypeDefinition
        MergeMode: EnumTypeDefinition
        MergePolicy: MessageTypeDefinition<_loyalty_identity_v1_MergePolicy, _loyalty_identity_v1_MergePolicy__Output>
        MergePolicyChanged: MessageTypeDefinition<_loyalty_identity_v1_MergePolicyChanged, _loyalty_identity_v1_MergePolicyChanged__Output>
        Profile: MessageTypeDefinition<_loyalty_identity_v1_Profile, _loyalty_identity_v1_Profile__Output>
        ReviewReason: EnumTypeDefinition
        ScopedIdentifier: MessageTypeDefinition<_loyalty_identity_v1_ScopedIdentifier, _loyalty_identity_v1_ScopedIdentifier__Output>
        Source: EnumTypeDefinition
        StatusLabel: MessageTypeDefinition<_loyalty_identity_v1_StatusLabel, _loyalty_identity_v1_StatusLabel__Output>
        TypeRule: MessageTypeDefinition<_loyalty_identity_v1_TypeRule, _loyalty_identity_v1_TypeRule__Output>
        Warning: MessageTypeDefinition<_loyalty_identity_v1_Warning, _loyalty_identity_v1_Warning__Output>
        WatchEventsRequest: MessageTypeDefinition<_loyalty_identity_v1_WatchEventsRequest, _loyalty_identity_v1_WatchEventsRequest__Output>
        WatchEventsResponse: MessageTypeDefinition<_loyalty_identity_v1_WatchEventsResponse, _loyalty_identity_v1_WatchEventsResponse__Output>
      }
    }
  }
}

