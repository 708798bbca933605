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
import type { CardNumberFormat as _loyalty_identity_v1_CardNumberFormat, CardNumberFormat__Output as _loyalty_identity_v1_CardNumberFormat__Output } from './loyalty/identity/v1/CardNumberFormat';
import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from './loyalty/identity/v1/CardSeries';
import type { CardServiceClient as _loyalty_identity_v1_CardServiceClient, CardServiceDefinition as _loyalty_identity_v1_CardServiceDefinition } from './loyalty/identity/v1/CardService';
import type { CardStatusChange as _loyalty_identity_v1_CardStatusChange, CardStatusChange__Output as _loyalty_identity_v1_CardStatusChange__Output } from './loyalty/identity/v1/CardStatusChange';
import type { CreateCardRequest as _loyalty_identity_v1_CreateCardRequest, CreateCardRequest__Output as _loyalty_identity_v1_CreateCardRequest__Output } from './loyalty/identity/v1/CreateCardRequest';
import type { CreateCardResponse as _loyalty_identity_v1_CreateCardResponse, CreateCardResponse__Output as _loyalty_identity_v1_CreateCardResponse__Output } from './loyalty/identity/v1/CreateCardResponse';
import type { CreateCardSeriesRequest as _loyalty_identity_v1_CreateCardSeriesRequest, CreateCardSeriesRequest__Output as _loyalty_identity_v1_CreateCardSeriesRequest__Output } from './loyalty/identity/v1/CreateCardSeriesRequest';
import type { CreateCardSeriesResponse as _loyalty_identity_v1_CreateCardSeriesResponse, CreateCardSeriesResponse__Output as _loyalty_identity_v1_CreateCardSeriesResponse__Output } from './loyalty/identity/v1/CreateCardSeriesResponse';
import type { CreateStatusLabelRequest as _loyalty_identity_v1_CreateStatusLabelRequest, CreateStatusLabelRequest__Output as _loyalty_identity_v1_CreateStatusLabelRequest__Output } from './loyalty/identity/v1/CreateStatusLabelRequest';
import type { CreateStatusLabelResponse as _loyalty_identity_v1_CreateStatusLabelResponse, CreateStatusLabelResponse__Output as _loyalty_identity_v1_CreateStatusLabelResponse__Output } from './loyalty/identity/v1/CreateStatusLabelResponse';
import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from './loyalty/identity/v1/Customer';
import type { GenerateCardsRequest as _loyalty_identity_v1_GenerateCardsRequest, GenerateCardsRequest__Output as _loyalty_identity_v1_GenerateCardsRequest__Output } from './loyalty/identity/v1/GenerateCardsRequest';
import type { GenerateCardsResponse as _loyalty_identity_v1_GenerateCardsResponse, GenerateCardsResponse__Output as _loyalty_identity_v1_GenerateCardsResponse__Output } from './loyalty/identity/v1/GenerateCardsResponse';
import type { GetCardRequest as _loyalty_identity_v1_GetCardRequest, GetCardRequest__Output as _loyalty_identity_v1_GetCardRequest__Output } from './loyalty/identity/v1/GetCardRequest';
import type { GetCardResponse as _loyalty_identity_v1_GetCardResponse, GetCardResponse__Output as _loyalty_identity_v1_GetCardResponse__Output } from './loyalty/identity/v1/GetCardResponse';
import type { GetCardSeriesRequest as _loyalty_identity_v1_GetCardSeriesRequest, GetCardSeriesRequest__Output as _loyalty_identity_v1_GetCardSeriesRequest__Output } from './loyalty/identity/v1/GetCardSeriesRequest';
import type { GetCardSeriesResponse as _loyalty_identity_v1_GetCardSeriesResponse, GetCardSeriesResponse__Output as _loyalty_identity_v1_GetCardSeriesResponse__Output } from './loyalty/identity/v1/GetCardSeriesResponse';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from './loyalty/identity/v1/Identifier';
import type { IssueCardRequest as _loyalty_identity_v1_IssueCardRequest, IssueCardRequest__Output as _loyalty_identity_v1_IssueCardRequest__Output } from './loyalty/identity/v1/IssueCardRequest';
import type { IssueCardResponse as _loyalty_identity_v1_IssueCardResponse, IssueCardResponse__Output as _loyalty_identity_v1_IssueCardResponse__Output } from './loyalty/identity/v1/IssueCardResponse';
import type { ListCardSeriesRequest as _loyalty_identity_v1_ListCardSeriesRequest, ListCardSeriesRequest__Output as _loyalty_identity_v1_ListCardSeriesRequest__Output } from './loyalty/identity/v1/ListCardSeriesRequest';
import type { ListCardSeriesResponse as _loyalty_identity_v1_ListCardSeriesResponse, ListCardSeriesResponse__Output as _loyalty_identity_v1_ListCardSeriesResponse__Output } from './loyalty/identity/v1/ListCardSeriesResponse';
import type { ListCardStatusChangesRequest as _loyalty_identity_v1_ListCardStatusChangesRequest, ListCardStatusChangesRequest__Output as _loyalty_identity_v1_ListCardStatusChangesRequest__Output } from './loyalty/identity/v1/ListCardStatusChangesRequest';
import type { ListCardStatusChangesResponse as _loyalty_identity_v1_ListCardStatusChangesResponse, ListCardStatusChangesResponse__Output as _loyalty_identity_v1_ListCardStatusChangesResponse__Output } from './loyalty/identity/v1/ListCardStatusChangesResponse';
import type { ListCardsRequest as _loyalty_identity_v1_ListCardsRequest, ListCardsRequest__Output as _loyalty_identity_v1_ListCardsRequest__Output } from './loyalty/identity/v1/ListCardsRequest';
import type { ListCardsResponse as _loyalty_identity_v1_ListCardsResponse, ListCardsResponse__Output as _loyalty_identity_v1_ListCardsResponse__Output } from './loyalty/identity/v1/ListCardsResponse';
import type { ListStatusLabelsRequest as _loyalty_identity_v1_ListStatusLabelsRequest, ListStatusLabelsRequest__Output as _loyalty_identity_v1_ListStatusLabelsRequest__Output } from './loyalty/identity/v1/ListStatusLabelsRequest';
import type { ListStatusLabelsResponse as _loyalty_identity_v1_ListStatusLabelsResponse, ListStatusLabelsResponse__Output as _loyalty_identity_v1_ListStatusLabelsResponse__Output } from './loyalty/identity/v1/ListStatusLabelsResponse';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from './loyalty/identity/v1/Merge';
import type { MergePolicy as _loyalty_identity_v1_MergePolicy, MergePolicy__Output as _loyalty_identity_v1_MergePolicy__Output } from './loyalty/identity/v1/MergePolicy';
import type { Profile as _loyalty_identity_v1_Profile, Profile__Output as _loyalty_identity_v1_Profile__Output } from './loyalty/identity/v1/Profile';
import type { StatusLabel as _loyalty_identity_v1_StatusLabel, StatusLabel__Output as _loyalty_identity_v1_StatusLabel__Output } from './loyalty/identity/v1/StatusLabel';
import type { TypeRule as _loyalty_identity_v1_TypeRule, TypeRule__Output as _loyalty_identity_v1_TypeRule__Output } from './loyalty/identity/v1/TypeRule';
import type { UnlinkCardRequest as _loyalty_identity_v1_UnlinkCardRequest, UnlinkCardRequest__Output as _loyalty_identity_v1_UnlinkCardRequest__Output } from './loyalty/identity/v1/UnlinkCardRequest';
import type { UnlinkCardResponse as _loyalty_identity_v1_UnlinkCardResponse, UnlinkCardResponse__Output as _loyalty_identity_v1_UnlinkCardResponse__Output } from './loyalty/identity/v1/UnlinkCardResponse';
import type { UpdateCardStatusRequest as _loyalty_identity_v1_UpdateCardStatusRequest, UpdateCardStatusRequest__Output as _loyalty_identity_v1_UpdateCardStatusRequest__Output } from './loyalty/identity/v1/UpdateCardStatusRequest';
import type { UpdateCardStatusResponse as _loyalty_identity_v1_UpdateCardStatusResponse, UpdateCardStatusResponse__Output as _loyalty_identity_v1_UpdateCardStatusResponse__Output } from './loyalty/identity/v1/UpdateCardStatusResponse';
import type { Warning as _loyalty_identity_v1_Warning, Warning__Output as _loyalty_identity_v1_Warning__Output } from './loyalty/identity/v1/Warning';

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
        CardNumberFormat: MessageTypeDefinition<_loyalty_identity_v1_CardNumberFormat, _loyalty_identity_v1_CardNumberFormat__Output>
        CardNumberMethod: EnumTypeDefinition
        CardSeries: MessageTypeDefinition<_loyalty_identity_v1_CardSeries, _loyalty_identity_v1_CardSeries__Output>
        /**
         * Issues loyalty cards from card series.
         * 
         * Errors carry a google.rpc.Status with one google.rpc.ErrorInfo (domain
         * "loyalty.identity.v1"), plus google.rpc.BadRequest for INVALID_ARGUMENT and
         * google.rpc.ResourceInfo for NOT_FOUND. Mutating calls accept `request_id`
         * (idempotent retries) and `validate_only` (dry run).
         */
        CardService: SubtypeConstructor<typeof grpc.Client, _loyalty_identity_v1_CardServiceClient> & { service: _loyalty_identity_v1_CardServiceDefinition }
        CardStatus: EnumTypeDefinition
        CardStatusChange: MessageTypeDefinition<_loyalty_identity_v1_CardStatusChange, _loyalty_identity_v1_CardStatusChange__Output>
        CardType: EnumTypeDefinition
        CreateCardRequest: MessageTypeDefinition<_loyalty_identity_v1_CreateCardRequest, _loyalty_identity_v1_CreateCardRequest__Output>
        CreateCardResponse: MessageTypeDefinition<_loyalty_identity_v1_CreateCardResponse, _loyalty_identity_v1_CreateCardResponse__Output>
        CreateCardSeriesRequest: MessageTypeDefinition<_loyalty_identity_v1_CreateCardSeriesRequest, _loyalty_identity_v1_CreateCardSeriesRequest__Output>
        CreateCardSeriesResponse: MessageTypeDefinition<_loyalty_identity_v1_CreateCardSeriesResponse, _loyalty_identity_v1_CreateCardSeriesResponse__Output>
        CreateStatusLabelRequest: MessageTypeDefinition<_loyalty_identity_v1_CreateStatusLabelRequest, _loyalty_identity_v1_CreateStatusLabelRequest__Output>
        CreateStatusLabelResponse: MessageTypeDefinition<_loyalty_identity_v1_CreateStatusLabelResponse, _loyalty_identity_v1_CreateStatusLabelResponse__Output>
        Customer: MessageTypeDefinition<_loyalty_identity_v1_Customer, _loyalty_identity_v1_Customer__Output>
        CustomerState: EnumTypeDefinition
        GenerateCardsRequest: MessageTypeDefinition<_loyalty_identity_v1_GenerateCardsRequest, _loyalty_identity_v1_GenerateCardsRequest__Output>
        GenerateCardsResponse: MessageTypeDefinition<_loyalty_identity_v1_GenerateCardsResponse, _loyalty_identity_v1_GenerateCardsResponse__Output>
        GetCardRequest: MessageTypeDefinition<_loyalty_identity_v1_GetCardRequest, _loyalty_identity_v1_GetCardRequest__Output>
        GetCardResponse: MessageTypeDefinition<_loyalty_identity_v1_GetCardResponse, _loyalty_identity_v1_GetCardResponse__Output>
        GetCardSeriesRequest: MessageTypeDefinition<_loyalty_identity_v1_GetCardSeriesRequest, _loyalty_identity_v1_GetCardSeriesRequest__Output>
        GetCardSeriesResponse: MessageTypeDefinition<_loyalty_identity_v1_GetCardSeriesResponse, _loyalty_identity_v1_GetCardSeriesResponse__Output>
        Identifier: MessageTypeDefinition<_loyalty_identity_v1_Identifier, _loyalty_identity_v1_Identifier__Output>
        IdentifierType: EnumTypeDefinition
        IssueCardRequest: MessageTypeDefinition<_loyalty_identity_v1_IssueCardRequest, _loyalty_identity_v1_IssueCardRequest__Output>
        IssueCardResponse: MessageTypeDefinition<_loyalty_identity_v1_IssueCardResponse, _loyalty_identity_v1_IssueCardResponse__Output>
        ListCardSeriesRequest: MessageTypeDefinition<_loyalty_identity_v1_ListCardSeriesRequest, _loyalty_identity_v1_ListCardSeriesRequest__Output>
        ListCardSeriesResponse: MessageTypeDefinition<_loyalty_identity_v1_ListCardSeriesResponse, _loyalty_identity_v1_ListCardSeriesResponse__Output>
        ListCardStatusChangesRequest: MessageTypeDefinition<_loyalty_identity_v1_ListCardStatusChangesRequest, _loyalty_identity_v1_ListCardStatusChangesRequest__Output>
        ListCardStatusChangesResponse: MessageTypeDefinition<_loyalty_identity_v1_ListCardStatusChangesResponse, _loyalty_identity_v1_ListCardStatusChangesResponse__Output>
        ListCardsRequest: MessageTypeDefinition<_loyalty_identity_v1_ListCardsRequest, _loyalty_identity_v1_ListCardsRequest__Output>
        ListCardsResponse: MessageTypeDefinition<_loyalty_identity_v1_ListCardsResponse, _loyalty_identity_v1_ListCardsResponse__Output>
        ListStatusLabelsRequest: MessageTypeDefinition<_loyalty_identity_v1_ListStatusLabelsRequest, _loyalty_identity_v1_ListStatusLabelsRequest__Output>
        ListStatusLabelsResponse: MessageTypeDefinition<_loyalty_identity_v1_ListStatusLabelsResponse, _loyalty_identity_v1_ListStatusLabelsResponse__Output>
        Merge: MessageTypeDefinition<_loyalty_identity_v1_Merge, _loyalty_identity_v1_Merge__Output>
        MergeCandidateState: EnumTypeDefinition
        MergeMode: EnumTypeDefinition
        MergePolicy: MessageTypeDefinition<_loyalty_identity_v1_MergePolicy, _loyalty_identity_v1_MergePolicy__Output>
        Profile: MessageTypeDefinition<_loyalty_identity_v1_Profile, _loyalty_identity_v1_Profile__Output>
        ReviewReason: EnumTypeDefinition
        Source: EnumTypeDefinition
        StatusLabel: MessageTypeDefinition<_loyalty_identity_v1_StatusLabel, _loyalty_identity_v1_StatusLabel__Output>
        TypeRule: MessageTypeDefinition<_loyalty_identity_v1_TypeRule, _loyalty_identity_v1_TypeRule__Output>
        UnlinkCardRequest: MessageTypeDefinition<_loyalty_identity_v1_UnlinkCardRequest, _loyalty_identity_v1_UnlinkCardRequest__Output>
        UnlinkCardResponse: MessageTypeDefinition<_loyalty_identity_v1_UnlinkCardResponse, _loyalty_identity_v1_UnlinkCardResponse__Output>
        UpdateCardStatusRequest: MessageTypeDefinition<_loyalty_identity_v1_UpdateCardStatusRequest, _loyalty_identity_v1_UpdateCardStatusRequest__Output>
        UpdateCardStatusResponse: MessageTypeDefinition<_loyalty_identity_v1_UpdateCardStatusResponse, _loyalty_identity_v1_UpdateCardStatusResponse__Output>
        Warning: MessageTypeDefinition<_loyalty_identity_v1_Warning, _loyalty_identity_v1_Warning__Output>
      }
    }
  }
}

