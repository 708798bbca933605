"""Count the statements a running server sends to its database (issue 14, item 4).

A statement is one round trip to the database, BEGIN, COMMIT, ROLLBACK, SET
and the pool's `SELECT 1` ping included:

- PostgreSQL: `PgStatementProxy`, a TCP proxy between the server and
  PostgreSQL (the server is given a URL naming the proxy's port), reads the
  frontend protocol after the startup message and counts each simple query
  ('Q') and each extended-protocol sequence (Parse/Bind/Execute ... Sync) as
  one, recording its text. It refuses SSL and GSSAPI encryption with 'N', so
  what passes is plain text whatever the URL's sslmode. Every statement is
  recorded before it is forwarded: when the server's reply to a call reaches
  the client, every statement of that call has been counted.
- SQLite: `SqliteStatementTrace` wraps `_connect` of the server's peewee
  database, so that every connection opened afterwards (one per thread) has
  sqlite3's trace callback, which reports each statement executed (BEGIN
  and COMMIT too) in the thread that runs it.

Both count connections opened as well: a call that had to open one did
first-connection work (PRAGMAs, the pool's new connection), so it is not a
warmed-up call and is measured again.

Checked once against PostgreSQL's own log (log_statement=all, one server
through the proxy, every scenario of tests/e2e/test_statement_budgets.py):
the same 1,285 statements in the same order. On SQLite the trace showed
exactly peewee's DEBUG log of execute_sql for each call plus the BEGIN and
COMMIT it sends on the connection directly.
"""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from loyalty_identity.api.server import RunningServer

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102


@dataclass(frozen=True)
class Statement:
    text: str
    connection: int  # the proxy's connection number (PostgreSQL) or the sqlite3 connection's id
    thread: str  # the server thread that ran it (SQLite only; "" on PostgreSQL)


@dataclass(frozen=True)
class Mark:
    statements: int
    connections: int


@dataclass(frozen=True)
class Measured:
    """What the server sent to the database between two marks."""

    statements: list[Statement]
    connections_opened: int

    @property
    def count(self) -> int:
        return len(self.statements)

    def texts(self) -> list[str]:
        return [s.text for s in self.statements]


class StatementLog:
    """Every statement seen so far, in order; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._statements: list[Statement] = []
        self._connections = 0
        self._last_activity = time.monotonic()

    def record(self, text: str, connection: int, thread: str = "") -> None:
        with self._lock:
            self._statements.append(Statement(text, connection, thread))
            self._last_activity = time.monotonic()

    def opened(self) -> None:
        with self._lock:
            self._connections += 1
            self._last_activity = time.monotonic()

    def mark(self) -> Mark:
        with self._lock:
            return Mark(len(self._statements), self._connections)

    def since(self, mark: Mark) -> Measured:
        with self._lock:
            return Measured(list(self._statements[mark.statements :]), self._connections - mark.connections)

    def wait_quiet(self, quiet: float = 0.1, timeout: float = 10.0) -> None:
        """Return once nothing was recorded for `quiet` seconds (fail after timeout)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                idle = time.monotonic() - self._last_activity
            if idle >= quiet:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the database never went quiet for {quiet} s within {timeout} s")
            time.sleep(quiet - idle)


class SqliteStatementTrace(StatementLog):
    """Trace every connection the server's SQLite database opens from now on.

    SQLite reports a statement again at the start of each trigger program it
    runs (the event table's, schema 5), with the same text: a report that
    repeats the connection's previous one is that, not a statement the server sent.
    """

    def __init__(self, db: Any) -> None:
        super().__init__()
        original = db._connect

        def connect() -> sqlite3.Connection:
            conn: sqlite3.Connection = original()
            self.opened()
            key = id(conn)
            last = [""]

            def trace(text: str) -> None:
                if text != last[0]:
                    self.record(text, key, threading.current_thread().name)
                last[0] = text

            conn.set_trace_callback(trace)
            return conn

        # peewee calls self._connect() for each thread's connection: the instance attribute wins.
        db._connect = connect


