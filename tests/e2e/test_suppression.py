"""Suppression after erasure (SPEC 7.3, RULES 2.5.2): erased values kept as keyed hashes, refused when added again."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import uuid
from pathlib import Path

import grpc
import pytest
from grpc import StatusCode as Code

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.domain.identifiers import IdentifierPolicy, IdentifierType, IdentifierValue
from loyalty_identity.domain.suppression import SuppressionKey
from tests import databases
from tests.e2e.test_erase import assert_gone_everywhere, erase, make_person, rid
from tests.helpers import (
    EMAIL,
    INSTORE,
    MOBILE,
    TMALL,
    create,
    expect_error,
    ident,
    profile,
    unique_email,
    unique_mobile,
)

KEY_HEX = "5e" * 32
KEY = SuppressionKey.parse(KEY_HEX.encode())
REVIEWER, PLAIN = "reviewer-token", "plain-token"


def token_line(org: str, token: str, *grants: str) -> str:
    return " ".join([org, f"sha256:{hashlib.sha256(token.encode()).hexdigest()}", *grants])


def stub_as(server, token: str | None = None):
    """An IdentifierService stub that sends token (if any) on every call."""
    raw = identifier_grpc.IdentifierServiceStub(grpc.insecure_channel(f"127.0.0.1:{server.port}"))
    metadata = (("authorization", f"Bearer {token}"),) if token else ()

    class Authorized:
        def __getattr__(self, name: str):
            return lambda request, **kw: getattr(raw, name)(request, metadata=metadata, **kw)

    return Authorized()


def unsuppress(stub, type_: int, value: str, **kwargs) -> pb.UnsuppressIdentifierResponse:
    return stub.UnsuppressIdentifier(pb.UnsuppressIdentifierRequest(identifier=ident(type_, value), **kwargs))


def suppression_rows(database_url: str) -> list[tuple]:
    return databases.rows(database_url)["suppression"]


def test_an_erasure_that_suppresses_refuses_the_values_everywhere_until_lifted(
    start_server, database_url, backend
) -> None:
    server = start_server(suppression_key=KEY)
    stub = stub_as(server)
    mobile, email = unique_mobile(), unique_email()
    ann = create(stub, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, email)))
    bo = create(stub, profile(INSTORE, ident(EMAIL, unique_email())))
    erased = erase(stub, ann.name, suppress_identifiers=True, request_id=rid()).customer
    assert erased.state == r.CUSTOMER_STATE_ERASED
    assert len(suppression_rows(database_url)) == 2
    assert_gone_everywhere([mobile, email], database_url, backend)  # the hashes hold no value in clear

    before = databases.rows(database_url)
    spelled = "+" + mobile  # another spelling: compared normalized
    added = expect_error(
        lambda: stub.UpdateIdentifiers(
            pb.UpdateIdentifiersRequest(customer=bo.name, source=TMALL, add=[ident(MOBILE, spelled)])
        ),
        Code.FAILED_PRECONDITION,
        "IDENTIFIER_SUPPRESSED",
    )
    assert added.bad_requests[0].field_violations[0].field == "add[0]"
    assert mobile not in added.status.message
    made = expect_error(
        lambda: stub.CreateCustomer(
            pb.CreateCustomerRequest(
                profiles=[profile(TMALL, ident(EMAIL, unique_email())), profile(INSTORE, ident(EMAIL, email.upper()))]
            )
        ),
        Code.FAILED_PRECONDITION,
        "IDENTIFIER_SUPPRESSED",
    )
    assert made.bad_requests[0].field_violations[0].field == "profiles[1].identifiers[0]"
    assert databases.rows(database_url) == before  # refusals write nothing

    # Other values are free; a validate_only add of a suppressed value is refused too.
    create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    expect_error(
        lambda: stub.UpdateIdentifiers(
            pb.UpdateIdentifiersRequest(customer=bo.name, source=TMALL, add=[ident(MOBILE, mobile)], validate_only=True)
        ),
        Code.FAILED_PRECONDITION,
        "IDENTIFIER_SUPPRESSED",
    )

    request_id = rid()
    lifted = unsuppress(stub, MOBILE, spelled, request_id=request_id)
    assert lifted.type == MOBILE and lifted.HasField("suppress_time")
    assert unsuppress(stub, MOBILE, spelled, request_id=request_id) == lifted  # idempotent
    expect_error(lambda: unsuppress(stub, MOBILE, mobile), Code.NOT_FOUND, "SUPPRESSION_NOT_FOUND")
    stub.UpdateIdentifiers(pb.UpdateIdentifiersRequest(customer=bo.name, source=TMALL, add=[ident(MOBILE, mobile)]))
    assert len(suppression_rows(database_url)) == 1  # the email stays suppressed


def test_other_orgs_are_not_affected(start_server, database_url, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(f"{token_line('acme', 'acme')}\n{token_line('globex', 'globex')}\n")
    server = start_server(suppression_key=KEY, tokens_file=tokens)
    acme, globex = stub_as(server, "acme"), stub_as(server, "globex")
    mobile = unique_mobile()
    ann = create(acme, profile(INSTORE, ident(MOBILE, mobile)))
    erase(acme, ann.name, suppress_identifiers=True)
    create(globex, profile(INSTORE, ident(MOBILE, mobile)))  # globex never erased it
    expect_error(
        lambda: create(acme, profile(INSTORE, ident(MOBILE, mobile))), Code.FAILED_PRECONDITION, "IDENTIFIER_SUPPRESSED"
    )


def test_an_erasure_without_suppress_identifiers_suppresses_nothing(start_server, database_url) -> None:
    stub = stub_as(start_server(suppression_key=KEY))
    mobile = unique_mobile()
    ann = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    erase(stub, ann.name)
    assert suppression_rows(database_url) == []
    create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    expect_error(lambda: unsuppress(stub, MOBILE, mobile), Code.NOT_FOUND, "SUPPRESSION_NOT_FOUND")


def test_without_a_key_suppression_is_refused_and_nothing_written(start_server, database_url) -> None:
    stub = stub_as(start_server())
    ann = create(stub, profile(INSTORE, ident(MOBILE, unique_mobile())))
    before = databases.rows(database_url)
    for request_id in ("", rid()):
        expect_error(
            lambda request_id=request_id: erase(stub, ann.name, suppress_identifiers=True, request_id=request_id),
            Code.FAILED_PRECONDITION,
            "SUPPRESSION_KEY_MISSING",
        )
    assert databases.rows(database_url) == before
    expect_error(lambda: unsuppress(stub, MOBILE, unique_mobile()), Code.FAILED_PRECONDITION, "SUPPRESSION_KEY_MISSING")


def test_a_server_without_the_key_refuses_adds_to_an_org_with_suppressions(start_server, database_url) -> None:
    """A replica started without the key cannot check values: it refuses rather than let one back."""
    keyed = stub_as(start_server(suppression_key=KEY))
    ann = create(keyed, profile(INSTORE, ident(MOBILE, unique_mobile())))
    erase(keyed, ann.name, suppress_identifiers=True)
    keyless = stub_as(start_server())
    expect_error(
        lambda: create(keyless, profile(INSTORE, ident(EMAIL, unique_email()))),
        Code.FAILED_PRECONDITION,
        "SUPPRESSION_KEY_MISSING",
    )


def test_validate_only_erasure_with_suppression_writes_nothing(start_server, database_url) -> None:
    stub = stub_as(start_server(suppression_key=KEY))
    person_mobile = unique_mobile()
    ann = create(stub, profile(INSTORE, ident(MOBILE, person_mobile)))
    before = databases.rows(database_url)
    dry = erase(stub, ann.name, suppress_identifiers=True, validate_only=True, request_id=rid()).customer
    assert dry.state == r.CUSTOMER_STATE_ERASED
    assert databases.rows(database_url) == before


def test_a_whole_person_with_victims_and_cards(start_server, database_url, backend) -> None:
    """Every value the person held, its victims' included, is suppressed; card numbers never are."""
    server = start_server(suppression_key=KEY)
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    stub = identifier_grpc.IdentifierServiceStub(channel)
    person = make_person(stub, card_grpc.CardServiceStub(channel))
    erase(stub, person.wx.name, suppress_identifiers=True)  # a victim's name erases the whole person
    held = person.values[:3]  # the removed EXTERNAL_ID was not held at the erasure
    assert {row[1] for row in suppression_rows(database_url)} == {
        KEY.digest("default", v)
        for v in [
            _normalized(MOBILE, held[0]),
            _normalized(EMAIL, held[1]),
            _normalized(r.IDENTIFIER_TYPE_WECHAT, held[2]),
        ]
    }
    assert_gone_everywhere(person.values, database_url, backend)


