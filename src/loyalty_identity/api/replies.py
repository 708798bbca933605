"""How a mutating RPC's reply is built, read back when stored, and which customers it names.

The names are read from the reply message itself, by its descriptor: every field
the contract marks as a customer's name (`Customer.name`, and every string field
with a `loyalty-identity/Customer` resource reference: survivor, merged_customers,
Merge.victim and survivor, Card.customer...) and customer names among warnings'
metadata values. An erasure tombstones the stored replies that name the erased
(RULES 2.5.1); identifier values that happen to spell a name are not names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from google.api import resource_pb2
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from loyalty_identity.domain.names import CUSTOMERS, is_uuid
from loyalty_identity.service.application import Reply

T = TypeVar("T")
M = TypeVar("M", bound=Message)

CUSTOMER_RESOURCE = "loyalty-identity/Customer"
_NAME, _MESSAGE, _MAP = "name", "message", "map"


def reply(build: Callable[[T], M], response_type: type[M]) -> Reply[T, M]:
    return Reply(build, response_type.FromString, customer_names)


def customer_names(message: Message) -> set[str]:
    """Every customer the message names (resource names, `customers/{id}`)."""
    return set(_names(message))


def _names(message: Message) -> Iterator[str]:
    for field, kind in _plan(message.DESCRIPTOR):
        value: Any = getattr(message, field.name)
        if kind == _NAME:
            yield from (value if field.is_repeated else [value] if value else [])
        elif kind == _MAP:
            yield from (v for v in value.values() if _is_customer_name(v))
        elif field.is_repeated:
            for item in value:
                yield from _names(item)
        elif message.HasField(field.name):
            yield from _names(value)


@functools.cache
def _plan(descriptor: Descriptor) -> tuple[tuple[FieldDescriptor, str], ...]:
    """The fields of a message type that may name customers, and how (found once per type)."""
    plan = []
    for field in descriptor.fields:
        if _names_customer(descriptor, field):
            plan.append((field, _NAME))
        elif (entry := _message_type(field)) is not None and _may_name(entry, set()):
            plan.append((field, _MAP if entry.GetOptions().map_entry else _MESSAGE))
    return tuple(plan)


def _names_customer(descriptor: Descriptor, field: FieldDescriptor) -> bool:
    """A string field the contract marks as a customer's name."""
    if field.type != FieldDescriptor.TYPE_STRING:
        return False
    if field.GetOptions().Extensions[resource_pb2.resource_reference].type == CUSTOMER_RESOURCE:
        return True
    return field.name == "name" and descriptor.GetOptions().Extensions[resource_pb2.resource].type == CUSTOMER_RESOURCE


def _may_name(descriptor: Descriptor, seen: set[str]) -> bool:
    """Whether a message type may name a customer at any depth (a Timestamp cannot); a map of
    strings may (warnings' metadata: `victim`, `survivor`, `customer`)."""
    if descriptor.GetOptions().map_entry:
        return bool(descriptor.fields_by_name["value"].type == FieldDescriptor.TYPE_STRING)
    if descriptor.full_name in seen:
        return False
    seen.add(descriptor.full_name)
    return any(
        _names_customer(descriptor, field) or ((entry := _message_type(field)) is not None and _may_name(entry, seen))
        for field in descriptor.fields
    )


def _message_type(field: FieldDescriptor) -> Descriptor | None:
    return field.message_type if field.type == FieldDescriptor.TYPE_MESSAGE else None


def _is_customer_name(text: str) -> bool:
    return text.startswith(CUSTOMERS) and is_uuid(text.removeprefix(CUSTOMERS))
