"""PostgreSQL through peewee's pool, with fewer round trips per request.

Each statement costs a round trip to the server, and a request pays for every
one of them. Here:

- BEGIN (with its isolation level) and the transaction's SET LOCAL wait and go
  out in one message with the transaction's first statement; a transaction
  that sends no statement sends neither, nor a COMMIT.
- Writes whose answer nobody reads (PlainSql.execute: UPDATE, DELETE, INSERT
  without RETURNING) wait for the next statement that needs an answer, or for
  COMMIT, and go out in its message: a transaction's last writes and its COMMIT
  take one round trip, so the locks they take (the feed's counter row) are held
  for no more than that.
- The reads every call makes (a customer whole, by name, identifier or card)
  are prepared once per connection (PREPARE, then EXECUTE): PostgreSQL spends
  about three times as long planning the whole-customer read as running it.
- The pool pings every connection (`SELECT 1`) as it hands it out. Here only a
  connection that sat idle for a while is pinged: one in steady use was proven
  alive by its last statement, and a connection the server dropped since fails
  its next statement, which the caller sees as UNAVAILABLE (safe to retry).
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Sequence
from typing import Any

import peewee as pw
import psycopg2.extensions
from playhouse.pool import PooledPostgresqlDatabase

_DRIVER_ERRORS: Any = getattr(pw, "__exception_wrapper__")  # noqa: B009 (peewee keeps it out of __all__)

# A connection idle longer than this is pinged before it is handed out.
PING_AFTER_IDLE_S = 5.0


_NUMBERED_PARAM = re.compile(r"\$\d+")
# Statements prepared on one connection at most: a bound on the server's memory per session.
MAX_PREPARED = 64


class _Connection(psycopg2.extensions.connection):  # type: ignore[misc]
    """A driver connection that remembers what it prepared: prepared statements live as long as it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepared: dict[str, str] = {}  # statement text -> name of its prepared statement
        self.names = itertools.count()


class LeanPooledPostgresqlDatabase(PooledPostgresqlDatabase):  # type: ignore[misc]
    def __init__(self, *args: Any, prepare: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, connection_factory=_Connection, **kwargs)
        self.prepare = prepare  # off: execute_prepared runs statements unprepared (no session state)
        self._local = threading.local()  # per thread, as peewee keeps its connection state
        self._idle_since: dict[int, float] = {}

    # Transactions -------------------------------------------------------------

    def begin(self, isolation_level: int | str | None = None) -> None:
        level = self._isolation_level if isolation_level is None else isolation_level
        kind = f"BEGIN TRANSACTION ISOLATION LEVEL {self._adapter.isolation_level_str(level)}" if level else "BEGIN"
        self.connection()  # checked out now, as peewee expects: a checkout resets its transaction state
        self._local.begin = kind
        self._local.queued = []

    def defer(self, statement: str) -> None:
        """Inside a transaction, send statement (complete, no parameters) with the next one, or with COMMIT."""
        if self.in_transaction():
            self._queue().append(statement)
        else:
            self.execute_sql(statement)

    def defer_write(self, sql: str, params: Any) -> None:
        """A write whose answer nobody reads: rendered now, sent with the next statement (or with COMMIT).

        A failure shows at that statement, inside the same transaction, which
        then rolls back whole as it would have anyway.
        """
        if not self.in_transaction():
            self.execute_sql(sql, params)
            return
        self._queue().append(super().cursor().mogrify(sql, params).decode())

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        head = self._take()
        if head:
            if params:  # the driver formats the whole text: literal % of rendered statements stay literal
                head = [statement.replace("%", "%%") for statement in head]
            # One simple-protocol message: PostgreSQL runs them in order; the
            # cursor holds the last one's rows.
            sql = "; ".join([*head, sql])
        return super().execute_sql(sql, params)

    def execute_prepared(self, sql: str, params: Sequence[Any]) -> Any:
        """sql, its parameters written $1, $2..., run as this connection's prepared statement.

        The first use sends PREPARE and EXECUTE in one message. A statement is
        counted as prepared once that message succeeded; after a failure the
        next use prepares it afresh under a new name (PREPARE outlives a rolled
        back transaction, so the old name may exist).
        """
        conn = self.connection()
        name = conn.prepared.get(sql)
        arguments = ", ".join(["%s"] * len(params))
        if name is not None:
            return self.execute_sql(f"EXECUTE {name}({arguments})" if params else f"EXECUTE {name}", params)
        if not self.prepare or len(conn.prepared) >= MAX_PREPARED:
            return self.execute_sql(_unprepared(sql), params)
        name = f"loyalty_{next(conn.names)}"
        execute = f"EXECUTE {name}({arguments})" if params else f"EXECUTE {name}"
        # The statement's own text goes through the driver's formatting too: its % must stay literal.
        cursor = self.execute_sql(f"PREPARE {name} AS {sql.replace('%', '%%')}; {execute}", params)
        conn.prepared[sql] = name
        return cursor

    def cursor(self, named_cursor: Any = None) -> Any:
        """A cursor for direct use (executemany, by copy and the benchmark's loader) runs inside the
        transaction: what waits (BEGIN, SET LOCAL, deferred writes) goes out first."""
        head = self._take()
        if head:
            with _DRIVER_ERRORS:
                super().cursor().execute("; ".join(head))
        return super().cursor(named_cursor)

    def commit(self) -> None:
        begin = getattr(self._local, "begin", None)
        head = self._take()
        if begin is not None and len(head) == 1:
            return  # nothing ran, nothing queued: there is no transaction to end
        with _DRIVER_ERRORS:  # as peewee's own commit(): driver errors become peewee's (IntegrityError...)
            super().cursor().execute("; ".join([*head, "COMMIT"]))

    def rollback(self) -> None:
        begin = getattr(self._local, "begin", None)
        self._take()
        if begin is not None:
            return  # nothing reached the server
        super().rollback()

    def _queue(self) -> list[str]:
        queued: list[str] | None = getattr(self._local, "queued", None)
        if queued is None:
            queued = self._local.queued = []
        return queued

    def _take(self) -> list[str]:
        """What waits to be sent (BEGIN first, if it has not gone out), emptied."""
        begin = getattr(self._local, "begin", None)
        queued = getattr(self._local, "queued", None) or []
        self._local.begin, self._local.queued = None, []
        return ([begin] if begin else []) + queued

    # The pool -----------------------------------------------------------------

    def _is_closed(self, conn: Any) -> bool:
        if conn.closed:
            return True
        idle_since = self._idle_since.pop(id(conn), None)
        recent = idle_since is not None and time.monotonic() - idle_since < PING_AFTER_IDLE_S
        if recent and self._adapter.txn_status(conn) == self._adapter.txn_idle:
            return False  # back from a request moments ago, its transaction ended: alive
        result: bool = super()._is_closed(conn)  # pings (or rolls back what was left open)
        return result

    def _close(self, conn: Any, close_conn: bool = False) -> None:
        if close_conn:
            self._idle_since.pop(id(conn), None)
        else:
            self._idle_since[id(conn)] = time.monotonic()
        super()._close(conn, close_conn)


def _unprepared(sql: str) -> str:
    """The statement for the driver to run as it is: $1, $2... as %s (PlainSql numbers each ? once, in order)."""
    return _NUMBERED_PARAM.sub("%s", sql.replace("%", "%%"))
