"""The HTTP listener (SPEC 8): every RPC over Connect, JSON and binary, from the same servicers as gRPC.

The answers are compared with gRPC's on one server: the same request gives the same answer,
an error the same code, reason and details, with the HTTP status the Connect protocol gives it.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import ssl
import subprocess
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import json_format, message
from google.rpc import error_details_pb2, status_pb2

from loyalty_identity.api.connect import CONNECT_CODES
from loyalty_identity.api.errors import code_of
from loyalty_identity.api.protos import (
    card_grpc,
    card_pb,
    event_grpc,
    event_pb,
    identifier_grpc,
    identifier_pb,
    merge_review_grpc,
    merge_review_pb,
)
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import RunningServer
from loyalty_identity.domain.errors import Reason
from tests import databases
from tests.certs import CertificateAuthority
from tests.e2e.test_observability import scrape, value
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, ident, profile, unique_email, unique_mobile

IDS, CARDS = "loyalty.identity.v1.IdentifierService", "loyalty.identity.v1.CardService"
EVENTS, REVIEW = "loyalty.identity.v1.EventService", "loyalty.identity.v1.MergeReviewService"
SERVICES = {
    IDS: identifier_pb.DESCRIPTOR.services_by_name["IdentifierService"],
    CARDS: card_pb.DESCRIPTOR.services_by_name["CardService"],
    EVENTS: event_pb.DESCRIPTOR.services_by_name["EventService"],
    REVIEW: merge_review_pb.DESCRIPTOR.services_by_name["MergeReviewService"],
}
# The Connect protocol's HTTP status for each code (connectrpc.com/docs/protocol#error-codes).
HTTP_STATUS = {
    "canceled": 499,
    "unknown": 500,
    "invalid_argument": 400,
    "deadline_exceeded": 504,
    "not_found": 404,
    "already_exists": 409,
    "permission_denied": 403,
    "resource_exhausted": 429,
    "failed_precondition": 400,
    "aborted": 409,
    "out_of_range": 400,
    "unimplemented": 501,
    "internal": 500,
    "unavailable": 503,
    "data_loss": 500,
    "unauthenticated": 401,
}


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def error_infos(self) -> list[error_details_pb2.ErrorInfo]:
        return [detail for detail in self.details() if isinstance(detail, error_details_pb2.ErrorInfo)]

    def details(self) -> list[message.Message]:
        kinds = {
            "google.rpc.ErrorInfo": error_details_pb2.ErrorInfo,
            "google.rpc.BadRequest": error_details_pb2.BadRequest,
            "google.rpc.ResourceInfo": error_details_pb2.ResourceInfo,
        }
        found = []
        for detail in self.json().get("details", []):
            raw = base64.b64decode(detail["value"] + "=" * (-len(detail["value"]) % 4))
            found.append(kinds[detail["type"]].FromString(raw))
        return found


class Http:
    """Plain HTTP/1.1 calls to the listener (http.client: what the test sees is what was sent)."""

    def __init__(self, port: int, token: str | None = None, tls: ssl.SSLContext | None = None) -> None:
        self.port, self.token, self.tls = port, token, tls

    def send(self, verb: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> Answer:
        if self.tls is not None:
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                "localhost", self.port, context=self.tls, timeout=10
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        sent = dict(headers or {})
        if self.token:
            sent["authorization"] = f"Bearer {self.token}"
        try:
            conn.request(verb, path, body=body, headers=sent)
            response = conn.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            conn.close()

    def call(self, service: str, method: str, request: message.Message, **headers: str) -> Answer:
        body = json_format.MessageToJson(request).encode()
        return self.send("POST", f"/{service}/{method}", body, {"content-type": "application/json", **headers})

    def call_proto(self, service: str, method: str, request: message.Message) -> Answer:
        body = request.SerializeToString()
        return self.send("POST", f"/{service}/{method}", body, {"content-type": "application/proto"})

    def get(self, service: str, method: str, request: message.Message) -> Answer:
        query = urllib.parse.urlencode({"encoding": "json", "message": json_format.MessageToJson(request, indent=None)})
        return self.send("GET", f"/{service}/{method}?{query}")


def response_type(service: str, method: str) -> type[message.Message]:
    descriptor = SERVICES[service].methods_by_name[method].output_type
    from google.protobuf import message_factory

    return message_factory.GetMessageClass(descriptor)


def parsed(answer: Answer, service: str, method: str) -> Any:
    assert answer.status == 200, answer.body
    return json_format.Parse(answer.body, response_type(service, method)())


@pytest.fixture
def listener(start_server: Callable[..., RunningServer]) -> RunningServer:
    return start_server(http_listen="127.0.0.1:0", metrics_listen="127.0.0.1:0")


@pytest.fixture
def web(listener: RunningServer) -> Http:
    assert listener.http_port
    return Http(listener.http_port)


@pytest.fixture
def stubs(listener: RunningServer) -> Iterator[dict[str, Any]]:
    with grpc.insecure_channel(f"127.0.0.1:{listener.port}") as channel:
        yield {
            IDS: identifier_grpc.IdentifierServiceStub(channel),
            CARDS: card_grpc.CardServiceStub(channel),
            EVENTS: event_grpc.EventServiceStub(channel),
            REVIEW: merge_review_grpc.MergeReviewServiceStub(channel),
        }


def grpc_answer(stubs: dict[str, Any], service: str, method: str, request: message.Message) -> Any:
    try:
        return getattr(stubs[service], method)(request)
    except grpc.RpcError as error:
        return error


# Every unary RPC, over both protocols ------------------------------------------------------


def every_call(stubs: dict[str, Any]) -> list[tuple[str, str, message.Message]]:
    """One request for each unary RPC, on data made over gRPC; writes carry a request_id."""
    ids, cards = stubs[IDS], stubs[CARDS]
    rid = lambda: str(uuid.uuid4())  # noqa: E731
    mobile, email = unique_mobile(), unique_email()
    ann = ids.CreateCustomer(identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, mobile))]))
    bob = ids.CreateCustomer(identifier_pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(EMAIL, email))]))
    fmt = r.CardNumberFormat(prefix="C", length=8, method=r.CARD_NUMBER_METHOD_SEQUENTIAL)
    series = cards.CreateCardSeries(
        card_pb.CreateCardSeriesRequest(series=r.CardSeries(code="C1", name="C", type=r.CARD_TYPE_DIGITAL, format=fmt))
    ).series
    [number, other_number] = cards.GenerateCards(card_pb.GenerateCardsRequest(series_id=series.id, count=2)).numbers
    merged = ids.UpdateIdentifiers(
        identifier_pb.UpdateIdentifiersRequest(customer=bob.customer.name, source=TMALL, add=[ident(MOBILE, mobile)])
    ).merges[0]
    return [
        (IDS, "CreateCustomer", identifier_pb.CreateCustomerRequest(
            profiles=[profile(INSTORE, ident(EMAIL, unique_email()))], request_id=rid())),
        (IDS, "GetCustomer", identifier_pb.GetCustomerRequest(name=bob.customer.name)),
        (IDS, "LookupCustomer", identifier_pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, mobile))),
        (IDS, "UpdateIdentifiers", identifier_pb.UpdateIdentifiersRequest(
            customer=ann.customer.name, source=INSTORE, add=[ident(EMAIL, unique_email())], request_id=rid())),
        (IDS, "ListMerges", identifier_pb.ListMergesRequest(customer=ann.customer.name)),
        (IDS, "FindCustomers", identifier_pb.FindCustomersRequest(
            queries=[identifier_pb.IdentifierQuery(identifier=ident(MOBILE, mobile))])),
        (IDS, "UnmergeCustomers", identifier_pb.UnmergeCustomersRequest(merge=merged.name, request_id=rid())),
        (IDS, "MergeCustomers", identifier_pb.MergeCustomersRequest(
            victim=bob.customer.name, survivor=ann.customer.name, request_id=rid())),
        (IDS, "UnsuppressIdentifier", identifier_pb.UnsuppressIdentifierRequest(
            identifier=ident(EMAIL, unique_email()), request_id=rid())),
        (CARDS, "CreateCardSeries", card_pb.CreateCardSeriesRequest(
            series=r.CardSeries(code="C2", name="C", type=r.CARD_TYPE_DIGITAL, format=fmt), request_id=rid())),
        (CARDS, "GetCardSeries", card_pb.GetCardSeriesRequest(id=series.id)),
        (CARDS, "ListCardSeries", card_pb.ListCardSeriesRequest()),
        (CARDS, "CreateStatusLabel", card_pb.CreateStatusLabelRequest(
            label="GOLD", status=r.CARD_STATUS_ACTIVE, request_id=rid())),
        (CARDS, "ListStatusLabels", card_pb.ListStatusLabelsRequest()),
        (CARDS, "CreateCard", card_pb.CreateCardRequest(series_id=series.id, number="C9999999", request_id=rid())),
        (CARDS, "GenerateCards", card_pb.GenerateCardsRequest(series_id=series.id, count=3, request_id=rid())),
        (CARDS, "GetCard", card_pb.GetCardRequest(number=number)),
        (CARDS, "ListCards", card_pb.ListCardsRequest(series_id=series.id)),
        (CARDS, "IssueCard", card_pb.IssueCardRequest(
            customer=ann.customer.name, number=number, request_id=rid())),
        (CARDS, "UpdateCardStatus", card_pb.UpdateCardStatusRequest(
            number=other_number, status_label="ACTIVE", request_id=rid())),
        (CARDS, "UnlinkCard", card_pb.UnlinkCardRequest(number=other_number, request_id=rid())),
        (CARDS, "ListCardStatusChanges", card_pb.ListCardStatusChangesRequest(number=number)),
        (EVENTS, "ListEvents", event_pb.ListEventsRequest(page_size=5)),
        (REVIEW, "GetMergePolicy", merge_review_pb.GetMergePolicyRequest()),
        (REVIEW, "UpdateMergePolicy", merge_review_pb.UpdateMergePolicyRequest(
            policy=r.MergePolicy(max_merged_customers=5), request_id=rid())),
        (REVIEW, "ListMergeCandidates", merge_review_pb.ListMergeCandidatesRequest()),
        (REVIEW, "GetMergeCandidate", merge_review_pb.GetMergeCandidateRequest(name=f"mergeCandidates/{uuid.uuid4()}")),
        (REVIEW, "AcceptMergeCandidate", merge_review_pb.AcceptMergeCandidateRequest(
            name=f"mergeCandidates/{uuid.uuid4()}", request_id=rid())),
        (REVIEW, "RejectMergeCandidate", merge_review_pb.RejectMergeCandidateRequest(
            name=f"mergeCandidates/{uuid.uuid4()}", request_id=rid())),
        (IDS, "EraseCustomer", identifier_pb.EraseCustomerRequest(name=ann.customer.name, request_id=rid())),
    ]  # fmt: skip


def test_every_unary_rpc_answers_over_connect_json_and_binary_as_over_grpc(web: Http, stubs: dict[str, Any]) -> None:
    calls = every_call(stubs)
    unary = {(s, m.name) for s, d in SERVICES.items() for m in d.methods if not m.server_streaming}
    assert {(s, m) for s, m, _ in calls} == unary, "one request for each unary RPC"
    for service, method, request in calls:
        # Writes go first over gRPC, then over Connect with the same request_id: the stored answer, byte for byte.
        expected = grpc_answer(stubs, service, method, request)
        answer, binary = web.call(service, method, request), web.call_proto(service, method, request)
        if isinstance(expected, grpc.RpcError):
            assert_same_error(answer, expected)
            assert binary.status == answer.status and binary.headers["content-type"] == "application/json"
            assert binary.json() == answer.json()  # a Connect error is JSON whatever the codec
        else:
            assert parsed(answer, service, method) == expected, f"{service}/{method}"
            assert binary.status == 200 and binary.headers["content-type"] == "application/proto"
            assert response_type(service, method).FromString(binary.body) == expected, f"{service}/{method} (proto)"


def assert_same_error(answer: Answer, error: grpc.RpcError) -> None:
    """The Connect error carries gRPC's code (by its Connect name), message and every detail, at its HTTP status."""
    code = CONNECT_CODES[error.code()].value
    assert answer.status == HTTP_STATUS[code], answer.body
    body = answer.json()
    assert body["code"] == code and body["message"] == error.details()
    trailers = dict(error.trailing_metadata() or ())
    status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    assert [d.value for d in status.details] == [
        base64.b64decode(d["value"] + "=" * (-len(d["value"]) % 4)) for d in body["details"]
    ]


