"""PostgreSQL through peewee's pool, with fewer round trips per request.

Each statement costs a round trip to the server, and a request pays for every
one of them. Two of peewee's habits cost one each for nothing:

- BEGIN (with its isolation level) and the transaction's SET LOCAL are sent on
  their own. Here they wait and go out in one message with the transaction's
  first statement; a transaction that sends no statement sends neither, nor a
  COMMIT.
- The pool pings every connection (`SELECT 1`) as it hands it out. Here only a
  connection that sat idle for a while is pinged: one in steady use was proven
  alive by its last statement, and a connection the server dropped since fails
  its next statement, which the caller sees as UNAVAILABLE (safe to retry).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from playhouse.pool import PooledPostgresqlDatabase

# A connection idle longer than this is pinged before it is handed out.
PING_AFTER_IDLE_S = 5.0


class LeanPooledPostgresqlDatabase(PooledPostgresqlDatabase):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prefix = threading.local()  # per thread, as peewee keeps its connection state
        self._idle_since: dict[int, float] = {}

    # Transactions -------------------------------------------------------------

    def begin(self, isolation_level: int | str | None = None) -> None:
        level = self._isolation_level if isolation_level is None else isolation_level
        kind = f"BEGIN TRANSACTION ISOLATION LEVEL {self._adapter.isolation_level_str(level)}" if level else "BEGIN"
        self.connection()  # checked out now, as peewee expects: a checkout resets its transaction state
        self._prefix.statements = [kind]

    def defer(self, statement: str) -> None:
        """Send statement with the transaction's first one (after BEGIN), or now when that has gone out."""
        pending = getattr(self._prefix, "statements", None)
        if pending:
            pending.append(statement)
        else:
            self.execute_sql(statement)

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        pending = getattr(self._prefix, "statements", None)
        if pending:
            self._prefix.statements = None
            # One simple-protocol message: PostgreSQL runs them in order; the
            # cursor holds the last one's rows.
            sql = "; ".join([*pending, sql])
        return super().execute_sql(sql, params)

    def commit(self) -> None:
        if self._unsent():
            return  # nothing ran: there is no transaction to end
        super().commit()

    def rollback(self) -> None:
        if self._unsent():
            return
        super().rollback()

    def _unsent(self) -> bool:
        pending = getattr(self._prefix, "statements", None)
        self._prefix.statements = None
        return bool(pending)

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
