import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty_identity.gen.loyalty.identity.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListEventsRequest(_message.Message):
    __slots__ = ("after_sequence", "page_size", "reveal_values")
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    REVEAL_VALUES_FIELD_NUMBER: _ClassVar[int]
    after_sequence: int
    page_size: int
    reveal_values: bool
    def __init__(self, after_sequence: _Optional[int] = ..., page_size: _Optional[int] = ..., reveal_values: _Optional[bool] = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ("events", "last_sequence")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[Event]
    last_sequence: int
    def __init__(self, events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., last_sequence: _Optional[int] = ...) -> None: ...

class WatchEventsRequest(_message.Message):
    __slots__ = ("after_sequence", "reveal_values")
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    REVEAL_VALUES_FIELD_NUMBER: _ClassVar[int]
    after_sequence: int
    reveal_values: bool
    def __init__(self, after_sequence: _Optional[int] = ..., reveal_values: _Optional[bool] = ...) -> None: ...

class WatchEventsResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: Event
    def __init__(self, event: _Optional[_Union[Event, _Mapping]] = ...) -> None: ...

class ScopedIdentifier(_message.Message):
    __slots__ = ("source", "account_id", "type", "value", "erased")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ERASED_FIELD_NUMBER: _ClassVar[int]
    source: _resources_pb2.Source
    account_id: str
    type: _resources_pb2.IdentifierType
    value: str
    erased: bool
    def __init__(self, source: _Optional[_Union[_resources_pb2.Source, str]] = ..., account_id: _Optional[str] = ..., type: _Optional[_Union[_resources_pb2.IdentifierType, str]] = ..., value: _Optional[str] = ..., erased: _Optional[bool] = ...) -> None: ...

class Event(_message.Message):
    __slots__ = ("sequence", "create_time", "customers", "request_id", "customer_created", "identifiers_changed", "customers_merged", "customers_unmerged", "card_changed", "customer_erased", "merge_policy_changed", "merge_candidate_created", "merge_candidate_resolved")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CREATED_FIELD_NUMBER: _ClassVar[int]
    IDENTIFIERS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_MERGED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_UNMERGED_FIELD_NUMBER: _ClassVar[int]
    CARD_CHANGED_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_ERASED_FIELD_NUMBER: _ClassVar[int]
    MERGE_POLICY_CHANGED_FIELD_NUMBER: _ClassVar[int]
    MERGE_CANDIDATE_CREATED_FIELD_NUMBER: _ClassVar[int]
    MERGE_CANDIDATE_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    create_time: _timestamp_pb2.Timestamp
    customers: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    customer_created: CustomerCreated
    identifiers_changed: IdentifiersChanged
    customers_merged: CustomersMerged
    customers_unmerged: CustomersUnmerged
    card_changed: CardChanged
    customer_erased: CustomerErased
    merge_policy_changed: MergePolicyChanged
    merge_candidate_created: MergeCandidateCreated
    merge_candidate_resolved: MergeCandidateResolved
    def __init__(self, sequence: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., customers: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ..., customer_created: _Optional[_Union[CustomerCreated, _Mapping]] = ..., identifiers_changed: _Optional[_Union[IdentifiersChanged, _Mapping]] = ..., customers_merged: _Optional[_Union[CustomersMerged, _Mapping]] = ..., customers_unmerged: _Optional[_Union[CustomersUnmerged, _Mapping]] = ..., card_changed: _Optional[_Union[CardChanged, _Mapping]] = ..., customer_erased: _Optional[_Union[CustomerErased, _Mapping]] = ..., merge_policy_changed: _Optional[_Union[MergePolicyChanged, _Mapping]] = ..., merge_candidate_created: _Optional[_Union[MergeCandidateCreated, _Mapping]] = ..., merge_candidate_resolved: _Optional[_Union[MergeCandidateResolved, _Mapping]] = ...) -> None: ...

class CustomerCreated(_message.Message):
    __slots__ = ("customer", "identifiers")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    IDENTIFIERS_FIELD_NUMBER: _ClassVar[int]
    customer: str
    identifiers: _containers.RepeatedCompositeFieldContainer[ScopedIdentifier]
    def __init__(self, customer: _Optional[str] = ..., identifiers: _Optional[_Iterable[_Union[ScopedIdentifier, _Mapping]]] = ...) -> None: ...

class IdentifiersChanged(_message.Message):
    __slots__ = ("customer", "added", "removed")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    ADDED_FIELD_NUMBER: _ClassVar[int]
    REMOVED_FIELD_NUMBER: _ClassVar[int]
    customer: str
    added: _containers.RepeatedCompositeFieldContainer[ScopedIdentifier]
    removed: _containers.RepeatedCompositeFieldContainer[ScopedIdentifier]
    def __init__(self, customer: _Optional[str] = ..., added: _Optional[_Iterable[_Union[ScopedIdentifier, _Mapping]]] = ..., removed: _Optional[_Iterable[_Union[ScopedIdentifier, _Mapping]]] = ...) -> None: ...

class CustomersMerged(_message.Message):
    __slots__ = ("merge", "victim", "survivor", "moved_identifiers", "moved_cards", "repointed_customers", "trigger")
    MERGE_FIELD_NUMBER: _ClassVar[int]
    VICTIM_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    MOVED_IDENTIFIERS_FIELD_NUMBER: _ClassVar[int]
    MOVED_CARDS_FIELD_NUMBER: _ClassVar[int]
    REPOINTED_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    merge: str
    victim: str
    survivor: str
    moved_identifiers: _containers.RepeatedCompositeFieldContainer[ScopedIdentifier]
    moved_cards: _containers.RepeatedScalarFieldContainer[str]
    repointed_customers: _containers.RepeatedScalarFieldContainer[str]
    trigger: ScopedIdentifier
    def __init__(self, merge: _Optional[str] = ..., victim: _Optional[str] = ..., survivor: _Optional[str] = ..., moved_identifiers: _Optional[_Iterable[_Union[ScopedIdentifier, _Mapping]]] = ..., moved_cards: _Optional[_Iterable[str]] = ..., repointed_customers: _Optional[_Iterable[str]] = ..., trigger: _Optional[_Union[ScopedIdentifier, _Mapping]] = ...) -> None: ...

class CustomersUnmerged(_message.Message):
    __slots__ = ("merge", "victim", "survivor", "restored_identifiers", "removed_identifiers", "restored_cards", "restored_customers")
    MERGE_FIELD_NUMBER: _ClassVar[int]
    VICTIM_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    RESTORED_IDENTIFIERS_FIELD_NUMBER: _ClassVar[int]
    REMOVED_IDENTIFIERS_FIELD_NUMBER: _ClassVar[int]
    RESTORED_CARDS_FIELD_NUMBER: _ClassVar[int]
    RESTORED_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    merge: str
    victim: str
    survivor: str
    restored_identifiers: _containers.RepeatedCompositeFieldContainer[ScopedIdentifier]
    removed_identifiers: _containers.RepeatedCompositeFieldContainer[ScopedIdentifier]
    restored_cards: _containers.RepeatedScalarFieldContainer[str]
    restored_customers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, merge: _Optional[str] = ..., victim: _Optional[str] = ..., survivor: _Optional[str] = ..., restored_identifiers: _Optional[_Iterable[_Union[ScopedIdentifier, _Mapping]]] = ..., removed_identifiers: _Optional[_Iterable[_Union[ScopedIdentifier, _Mapping]]] = ..., restored_cards: _Optional[_Iterable[str]] = ..., restored_customers: _Optional[_Iterable[str]] = ...) -> None: ...

