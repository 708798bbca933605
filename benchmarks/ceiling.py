"""The ceiling: a minimal LookupCustomer / UpdateIdentifiers servicer on the project's own stack.

Same grpcio sync server, same generated messages, same database and schema as the
project's server in the same benchmark run, and the fewest statements that do the
work correctly. What it measures is how fast *any* servicer of these two calls can
be here; the project's figures are reported as ratios to it (BENCHMARKS.md, C1/C3).

    python -m benchmarks.ceiling --database URL [--listen 127.0.0.1:0] [--max-workers N] [--aio]

It prints `ready on 127.0.0.1:PORT` on stderr, like the project's server.

LookupCustomer (by a scoped identifier, e.g. an INSTORE mobile): one indexed
statement (on PostgreSQL a server-side prepared statement, PREPARE once per
connection, then EXECUTE), the project's whole-customer read; the response is the
same message, byte for byte, as the project's (tests/test_benchmark_smoke.py checks).

UpdateIdentifiers adding identifiers in one scope, a new profile if the customer
has none there (W3: a TMALL profile): the same rows as the project's — the
identifier, its org-wide key (the unique constraints settle who holds a value),
the profile, the customer's update_time, the feed's counter and event — then the
customer whole as the response.
- SQLite: one writer at a time (a lock in the process, then BEGIN IMMEDIATE, as the
  project does), 7 statements between BEGIN and COMMIT.
- PostgreSQL: one prepared statement in autocommit (one round trip, its own
  transaction): data-modifying CTEs lock the customer's row, claim the keys, insert
  the profile and identifiers, touch the customer, take the feed's next sequence
  (the counter row stays locked to COMMIT, so the feed stays gap-free and in
  commit order) and insert the event; the same statement reads the customer whole
  as it was, and the added identifiers are put into the response in memory.

What the ceiling skips (the project does it): authentication (org is `default`),
request_id (no idempotency record; the event's request_id is ''), validate_only,
deadline checks, input validation and normalization (values are used as sent),
metrics, tracing and access logs, removals, lookups by card number, merges (a value
held by another customer is refused with FAILED_PRECONDITION instead of merging),
retries of transient errors (ABORTED instead), and the project's check that the
response includes a concurrent writer's change to the same customer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sqlite3
import sys
import threading
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r

ORG = "default"
EXPIRED = 5
LIVE = {2, 3, 4}  # ISSUED, ACTIVE, SUSPENDED: past its expiry such a card reads EXPIRED
STATUS_NAMES = {1: "NOT_ISSUED", 2: "ISSUED", 3: "ACTIVE", 4: "SUSPENDED", 5: "EXPIRED", 6: "DELETED"}

# The project's whole-customer read (store/customer_repository.py), in each engine's JSON functions.
WHOLE = """
SELECT c.id, c.uid, c.state, s.uid, c.create_time, c.update_time,
  (SELECT {g}({a}(p.id, p.source, p.account_id, p.create_time)) FROM "profile" p WHERE p.customer_id = c.id),
  (SELECT {g}({a}(i.profile_id, i.type, i.value)) FROM "identifier" i WHERE i.customer_id = c.id),
  (SELECT {g}({a}(d.number, cs.uid, d.status, d.status_label, d.create_time, d.issue_time, d.expire_time))
     FROM "card" d JOIN "card_series" cs ON cs.id = d.series_id WHERE d.customer_id = c.id),
  (SELECT {g}({a}(v.id, v.uid)) FROM "customer" v WHERE v.survivor_id = c.id)