def _normalized(type_: int, value: str) -> IdentifierValue:
    return IdentifierPolicy().parse(type_, value, "")


def test_unsuppress_needs_the_review_grant(start_server, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(f"{token_line('acme', PLAIN, 'reveal')}\n{token_line('acme', REVIEWER, 'reveal', 'review')}\n")
    server = start_server(suppression_key=KEY, tokens_file=tokens)
    plain, reviewer = stub_as(server, PLAIN), stub_as(server, REVIEWER)
    mobile = unique_mobile()
    ann = create(plain, profile(INSTORE, ident(MOBILE, mobile)))
    erase(plain, ann.name, suppress_identifiers=True)
    denied = expect_error(
        lambda: unsuppress(plain, MOBILE, mobile, request_id=rid()), Code.PERMISSION_DENIED, "PERMISSION_DENIED"
    )
    assert denied.error_infos[0].metadata["grant"] == "review"
    assert unsuppress(reviewer, MOBILE, mobile).type == MOBILE


def test_unsuppress_refuses_malformed_identifiers(start_server) -> None:
    stub = stub_as(start_server(suppression_key=KEY))
    for type_, value, reason in [
        (MOBILE, "12", "INVALID_IDENTIFIER"),
        (r.IDENTIFIER_TYPE_CARD_NUMBER, "C123456", "INVALID_ARGUMENT"),
        (MOBILE, "0000000000", "BLOCKED_VALUE"),
    ]:
        expect_error(lambda t=type_, v=value: unsuppress(stub, t, v), Code.INVALID_ARGUMENT, reason)
    expect_error(
        lambda: stub.UnsuppressIdentifier(pb.UnsuppressIdentifierRequest()), Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"
    )


def test_import_rejects_suppressed_values(start_server, database_url, tmp_path: Path) -> None:
    stub = stub_as(start_server(suppression_key=KEY))
    mobile = unique_mobile()
    ann = create(stub, profile(INSTORE, ident(MOBILE, mobile)))
    erase(stub, ann.name, suppress_identifiers=True)
    key_file = tmp_path / "key"
    key_file.write_text(f"  {KEY_HEX}\n")
    rows = tmp_path / "rows.csv"
    rows.write_text(f"customer,source,account_id,mobile,email\n1,INSTORE,,{mobile},\n2,INSTORE,,,{unique_email()}\n")
    done = _import(rows, database_url, "--suppression-key-file", str(key_file))
    assert done.returncode == 1, done.stderr
    rejects = (tmp_path / "rows.csv.rejects.jsonl").read_text().splitlines()
    assert len(rejects) == 1 and "IDENTIFIER_SUPPRESSED" in rejects[0]
    # Without the key, an org with suppressions has every row refused.
    rows.write_text(f"customer,source,account_id,mobile,email\n3,INSTORE,,,{unique_email()}\n")
    done = _import(rows, database_url)
    rejects = (tmp_path / "rows.csv.rejects.jsonl").read_text().splitlines()
    assert done.returncode == 1 and len(rejects) == 1 and "SUPPRESSION_KEY_MISSING" in rejects[0]


def _import(rows: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "loyalty_identity",
            "import",
            str(rows),
            "--database",
            database_url,
            "--org",
            "default",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [("ab" * 16, "16 bytes"), ("short raw key", "13 bytes"), (None, "No such file or directory")],
)
def test_serve_refuses_a_short_or_missing_key(tmp_path: Path, text: str | None, problem: str) -> None:
    key_file = tmp_path / f"key-{uuid.uuid4().hex}"
    if text is not None:
        key_file.write_text(text)
    database = [f"sqlite:///{tmp_path / 'x.db'}"]
    key_args = ["--suppression-key-file", str(key_file)]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "loyalty_identity",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            *database,
            *key_args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("loyalty-identity: error: ") and problem in lines[0], done.stderr
    assert done.returncode == (1 if text is None else 2)


def test_key_parsing() -> None:
    assert SuppressionKey.parse(f"\n {KEY_HEX} \n".encode()).secret == bytes.fromhex(KEY_HEX)
    raw = b"a raw secret that is long enough!!"
    assert SuppressionKey.parse(raw).secret == raw
    one = SuppressionKey.parse(KEY_HEX.encode())
    value = IdentifierValue(IdentifierType.MOBILE, "919876543210")
    assert one.digest("acme", value) != one.digest("globex", value)  # per org
    assert one.digest("acme", value) != SuppressionKey.parse(b"7f" * 32).digest("acme", value)  # per key
