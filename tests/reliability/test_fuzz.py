"""Fuzzing: random and mutated requests never get UNKNOWN or INTERNAL, and a failed one writes nothing.

Requests are built from the message descriptors, so new fields are fuzzed too.
"""

from __future__ import annotations

import uuid
from typing import Any

import grpc
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor, ServiceDescriptor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty_identity.api.protos import card_pb, identifier_pb
from tests import databases
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, RichError, create, ident, profile

SERVICES: list[ServiceDescriptor] = [
    identifier_pb.DESCRIPTOR.services_by_name["IdentifierService"],
    card_pb.DESCRIPTOR.services_by_name["CardService"],
]
METHODS = [(service, method) for service in SERVICES for method in service.methods]
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t\n",
    "null",
    "undefined",
    "0",
    "xxxx",
    "test@test.com",
    "'; DROP TABLE customer; --",
    '" OR 1=1 --',
    "%s%s%n",
    "../../etc/passwd",
    "\u210c\U0001d522\U0001d529\U0001d529\U0001d52c",
    "🙂" * 50,
    "\u202e\u200b",
    "x" * 129,
    "x" * 5000,
    "customers/",
    "customers/00000000-0000-4000-8000-000000000000",
    "CUSTOMERS/ABC",
    "merges/x",
    "8613812345678",
    "+86 (138) 1234-5678",
    "ann@example.com",
    " ANN@EXAMPLE.COM ",
    "GD00000001",
    "ACTIVE",
    "NOT_ISSUED",
    "6f1c2e4a-0d5b-4c3e-9a7f-2b8d1e0c4a11",
    "6F1C2E4A-0D5B-4C3E-9A7F-2B8D1E0C4A11",
]
INT_EDGES = [0, 1, 2, 3, 5, 12, 13, 14, 50, 99, -1, -(2**31), 2**31 - 1, 50_000, 50_001]


def strings(known: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NASTY + known), st.text(max_size=40))


def message_strategy(descriptor: Descriptor, known: list[str], depth: int = 0) -> st.SearchStrategy[Any]:
    cls = message_factory.GetMessageClass(descriptor)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in descriptor.fields:
        value = field_strategy(field, known, depth)
        if value is None:
            continue
        if field.is_repeated:
            if field.message_type is not None and field.message_type.GetOptions().map_entry:
                continue
            fields[field.name] = st.lists(value, max_size=3)
        else:
            fields[field.name] = value
    return st.fixed_dictionaries({}, optional=fields).map(lambda kwargs: cls(**kwargs))


def field_strategy(field: FieldDescriptor, known: list[str], depth: int) -> st.SearchStrategy[Any] | None:
    if field.type == FieldDescriptor.TYPE_STRING:
        return strings(known)
    if field.type == FieldDescriptor.TYPE_BOOL:
        return st.booleans()
    if field.type == FieldDescriptor.TYPE_ENUM:
        assert field.enum_type is not None
        return st.one_of(st.sampled_from([v.number for v in field.enum_type.values]), st.integers(-3, 40))
    if field.type in (FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_INT64):
        return st.one_of(st.sampled_from(INT_EDGES), st.integers(-(2**31), 2**31 - 1))
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        assert field.message_type is not None
        if depth >= 3 or field.message_type.full_name.startswith("google.protobuf"):
            return None
        return message_strategy(field.message_type, known, depth + 1)
    return None


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    return databases.rows(url)


def without_stored_refusal(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]], request_id: str
) -> dict[str, list[tuple[Any, ...]]]:
    """after, less what a refusal may add: its answer, stored under its request_id (RULES 2.7)."""
    try:
        request_id = str(uuid.UUID(request_id))  # as the service keeps it (any case, any UUID spelling)
    except ValueError:
        return after  # not a request id: refused before any claim

    def stored_refusal(row: tuple[Any, ...]) -> bool:  # (id, org, request_id, fingerprint, response, create_time)
        return row[2] == request_id and bytes(row[4]).startswith(b"\x00refused:")

    refused = any(stored_refusal(row) and row not in before["request"] for row in after["request"])
    if not refused:
        return after
    kept = dict(after)
    kept["request"] = [row for row in after["request"] if row in before["request"] or not stored_refusal(row)]
    kept["request_customer"] = [
        row for row in after["request_customer"] if row in before["request_customer"] or request_id not in row
    ]
    return kept


def call_raw(channel: grpc.Channel, service: ServiceDescriptor, method: Any, payload: bytes) -> RichError | None:
    rpc = channel.unary_unary(
        f"/{service.full_name}/{method.name}", request_serializer=None, response_deserializer=None
    )
    try:
        rpc(payload, timeout=30)
        return None
    except grpc.RpcError as error:
        assert error.code() not in (grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL), (
            f"{method.name}: {error.code()} {error.details()}"
        )
        return RichError(error)


FUZZ_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


def test_random_requests_never_fail_internally(stub, channel, database_url) -> None:
    path = database_url
    known = [
        create(stub, profile(INSTORE, ident(MOBILE, "8613812345678"))).name,
        create(stub, profile(TMALL, ident(EMAIL, "ann@example.com"))).name,
    ]

    @FUZZ_SETTINGS
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        service, method = data.draw(st.sampled_from(METHODS))
        request = data.draw(message_strategy(method.input_type, known))
        before = snapshot(path)
        error = call_raw(channel, service, method, request.SerializeToString())
        if error is not None:
            after = without_stored_refusal(before, snapshot(path), getattr(request, "request_id", ""))
            assert after == before, f"{method.name} failed with {error.reason} but wrote"

    fuzz()


def test_mutated_bytes_never_fail_internally(stub, channel, database_url) -> None:
    path = database_url
    seed = create(stub, profile(INSTORE, ident(MOBILE, "8613812345670")))
    valid = identifier_pb.UpdateIdentifiersRequest(
        customer=seed.name, source=INSTORE, add=[ident(EMAIL, "seed@example.com")]
    ).SerializeToString()

    @FUZZ_SETTINGS
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        service, method = data.draw(st.sampled_from(METHODS))
        payload = bytearray(data.draw(st.one_of(st.just(valid), st.binary(max_size=200))))
        for _ in range(data.draw(st.integers(0, 6))):
            if payload:
                payload[data.draw(st.integers(0, len(payload) - 1))] = data.draw(st.integers(0, 255))
        before = snapshot(path)
        error = call_raw(channel, service, method, bytes(payload))
        if error is not None:
            assert snapshot(path) == before, f"{method.name} failed with {error.reason} but wrote"

    fuzz()


def test_find_customers_of_many_random_queries_never_fails_internally(stub, channel) -> None:
    """FindCustomers with up to 101 random queries: an answer per query, or a refusal with a reason."""
    known = ["8613812345678", "ann@example.com", create(stub, profile(INSTORE, ident(MOBILE, "8613812345678"))).name]
    service = SERVICES[0]
    method = service.methods_by_name["FindCustomers"]
    queries = st.lists(message_strategy(method.input_type.fields_by_name["queries"].message_type, known), max_size=101)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(queries=queries)
    def fuzz(queries: list[Any]) -> None:
        request = identifier_pb.FindCustomersRequest(queries=queries)
        error = call_raw(channel, service, method, request.SerializeToString())
        if error is None:
            response = stub.FindCustomers(request)
            assert len(response.results) == len(queries)
        else:
            assert error.code == grpc.StatusCode.INVALID_ARGUMENT, error.status.message
            assert error.field.startswith("queries"), error.field

    fuzz()
