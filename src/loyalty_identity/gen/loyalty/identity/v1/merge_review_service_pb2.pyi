from google.api import field_behavior_pb2 as _field_behavior_pb2
from loyalty_identity.gen.loyalty.identity.v1 import resources_pb2 as _resources_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
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