def test_binary_proto_and_get_for_reads(web: Http, stubs: dict[str, Any]) -> None:
    mobile = unique_mobile()
    ann = (
        stubs[IDS]
        .CreateCustomer(identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, mobile))]))
        .customer
    )
    lookup = identifier_pb.LookupCustomerRequest(source=INSTORE, identifier=ident(MOBILE, mobile))
    binary = web.call_proto(IDS, "LookupCustomer", lookup)
    assert binary.status == 200 and binary.headers["content-type"] == "application/proto"
    assert identifier_pb.LookupCustomerResponse.FromString(binary.body).customer == ann
    got = web.get(IDS, "LookupCustomer", lookup)
    assert parsed(got, IDS, "LookupCustomer").customer == ann
    # A write does not answer GET, and nothing hangs on a method the protocol does not know.
    create = identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, unique_email()))])
    assert web.get(IDS, "CreateCustomer", create).status == 405
    for verb in ("PUT", "DELETE", "PATCH"):
        started = time.monotonic()
        assert web.send(verb, f"/{IDS}/GetCustomer", b"{}").status == 405
        assert time.monotonic() - started < 5
    assert web.send("POST", f"/{IDS}/NoSuchMethod", b"{}", {"content-type": "application/json"}).status == 404


def test_errors_carry_the_reason_and_details_with_the_http_status(web: Http, stubs: dict[str, Any], db_rows) -> None:
    before = db_rows()
    cases = [
        (identifier_pb.GetCustomerRequest(name="customers/nope"), "GetCustomer", 400, "INVALID_ARGUMENT"),
        (identifier_pb.GetCustomerRequest(name=f"customers/{uuid.uuid4()}"), "GetCustomer", 404, "CUSTOMER_NOT_FOUND"),
    ]
    for request, method, status, reason in cases:
        answer = web.call(IDS, method, request)
        assert answer.status == status and [i.reason for i in answer.error_infos()] == [reason]
    taken = unique_email()
    stubs[IDS].CreateCustomer(identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, taken))]))
    before = db_rows()
    again = web.call(
        IDS, "CreateCustomer", identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, taken))])
    )
    assert again.status == 409 and again.json()["code"] == "already_exists"
    assert [i.reason for i in again.error_infos()] == ["IDENTIFIER_TAKEN"]
    # A body that is not the message, or a field the message lacks: INVALID_ARGUMENT with our ErrorInfo.
    for body in (b"{not json", b'{"profilez": []}'):
        bad = web.send("POST", f"/{IDS}/CreateCustomer", body, {"content-type": "application/json"})
        assert bad.status == 400 and [i.reason for i in bad.error_infos()] == ["INVALID_ARGUMENT"]
    assert db_rows() == before  # nothing written by a refusal


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_the_http_status_of_its_code(reason: Reason) -> None:
    connect = CONNECT_CODES[grpc.StatusCode[_grpc_name(code_of(reason))]]
    assert connect.value in HTTP_STATUS  # every code the service gives has its Connect HTTP status


