"""The servicer in isolation with grpcio-testing: translation and rich errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import grpc_testing
import pytest
from google.rpc import error_details_pb2, status_pb2

from loyalty_identity.api.auth import Authenticator
from loyalty_identity.api.identifier_servicer import IdentifierServicer
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.service.application import Application
from loyalty_identity.store.database import open_database
from loyalty_identity.store.migrations import migrate
from loyalty_identity.store.unit_of_work import PeeweeUnitOfWorkFactory

SERVICE = pb.DESCRIPTOR.services_by_name["IdentifierService"]


@pytest.fixture
def test_server(tmp_path: Path) -> Iterator[grpc_testing.Server]:
    database = open_database(f"sqlite:///{tmp_path / 's.db'}")
    migrate(database)
    servicer = IdentifierServicer(Application(PeeweeUnitOfWorkFactory(database)), Authenticator())
    yield grpc_testing.server_from_dictionary({SERVICE: servicer}, grpc_testing.strict_real_time())
    database.close()


def invoke(server: grpc_testing.Server, method: str, request: object) -> tuple[object, object, grpc.StatusCode, str]:
    rpc = server.invoke_unary_unary(SERVICE.methods_by_name[method], (), request, None)
    return rpc.termination()


def test_create_translates_request_and_response(test_server: grpc_testing.Server) -> None:
    request = pb.CreateCustomerRequest(
        profiles=[
            r.Profile(
                source=r.SOURCE_INSTORE,
                identifiers=[r.Identifier(type=r.IDENTIFIER_TYPE_MOBILE, value="+49 170 1234567")],
            )
        ]
    )
    response, _, code, _ = invoke(test_server, "CreateCustomer", request)
    assert code == grpc.StatusCode.OK
    assert isinstance(response, pb.CreateCustomerResponse)
    assert response.customer.profiles[0].identifiers[0].value == "491701234567"


def test_domain_error_becomes_a_rich_status(test_server: grpc_testing.Server) -> None:
    _, trailing, code, details = invoke(test_server, "GetCustomer", pb.GetCustomerRequest(name="customers/nope"))
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert "name" in details
    raw = dict(trailing)["grpc-status-details-bin"]  # type: ignore[call-overload]
    status = status_pb2.Status.FromString(raw)
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert (info.reason, info.domain) == ("INVALID_ARGUMENT", "loyalty.identity.v1")
    bad_request = error_details_pb2.BadRequest()
    assert status.details[1].Unpack(bad_request)
    assert bad_request.field_violations[0].field == "name"