FROM "customer" c LEFT JOIN "customer" s ON s.id = c.survivor_id
"""
SQLITE_WHOLE = WHOLE.format(g="json_group_array", a="json_array")
PG_WHOLE = WHOLE.format(g="json_agg", a="json_build_array")
BY_IDENTIFIER = (
    ' WHERE c.id = (SELECT customer_id FROM "identifier" WHERE org = {0} AND source = {1} AND account_id = {2}'
    " AND type = {3} AND value = {4})"
)

# SQLite: the update, statement by statement, inside BEGIN IMMEDIATE ... COMMIT.
SQLITE_TOUCH = 'UPDATE "customer" SET update_time = ? WHERE org = ? AND uid = ? AND state = 1 RETURNING id'
# The key is this customer's already, or it is new: either way one row comes back; held by another, none.
CLAIM = (
    'INSERT INTO "identifier_key" (org, type, value, customer_id) VALUES (?, ?, ?, ?)'
    " ON CONFLICT (org, type, value) DO UPDATE SET customer_id = excluded.customer_id"
    ' WHERE "identifier_key".customer_id = excluded.customer_id RETURNING customer_id'
)
SQLITE_PROFILE = (
    'INSERT INTO "profile" (org, customer_id, source, account_id, create_time) VALUES (?, ?, ?, ?, ?)'
    " ON CONFLICT (customer_id, source, account_id) DO NOTHING"
)
SQLITE_IDENTIFIER = (
    'INSERT INTO "identifier" (org, customer_id, profile_id, source, account_id, type, value)'
    ' SELECT ?, ?, id, source, account_id, ?, ? FROM "profile" WHERE customer_id = ? AND source = ? AND account_id = ?'
)
COUNTER = (
    'INSERT INTO "event_counter" (org, last_sequence, purged_through, full_history) VALUES (?, ?, 0, true)'
    ' ON CONFLICT (org) DO UPDATE SET last_sequence = "event_counter".last_sequence + ? RETURNING last_sequence'
)
EVENT = (
    'INSERT INTO "event" (org, sequence, kind, request_id, payload, create_time)'
    " VALUES (?, ?, 'identifiers_changed', '', ?, ?)"
)

# PostgreSQL: the update in one statement (one identifier per call: what W3 sends; more go one by one).
# $1 org, $2 uid, $3 source, $4 account_id, $5 type, $6 value, $7 now, $8 the event's payload.
PG_UPDATE = """
WITH c AS (
  SELECT id FROM "customer" WHERE org = $1 AND uid = $2 AND state = 1 FOR UPDATE
), k AS (
  INSERT INTO "identifier_key" (org, type, value, customer_id) SELECT $1, $5, $6, c.id FROM c
  ON CONFLICT (org, type, value) DO UPDATE SET customer_id = EXCLUDED.customer_id
    WHERE "identifier_key".customer_id = EXCLUDED.customer_id
  RETURNING customer_id
), p AS (
  INSERT INTO "profile" (org, customer_id, source, account_id, create_time) SELECT $1, k.customer_id, $3, $4, $7 FROM k
  ON CONFLICT (customer_id, source, account_id) DO NOTHING
  RETURNING id
), i AS (
  INSERT INTO "identifier" (org, customer_id, profile_id, source, account_id, type, value)
  SELECT $1, k.customer_id, COALESCE((SELECT id FROM p), (SELECT x.id FROM "profile" x
    WHERE x.customer_id = k.customer_id AND x.source = $3 AND x.account_id = $4)), $3, $4, $5, $6 FROM k
  RETURNING customer_id, profile_id
), t AS (
  UPDATE "customer" SET update_time = $7 WHERE id IN (SELECT customer_id FROM k) RETURNING id
), n AS (
  INSERT INTO "event_counter" (org, last_sequence, purged_through, full_history) SELECT $1, 1, 0, true FROM k
  ON CONFLICT (org) DO UPDATE SET last_sequence = "event_counter".last_sequence + 1
  RETURNING last_sequence
), e AS (
  INSERT INTO "event" (org, sequence, kind, request_id, payload, create_time)
  SELECT $1, n.last_sequence, 'identifiers_changed', '', $8, $7 FROM n
  RETURNING sequence
)
SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM e), (SELECT id FROM p), i.profile_id, w.* FROM i
  CROSS JOIN LATERAL ({whole} WHERE c.id = i.customer_id) w
