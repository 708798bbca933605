import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty_identity.gen.loyalty.identity.v1 import identifier_service_pb2 as _identifier_service_pb2
from loyalty_identity.gen.loyalty.identity.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetMergePolicyRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UpdateMergePolicyRequest(_message.Message):
    __slots__ = ("policy", "request_id", "validate_only")
    POLICY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    policy: _resources_pb2.MergePolicy
    request_id: str
    validate_only: bool
    def __init__(self, policy: _Optional[_Union[_resources_pb2.MergePolicy, _Mapping]] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class MergeCandidate(_message.Message):
    __slots__ = ("name", "state", "reason", "victim", "survivor", "trigger_source", "trigger_account_id", "trigger", "update_identifiers", "create_customer", "request_id", "create_time", "resolve_time", "merge")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VICTIM_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_SOURCE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_IDENTIFIERS_FIELD_NUMBER: _ClassVar[int]
    CREATE_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    MERGE_FIELD_NUMBER: _ClassVar[int]
    name: str
    state: _resources_pb2.MergeCandidateState
    reason: _resources_pb2.ReviewReason
    victim: str
    survivor: str
    trigger_source: _resources_pb2.Source
    trigger_account_id: str
    trigger: _resources_pb2.Identifier
    update_identifiers: _identifier_service_pb2.UpdateIdentifiersRequest
    create_customer: _identifier_service_pb2.CreateCustomerRequest
    request_id: str
    create_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    merge: str
    def __init__(self, name: _Optional[str] = ..., state: _Optional[_Union[_resources_pb2.MergeCandidateState, str]] = ..., reason: _Optional[_Union[_resources_pb2.ReviewReason, str]] = ..., victim: _Optional[str] = ..., survivor: _Optional[str] = ..., trigger_source: _Optional[_Union[_resources_pb2.Source, str]] = ..., trigger_account_id: _Optional[str] = ..., trigger: _Optional[_Union[_resources_pb2.Identifier, _Mapping]] = ..., update_identifiers: _Optional[_Union[_identifier_service_pb2.UpdateIdentifiersRequest, _Mapping]] = ..., create_customer: _Optional[_Union[_identifier_service_pb2.CreateCustomerRequest, _Mapping]] = ..., request_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., merge: _Optional[str] = ...) -> None: ...

class ListMergeCandidatesRequest(_message.Message):
    __slots__ = ("state", "customer", "page_size", "page_token")
    STATE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    state: _resources_pb2.MergeCandidateState
    customer: str
    page_size: int
    page_token: str
    def __init__(self, state: _Optional[_Union[_resources_pb2.MergeCandidateState, str]] = ..., customer: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMergeCandidatesResponse(_message.Message):
    __slots__ = ("merge_candidates", "next_page_token")
    MERGE_CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    merge_candidates: _containers.RepeatedCompositeFieldContainer[MergeCandidate]
    next_page_token: str
    def __init__(self, merge_candidates: _Optional[_Iterable[_Union[MergeCandidate, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetMergeCandidateRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class AcceptMergeCandidateRequest(_message.Message):
    __slots__ = ("name", "request_id", "validate_only")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    validate_only: bool
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class AcceptMergeCandidateResponse(_message.Message):
    __slots__ = ("merge_candidate", "customer", "merge")
    MERGE_CANDIDATE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    MERGE_FIELD_NUMBER: _ClassVar[int]
    merge_candidate: MergeCandidate
    customer: _resources_pb2.Customer
    merge: _resources_pb2.Merge
    def __init__(self, merge_candidate: _Optional[_Union[MergeCandidate, _Mapping]] = ..., customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ..., merge: _Optional[_Union[_resources_pb2.Merge, _Mapping]] = ...) -> None: ...

class RejectMergeCandidateRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...