class CardChanged(_message.Message):
    __slots__ = ("number", "series_id", "status", "status_label", "customer", "previous_customer", "previous_status", "reason")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    number: str
    series_id: str
    status: _resources_pb2.CardStatus
    status_label: str
    customer: str
    previous_customer: str
    previous_status: _resources_pb2.CardStatus
    reason: str
    def __init__(self, number: _Optional[str] = ..., series_id: _Optional[str] = ..., status: _Optional[_Union[_resources_pb2.CardStatus, str]] = ..., status_label: _Optional[str] = ..., customer: _Optional[str] = ..., previous_customer: _Optional[str] = ..., previous_status: _Optional[_Union[_resources_pb2.CardStatus, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class CustomerErased(_message.Message):
    __slots__ = ("customer", "erased_customers")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    ERASED_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    customer: str
    erased_customers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, customer: _Optional[str] = ..., erased_customers: _Optional[_Iterable[str]] = ...) -> None: ...

class MergePolicyChanged(_message.Message):
    __slots__ = ("policy",)
    POLICY_FIELD_NUMBER: _ClassVar[int]
    policy: _resources_pb2.MergePolicy
    def __init__(self, policy: _Optional[_Union[_resources_pb2.MergePolicy, _Mapping]] = ...) -> None: ...

class MergeCandidateCreated(_message.Message):
    __slots__ = ("candidate", "victim", "survivor", "trigger", "reason")
    CANDIDATE_FIELD_NUMBER: _ClassVar[int]
    VICTIM_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    candidate: str
    victim: str
    survivor: str
    trigger: ScopedIdentifier
    reason: _resources_pb2.ReviewReason
    def __init__(self, candidate: _Optional[str] = ..., victim: _Optional[str] = ..., survivor: _Optional[str] = ..., trigger: _Optional[_Union[ScopedIdentifier, _Mapping]] = ..., reason: _Optional[_Union[_resources_pb2.ReviewReason, str]] = ...) -> None: ...

class MergeCandidateResolved(_message.Message):
    __slots__ = ("candidate", "state", "merge")
    CANDIDATE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    MERGE_FIELD_NUMBER: _ClassVar[int]
    candidate: str
    state: _resources_pb2.MergeCandidateState
    merge: str
    def __init__(self, candidate: _Optional[str] = ..., state: _Optional[_Union[_resources_pb2.MergeCandidateState, str]] = ..., merge: _Optional[str] = ...) -> None: ...
