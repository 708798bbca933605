"""What one EraseCustomer costs beside a long feed (issue 21, item 5).

Fills one org's feed with --events events of other customers (written as rows,
numbered after the events the API wrote), gives a few people a history through
the API (created, an identifier added and removed, merged into someone and
unmerged), then erases them one by one and reports each erasure's wall time.

    .venv/bin/python -m benchmarks.erasure_cost --events 500000
    .venv/bin/python -m benchmarks.erasure_cost --database postgresql://... --events 500000

The same script measures an older version of the service: run it with that
version's `src` first on PYTHONPATH (BENCHMARKS.md has the figures).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import peewee as pw

import loyalty_identity
from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import ServerConfig, create_server

ORG = "default"
BATCH = 5000


def ident(kind: int, value: str) -> r.Identifier:
    return r.Identifier(type=kind, value=value)


def make_person(stub: Any, n: int) -> str:
    """A customer with a history: a removed value, a merge into someone else and its undoing."""
    mobile, email, old = f"86{13_900_000_000 + n}", f"p{n}@erase.example", f"ext-{n}"
    person = stub.CreateCustomer(
        pb.CreateCustomerRequest(profiles=[r.Profile(source=r.SOURCE_INSTORE, identifiers=[ident(1, mobile)])])
    ).customer.name
    for add, remove in (([ident(2, email)], []), ([ident(3, old)], []), ([], [ident(3, old)])):
        stub.UpdateIdentifiers(
            pb.UpdateIdentifiersRequest(customer=person, source=r.SOURCE_INSTORE, add=add, remove=remove)
        )
    other = stub.CreateCustomer(
        pb.CreateCustomerRequest(
            profiles=[r.Profile(source=r.SOURCE_TMALL, identifiers=[ident(2, f"o{n}@erase.example")])]
        )
    ).customer.name
    merge = stub.MergeCustomers(pb.MergeCustomersRequest(victim=person, survivor=other)).merge.name
    stub.UnmergeCustomers(pb.UnmergeCustomersRequest(merge=merge))
    return person


def filler(first: int, count: int) -> Iterator[tuple[Any, ...]]:
    """identifiers_changed events of customers that never meet the people erased."""
    for sequence in range(first, first + count):
        customer = f"customers/{uuid.UUID(int=sequence)}"
        payload = {"customer": customer, "added": [[1, "", 3, f"fill-{sequence}"]], "removed": []}
        yield (
            ORG,
            sequence,
            "identifiers_changed",
            "",
            json.dumps(payload, separators=(",", ":")),
            "2026-12-01 00:00:00",
        )


def fill_feed(db: Any, count: int) -> None:
    """Append count events after the org's last, as rows (the index by customer too, where the schema has it)."""
    # On SQLite a trigger fills the index (schema 5); elsewhere the writer does.
    index_by_hand = "event_customer" in db.get_tables() and not isinstance(db, pw.SqliteDatabase)
    add_index = f'INSERT INTO "event_customer" (org, customer, sequence) VALUES ({", ".join([db.param] * 3)})'
    with db.atomic():
        last = db.execute_sql(f'SELECT last_sequence FROM "event_counter" WHERE org = {db.param}', (ORG,)).fetchone()[0]
        rows = list(filler(last + 1, count))
        marks = ", ".join([db.param] * 6)
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            db.cursor().executemany(
                f'INSERT INTO "event" (org, sequence, kind, request_id, payload, create_time) VALUES ({marks})', chunk
            )
            if index_by_hand:
                db.cursor().executemany(
                    add_index,
                    [(ORG, json.loads(row[4])["customer"].removeprefix("customers/"), row[1]) for row in chunk],
                )
        db.execute_sql(
            f'UPDATE "event_counter" SET last_sequence = {db.param} WHERE org = {db.param}', (last + count, ORG)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--people", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="erasure-cost-"))
    url = args.database or f"sqlite:///{folder / 'erasure.db'}"
    server = create_server(ServerConfig(listen="127.0.0.1:0", database_url=url))
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            people = [make_person(stub, n) for n in range(args.people)]
            started = time.perf_counter()
            fill_feed(server.database.db, args.events)
            filled = time.perf_counter() - started
            times = []
            for person in people:
                started = time.perf_counter()
                stub.EraseCustomer(pb.EraseCustomerRequest(name=person))
                times.append(time.perf_counter() - started)
    finally:
        server.stop(grace=1)
    print(
        json.dumps(
            {
                "service": str(Path(loyalty_identity.__file__).parent),
                "database": url.split("://")[0],
                "events": args.events,
                "fill_s": round(filled, 1),
                "erase_ms": [round(t * 1000, 1) for t in times],
                "median_ms": round(statistics.median(times) * 1000, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