def _grpc_name(code: int) -> str:
    from google.rpc import code_pb2

    return "CANCELLED" if code == code_pb2.CANCELLED else code_pb2.Code.Name(code)


def test_a_body_over_the_size_limit_is_refused_and_writes_nothing(start_server, db_rows) -> None:
    server = start_server(http_listen="127.0.0.1:0", max_message_bytes=64 * 1024)
    assert server.http_port
    before = db_rows()
    big = json.dumps({"profiles": [{"source": "SOURCE_INSTORE", "account_id": "x" * 100_000}]}).encode()
    answer = Http(server.http_port).send("POST", f"/{IDS}/CreateCustomer", big, {"content-type": "application/json"})
    assert answer.status in (413, 429) and answer.json()["code"] == "resource_exhausted"
    assert db_rows() == before


def test_tokens_and_org_isolation_as_on_grpc(start_server) -> None:
    sha = lambda token: hashlib.sha256(token.encode()).hexdigest()  # noqa: E731
    server = start_server(http_listen="127.0.0.1:0", tokens=f"acme sha256:{sha('a')};beta sha256:{sha('b')}")
    assert server.http_port
    anonymous, acme, beta = Http(server.http_port), Http(server.http_port, "a"), Http(server.http_port, "b")
    create = identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, unique_email()))])
    denied = anonymous.call(IDS, "CreateCustomer", create)
    assert denied.status == 401 and [i.reason for i in denied.error_infos()] == ["UNAUTHENTICATED"]
    made = parsed(acme.call(IDS, "CreateCustomer", create), IDS, "CreateCustomer")
    get = identifier_pb.GetCustomerRequest(name=made.customer.name)
    assert parsed(acme.call(IDS, "GetCustomer", get), IDS, "GetCustomer").customer == made.customer
    assert beta.call(IDS, "GetCustomer", get).status == 404  # another org's customer does not exist for it
    # Deciding for people needs the review grant, here as on gRPC.
    policy = merge_review_pb.UpdateMergePolicyRequest(policy=r.MergePolicy(max_merged_customers=3))
    assert acme.call(REVIEW, "UpdateMergePolicy", policy).status == 403


