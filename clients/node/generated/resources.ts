import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { Card as _loyalty_identity_v1_Card, Card__Output as _loyalty_identity_v1_Card__Output } from './loyalty/identity/v1/Card';
import type { CardNumberFormat as _loyalty_identity_v1_CardNumberFormat, CardNumberFormat__Output as _loyalty_identity_v1_CardNumberFormat__Output } from './loyalty/identity/v1/CardNumberFormat';
import type { CardSeries as _loyalty_identity_v1_CardSeries, CardSeries__Output as _loyalty_identity_v1_CardSeries__Output } from './loyalty/identity/v1/CardSeries';
import type { CardStatusChange as _loyalty_identity_v1_CardStatusChange, CardStatusChange__Output as _loyalty_identity_v1_CardStatusChange__Output } from './loyalty/identity/v1/CardStatusChange';
import type { Customer as _loyalty_identity_v1_Customer, Customer__Output as _loyalty_identity_v1_Customer__Output } from './loyalty/identity/v1/Customer';
import type { Identifier as _loyalty_identity_v1_Identifier, Identifier__Output as _loyalty_identity_v1_Identifier__Output } from './loyalty/identity/v1/Identifier';
import type { Merge as _loyalty_identity_v1_Merge, Merge__Output as _loyalty_identity_v1_Merge__Output } from './loyalty/identity/v1/Merge';
import type { Profile as _loyalty_identity_v1_Profile, Profile__Output as _loyalty_identity_v1_Profile__Output } from './loyalty/identity/v1/Profile';
import type { StatusLabel as _loyalty_identity_v1_StatusLabel, StatusLabel__Output as _loyalty_identity_v1_StatusLabel__Output } from './loyalty/identity/v1/StatusLabel';
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
        Customer: MessageTypeDefinition<_loyalty_identity_v1_Customer, _loyalty_identity_v1_Customer__Output>
        CustomerState: EnumTypeDefinition
        Identifier: MessageTypeDefinition<_loyalty_identity_v1_Identifier, _loyalty_identity_v1_Identifier__Output>
        IdentifierType: EnumTypeDefinition
        Merge: MessageTypeDefinition<_loyalty_identity_v1_Merge, _loyalty_identity_v1_Merge__Output>
        Profile: MessageTypeDefinition<_loyalty_identity_v1_Profile, _loyalty_identity_v1_Profile__Output>
        Source: EnumTypeDefinition
        StatusLabel: MessageTypeDefinition<_loyalty_identity_v1_StatusLabel, _loyalty_identity_v1_StatusLabel__Output>
        Warning: MessageTypeDefinition<_loyalty_identity_v1_Warning, _loyalty_identity_v1_Warning__Output>
      }
    }
  }
}

