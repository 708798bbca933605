import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Source(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SOURCE_UNSPECIFIED: _ClassVar[Source]
    SOURCE_INSTORE: _ClassVar[Source]
    SOURCE_WECHAT: _ClassVar[Source]
    SOURCE_FACEBOOK: _ClassVar[Source]
    SOURCE_WEB_ENGAGE: _ClassVar[Source]
    SOURCE_MARTJACK: _ClassVar[Source]
    SOURCE_TMALL: _ClassVar[Source]
    SOURCE_TAOBAO: _ClassVar[Source]
    SOURCE_JD: _ClassVar[Source]
    SOURCE_ECOMMERCE: _ClassVar[Source]
    SOURCE_WEBSITE: _ClassVar[Source]
    SOURCE_LINE: _ClassVar[Source]
    SOURCE_MOBILE_APP: _ClassVar[Source]

class IdentifierType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IDENTIFIER_TYPE_UNSPECIFIED: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_MOBILE: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_EMAIL: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_EXTERNAL_ID: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_WECHAT: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_MARTJACK_ID: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_FB_ID: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_TMALL_UNAME: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_CUID: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_ALI_UNAME: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_JD_UNAME: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_VIP_UNAME: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_LINE: _ClassVar[IdentifierType]
    IDENTIFIER_TYPE_CARD_NUMBER: _ClassVar[IdentifierType]

class CustomerState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CUSTOMER_STATE_UNSPECIFIED: _ClassVar[CustomerState]
    CUSTOMER_STATE_ACTIVE: _ClassVar[CustomerState]
    CUSTOMER_STATE_MERGED: _ClassVar[CustomerState]
    CUSTOMER_STATE_ERASED: _ClassVar[CustomerState]

class CardStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CARD_STATUS_UNSPECIFIED: _ClassVar[CardStatus]
    CARD_STATUS_NOT_ISSUED: _ClassVar[CardStatus]
    CARD_STATUS_ISSUED: _ClassVar[CardStatus]
    CARD_STATUS_ACTIVE: _ClassVar[CardStatus]
    CARD_STATUS_SUSPENDED: _ClassVar[CardStatus]
    CARD_STATUS_EXPIRED: _ClassVar[CardStatus]
    CARD_STATUS_DELETED: _ClassVar[CardStatus]

class CardType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CARD_TYPE_UNSPECIFIED: _ClassVar[CardType]
    CARD_TYPE_PHYSICAL: _ClassVar[CardType]
    CARD_TYPE_DIGITAL: _ClassVar[CardType]

class CardNumberMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CARD_NUMBER_METHOD_UNSPECIFIED: _ClassVar[CardNumberMethod]
    CARD_NUMBER_METHOD_SEQUENTIAL: _ClassVar[CardNumberMethod]
    CARD_NUMBER_METHOD_RANDOM: _ClassVar[CardNumberMethod]

class MergeMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MERGE_MODE_UNSPECIFIED: _ClassVar[MergeMode]
    MERGE_MODE_AUTO: _ClassVar[MergeMode]
    MERGE_MODE_REVIEW: _ClassVar[MergeMode]
    MERGE_MODE_NEVER: _ClassVar[MergeMode]

class MergeCandidateState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MERGE_CANDIDATE_STATE_UNSPECIFIED: _ClassVar[MergeCandidateState]
    MERGE_CANDIDATE_STATE_PENDING: _ClassVar[MergeCandidateState]
    MERGE_CANDIDATE_STATE_ACCEPTED: _ClassVar[MergeCandidateState]
    MERGE_CANDIDATE_STATE_REJECTED: _ClassVar[MergeCandidateState]
    MERGE_CANDIDATE_STATE_OBSOLETE: _ClassVar[MergeCandidateState]

class ReviewReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REVIEW_REASON_UNSPECIFIED: _ClassVar[ReviewReason]
    REVIEW_REASON_TYPE_POLICY: _ClassVar[ReviewReason]
    REVIEW_REASON_MERGE_LIMIT: _ClassVar[ReviewReason]
SOURCE_UNSPECIFIED: Source
SOURCE_INSTORE: Source
SOURCE_WECHAT: Source
SOURCE_FACEBOOK: Source
SOURCE_WEB_ENGAGE: Source
SOURCE_MARTJACK: Source
SOURCE_TMALL: Source
SOURCE_TAOBAO: Source
SOURCE_JD: Source
SOURCE_ECOMMERCE: Source
SOURCE_WEBSITE: Source
SOURCE_LINE: Source
SOURCE_MOBILE_APP: Source
IDENTIFIER_TYPE_UNSPECIFIED: IdentifierType
IDENTIFIER_TYPE_MOBILE: IdentifierType
IDENTIFIER_TYPE_EMAIL: IdentifierType
IDENTIFIER_TYPE_EXTERNAL_ID: IdentifierType
IDENTIFIER_TYPE_WECHAT: IdentifierType
IDENTIFIER_TYPE_MARTJACK_ID: IdentifierType
IDENTIFIER_TYPE_FB_ID: IdentifierType
IDENTIFIER_TYPE_TMALL_UNAME: IdentifierType
IDENTIFIER_TYPE_CUID: IdentifierType
IDENTIFIER_TYPE_ALI_UNAME: IdentifierType
IDENTIFIER_TYPE_JD_UNAME: IdentifierType
IDENTIFIER_TYPE_VIP_UNAME: IdentifierType
IDENTIFIER_TYPE_LINE: IdentifierType
IDENTIFIER_TYPE_CARD_NUMBER: IdentifierType
CUSTOMER_STATE_UNSPECIFIED: CustomerState
CUSTOMER_STATE_ACTIVE: CustomerState
CUSTOMER_STATE_MERGED: CustomerState
CUSTOMER_STATE_ERASED: CustomerState
CARD_STATUS_UNSPECIFIED: CardStatus
CARD_STATUS_NOT_ISSUED: CardStatus
CARD_STATUS_ISSUED: CardStatus
CARD_STATUS_ACTIVE: CardStatus
CARD_STATUS_SUSPENDED: CardStatus
CARD_STATUS_EXPIRED: CardStatus
CARD_STATUS_DELETED: CardStatus
CARD_TYPE_UNSPECIFIED: CardType
CARD_TYPE_PHYSICAL: CardType
CARD_TYPE_DIGITAL: CardType
CARD_NUMBER_METHOD_UNSPECIFIED: CardNumberMethod
CARD_NUMBER_METHOD_SEQUENTIAL: CardNumberMethod
CARD_NUMBER_METHOD_RANDOM: CardNumberMethod
MERGE_MODE_UNSPECIFIED: MergeMode
MERGE_MODE_AUTO: MergeMode
MERGE_MODE_REVIEW: MergeMode
MERGE_MODE_NEVER: MergeMode
MERGE_CANDIDATE_STATE_UNSPECIFIED: MergeCandidateState
MERGE_CANDIDATE_STATE_PENDING: MergeCandidateState
MERGE_CANDIDATE_STATE_ACCEPTED: MergeCandidateState
MERGE_CANDIDATE_STATE_REJECTED: MergeCandidateState
MERGE_CANDIDATE_STATE_OBSOLETE: MergeCandidateState
REVIEW_REASON_UNSPECIFIED: ReviewReason
REVIEW_REASON_TYPE_POLICY: ReviewReason
REVIEW_REASON_MERGE_LIMIT: ReviewReason

class Identifier(_message.Message):
    __slots__ = ("type", "value", "series_id", "status_label")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    type: IdentifierType
    value: str
    series_id: str
    status_label: str
    def __init__(self, type: _Optional[_Union[IdentifierType, str]] = ..., value: _Optional[str] = ..., series_id: _Optional[str] = ..., status_label: _Optional[str] = ...) -> None: ...

class Profile(_message.Message):
    __slots__ = ("source", "account_id", "identifiers", "create_time")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    IDENTIFIERS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    source: Source
    account_id: str
    identifiers: _containers.RepeatedCompositeFieldContainer[Identifier]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, source: _Optional[_Union[Source, str]] = ..., account_id: _Optional[str] = ..., identifiers: _Optional[_Iterable[_Union[Identifier, _Mapping]]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Customer(_message.Message):
    __slots__ = ("name", "state", "profiles", "cards", "survivor", "merged_customers", "create_time", "update_time", "erase_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PROFILES_FIELD_NUMBER: _ClassVar[int]
    CARDS_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    MERGED_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ERASE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    state: CustomerState
    profiles: _containers.RepeatedCompositeFieldContainer[Profile]
    cards: _containers.RepeatedCompositeFieldContainer[Card]
    survivor: str
    merged_customers: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    erase_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., state: _Optional[_Union[CustomerState, str]] = ..., profiles: _Optional[_Iterable[_Union[Profile, _Mapping]]] = ..., cards: _Optional[_Iterable[_Union[Card, _Mapping]]] = ..., survivor: _Optional[str] = ..., merged_customers: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., erase_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Merge(_message.Message):
    __slots__ = ("name", "victim", "survivor", "trigger_source", "trigger_account_id", "trigger", "request_id", "create_time", "moved_profiles", "moved_cards", "repointed_customers", "unmerge_time", "unmerge_request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VICTIM_FIELD_NUMBER: _ClassVar[int]
    SURVIVOR_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_SOURCE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    MOVED_PROFILES_FIELD_NUMBER: _ClassVar[int]
    MOVED_CARDS_FIELD_NUMBER: _ClassVar[int]
    REPOINTED_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    UNMERGE_TIME_FIELD_NUMBER: _ClassVar[int]
    UNMERGE_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    victim: str
    survivor: str
    trigger_source: Source
    trigger_account_id: str
    trigger: Identifier
    request_id: str
    create_time: _timestamp_pb2.Timestamp
    moved_profiles: _containers.RepeatedCompositeFieldContainer[Profile]
    moved_cards: _containers.RepeatedScalarFieldContainer[str]
    repointed_customers: _containers.RepeatedScalarFieldContainer[str]
    unmerge_time: _timestamp_pb2.Timestamp
    unmerge_request_id: str
    def __init__(self, name: _Optional[str] = ..., victim: _Optional[str] = ..., survivor: _Optional[str] = ..., trigger_source: _Optional[_Union[Source, str]] = ..., trigger_account_id: _Optional[str] = ..., trigger: _Optional[_Union[Identifier, _Mapping]] = ..., request_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., moved_profiles: _Optional[_Iterable[_Union[Profile, _Mapping]]] = ..., moved_cards: _Optional[_Iterable[str]] = ..., repointed_customers: _Optional[_Iterable[str]] = ..., unmerge_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., unmerge_request_id: _Optional[str] = ...) -> None: ...

class Warning(_message.Message):
    __slots__ = ("code", "message", "metadata")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, code: _Optional[str] = ..., message: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class CardNumberFormat(_message.Message):
    __slots__ = ("prefix", "suffix", "length", "method", "luhn_check_digit")
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    SUFFIX_FIELD_NUMBER: _ClassVar[int]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    LUHN_CHECK_DIGIT_FIELD_NUMBER: _ClassVar[int]
    prefix: str
    suffix: str
    length: int
    method: CardNumberMethod
    luhn_check_digit: bool
    def __init__(self, prefix: _Optional[str] = ..., suffix: _Optional[str] = ..., length: _Optional[int] = ..., method: _Optional[_Union[CardNumberMethod, str]] = ..., luhn_check_digit: _Optional[bool] = ...) -> None: ...

class CardSeries(_message.Message):
    __slots__ = ("id", "code", "name", "type", "format", "max_active_cards_per_customer", "expiry_days")
    ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    MAX_ACTIVE_CARDS_PER_CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_DAYS_FIELD_NUMBER: _ClassVar[int]
    id: str
    code: str
    name: str
    type: CardType
    format: CardNumberFormat
    max_active_cards_per_customer: int
    expiry_days: int
    def __init__(self, id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[_Union[CardType, str]] = ..., format: _Optional[_Union[CardNumberFormat, _Mapping]] = ..., max_active_cards_per_customer: _Optional[int] = ..., expiry_days: _Optional[int] = ...) -> None: ...

class Card(_message.Message):
    __slots__ = ("number", "series_id", "status", "status_label", "customer", "create_time", "issue_time", "expire_time")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ISSUE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    number: str
    series_id: str
    status: CardStatus
    status_label: str
    customer: str
    create_time: _timestamp_pb2.Timestamp
    issue_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, number: _Optional[str] = ..., series_id: _Optional[str] = ..., status: _Optional[_Union[CardStatus, str]] = ..., status_label: _Optional[str] = ..., customer: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., issue_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StatusLabel(_message.Message):
    __slots__ = ("label", "status")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    label: str
    status: CardStatus
    def __init__(self, label: _Optional[str] = ..., status: _Optional[_Union[CardStatus, str]] = ...) -> None: ...

class CardStatusChange(_message.Message):
    __slots__ = ("number", "from_status", "to_status", "status_label", "customer", "reason", "create_time")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    FROM_STATUS_FIELD_NUMBER: _ClassVar[int]
    TO_STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    number: str
    from_status: CardStatus
    to_status: CardStatus
    status_label: str
    customer: str
    reason: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, number: _Optional[str] = ..., from_status: _Optional[_Union[CardStatus, str]] = ..., to_status: _Optional[_Union[CardStatus, str]] = ..., status_label: _Optional[str] = ..., customer: _Optional[str] = ..., reason: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TypeRule(_message.Message):
    __slots__ = ("type", "mode")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    type: IdentifierType
    mode: MergeMode
    def __init__(self, type: _Optional[_Union[IdentifierType, str]] = ..., mode: _Optional[_Union[MergeMode, str]] = ...) -> None: ...

class MergePolicy(_message.Message):
    __slots__ = ("rules", "max_merged_customers")
    RULES_FIELD_NUMBER: _ClassVar[int]
    MAX_MERGED_CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[TypeRule]
    max_merged_customers: int
    def __init__(self, rules: _Optional[_Iterable[_Union[TypeRule, _Mapping]]] = ..., max_merged_customers: _Optional[int] = ...) -> None: ...