def test_the_listener_needs_tokens_off_loopback(start_server) -> None:
    from loyalty_identity.api.server import ConfigError

    with pytest.raises(ConfigError, match="without tokens"):
        start_server(http_listen="0.0.0.0:0")


def test_tls_on_the_http_listener_with_the_grpc_certificate(start_server, tmp_path: Path) -> None:
    from loyalty_identity.api.server import TlsConfig

    authority = CertificateAuthority(tmp_path)
    issued = authority.issue("localhost", server=True)
    server = start_server(http_listen="127.0.0.1:0", tls=TlsConfig(issued.cert, issued.key))
    assert server.http_port
    context = ssl.create_default_context(cafile=str(authority.issued.cert))
    secure = Http(server.http_port, tls=context)
    answer = secure.call(REVIEW, "GetMergePolicy", merge_review_pb.GetMergePolicyRequest())
    assert answer.status == 200
    with pytest.raises((ssl.SSLError, ConnectionError, http.client.HTTPException)):
        Http(server.http_port).send("GET", "/")  # plaintext to a TLS port: no answer


def test_deadline_from_connect_timeout_ms(web: Http, database_url: str, db_rows) -> None:
    """A write stuck behind a lock answers deadline_exceeded when Connect-Timeout-Ms passes, and writes nothing."""
    request = identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, unique_email()))])
    before = db_rows()
    with databases.write_lock_held(database_url):
        started = time.monotonic()
        answer = web.call(IDS, "CreateCustomer", request, **{"connect-timeout-ms": "300"})
        waited = time.monotonic() - started
    assert answer.status == 504 and answer.json()["code"] == "deadline_exceeded", answer.body
    assert waited < 5
    time.sleep(0.5)  # the servicer's thread gives up at its deadline too: nothing is committed after the answer
    assert db_rows() == before