"""


class RefusedError(Exception):
    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code


def _json(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(json.loads(value) if isinstance(value, str) else value)


def _time(value: Any) -> datetime:
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


def _stamp(value: Any) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(_time(value))
    return ts


def customer_message(row: tuple[Any, ...], extra: dict[int, list[tuple[int, str]]] | None = None) -> r.Customer:
    """The project's Customer message from the whole-customer row (extra: identifiers to add, by profile key)."""
    _, uid, state, survivor, created, updated, profiles, identifiers, cards, victims = row
    values: dict[int, list[tuple[int, str]]] = {}
    for profile_pk, id_type, value in _json(identifiers):
        values.setdefault(int(profile_pk), []).append((int(id_type), value))
    for profile_pk, added in (extra or {}).items():
        values.setdefault(profile_pk, []).extend(added)
    now = datetime.now(UTC)
    card_messages = []
    for number, series, status, label, card_created, issued, expires in sorted(_json(cards), key=lambda c: c[0]):
        if expires is not None and _time(expires) <= now and status in LIVE:
            status, label = EXPIRED, STATUS_NAMES[EXPIRED]
        card_messages.append(
            r.Card(
                number=number,
                series_id=series,
                status=status,
                status_label=label,
                customer=f"customers/{uid}",
                create_time=_stamp(card_created),
                issue_time=_stamp(issued) if issued else None,
                expire_time=_stamp(expires) if expires else None,
            )
        )
    return r.Customer(
        name=f"customers/{uid}",
        state=state,
        profiles=[
            r.Profile(
                source=source,
                account_id=account_id,
                identifiers=[r.Identifier(type=t, value=v) for t, v in sorted(values.get(int(pk), []))],  # type: ignore[arg-type]
                create_time=_stamp(profile_created),
            )
            for pk, source, account_id, profile_created in sorted(_json(profiles), key=lambda p: (p[1], p[2]))
        ],
        cards=card_messages,
        survivor=f"customers/{survivor}" if survivor else "",
        merged_customers=sorted(f"customers/{v}" for _, v in _json(victims)),
        create_time=_stamp(created),
        update_time=_stamp(updated),
    )


def _payload(customer: str, source: int, account_id: str, adds: list[tuple[int, str]]) -> str:
    """The feed's payload of an IdentifiersChanged event, as the project writes it (store/event_repository.py)."""
    added = [[source, account_id, t, v] for t, v in sorted(adds)]
    return json.dumps({"customer": customer, "added": added, "removed": []}, separators=(",", ":"))


class SqliteStore:
    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()
        self.writer = threading.Lock()  # one writer at a time, queued here rather than in SQLite's busy handler

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self.local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            # The project's settings (store/database.py): WAL, durable commits, foreign keys.
            for pragma in ("journal_mode = wal", "synchronous = full", "foreign_keys = 1", "busy_timeout = 10000"):
                conn.execute(f"PRAGMA {pragma}")
            self.local.conn = conn
        return conn

    def lookup(self, source: int, account_id: str, id_type: int, value: str) -> r.Customer | None:
        sql = SQLITE_WHOLE + BY_IDENTIFIER.format(*["?"] * 5)
        row = self.connection().execute(sql, (ORG, source, account_id, id_type, value)).fetchone()
        return None if row is None else customer_message(row)

    def update(self, uid: str, source: int, account_id: str, adds: list[tuple[int, str]]) -> r.Customer:
        now = datetime.now(UTC).replace(tzinfo=None)
        conn = self.connection()
        with self.writer:
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(SQLITE_TOUCH, (now, ORG, uid)).fetchone()
                if row is None:
                    raise RefusedError(grpc.StatusCode.NOT_FOUND, "no active customer of that name")
                pk = row[0]
                for id_type, value in adds:
                    if conn.execute(CLAIM, (ORG, id_type, value, pk)).fetchone() is None:
                        raise RefusedError(grpc.StatusCode.FAILED_PRECONDITION, "held by another (no merges here)")
                conn.execute(SQLITE_PROFILE, (ORG, pk, source, account_id, now))
                for id_type, value in adds:
                    conn.execute(SQLITE_IDENTIFIER, (ORG, pk, id_type, value, pk, source, account_id))
                sequence = conn.execute(COUNTER, (ORG, 1, 1)).fetchone()[0]
                payload = _payload(f"customers/{uid}", source, account_id, adds)
                conn.execute(EVENT, (ORG, sequence, payload, now))
                whole = conn.execute(SQLITE_WHOLE + " WHERE c.id = ?", (pk,)).fetchone()
                conn.execute("COMMIT")
            except sqlite3.IntegrityError as error:
                conn.execute("ROLLBACK")
                raise RefusedError(grpc.StatusCode.FAILED_PRECONDITION, str(error)) from error
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return customer_message(whole)


