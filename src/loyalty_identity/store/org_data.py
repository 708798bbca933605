"""Delete every row of one org: a brand that leaves, or a development org reset.

Runs as one transaction beside running servers (it queues with their writers),
children before parents so that no foreign key is ever left dangling. The org's
change feed goes too: its next event is number 1 again, and readers of its old
feed get SEQUENCE_AHEAD, as for any database they do not know.
"""

from __future__ import annotations

from typing import Any

from loyalty_identity.store.database import Database
from loyalty_identity.store.rows import PlainSql

# Children first. A customer may point at another (its survivor): one DELETE
# removes them all, and foreign keys are checked at the end of the statement.
ORG_TABLES = [
    "merge_block",
    "card_status_change",
    "card",
    "status_label",
    "card_series",
    "identifier_key",
    "identifier",
    "profile",
    "merge",
    "request_customer",
    "request",
    "event_customer",
    "event",
    "event_counter",
    "merge_policy",
    "suppression",
    "merge_candidate",
    "customer",
]


def delete_org(database: Database, org: str) -> dict[str, int]:
    """Rows deleted, by table (tables with none are left out)."""
    db: Any = database.db  # peewee's stubs leave execute_sql untyped
    deleted: dict[str, int] = {}
    with db.atomic(*([database.write_lock] if database.write_lock else [])):
        for table in ORG_TABLES:
            cursor = PlainSql(db).cursor(f'DELETE FROM "{table}" WHERE org = ?', org)
            if cursor.rowcount:
                deleted[table] = int(cursor.rowcount)
    return deleted
