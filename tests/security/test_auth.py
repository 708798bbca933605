"""Bearer tokens bound to orgs (RULES 2.9): who may call, and as whom."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import grpc
import pytest

from loyalty_identity.api.auth import (
    REVEAL,
    REVIEW,
    Authenticator,
    Grant,
    StaticTokens,
    TokenFileError,
    hash_token,
    parse_tokens,
)
from loyalty_identity.api.protos import event_grpc, identifier_grpc
from loyalty_identity.api.protos import event_pb as epb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.server import ConfigError, ServerConfig, create_server
from loyalty_identity.domain.errors import DomainError, Reason
from tests.helpers import EMAIL, INSTORE, expect_error, ident, profile

Code = grpc.StatusCode


def token_line(org: str, token: str) -> str:
    return f"{org} sha256:{hashlib.sha256(token.encode()).hexdigest()}"


def stub_for(server, token: str | None = None):
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    metadata = (("authorization", f"Bearer {token}"),) if token else ()
    stub = identifier_grpc.IdentifierServiceStub(channel)

    class Authorized:
        def __getattr__(self, name: str):
            method = getattr(stub, name)
            return lambda request, **kw: method(request, metadata=metadata, **kw)

    return Authorized()


def create_request(email: str) -> pb.CreateCustomerRequest:
    return pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, email))])


@pytest.fixture
def tokens_file(tmp_path: Path) -> Path:
    path = tmp_path / "tokens"
    path.write_text(f"# brand tokens\n\n{token_line('acme', 'acme-secret')}\n{token_line('globex', 'globex-secret')}\n")
    return path


def test_calls_without_a_valid_token_are_unauthenticated(start_server, tokens_file) -> None:
    server = start_server(tokens_file=tokens_file)
    for token in [None, "wrong", "acme-secret "[:-2]]:
        expect_error(
            lambda t=token: stub_for(server, t).CreateCustomer(create_request("a@b.com")),
            Code.UNAUTHENTICATED,
            "UNAUTHENTICATED",
        )
    raw = identifier_grpc.IdentifierServiceStub(grpc.insecure_channel(f"127.0.0.1:{server.port}"))
    expect_error(
        lambda: raw.CreateCustomer(create_request("a@b.com"), metadata=(("authorization", "Basic acme-secret"),)),
        Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
    )
    created = stub_for(server, "acme-secret").CreateCustomer(create_request("a@b.com")).customer
    assert created.name.startswith("customers/")


def test_tokens_rotate_without_restart(start_server, tokens_file) -> None:
    server = start_server(tokens_file=tokens_file)
    stub_for(server, "acme-secret").CreateCustomer(create_request("r1@b.com"))
    tokens_file.write_text(f"{token_line('acme', 'acme-new')}\n{token_line('globex', 'globex-secret')}\n")
    # Make sure the change is seen even on a file system with coarse timestamps.
    later = time.time() + 5
    os.utime(tokens_file, (later, later))
    expect_error(
        lambda: stub_for(server, "acme-secret").CreateCustomer(create_request("r2@b.com")),
        Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
    )
    # The new token acts for the same org: it sees the email acme already holds.
    expect_error(
        lambda: stub_for(server, "acme-new").CreateCustomer(create_request("r1@b.com")),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )


def test_a_broken_tokens_file_keeps_the_last_good_tokens(start_server, tokens_file) -> None:
    server = start_server(tokens_file=tokens_file)
    tokens_file.write_text("this is not a token line\n")
    later = time.time() + 5
    os.utime(tokens_file, (later, later))
    assert stub_for(server, "acme-secret").CreateCustomer(create_request("k@b.com")).customer.name


def test_inline_tokens(start_server) -> None:
    server = start_server(tokens=f"{token_line('acme', 's1')};{token_line('globex', 's2')}")
    assert stub_for(server, "s2").CreateCustomer(create_request("i@b.com")).customer.name
    expect_error(
        lambda: stub_for(server).CreateCustomer(create_request("i@b.com")), Code.UNAUTHENTICATED, "UNAUTHENTICATED"
    )


def test_protected_mode_only_on_loopback(database_url, tokens_file) -> None:
    for address in ["0.0.0.0:0", "[::]:0", "10.1.2.3:0"]:
        with pytest.raises(ConfigError):
            create_server(ServerConfig(listen=address, database_url=database_url))
    server = create_server(ServerConfig(listen="0.0.0.0:0", database_url=database_url, tokens_file=tokens_file))
    server.stop(grace=0)


@pytest.mark.parametrize("header", ["Bearer acme-secret", "Basic acme-secret", ""])
def test_credentials_sent_to_a_server_without_tokens_are_refused(server, header) -> None:
    """A client sending a token expects it checked: a server that cannot check it says so."""
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    stub = identifier_grpc.IdentifierServiceStub(channel)
    events = event_grpc.EventServiceStub(channel)
    auth = (("authorization", header),)
    calls = [
        lambda: stub.CreateCustomer(create_request("sent@b.com"), metadata=auth),
        lambda: events.ListEvents(epb.ListEventsRequest(), metadata=auth),
        lambda: next(iter(events.WatchEvents(epb.WatchEventsRequest(), metadata=auth))),
    ]
    for call in calls:
        error = expect_error(call, Code.UNAUTHENTICATED, "UNAUTHENTICATED")
        assert "no tokens configured" in error.status.message
    # Nothing was written, and callers without credentials still act as org `default`.
    assert list(events.ListEvents(epb.ListEventsRequest()).events) == []
    assert stub.CreateCustomer(create_request("sent@b.com")).customer.name.startswith("customers/")


# Grants ----------------------------------------------------------------------------


def test_a_token_line_may_carry_several_grants_in_any_order() -> None:
    digest = "ab" * 32
    tokens = parse_tokens(
        f"acme sha256:{digest} review reveal # name=lead\nacme sha256:{'cd' * 32}\nglobex sha256:{'ef' * 32} review\n"
    )
    assert tokens[digest] == Grant("acme", frozenset({REVEAL, REVIEW}))
    assert tokens["cd" * 32] == Grant("acme") and not tokens["cd" * 32].reveal
    assert tokens["ef" * 32].allows(REVIEW) and not tokens["ef" * 32].reveal


@pytest.mark.parametrize("grants", ["admin", "review revew", "REVIEW"])
def test_an_unknown_grant_is_an_error_never_a_silent_lesser_token(grants: str) -> None:
    with pytest.raises(TokenFileError, match="unknown grant"):
        parse_tokens(f"acme sha256:{'ab' * 32} {grants}\n")


def test_require_answers_permission_denied_without_the_grant_and_loopback_may_everything() -> None:
    text = f"acme sha256:{hash_token('plain')} reveal\nacme sha256:{hash_token('lead')} review\n"
    auth = Authenticator([StaticTokens(text)])
    with pytest.raises(DomainError) as denied:
        auth.require([("authorization", "Bearer plain")], REVIEW)
    assert denied.value.reason is Reason.PERMISSION_DENIED and denied.value.metadata == {"grant": "review"}
    assert auth.require([("authorization", "Bearer lead")], REVIEW).org == "acme"
    assert Authenticator().require([], REVIEW).org == "default"
    assert Authenticator().require([], REVEAL).reveal