class PgStatementProxy(StatementLog):
    """Listens on 127.0.0.1 (an OS-chosen `port`), forwards to PostgreSQL, counts what the client sends."""

    def __init__(self, target_host: str, target_port: int) -> None:
        super().__init__()
        self._target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._numbers = 0
        threading.Thread(target=self._accept, name="pg-statement-proxy", daemon=True).start()

    def close(self) -> None:
        """Accept no more connections; those open go on until the server closes them."""
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self._target)
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._numbers += 1
            threading.Thread(target=self._from_client, args=(client, server, self._numbers), daemon=True).start()
            threading.Thread(target=_pump, args=(server, client), daemon=True).start()

    def _from_client(self, client: socket.socket, server: socket.socket, number: int) -> None:
        reader = _Reader(client)
        try:
            if self._startup(reader, client, server):
                self._messages(reader, server, number)
        except (EOFError, OSError):
            pass
        finally:
            _close_write(server)

    def _startup(self, reader: _Reader, client: socket.socket, server: socket.socket) -> bool:
        """Forward the startup message (refusing encryption first); False for a cancel request."""
        while True:
            header = reader.exact(4)
            body = reader.exact(int.from_bytes(header, "big") - 4)
            code = int.from_bytes(body[:4], "big")
            if code in (SSL_REQUEST, GSSENC_REQUEST):
                client.sendall(b"N")  # no encryption: the client goes on in plain text (or gives up)
                continue
            server.sendall(header + body)
            if code == CANCEL_REQUEST:
                return False
            self.opened()
            return True

    def _messages(self, reader: _Reader, server: socket.socket, number: int) -> None:
        extended: str | None = None  # the text of an extended-protocol sequence awaiting its Sync
        while True:
            kind = reader.exact(1)
            header = reader.exact(4)
            body = reader.exact(int.from_bytes(header, "big") - 4)
            if kind == b"Q":
                self.record(_cstring(body, 0), number)
            elif kind == b"P":  # Parse: statement name, query text, parameter types
                name_end = body.index(b"\0")
                extended = _cstring(body, name_end + 1)
            elif kind in (b"B", b"E") and extended is None:  # a statement prepared earlier
                extended = "<execute of a prepared statement>"
            elif kind == b"S" and extended is not None:
                self.record(extended, number)
                extended = None
            elif kind == b"F":
                self.record("<function call>", number)
            server.sendall(kind + header + body)


class _Reader:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buffer = bytearray()

    def exact(self, size: int) -> bytes:
        while len(self._buffer) < size:
            chunk = self._sock.recv(65536)
            if not chunk:
                raise EOFError
            self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data


def _cstring(body: bytes, start: int) -> str:
    return body[start : body.index(b"\0", start)].decode("utf-8", "replace")


def _pump(source: socket.socket, target: socket.socket) -> None:
    while True:
        try:
            chunk = source.recv(65536)
        except OSError:
            break
        if not chunk:
            break
        try:
            target.sendall(chunk)
        except OSError:
            break
    _close_write(target)


def _close_write(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)


def wait_for_startup_purge(running: RunningServer, timeout: float = 30.0) -> None:
    """Wait until the server's purge thread has done its purge at start and sleeps (for an hour).

    The thread's stack shows it: `_purge_loop` calling `Event.wait`.
    """
    threads = [t for t in threading.enumerate() if getattr(t, "_target", None) == running._purge_loop]
    assert len(threads) == 1, f"expected one purge thread for this server, found {len(threads)}"
    [thread] = threads
    deadline = time.monotonic() + timeout
    while not _sleeping_in_purge_loop(thread):
        assert time.monotonic() < deadline, "the purge thread did not finish its purge at start"
        time.sleep(0.01)


def _sleeping_in_purge_loop(thread: threading.Thread) -> bool:
    frame = sys._current_frames().get(thread.ident or -1)
    callee = None
    while frame is not None:
        if frame.f_code.co_name == "_purge_loop":
            return (
                callee is not None
                and callee.f_code.co_name == "wait"
                and callee.f_code.co_filename == threading.__file__
            )
        callee, frame = frame, frame.f_back
    return False
