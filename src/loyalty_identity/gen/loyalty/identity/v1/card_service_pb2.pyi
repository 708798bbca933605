from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from loyalty_identity.gen.loyalty.identity.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateCardSeriesRequest(_message.Message):
    __slots__ = ("series", "request_id", "validate_only")
    SERIES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    series: _resources_pb2.CardSeries
    request_id: str
    validate_only: bool
    def __init__(self, series: _Optional[_Union[_resources_pb2.CardSeries, _Mapping]] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class CreateCardSeriesResponse(_message.Message):
    __slots__ = ("series",)
    SERIES_FIELD_NUMBER: _ClassVar[int]
    series: _resources_pb2.CardSeries
    def __init__(self, series: _Optional[_Union[_resources_pb2.CardSeries, _Mapping]] = ...) -> None: ...

class GetCardSeriesRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetCardSeriesResponse(_message.Message):
    __slots__ = ("series",)
    SERIES_FIELD_NUMBER: _ClassVar[int]
    series: _resources_pb2.CardSeries
    def __init__(self, series: _Optional[_Union[_resources_pb2.CardSeries, _Mapping]] = ...) -> None: ...

class ListCardSeriesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCardSeriesResponse(_message.Message):
    __slots__ = ("series", "next_page_token")
    SERIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    series: _containers.RepeatedCompositeFieldContainer[_resources_pb2.CardSeries]
    next_page_token: str
    def __init__(self, series: _Optional[_Iterable[_Union[_resources_pb2.CardSeries, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateStatusLabelRequest(_message.Message):
    __slots__ = ("label", "status", "request_id", "validate_only")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    label: str
    status: _resources_pb2.CardStatus
    request_id: str
    validate_only: bool
    def __init__(self, label: _Optional[str] = ..., status: _Optional[_Union[_resources_pb2.CardStatus, str]] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class CreateStatusLabelResponse(_message.Message):
    __slots__ = ("status_label",)
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    status_label: _resources_pb2.StatusLabel
    def __init__(self, status_label: _Optional[_Union[_resources_pb2.StatusLabel, _Mapping]] = ...) -> None: ...

class ListStatusLabelsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListStatusLabelsResponse(_message.Message):
    __slots__ = ("status_labels", "next_page_token")
    STATUS_LABELS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    status_labels: _containers.RepeatedCompositeFieldContainer[_resources_pb2.StatusLabel]
    next_page_token: str
    def __init__(self, status_labels: _Optional[_Iterable[_Union[_resources_pb2.StatusLabel, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateCardRequest(_message.Message):
    __slots__ = ("series_id", "number", "status_label", "request_id", "validate_only")
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    series_id: str
    number: str
    status_label: str
    request_id: str
    validate_only: bool
    def __init__(self, series_id: _Optional[str] = ..., number: _Optional[str] = ..., status_label: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class CreateCardResponse(_message.Message):
    __slots__ = ("card",)
    CARD_FIELD_NUMBER: _ClassVar[int]
    card: _resources_pb2.Card
    def __init__(self, card: _Optional[_Union[_resources_pb2.Card, _Mapping]] = ...) -> None: ...

class GenerateCardsRequest(_message.Message):
    __slots__ = ("series_id", "count", "status_label", "request_id", "validate_only")
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    series_id: str
    count: int
    status_label: str
    request_id: str
    validate_only: bool
    def __init__(self, series_id: _Optional[str] = ..., count: _Optional[int] = ..., status_label: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GenerateCardsResponse(_message.Message):
    __slots__ = ("numbers",)
    NUMBERS_FIELD_NUMBER: _ClassVar[int]
    numbers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, numbers: _Optional[_Iterable[str]] = ...) -> None: ...

class GetCardRequest(_message.Message):
    __slots__ = ("number",)
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    number: str
    def __init__(self, number: _Optional[str] = ...) -> None: ...

class GetCardResponse(_message.Message):
    __slots__ = ("card",)
    CARD_FIELD_NUMBER: _ClassVar[int]
    card: _resources_pb2.Card
    def __init__(self, card: _Optional[_Union[_resources_pb2.Card, _Mapping]] = ...) -> None: ...

class ListCardsRequest(_message.Message):
    __slots__ = ("customer", "series_id", "page_size", "page_token")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    customer: str
    series_id: str
    page_size: int
    page_token: str
    def __init__(self, customer: _Optional[str] = ..., series_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCardsResponse(_message.Message):
    __slots__ = ("cards", "next_page_token")
    CARDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    cards: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Card]
    next_page_token: str
    def __init__(self, cards: _Optional[_Iterable[_Union[_resources_pb2.Card, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class IssueCardRequest(_message.Message):
    __slots__ = ("customer", "series_id", "number", "status_label", "request_id", "validate_only")
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    customer: str
    series_id: str
    number: str
    status_label: str
    request_id: str
    validate_only: bool
    def __init__(self, customer: _Optional[str] = ..., series_id: _Optional[str] = ..., number: _Optional[str] = ..., status_label: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class IssueCardResponse(_message.Message):
    __slots__ = ("card", "customer")
    CARD_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    card: _resources_pb2.Card
    customer: _resources_pb2.Customer
    def __init__(self, card: _Optional[_Union[_resources_pb2.Card, _Mapping]] = ..., customer: _Optional[_Union[_resources_pb2.Customer, _Mapping]] = ...) -> None: ...

class UnlinkCardRequest(_message.Message):
    __slots__ = ("number", "status_label", "request_id", "validate_only")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    number: str
    status_label: str
    request_id: str
    validate_only: bool
    def __init__(self, number: _Optional[str] = ..., status_label: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class UnlinkCardResponse(_message.Message):
    __slots__ = ("card",)
    CARD_FIELD_NUMBER: _ClassVar[int]
    card: _resources_pb2.Card
    def __init__(self, card: _Optional[_Union[_resources_pb2.Card, _Mapping]] = ...) -> None: ...

class UpdateCardStatusRequest(_message.Message):
    __slots__ = ("number", "status_label", "reason", "request_id", "validate_only")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    number: str
    status_label: str
    reason: str
    request_id: str
    validate_only: bool
    def __init__(self, number: _Optional[str] = ..., status_label: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class UpdateCardStatusResponse(_message.Message):
    __slots__ = ("card",)
    CARD_FIELD_NUMBER: _ClassVar[int]
    card: _resources_pb2.Card
    def __init__(self, card: _Optional[_Union[_resources_pb2.Card, _Mapping]] = ...) -> None: ...

class ListCardStatusChangesRequest(_message.Message):
    __slots__ = ("number", "page_size", "page_token")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    number: str
    page_size: int
    page_token: str
    def __init__(self, number: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCardStatusChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[_resources_pb2.CardStatusChange]
    next_page_token: str
    def __init__(self, changes: _Optional[_Iterable[_Union[_resources_pb2.CardStatusChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