class PostgresStore:
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.local = threading.local()

    def connection(self) -> Any:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            import psycopg2

            conn = psycopg2.connect(self.dsn)
            conn.autocommit = True  # a single statement is its own transaction: one round trip
            cursor = conn.cursor()
            lookup = PG_WHOLE + BY_IDENTIFIER.format("$1", "$2", "$3", "$4", "$5")
            cursor.execute(f"PREPARE ceiling_lookup (text, smallint, text, smallint, text) AS {lookup}")
            update = PG_UPDATE.replace("{whole}", PG_WHOLE)
            cursor.execute(
                f"PREPARE ceiling_update (text, text, smallint, text, smallint, text, timestamp, text) AS {update}"
            )
            self.local.conn = conn
        return conn

    def lookup(self, source: int, account_id: str, id_type: int, value: str) -> r.Customer | None:
        cursor = self.connection().cursor()
        cursor.execute("EXECUTE ceiling_lookup (%s, %s, %s, %s, %s)", (ORG, source, account_id, id_type, value))
        row = cursor.fetchone()
        return None if row is None else customer_message(row)

    def update(self, uid: str, source: int, account_id: str, adds: list[tuple[int, str]]) -> r.Customer:
        import psycopg2

        if len(adds) != 1:
            raise RefusedError(grpc.StatusCode.UNIMPLEMENTED, "the ceiling adds one identifier per call on PostgreSQL")
        [(id_type, value)] = adds
        now = datetime.now(UTC).replace(tzinfo=None)
        payload = _payload(f"customers/{uid}", source, account_id, adds)
        cursor = self.connection().cursor()
        try:
            cursor.execute(
                "EXECUTE ceiling_update (%s, %s, %s, %s, %s, %s, %s, %s)",
                (ORG, uid, source, account_id, id_type, value, now, payload),
            )
        except psycopg2.IntegrityError as error:
            raise RefusedError(grpc.StatusCode.FAILED_PRECONDITION, str(error).splitlines()[0]) from error
        except psycopg2.errors.SerializationFailure as error:
            raise RefusedError(grpc.StatusCode.ABORTED, str(error).splitlines()[0]) from error
        row = cursor.fetchone()
        if row is None:
            raise RefusedError(grpc.StatusCode.FAILED_PRECONDITION, "no active customer, or the value is another's")
        _, new_profile, profile_pk, *whole = row
        # The read saw the customer as it was before the statement: add what the statement wrote.
        pk, uid_, state, survivor, created, _, profiles, identifiers, cards, victims = whole
        if new_profile is not None:
            profiles = [*_json(profiles), [new_profile, source, account_id, now.isoformat()]]
        return customer_message(
            (pk, uid_, state, survivor, created, now, profiles, identifiers, cards, victims),
            {int(profile_pk): [(id_type, value)]},
        )


