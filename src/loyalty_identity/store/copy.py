"""Copy every row from one database to another: how to move from SQLite to PostgreSQL.

`loyalty-identity copy --from sqlite:///loyalty-identity.db --to postgresql://...`
reads the source in one snapshot, writes the target in one transaction (all or
nothing), keeps every id, and refuses a target that already holds data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee as pw

from loyalty_identity.store import invariants
from loyalty_identity.store.database import Database
from loyalty_identity.store.migrations import LATEST, current_version, migrate
from loyalty_identity.store.models import (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V4,
    SCHEMA_V5,
    SCHEMA_V6,
    SCHEMA_V7,
    SCHEMA_V8,
    BaseModel,
    CustomerRow,
)

BATCH = 1000
# Foreign keys point backwards in this order; customer.survivor_id (a self
# reference) is filled in after all customers exist. event_customer (no keys)
# goes before event: on a SQLite target the event INSERT's trigger writes the
# same rows again, and ignores them as already there.
MODELS: list[type[BaseModel]] = [*SCHEMA_V1, *SCHEMA_V2, *SCHEMA_V5, *SCHEMA_V4, *SCHEMA_V6, *SCHEMA_V7, *SCHEMA_V8]


class CopyError(RuntimeError):
    pass


@dataclass
class CopyReport:
    rows: dict[str, int]

    def __str__(self) -> str:
        return ", ".join(f"{table} {count}" for table, count in self.rows.items())


def _columns(model: type[BaseModel]) -> list[tuple[str, Callable[[Any], Any]]]:
    """Column names with a converter from what one engine returns to what any engine takes."""
    columns = []
    for field in model._meta.sorted_fields:
        convert: Callable[[Any], Any] = _same
        if isinstance(field, pw.BooleanField):
            convert = _boolean
        elif isinstance(field, pw.DateTimeField):
            convert = _timestamp
        columns.append((field.column_name, convert))
    return columns


def _same(value: Any) -> Any:
    return value


def _boolean(value: Any) -> Any:
    return None if value is None else bool(value)


def _timestamp(value: Any) -> Any:
    # SQLite hands back text, PostgreSQL datetimes; both engines accept ISO text.
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def _read(db: Any, model: type[BaseModel]) -> Iterator[list[tuple[Any, ...]]]:
    columns = _columns(model)
    names = ", ".join(f'"{name}"' for name, _ in columns)
    meta: Any = model._meta  # peewee's stubs leave get_primary_keys() untyped
    order = ", ".join(f'"{f.column_name}"' for f in meta.get_primary_keys())
    cursor = db.execute_sql(f'SELECT {names} FROM "{model._meta.table_name}" ORDER BY {order}')
    while rows := cursor.fetchmany(BATCH):
        yield [tuple(convert(value) for (_, convert), value in zip(columns, row, strict=True)) for row in rows]


def _write(db: Any, model: type[BaseModel], rows: list[tuple[Any, ...]]) -> None:
    names = [name for name, _ in _columns(model)]
    if model is CustomerRow:  # survivors may come later in id order: link them afterwards
        survivor = names.index("survivor_id")
        rows = [(*row[:survivor], None, *row[survivor + 1 :]) for row in rows]
    marks = ", ".join([db.param] * len(names))
    quoted = ", ".join(f'"{name}"' for name in names)
    db.cursor().executemany(f'INSERT INTO "{model._meta.table_name}" ({quoted}) VALUES ({marks})', rows)


def _link_survivors(source: Any, target: Any) -> None:
    cursor = source.execute_sql('SELECT "id", "survivor_id" FROM "customer" WHERE "survivor_id" IS NOT NULL')
    while rows := cursor.fetchmany(BATCH):
        target.cursor().executemany(
            f'UPDATE "customer" SET "survivor_id" = {target.param} WHERE "id" = {target.param}',
            [(survivor, pk) for pk, survivor in rows],
        )


def _is_empty(target: Any) -> bool:
    return all(target.execute_sql(f'SELECT 1 FROM "{m._meta.table_name}" LIMIT 1').fetchone() is None for m in MODELS)


def copy_database(source: Database, target: Database, progress: Callable[[str], None] = print) -> CopyReport:
    """Copy all rows of source into the empty target; both must be at the latest schema."""
    if current_version(source) != LATEST:
        raise CopyError("migrate the source first (loyalty-identity migrate)")
    migrate(target)
    src: Any = source.db
    dst: Any = target.db
    counts: dict[str, int] = {}
    read_options = {} if source.kind == "sqlite" else {"isolation_level": "REPEATABLE READ"}
    with src.atomic(**read_options), dst.atomic(*([target.write_lock] if target.write_lock else [])):
        if not _is_empty(dst):
            raise CopyError("the target database already holds data; copy only into an empty one")
        for model in MODELS:
            table = model._meta.table_name
            counts[table] = 0
            for rows in _read(src, model):
                _write(dst, model, rows)
                counts[table] += len(rows)
            progress(f"{table}: {counts[table]} row{'' if counts[table] == 1 else 's'}")
            if model is CustomerRow:
                _link_survivors(src, dst)
        if target.kind != "sqlite":
            for model in MODELS:
                if isinstance(model._meta.primary_key, pw.AutoField):
                    table = model._meta.table_name
                    dst.execute_sql(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
                        f' COALESCE((SELECT MAX("id") FROM "{table}"), 0) + 1, false)'
                    )
        broken = invariants.check(dst)
        if broken:
            raise CopyError("the copy breaks invariants (nothing was written): " + "; ".join(map(str, broken)))
    return CopyReport(counts)
