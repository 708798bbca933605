"""Server reflection serves full descriptors: our services and the google.rpc types of error details.

A client with no proto files (grpcurl, buf curl, a reflection client) can describe every type and
decode every error detail the server sends.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pool
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from loyalty_identity.api.protos import card_pb, event_pb, identifier_pb
from loyalty_identity.api.server import RunningServer
from tests.e2e import grpcurl_by_buf_curl

BIN = Path(sys.executable).parent
GRPCURL = shutil.which("grpcurl", path=str(BIN))
needs_grpcurl = pytest.mark.skipif(GRPCURL is None, reason="grpcurl is not installed here")
OUR_SERVICES = [
    identifier_pb.DESCRIPTOR.services_by_name["IdentifierService"],
    card_pb.DESCRIPTOR.services_by_name["CardService"],
    event_pb.DESCRIPTOR.services_by_name["EventService"],
]
# Every message of google/rpc/error_details.proto and status.proto, and the Code enum.
RPC_MESSAGES = [
    *error_details_pb2.DESCRIPTOR.message_types_by_name.values(),
    *status_pb2.DESCRIPTOR.message_types_by_name.values(),
]
BAD_EMAIL = json.dumps(
    {"profiles": [{"source": "SOURCE_INSTORE", "identifiers": [{"type": "IDENTIFIER_TYPE_EMAIL", "value": "x"}]}]}
)


@pytest.fixture
def backend() -> str:
    return "sqlite"  # reflection does not depend on the database engine


@pytest.fixture
def reflected(server: RunningServer) -> Iterator[descriptor_pool.DescriptorPool]:
    """A descriptor pool filled only by the server's reflection service."""
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        yield descriptor_pool.DescriptorPool(ProtoReflectionDescriptorDatabase(channel))


def test_reflection_serves_our_services_in_full(reflected: descriptor_pool.DescriptorPool) -> None:
    for service in OUR_SERVICES:
        served = reflected.FindServiceByName(service.full_name)
        assert {m.name: (m.input_type.full_name, m.output_type.full_name) for m in served.methods} == {
            m.name: (m.input_type.full_name, m.output_type.full_name) for m in service.methods
        }
        for method in served.methods:
            generated = service.methods_by_name[method.name].input_type
            assert [f.name for f in method.input_type.fields] == [f.name for f in generated.fields]


def test_reflection_serves_the_google_rpc_error_types(reflected: descriptor_pool.DescriptorPool) -> None:
    assert {"ErrorInfo", "BadRequest", "ResourceInfo", "PreconditionFailure", "RetryInfo"} <= {
        m.name for m in RPC_MESSAGES
    }
    for message in RPC_MESSAGES:
        served = reflected.FindMessageTypeByName(message.full_name)
        assert [(f.name, f.number) for f in served.fields] == [(f.name, f.number) for f in message.fields]
    code = reflected.FindEnumTypeByName("google.rpc.Code")
    assert [v.name for v in code.values] == [v.name for v in code_pb2.Code.DESCRIPTOR.values]


