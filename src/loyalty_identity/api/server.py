"""The server factory (used by tests and `serve`) and the serving loop."""

from __future__ import annotations

import errno
import ipaddress
import logging
import re
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent import futures
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import grpc
from google.protobuf import message, message_factory
from google.protobuf.descriptor import ServiceDescriptor

# Registered in the default descriptor pool for reflection (see create_server).
from google.rpc import code_pb2, error_details_pb2, status_pb2  # noqa: F401
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from loyalty_identity.api.auth import Authenticator, StaticTokens, TokenFile, TokenSource
from loyalty_identity.api.card_servicer import CardServicer
from loyalty_identity.api.connect import CODECS, Bridge
from loyalty_identity.api.event_servicer import EventServicer, WatchSettings
from loyalty_identity.api.http import HttpServer, Router, StaticFiles
from loyalty_identity.api.identifier_servicer import IdentifierServicer
from loyalty_identity.api.merge_review_servicer import MergeReviewServicer
from loyalty_identity.api.protos import (
    card_connect,
    card_pb,
    event_connect,
    event_pb,
    identifier_connect,
    identifier_pb,
    merge_review_connect,
    merge_review_pb,
)
from loyalty_identity.api.readiness import Readiness
from loyalty_identity.api.reflection import enable_documented_reflection
from loyalty_identity.api.rpc import abort
from loyalty_identity.bootstrap import (
    DEFAULT_DATABASE_URL,
    Core,
    Database,
    GroupCommitSettings,
    SettingsError,
    open_core,
    redact_url,
)
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.domain.suppression import SuppressionKey, SuppressionKeyError
from loyalty_identity.observability.telemetry import Telemetry
from loyalty_identity.service.application import DEFAULT_EVENT_RETENTION, Application

log = logging.getLogger(__name__)

DEFAULT_LISTEN = "127.0.0.1:50051"
PURGE_INTERVAL_S = 3600.0
SHUTDOWN_GRACE_S = 30.0


class ConfigError(ValueError):
    """The server cannot start with these settings."""


class StartupError(RuntimeError):
    """Valid settings, but the server could not start: an address in use, a file it cannot read."""


class AddressInUseError(StartupError):
    pass


def load_suppression_key(path: Path | None) -> SuppressionKey | None:
    """The key file's key (domain/suppression.py); a missing file is an OSError (exit 1), a short key exit 2."""
    if path is None:
        return None
    try:
        return SuppressionKey.parse(path.read_bytes())
    except SuppressionKeyError as error:
        raise ConfigError(f"{path}: {error}") from error


@dataclass(frozen=True)
class ListenAddress:
    host: str  # an IPv6 host without its brackets
    port: int  # 0: the OS picks one

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


# RFC 1123 host names; the last label is not all digits (that would be a broken IPv4 address).
_HOSTNAME = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?")


def parse_listen(text: str, name: str = "listen address") -> ListenAddress:
    """HOST:PORT, HOST an IP address, [IPv6] or a host name; ConfigError says what is wrong with it.

    grpcio takes a port above 65535 modulo 65536 and several comma-separated
    addresses: both are refused here, before anything starts.
    """
    host, sep, port = text.rpartition(":")
    if not sep or not host or (host.startswith("[") and not host.endswith("]")):
        raise ConfigError(f"{name} {text!r} is not HOST:PORT (for example 127.0.0.1:50051 or [::1]:50051)")
    if not port.isascii() or not port.isdigit():
        raise ConfigError(f"{name} {text!r}: the port must be a number, not {port!r}")
    if int(port) > 65535:
        raise ConfigError(f"{name} {text!r}: port {int(port)} is out of range (1 to 65535, or 0 to pick a free one)")
    if host.startswith("[") and host.endswith("]"):
        try:
            return ListenAddress(str(ipaddress.IPv6Address(host[1:-1])), int(port))
        except ValueError:
            raise ConfigError(f"{name} {text!r}: {host} is not an IPv6 address") from None
    if ":" in host:
        hint = "put an IPv6 address in brackets, as in [::1]:50051" if _is_ipv6(host) else "one HOST:PORT only"
        raise ConfigError(f"{name} {text!r}: {hint}")
    if not _is_host(host):
        raise ConfigError(f"{name} {text!r}: {host!r} is neither an IP address nor a host name")
    return ListenAddress(host, int(port))


