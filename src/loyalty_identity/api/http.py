"""The HTTP listener (`serve --http-listen`, SPEC 8): Connect endpoints and the console, on hypercorn.

One ASGI application routes by the first path segment: `/loyalty.identity.v1.<Service>/<Method>`
goes to that service's Connect application (api/connect.py), anything else to the console's
static files (shipped in the package). hypercorn serves it, HTTP/1.1 and HTTP/2 (h2 with TLS,
h2c with prior knowledge), in a thread of the server's process with an event loop of its own.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import socket
import ssl
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from hypercorn.asyncio import serve
from hypercorn.config import Config

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

CONSOLE = resources.files("loyalty_identity") / "console"
# What the console's pages may do: scripts and styles of their own origin only, no framing.
_SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class Router:
    def __init__(self, services: dict[str, App], fallback: App) -> None:
        self._services = services  # "/loyalty.identity.v1.IdentifierService" -> its Connect application
        self._fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # websockets are not served: the server closes the connection
        path: str = scope["path"]
        second = path.find("/", 1)
        app = self._services.get(path[:second]) if second > 0 else None
        await (app or self._fallback)(scope, receive, send)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        event = await receive()
        if event["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif event["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


class StaticFiles:
    """GET and HEAD of the console's files; `/` is index.html."""

    def __init__(self, root: Traversable = CONSOLE) -> None:
        self._root = root

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            await respond(send, 405, b"method not allowed\n", [(b"allow", b"GET, HEAD")])
            return
        found = self._find(scope["path"])
        if found is None:
            await respond(send, 404, b"not found\n")
            return
        body = found.read_bytes()
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        headers = [(b"content-type", kind.encode()), (b"cache-control", b"no-cache"), *_SECURITY_HEADERS]
        await respond(send, 200, b"" if scope["method"] == "HEAD" else body, headers, len(body))

    def _find(self, path: str) -> Traversable | None:
        parts = [part for part in path.split("/") if part]
        if any(part in (".", "..") or part.startswith(".") for part in parts):
            return None
        found = self._root
        for part in parts or ["index.html"]:
            found = found / part
        return found if found.is_file() else None


async def respond(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None, length: int | None = None
) -> None:
    headers = headers or [(b"content-type", b"text/plain; charset=utf-8")]
    headers = [*headers, (b"content-length", str(len(body) if length is None else length).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class HttpServer:
    """hypercorn in a thread of this process, on a socket bound before start (its port known at once)."""

    def __init__(
        self,
        app: App,
        host: str,
        port: int,
        tls: tuple[str, str, str | None] | None = None,  # certificate, key, client CA (mutual TLS)
        grace_s: float = 5.0,
    ) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((host, port))
            sock.listen(1024)
        except OSError:
            sock.close()
            raise
        self.port: int = sock.getsockname()[1]
        self._config = Config()
        self._config.bind = [f"fd://{sock.detach()}"]  # hypercorn takes the socket over
        self._config.graceful_timeout = grace_s
        self._config.accesslog = None  # every call is logged by the telemetry, as on gRPC
        self._config.errorlog = log
        if tls is not None:
            self._config.certfile, self._config.keyfile, client_ca = tls
            if client_ca:
                self._config.ca_certs = client_ca
                self._config.verify_mode = ssl.CERT_REQUIRED
        self._app = app
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="http", daemon=True)

    def _run(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._stop = asyncio.Event()
        loop.call_soon(self._ready.set)
        try:
            loop.run_until_complete(serve(self._app, self._config, shutdown_trigger=self._stop.wait, mode="asgi"))  # type: ignore[arg-type]
        finally:
            loop.close()

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the HTTP listener did not start")

    def stop(self, timeout: float = 15.0) -> None:
        """Stop accepting, let calls in flight finish (up to the grace period), then return."""
        if self._loop is not None and self._stop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)