def test_watch_events_streams_over_connect(web: Http, stubs: dict[str, Any]) -> None:
    for _ in range(3):
        stubs[IDS].CreateCustomer(
            identifier_pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EMAIL, unique_email()))])
        )
    listed = stubs[EVENTS].ListEvents(event_pb.ListEventsRequest(page_size=10)).events
    request = json_format.MessageToJson(event_pb.WatchEventsRequest(), indent=None).encode()
    envelope = b"\x00" + len(request).to_bytes(4, "big") + request
    answer = web.send(
        "POST",
        f"/{EVENTS}/WatchEvents",
        envelope,
        {"content-type": "application/connect+json", "connect-timeout-ms": "1500"},
    )
    assert answer.status == 200
    frames, rest = [], answer.body
    while rest:
        flags, size = rest[0], int.from_bytes(rest[1:5], "big")
        frames.append((flags, rest[5 : 5 + size]))
        rest = rest[5 + size :]
    streamed = [json_format.Parse(data, event_pb.WatchEventsResponse()) for flags, data in frames if not flags & 2]
    events = [item.event for item in streamed]
    assert events[: len(listed)] == list(listed)
    assert frames[-1][0] & 2  # the end-of-stream message (its error: the deadline, once the feed is read)


def test_calls_are_counted_with_their_protocol(listener: RunningServer, web: Http, stubs: dict[str, Any]) -> None:
    stubs[REVIEW].GetMergePolicy(merge_review_pb.GetMergePolicyRequest())
    web.call(REVIEW, "GetMergePolicy", merge_review_pb.GetMergePolicyRequest())
    web.call(REVIEW, "GetMergePolicy", merge_review_pb.GetMergePolicyRequest())
    assert listener.metrics_port
    samples = scrape(listener.metrics_port)
    count = "loyalty_identity_rpc_requests_total"
    assert value(samples, count, method="GetMergePolicy", code="OK", protocol="grpc") == 1
    assert value(samples, count, method="GetMergePolicy", code="OK", protocol="connect") == 2


def test_http2_with_prior_knowledge(web: Http, stubs: dict[str, Any]) -> None:
    body = json_format.MessageToJson(merge_review_pb.GetMergePolicyRequest()).encode()
    result = subprocess.run(
        ["curl", "-s", "--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
         "-H", "content-type: application/json", "--data-binary", body.decode(),
         f"http://127.0.0.1:{web.port}/{REVIEW}/GetMergePolicy"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.stdout == "2 200", result.stderr