@needs_grpcurl
@pytest.mark.parametrize("type_name", ["google.rpc.ErrorInfo", "google.rpc.BadRequest", "google.rpc.ResourceInfo"])
def test_grpcurl_describes_error_detail_types(server: RunningServer, type_name: str) -> None:
    assert GRPCURL is not None
    result = subprocess.run(
        [GRPCURL, "-plaintext", f"127.0.0.1:{server.port}", "describe", type_name],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{type_name} is a message:\n")
    assert f"\nmessage {type_name.rsplit('.', 1)[1]} {{" in result.stdout


@needs_grpcurl
def test_grpcurl_format_error_prints_the_error_info(server: RunningServer) -> None:
    assert GRPCURL is not None
    result = subprocess.run(
        [
            GRPCURL,
            "-plaintext",
            "-format-error",
            "-d",
            BAD_EMAIL,
            f"127.0.0.1:{server.port}",
            "loyalty.identity.v1.IdentifierService/CreateCustomer",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 64 + grpc.StatusCode.INVALID_ARGUMENT.value[0], result.stderr
    status = json.loads(result.stderr)
    assert status["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    info, bad_request = status["details"]
    assert (info["@type"], info["reason"]) == ("type.googleapis.com/google.rpc.ErrorInfo", "INVALID_IDENTIFIER")
    assert bad_request["@type"] == "type.googleapis.com/google.rpc.BadRequest"
    assert bad_request["field_violations"][0]["field"] == "profiles[0].identifiers[0].value"


def test_buf_curl_lists_services_and_errors_decode_through_reflection(
    server: RunningServer, reflected: descriptor_pool.DescriptorPool
) -> None:
    address = f"127.0.0.1:{server.port}"
    listed = grpcurl_by_buf_curl.buf_curl("--list-services", f"http://{address}")
    assert listed.returncode == 0, listed.stderr
    assert {s.full_name for s in OUR_SERVICES} <= set(listed.stdout.split())

    failed = grpcurl_by_buf_curl.buf_curl(
        "--data", BAD_EMAIL, f"http://{address}/{OUR_SERVICES[0].full_name}/CreateCustomer"
    )
    assert failed.returncode == grpc.StatusCode.INVALID_ARGUMENT.value[0] << 3, failed.stderr
    error = json.loads(failed.stderr)  # buf prints the Connect error: details as type + base64 value
    assert error["code"] == "invalid_argument"
    assert [d["type"] for d in error["details"]] == ["google.rpc.ErrorInfo", "google.rpc.BadRequest"]
    # Decoded with types from reflection alone (not the client's own google.rpc modules).
    code, printed = grpcurl_by_buf_curl.grpcurl_error(error, reflected)
    status = json.loads(printed)
    assert code == status["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert status["details"][0]["reason"] == "INVALID_IDENTIFIER"
    assert status["details"][1]["field_violations"][0]["field"] == "profiles[0].identifiers[0].value"


def test_reflection_serves_the_protos_with_their_comments(server: RunningServer) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        served = {
            symbol: database.FindFileContainingSymbol(symbol)
            for symbol in [
                "loyalty.identity.v1.Customer",
                "loyalty.identity.v1.IdentifierService",
                "google.rpc.ErrorInfo",
            ]
        }
    comments = {
        symbol: [loc.leading_comments.strip() for loc in file.source_code_info.location if loc.leading_comments]
        for symbol, file in served.items()
    }
    assert "A loyalty customer of one org." in comments["loyalty.identity.v1.Customer"]
    assert any(c.startswith("Resource name, `customers/{id}`") for c in comments["loyalty.identity.v1.Customer"])
    assert len(comments["loyalty.identity.v1.IdentifierService"]) > 20
    assert any(c.startswith("Describes the cause of the error") for c in comments["google.rpc.ErrorInfo"])


@needs_grpcurl
def test_grpcurl_describe_shows_the_documentation(server: RunningServer) -> None:
    assert GRPCURL is not None

    def describe(symbol: str) -> str:
        result = subprocess.run(
            [GRPCURL, "-plaintext", f"127.0.0.1:{server.port}", "describe", symbol],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    customer = describe("loyalty.identity.v1.Customer")
    assert "// A loyalty customer of one org." in customer
    assert "// Resource name, `customers/{id}` where id is a lower-case UUID." in customer
    assert "// Describes the cause of the error" in describe("google.rpc.ErrorInfo")


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
def test_reflection_answers_on_v1_and_v1alpha(server, version: str) -> None:
    """Current grpcurl and buf ask grpc.reflection.v1 first; older clients v1alpha. The messages are the same."""
    from grpc_reflection.v1alpha import reflection_pb2

    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        call = channel.stream_stream(
            f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo",
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )
        [answer] = list(call(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=10))
    names = {service.name for service in answer.list_services_response.service}
    assert {"loyalty.identity.v1.IdentifierService", f"grpc.reflection.{version}.ServerReflection"} <= names
