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

class CreateCustomerRequest(_message.Message):
    __slots__ = ("profiles", "request_id", "validate_only")
    PROFILES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    profiles: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Profile]
    request_id: str
    validate_only: bool
    def __init__(self, profiles: _Optional[_Iterable[_Union[_resources_pb2.Profile, _Mapping]]] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class CreateCustomerResponse(_message.Message):
    __slots__ = ("customer", "warnings")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    customer: _resources_pb2.Customer
    warnings: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Warning]
    def __init__(self, customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ..., warnings: _Optional[_Iterable[_Union[_resources_pb2.Warning, _Mapping]]] = ...) -> None: ...

class GetCustomerRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetCustomerResponse(_message.Message):
    __slots__ = ("customer",)
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    customer: _resources_pb2.Customer
    def __init__(self, customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ...) -> None: ...

class LookupCustomerRequest(_message.Message):
    __slots__ = ("source", "account_id", "identifier")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    source: _resources_pb2.Source
    account_id: str
    identifier: _resources_pb2.Identifier
    def __init__(self, source: _Optional[_Union[_resources_pb2.Source, str]] = ..., account_id: _Optional[str] = ..., identifier: _Optional[_Union[_resources_pb2.Identifier, _Mapping]] = ...) -> None: ...

class LookupCustomerResponse(_message.Message):
    __slots__ = ("customer",)
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    customer: _resources_pb2.Customer
    def __init__(self, customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ...) -> None: ...

class UpdateIdentifiersRequest(_message.Message):
    __slots__ = ("customer", "source", "account_id", "add", "remove", "request_id", "validate_only")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ADD_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    customer: str
    source: _resources_pb2.Source
    account_id: str
    add: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Identifier]
    remove: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Identifier]
    request_id: str
    validate_only: bool
    def __init__(self, customer: _Optional[str] = ..., source: _Optional[_Union[_resources_pb2.Source, str]] = ..., account_id: _Optional[str] = ..., add: _Optional[_Iterable[_Union[_resources_pb2.Identifier, _Mapping]]] = ..., remove: _Optional[_Iterable[_Union[_resources_pb2.Identifier, _Mapping]]] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class UpdateIdentifiersResponse(_message.Message):
    __slots__ = ("customer", "merges", "warnings")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    MERGES_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    customer: _resources_pb2.Customer
    merges: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Merge]
    warnings: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Warning]
    def __init__(self, customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ..., merges: _Optional[_Iterable[_Union[_resources_pb2.Merge, _Mapping]]] = ..., warnings: _Optional[_Iterable[_Union[_resources_pb2.Warning, _Mapping]]] = ...) -> None: ...

class MergeCustomersRequest(_message.Message):
    __slots__ = ("victim", "survivor", "request_id", "validate_only")
    VICTIM_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    victim: str
    survivor: str
    request_id: str
    validate_only: bool
    def __init__(self, victim: _Optional[str] = ..., survivor: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class MergeCustomersResponse(_message.Message):
    __slots__ = ("customer", "merge")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    MERGE_FIELD_NUMBER: _ClassVar[int]
    customer: _resources_pb2.Customer
    merge: _resources_pb2.Merge
    def __init__(self, customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ..., merge: _Optional[_Union[_resources_pb2.Merge, _Mapping]] = ...) -> None: ...

class UnmergeCustomersRequest(_message.Message):
    __slots__ = ("merge", "request_id", "validate_only")
    MERGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    merge: str
    request_id: str
    validate_only: bool
    def __init__(self, merge: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class UnmergeCustomersResponse(_message.Message):
    __slots__ = ("victim", "survivor", "merge")
    VICTIM_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    MERGE_FIELD_NUMBER: _ClassVar[int]
    victim: _resources_pb2.Customer
    survivor: _resources_pb2.Customer
    merge: _resources_pb2.Merge
    def __init__(self, victim: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ..., survivor: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ..., merge: _Optional[_Union[_resources_pb2.Merge, _Mapping]] = ...) -> None: ...

class ListMergesRequest(_message.Message):
    __slots__ = ("customer", "page_size", "page_token")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    customer: str
    page_size: int
    page_token: str
    def __init__(self, customer: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMergesResponse(_message.Message):
    __slots__ = ("merges", "next_page_token")
    MERGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    merges: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Merge]
    next_page_token: str
    def __init__(self, merges: _Optional[_Iterable[_Union[_resources_pb2.Merge, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class IdentifierQuery(_message.Message):
    __slots__ = ("source", "account_id", "identifier")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    source: _resources_pb2.Source
    account_id: str
    identifier: _resources_pb2.Identifier
    def __init__(self, source: _Optional[_Union[_resources_pb2.Source, str]] = ..., account_id: _Optional[str] = ..., identifier: _Optional[_Union[_resources_pb2.Identifier, _Mapping]] = ...) -> None: ...

class FindCustomersRequest(_message.Message):
    __slots__ = ("queries",)
    QUERIES_FIELD_NUMBER: _ClassVar[int]
    queries: _containers.RepeatedCompositeFieldContainer[IdentifierQuery]
    def __init__(self, queries: _Optional[_Iterable[_Union[IdentifierQuery, _Mapping]]] = ...) -> None: ...

class FindCustomersResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[FoundCustomer]
    def __init__(self, results: _Optional[_Iterable[_Union[FoundCustomer, _Mapping]]] = ...) -> None: ...

class FoundCustomer(_message.Message):
    __slots__ = ("customer", "source", "account_id")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    customer: _resources_pb2.Customer
    source: _resources_pb2.Source
    account_id: str
    def __init__(self, customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ..., source: _Optional[_Union[_resources_pb2.Source, str]] = ..., account_id: _Optional[str] = ...) -> None: ...

class EraseCustomerRequest(_message.Message):
    __slots__ = ("name", "request_id", "validate_only", "suppress_identifiers")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    SUPPRESS_IDENTIFIERS_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    validate_only: bool
    suppress_identifiers: bool
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ..., suppress_identifiers: _Optional[bool] = ...) -> None: ...

class UnsuppressIdentifierRequest(_message.Message):
    __slots__ = ("identifier", "request_id", "validate_only")
    IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    identifier: _resources_pb2.Identifier
    request_id: str
    validate_only: bool
    def __init__(self, identifier: _Optional[_Union[_resources_pb2.Identifier, _Mapping]] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class UnsuppressIdentifierResponse(_message.Message):
    __slots__ = ("type", "suppress_time")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SUPPRESS_TIME_FIELD_NUMBER: _ClassVar[int]
    type: _resources_pb2.IdentifierType
    suppress_time: _timestamp_pb2.Timestamp
    def __init__(self, type: _Optional[_Union[_resources_pb2.IdentifierType, str]] = ..., suppress_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class EraseCustomerResponse(_message.Message):
    __slots__ = ("customer",)
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    customer: _resources_pb2.Customer
    def __init__(self, customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ...) -> None: ...