class CeilingServicer(identifier_grpc.IdentifierServiceServicer):
    def __init__(self, store: SqliteStore | PostgresStore) -> None:
        self.store = store

    def LookupCustomer(self, request: pb.LookupCustomerRequest, context: Any) -> pb.LookupCustomerResponse:  # noqa: N802
        ident = request.identifier
        found = self.store.lookup(request.source, request.account_id, ident.type, ident.value)
        if found is None:
            context.abort(grpc.StatusCode.NOT_FOUND, "no customer holds that identifier")
        return pb.LookupCustomerResponse(customer=found)

    def UpdateIdentifiers(self, request: pb.UpdateIdentifiersRequest, context: Any) -> pb.UpdateIdentifiersResponse:  # noqa: N802
        if request.remove or not request.add:
            context.abort(grpc.StatusCode.UNIMPLEMENTED, "the ceiling only adds identifiers")
        uid = request.customer.removeprefix("customers/")
        adds = [(int(i.type), i.value) for i in request.add]
        try:
            customer = self.store.update(uid, request.source, request.account_id, adds)
        except RefusedError as refused:
            context.abort(refused.code, str(refused))
        return pb.UpdateIdentifiersResponse(customer=customer)


class AioCeilingServicer(identifier_grpc.IdentifierServiceServicer):
    """The grpc.aio variant: one event loop; the database calls run in a small executor (SQLite reads on the loop)."""

    def __init__(self, store: SqliteStore | PostgresStore, workers: int) -> None:
        self.store = store
        self.pool = futures.ThreadPoolExecutor(workers, thread_name_prefix="db")

    async def LookupCustomer(self, request: Any, context: Any) -> Any:  # noqa: N802
        ident = request.identifier
        args = (request.source, request.account_id, ident.type, ident.value)
        if isinstance(self.store, SqliteStore):
            found = self.store.lookup(*args)  # an in-process read of microseconds: on the loop itself
        else:
            found = await asyncio.get_running_loop().run_in_executor(self.pool, self.store.lookup, *args)
        if found is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no customer holds that identifier")
        return pb.LookupCustomerResponse(customer=found)

    async def UpdateIdentifiers(self, request: Any, context: Any) -> Any:  # noqa: N802
        if request.remove or not request.add:
            await context.abort(grpc.StatusCode.UNIMPLEMENTED, "the ceiling only adds identifiers")
        uid = request.customer.removeprefix("customers/")
        args = (uid, request.source, request.account_id, [(i.type, i.value) for i in request.add])
        try:
            customer = await asyncio.get_running_loop().run_in_executor(self.pool, self.store.update, *args)
        except RefusedError as refused:
            await context.abort(refused.code, str(refused))
        return pb.UpdateIdentifiersResponse(customer=customer)


def open_store(url: str) -> SqliteStore | PostgresStore:
    if url.startswith("sqlite:///"):
        return SqliteStore(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    raise SystemExit(f"unsupported database URL: {url}")


@contextmanager
def serving(url: str, listen: str, workers: int) -> Iterator[tuple[grpc.Server, int]]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rpc"))
    identifier_grpc.add_IdentifierServiceServicer_to_server(CeilingServicer(open_store(url)), server)  # type: ignore[no-untyped-call]
    port = server.add_insecure_port(listen)
    server.start()
    try:
        yield server, port
    finally:
        server.stop(grace=1).wait()


async def serve_aio(url: str, listen: str, workers: int) -> None:
    server = grpc.aio.server()
    identifier_grpc.add_IdentifierServiceServicer_to_server(AioCeilingServicer(open_store(url), workers), server)  # type: ignore[no-untyped-call]
    port = server.add_insecure_port(listen)
    await server.start()
    print(f"ready on 127.0.0.1:{port} (grpc.aio)", file=sys.stderr, flush=True)
    await server.wait_for_termination()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="sqlite:///PATH or postgresql://...")
    parser.add_argument("--listen", default="127.0.0.1:0")
    parser.add_argument("--max-workers", type=int, default=0, help="threads (default 4 on SQLite, 8 on PostgreSQL)")
    parser.add_argument("--aio", action="store_true", help="the grpc.aio server (database calls in an executor)")
    args = parser.parse_args(argv)
    workers = args.max_workers or (4 if args.database.startswith("sqlite") else 8)
    logging.basicConfig(level=logging.WARNING)
    if args.aio:
        asyncio.run(serve_aio(args.database, args.listen, workers))
        return 0
    import signal

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with serving(args.database, args.listen, workers) as (_, port):
        print(f"ready on 127.0.0.1:{port}", file=sys.stderr, flush=True)
        stop.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