def _is_ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host)
        return True
    except ValueError:
        return False


def _is_host(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
        return True
    except ValueError:
        pass
    return len(host) <= 253 and _HOSTNAME.fullmatch(host) is not None and not host.rstrip(".").split(".")[-1].isdigit()


@dataclass
class TlsConfig:
    cert_file: Path
    key_file: Path
    # With a client CA, every client must present a certificate it signed (mutual TLS).
    client_ca_file: Path | None = None


@dataclass
class ServerConfig:
    listen: str = DEFAULT_LISTEN
    database_url: str = DEFAULT_DATABASE_URL
    tokens_file: Path | None = None
    tokens: str = ""  # inline `ORG sha256:HEX` entries, `;` or newline separated
    tls: TlsConfig | None = None
    blocked_values: list[str] = field(default_factory=list)
    # The secret of suppression after erasure (RULES 2.5.2); None: EraseCustomer cannot suppress.
    suppression_key: SuppressionKey | None = field(default=None, repr=False)
    # Threads serving unary calls (WatchEvents streams have a pool of their own); None picks by
    # engine: SQLite runs one writer at a time and its reads take ~0.1 ms, so 4 threads keep both
    # cores busy with less GIL contention than 16 (benchmarks/); PostgreSQL calls wait on the
    # network and on row locks, so 16.
    max_workers: int | None = None
    # Calls beyond this many at once are refused with RESOURCE_EXHAUSTED (by gRPC itself).
    max_concurrent_rpcs: int = 256
    max_message_bytes: int = 1 << 20
    # HOST:PORT serving Prometheus /metrics (port 0 picks one); None: no endpoint.
    metrics_listen: str | None = None
    # HOST:PORT serving every RPC over HTTP with the Connect protocol, and the console (SPEC 8);
    # None: no HTTP listener.
    http_listen: str | None = None
    # OTLP/HTTP collector base URL (http://collector:4318); None: no tracing, OpenTelemetry never loaded.
    otlp_endpoint: str | None = None
    # Log every call at INFO (else at DEBUG).
    access_log: bool = False
    # Events older than this are purged from the change feed (EVENTS_EXPIRED for readers behind it).
    event_retention: timedelta = DEFAULT_EVENT_RETENTION
    watch: WatchSettings = field(default_factory=WatchSettings)
    # One process of a group on one port (serve --processes, api/group.py): the group's parent checked
    # the address and holds its port; this server binds it with SO_REUSEPORT, as its siblings do.
    share_port: bool = False
    # SQLite files: writes committed in batches by one writer thread (store/group_commit.py).
    group_commit: GroupCommitSettings = field(default_factory=GroupCommitSettings)


@dataclass
class RunningServer:
    """A server bound to its port (started by start())."""

    server: grpc.Server
    port: int
    health: health.HealthServicer
    core: Core  # the database, the use cases and telemetry (bootstrap)
    metrics_port: int | None = None  # where /metrics is served, if it is
    http: HttpServer | None = None  # the Connect endpoints and the console (SPEC 8), if served
    readiness: Readiness | None = None  # health follows the database (SPEC 9)
    watch_pool: futures.ThreadPoolExecutor | None = None  # the WatchEvents streams' threads
    call_pool: futures.ThreadPoolExecutor | None = None  # the unary calls' threads
    _stopped: threading.Event = field(default_factory=threading.Event)

    @property
    def database(self) -> Database:
        return self.core.database

    @property
    def app(self) -> Application:
        return self.core.app

    @property
    def telemetry(self) -> Telemetry:
        return self.core.telemetry

    @property
    def http_port(self) -> int | None:
        return None if self.http is None else self.http.port

    def start(self) -> None:
        self.server.start()
        if self.http is not None:
            self.http.start()
        if self.readiness is not None:
            self.readiness.start()
        threading.Thread(target=self._purge_loop, name="purge-request-ids", daemon=True).start()

    def stop(self, grace: float | None = SHUTDOWN_GRACE_S) -> None:
        """Refuse new calls, let in-flight ones finish (up to grace seconds), close the database."""
        self._stopped.set()
        if self.readiness is not None:
            self.readiness.stop()
        self.app.feed_signal.close()  # watchers end their streams (UNAVAILABLE: resume elsewhere)
        self.health.enter_graceful_shutdown()
        if self.http is not None:
            self.http.stop()
        self.server.stop(grace).wait()
        for pool in (self.call_pool, self.watch_pool):
            if pool is not None:
                pool.shutdown(wait=False)  # gRPC leaves the executors it was given running
        self.core.close()  # after the last call: its span gets exported

    def _purge_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                purged = self.app.purge_request_ids()
                if purged:
                    log.info("forgot %d request ids past retention", purged)
                purged = self.app.purge_events()
                if purged:
                    log.info("purged %d change feed events past retention", purged)
            except Exception:
                log.exception("request id purge failed")
            self._stopped.wait(PURGE_INTERVAL_S)


def is_loopback(listen: str) -> bool:
    host = listen.rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _parsing_handler(
    impl: Callable[[Any, grpc.ServicerContext], Any],
    request_class: type[message.Message],
    observe: Callable[[grpc.ServicerContext], AbstractContextManager[object]] | None = None,
) -> Callable[[bytes, grpc.ServicerContext], Any]:
    """Parse the request ourselves: grpcio answers INTERNAL to undecodable bytes.

    observe wraps the whole call (request id, metrics, access log, span).
    """

    def parse_and_call(raw: bytes, context: grpc.ServicerContext) -> Any:
        try:
            request = request_class.FromString(raw)
        except message.DecodeError as error:
            abort(context, DomainError(Reason.INVALID_ARGUMENT, f"malformed request message: {error}"))
            return None
        return impl(request, context)

    if observe is None:
        return parse_and_call

    def handle(raw: bytes, context: grpc.ServicerContext) -> Any:
        with observe(context):
            return parse_and_call(raw, context)

    return handle


def _streaming_handler(
    impl: Callable[[Any, grpc.ServicerContext], Iterator[Any]],
    request_class: type[message.Message],
    observe: Callable[[grpc.ServicerContext], AbstractContextManager[object]] | None = None,
) -> Callable[[bytes, grpc.ServicerContext], Iterator[Any]]:
    """_parsing_handler for server-streaming methods: observe spans the whole stream."""

    def handle(raw: bytes, context: grpc.ServicerContext) -> Iterator[Any]:
        try:
            request = request_class.FromString(raw)
        except message.DecodeError as error:
            abort(context, DomainError(Reason.INVALID_ARGUMENT, f"malformed request message: {error}"))
            return
        if observe is None:
            yield from impl(request, context)
            return
        with observe(context):
            yield from impl(request, context)

    return handle


def _serialize(response: message.Message) -> bytes:
    # Deterministic (map entries in key order): a reply replayed from its stored
    # bytes goes out byte for byte as it did the first time.
    return response.SerializeToString(deterministic=True)


def service_handler(
    servicer: object,
    service: ServiceDescriptor,
    telemetry: Telemetry | None = None,
    stream_pool: futures.ThreadPoolExecutor | None = None,
) -> grpc.GenericRpcHandler:
    """stream_pool: threads of their own for server-streaming methods (WatchEvents)."""
    handlers = {}
    for method in service.methods:
        request_class = message_factory.GetMessageClass(method.input_type)
        observe = telemetry.rpc(service.full_name, method.name) if telemetry else None
        if method.server_streaming:
            handle = _streaming_handler(getattr(servicer, method.name), request_class, observe)
            if stream_pool is not None:
                # grpcio runs a handler with this attribute on that pool: a stream lives as long
                # as its watcher, and must not hold one of the few threads that serve calls.
                handle.experimental_thread_pool = stream_pool  # type: ignore[attr-defined]
            handlers[method.name] = grpc.unary_stream_rpc_method_handler(
                handle, request_deserializer=None, response_serializer=_serialize
            )
            continue
        handlers[method.name] = grpc.unary_unary_rpc_method_handler(
            _parsing_handler(getattr(servicer, method.name), request_class, observe),
            request_deserializer=None,
            response_serializer=_serialize,
        )
    return grpc.method_handlers_generic_handler(service.full_name, handlers)


def token_sources(config: ServerConfig) -> list[TokenSource]:
    sources: list[TokenSource] = []
    if config.tokens_file:
        sources.append(TokenFile(config.tokens_file))
    if config.tokens.strip():
        sources.append(StaticTokens(config.tokens))
    return sources


def server_credentials(tls: TlsConfig) -> grpc.ServerCredentials:
    client_ca = _read(tls.client_ca_file, "TLS client CA") if tls.client_ca_file else None
    return grpc.ssl_server_credentials(
        [(_read(tls.key_file, "TLS key"), _read(tls.cert_file, "TLS certificate"))],
        root_certificates=client_ca,
        require_client_auth=client_ca is not None,
    )


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise StartupError(f"cannot read the {what} {path}: {error.strerror or error}") from error


def check_free(address: ListenAddress, name: str) -> None:
    """Fail, naming the address, if another process listens there.

    grpcio's own bind failure is a bare "Failed to bind" plus C-core log lines,
    and with a host of several addresses (localhost) it serves on whichever it
    could bind. A probe socket (SO_REUSEADDR like grpcio's, no SO_REUSEPORT)
    says which address is taken; it is closed at once, and the real bind comes
    later (a server taking the port in between makes that bind fail instead).
    """
    try:
        found = socket.getaddrinfo(address.host, address.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise StartupError(f"cannot listen on {address}: {address.host}: {error.strerror}") from error
    if address.port == 0:  # the OS picks a free one
        return
    failures: list[OSError] = []
    for family, kind, protocol, _, sockaddr in found:
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(sockaddr)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise AddressInUseError(f"{name} {address} is already in use") from error
                failures.append(error)
    if len(failures) == len(found):  # grpcio binds what it can: fail only when it could bind nothing
        raise StartupError(f"cannot listen on {address}: {failures[0].strerror}")


def _bind(server: grpc.Server, address: ListenAddress, credentials: grpc.ServerCredentials | None) -> int:
    """Bind the gRPC port; the port (the one picked for port 0)."""
    target = str(address)
    try:
        port = server.add_secure_port(target, credentials) if credentials else server.add_insecure_port(target)
    except RuntimeError as error:  # grpcio gives no reason; check_free caught the usual ones before
        raise StartupError(f"cannot listen on {address}") from error
    if port == 0:  # older grpcio said it this way
        raise StartupError(f"cannot listen on {address}")
    return int(port)


def _serve_metrics(telemetry: Telemetry, address: ListenAddress) -> int:
    try:
        return telemetry.serve_metrics(str(address))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise AddressInUseError(f"metrics address {address} is already in use") from error
        raise StartupError(f"cannot serve metrics on {address}: {error.strerror or error}") from error


def _open_core(config: ServerConfig, max_connections: int) -> Core:
    """The database, use cases and telemetry, from the composition root."""
    try:
        return open_core(
            config.database_url,
            max_connections=max_connections,
            blocked_values=config.blocked_values,
            suppression_key=config.suppression_key,
            event_retention=config.event_retention,
            otlp_endpoint=config.otlp_endpoint,
            access_log=config.access_log,
            group_commit=config.group_commit,
        )
    except SettingsError as error:
        raise ConfigError(str(error)) from error


def create_server(config: ServerConfig) -> RunningServer:
    """Check the settings, take the database, use cases and telemetry from the root, build and bind the server.

    Addresses are checked before anything else; if a later step fails, what
    was opened (the database pool, metrics endpoint, tracing) is closed again.
    """
    listen = parse_listen(config.listen)
    metrics_listen = parse_listen(config.metrics_listen, "metrics address") if config.metrics_listen else None
    if metrics_listen == listen and listen.port != 0:
        raise ConfigError(f"metrics address {metrics_listen} is the listen address: give it a port of its own")
    http_listen = parse_listen(config.http_listen, "HTTP address") if config.http_listen else None
    if http_listen is not None and http_listen.port != 0 and http_listen in (listen, metrics_listen):
        raise ConfigError(f"HTTP address {http_listen} is taken by another listener: give it a port of its own")
    auth = Authenticator(token_sources(config))
    for address in (config.listen, config.http_listen):
        if address and auth.protected_mode and not is_loopback(address):
            raise ConfigError(f"refusing to listen on {address} without tokens: pass --tokens")
    # What can be checked is checked before the database is opened (and migrated).
    credentials = server_credentials(config.tls) if config.tls else None
    if not config.share_port:
        check_free(listen, "listen address")
    if metrics_listen:
        check_free(metrics_listen, "metrics address")
    if http_listen:
        check_free(http_listen, "HTTP address")
    workers = config.max_workers or (4 if config.database_url.startswith("sqlite") else 16)
    with ExitStack() as opened:  # closed in reverse order unless everything succeeds
        # One connection per thread (calls, and watchers while they poll), the purge thread, slack.
        core = _open_core(config, max_connections=workers + config.watch.max_watchers + 4)
        opened.callback(core.close)
        telemetry = core.telemetry
        # Watchers of the change feed hold a thread each while they stream: theirs, not the calls'.
        # Two spare threads refuse the watchers beyond the limit (RESOURCE_EXHAUSTED), not queue them.
        watch_pool = futures.ThreadPoolExecutor(config.watch.max_watchers + 2, thread_name_prefix="watch")
        opened.callback(watch_pool.shutdown, wait=False)
        call_pool = futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rpc")
        opened.callback(call_pool.shutdown, wait=False)
        server = grpc.server(
            call_pool,
            maximum_concurrent_rpcs=config.max_concurrent_rpcs,
            options=[
                ("grpc.max_receive_message_length", config.max_message_bytes),
                ("grpc.max_send_message_length", 4 * config.max_message_bytes),
                # grpcio sets SO_REUSEPORT by default: a second server on this address would
                # start too, and the kernel would split the calls between two databases. Only
                # the processes of one group share their port (serve --processes).
                ("grpc.so_reuseport", 1 if config.share_port else 0),
            ],
        )
        servicers = _servicers(core.app, auth, config)
        health_servicer = _add_services(server, servicers, telemetry, watch_pool)
        metrics_port = _serve_metrics(telemetry, metrics_listen) if metrics_listen else None
        http = None
        if http_listen is not None:
            router = connect_router(servicers, telemetry, call_pool, watch_pool, config.max_message_bytes)
            http = HttpServer(router, http_listen.host, http_listen.port, _http_tls(config.tls))
            opened.callback(http.stop)
        readiness = Readiness.of(
            core.database,
            health_servicer,
            [service.full_name for _, service in servicers],
            on_change=lambda up: telemetry.metrics.database_up.set(1 if up else 0),
        )
        # Last: a gRPC server bound but never started keeps its port even after stop().
        port = _bind(server, listen, credentials)
        opened.pop_all()
    return RunningServer(server, port, health_servicer, core, metrics_port, http, readiness, watch_pool, call_pool)


Servicers = list[tuple[object, ServiceDescriptor]]


def _servicers(app: Application, auth: Authenticator, config: ServerConfig) -> Servicers:
    """Each service's servicer: the same ones answer gRPC and Connect."""
    return [
        (IdentifierServicer(app, auth), identifier_pb.DESCRIPTOR.services_by_name["IdentifierService"]),
        (CardServicer(app, auth), card_pb.DESCRIPTOR.services_by_name["CardService"]),
        (EventServicer(app, auth, config.watch), event_pb.DESCRIPTOR.services_by_name["EventService"]),
        (MergeReviewServicer(app, auth), merge_review_pb.DESCRIPTOR.services_by_name["MergeReviewService"]),
    ]


def connect_router(
    servicers: Servicers,
    telemetry: Telemetry | None,
    calls: futures.Executor,
    streams: futures.Executor,
    max_message_bytes: int,
) -> Router:
    """The HTTP listener's application: each service's Connect endpoints, and the console."""
    applications: dict[str, Any] = {}
    for servicer, service in servicers:
        module = CONNECT_MODULES[service.name]

        def observe(method: str, name: str = service.full_name) -> Any:
            return telemetry.rpc(name, method, "connect") if telemetry else None

        bridge = Bridge(servicer, service, calls, streams, observe)
        application = getattr(module, f"{service.name}ASGIApplication")(
            bridge, read_max_bytes=max_message_bytes, codecs=CODECS
        )
        applications[application.path] = application
    return Router(applications, StaticFiles())


CONNECT_MODULES = {
    "IdentifierService": identifier_connect,
    "CardService": card_connect,
    "EventService": event_connect,
    "MergeReviewService": merge_review_connect,
}


def _http_tls(tls: TlsConfig | None) -> tuple[str, str, str | None] | None:
    """The gRPC listener's certificate for the HTTP one too (SPEC 8: the same TLS settings)."""
    if tls is None:
        return None
    client_ca = str(tls.client_ca_file) if tls.client_ca_file else None
    return str(tls.cert_file), str(tls.key_file), client_ca


def _add_services(
    server: grpc.Server,
    servicers: Servicers,
    telemetry: Telemetry,
    watch_pool: futures.ThreadPoolExecutor,
) -> health.HealthServicer:
    server.add_generic_rpc_handlers(
        [
            # WatchEvents streams get threads of their own.
            service_handler(servicer, service, telemetry, watch_pool if service.name == "EventService" else None)
            for servicer, service in servicers
        ]
    )

    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    served = [service.full_name for _, service in servicers]
    for name in ["", *served]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    # Reflection answers from the default descriptor pool: the google.rpc imports above put
    # Status, Code and the error detail types (ErrorInfo, BadRequest, ResourceInfo...) there,
    # so a client with reflection alone (grpcurl, buf curl) can decode error details; our
    # files and google/rpc's go out with their comments (grpcurl describe shows them).
    enable_documented_reflection([*served, health.SERVICE_NAME, reflection.SERVICE_NAME], server)
    return health_servicer


def serve(config: ServerConfig) -> None:
    """Run until SIGTERM or SIGINT, then shut down gracefully."""
    running = create_server(config)
    running.start()
    host = config.listen.rsplit(":", 1)[0]
    if running.metrics_port is not None:
        metrics_host = config.metrics_listen.rsplit(":", 1)[0] if config.metrics_listen else host
        log.info("metrics on http://%s:%d/metrics", metrics_host, running.metrics_port)
    if running.http_port is not None and config.http_listen:
        scheme = "https" if config.tls else "http"
        log.info(
            "HTTP (Connect, console) on %s://%s:%d/", scheme, config.http_listen.rsplit(":", 1)[0], running.http_port
        )
    if running.telemetry.tracing is not None:
        log.info("tracing to %s", redact_url(running.telemetry.tracing.url))
    log.info("loyalty-identity ready on %s:%d (database %s)", host, running.port, redact_url(config.database_url))
    if config.tls is None and not is_loopback(config.listen):
        log.warning("serving without TLS on %s: tokens travel in clear text", config.listen)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s: finishing in-flight calls", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    stop.wait()
    running.stop()
    log.info("stopped")
