"""TLS and mutual TLS for non-loopback listeners (RULES 2.9)."""

from __future__ import annotations

import grpc
import pytest

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.server import TlsConfig
from tests.certs import CertificateAuthority
from tests.helpers import EMAIL, INSTORE, ident, profile
from tests.security.test_auth import token_line

REQUEST = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, "tls@example.com"))])
AUTH = (("authorization", "Bearer t1"),)


@pytest.fixture
def ca(tmp_path):
    return CertificateAuthority(tmp_path)


def call(port: int, credentials: grpc.ChannelCredentials | None):
    target = f"localhost:{port}"
    channel = grpc.secure_channel(target, credentials) if credentials else grpc.insecure_channel(target)
    with channel:
        return identifier_grpc.IdentifierServiceStub(channel).CreateCustomer(REQUEST, metadata=AUTH, timeout=5)


def test_tls_server(start_server, ca) -> None:
    issued = ca.issue("server", server=True)
    server = start_server(listen="127.0.0.1:0", tls=TlsConfig(issued.cert, issued.key), tokens=token_line("acme", "t1"))
    trusted = grpc.ssl_channel_credentials(root_certificates=ca.issued.cert.read_bytes())
    assert call(server.port, trusted).customer.name
    with pytest.raises(grpc.RpcError) as plain:
        call(server.port, None)
    assert plain.value.code() == grpc.StatusCode.UNAVAILABLE
    stranger = CertificateAuthority(ca.folder, "other-ca")
    with pytest.raises(grpc.RpcError) as untrusted:
        call(server.port, grpc.ssl_channel_credentials(root_certificates=stranger.issued.cert.read_bytes()))
    assert untrusted.value.code() == grpc.StatusCode.UNAVAILABLE


def test_mutual_tls_requires_a_client_certificate(start_server, ca) -> None:
    issued = ca.issue("server", server=True)
    client = ca.issue("client", server=False)
    server = start_server(
        tls=TlsConfig(issued.cert, issued.key, client_ca_file=ca.issued.cert), tokens=token_line("acme", "t1")
    )
    root = ca.issued.cert.read_bytes()
    with pytest.raises(grpc.RpcError) as anonymous:
        call(server.port, grpc.ssl_channel_credentials(root_certificates=root))
    assert anonymous.value.code() == grpc.StatusCode.UNAVAILABLE
    with_cert = grpc.ssl_channel_credentials(
        root_certificates=root, private_key=client.key.read_bytes(), certificate_chain=client.cert.read_bytes()
    )
    assert call(server.port, with_cert).customer.name
