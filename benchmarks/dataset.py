"""A deterministic benchmark dataset, loaded straight through the store in large batches.

Customer i of the store part has an INSTORE profile (mobile, email) and a WeChat
profile (openid) in account `wx`; half as many extra "online" customers have only a JD
profile (external id): merging one into a store customer never conflicts. A card
series holds cards in stock, and every tenth store customer holds one card.
Every id and value can be computed from the customer's number, so the load
generator needs no shared state with the loader.

With orgs > 1 (the org section of the run), the first half of the store customers
stays in org `default` and the second half is spread round-robin over `orgs` orgs
(`default`, `org1`, ...): W3 over the first half is one org's writes, over the
second half the same load over all the orgs (`org_of`). Cards go to customers of
`default` only (the card series is that org's).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from loyalty_identity.store.database import open_database
from loyalty_identity.store.migrations import migrate

ORG = "default"
SERIES_ID = "5e1e5000-0000-4000-8000-000000000001"
SERIES_PREFIX = "7"
CARD_LENGTH = 12
BATCH = 5000
INSTORE, WECHAT, JD, TMALL = 1, 2, 8, 6
MOBILE, EMAIL, EXTERNAL_ID, WECHAT_ID = 1, 2, 3, 4


def customer_id(n: int) -> str:
    return str(uuid.UUID(int=(0x1D << 120) | n))


def mobile(n: int) -> str:
    return f"86{n + 10_000_000_000:011d}"


def email(n: int) -> str:
    return f"c{n}@bench.example"


def openid(n: int) -> str:
    return f"o-bench-{n}"


def online_id(n: int) -> str:
    return f"jd-{n}"


def org_name(k: int) -> str:
    return ORG if k == 0 else f"org{k}"


def org_of(n: int, store_customers: int, orgs: int) -> str:
    """The org of customer n: `default`, but for the second half of the store customers when orgs > 1."""
    if orgs <= 1 or n < store_customers // 2 or n >= store_customers:
        return ORG
    return org_name(n % orgs)


def token(org: str) -> str:
    """The bearer token of org in the org section (the server is given their hashes)."""
    return f"bench-token-{org}"


def card_number(n: int) -> str:
    return f"{SERIES_PREFIX}{n:0{CARD_LENGTH - len(SERIES_PREFIX)}d}"


def _batches(rows: Iterator[tuple[Any, ...]], size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(db: Any, table: str, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join([db.param] * len(columns))})'
    count = 0
    for batch in _batches(rows):
        db.cursor().executemany(sql, batch)
        count += len(batch)
    return count


def load(
    url: str, store_customers: int, stock_cards: int = 20_000, progress: bool = True, orgs: int = 1
) -> dict[str, float]:
    """Fill an empty database; returns row counts and the seconds it took."""
    started = time.perf_counter()
    database = open_database(url, max_connections=2)
    migrate(database)
    db: Any = database.db
    now = datetime.now(UTC).replace(tzinfo=None)
    online = store_customers // 2
    total = store_customers + online

    def org(n: int) -> str:
        return org_of(n, store_customers, orgs)

    # Customer n has primary key n + 1; store profiles and identifiers follow in fixed order.
    with db.atomic(*([database.write_lock] if database.write_lock else [])):
        _insert(
            db,
            "customer",
            ["id", "org", "uid", "state", "survivor_id", "create_time", "update_time"],
            ((n + 1, org(n), customer_id(n), 1, None, now, now) for n in range(total)),
        )
        profiles = ((2 * n + 1, org(n), n + 1, INSTORE, "", now) for n in range(store_customers))
        wechat = ((2 * n + 2, org(n), n + 1, WECHAT, "wx", now) for n in range(store_customers))
        jd = ((2 * store_customers + k + 1, ORG, store_customers + k + 1, JD, "", now) for k in range(online))
        columns = ["id", "org", "customer_id", "source", "account_id", "create_time"]
        for rows in (profiles, wechat, jd):
            _insert(db, "profile", columns, rows)

        def identifiers() -> Iterator[tuple[Any, ...]]:
            for n in range(store_customers):
                yield (org(n), n + 1, 2 * n + 1, INSTORE, "", MOBILE, mobile(n))
                yield (org(n), n + 1, 2 * n + 1, INSTORE, "", EMAIL, email(n))
                yield (org(n), n + 1, 2 * n + 2, WECHAT, "wx", WECHAT_ID, openid(n))
            for k in range(online):
                yield (ORG, store_customers + k + 1, 2 * store_customers + k + 1, JD, "", EXTERNAL_ID, online_id(k))

        columns = ["org", "customer_id", "profile_id", "source", "account_id", "type", "value"]
        _insert(db, "identifier", columns, identifiers())
        _insert(
            db,
            "identifier_key",
            ["org", "type", "value", "customer_id"],
            ((org, kind, value, customer) for org, customer, _, _, _, kind, value in identifiers()),
        )
        db.execute_sql(
            'INSERT INTO "card_series" (id, org, uid, code, name, type, prefix, suffix, length, method, luhn,'
            " max_active_cards_per_customer, expiry_days, next_value, create_time)"
            f" VALUES (1, {', '.join([db.param] * 14)})",
            (
                ORG,
                SERIES_ID,
                "BENCH",
                "Bench card",
                1,
                SERIES_PREFIX,
                "",
                CARD_LENGTH,
                1,
                False,
                0,
                0,
                str(total + stock_cards),
                now,
            ),
        )
        holders = [n for n in range(0, store_customers, 10) if org(n) == ORG]
        cards = [(n, card_number(n)) for n in holders] + [(None, card_number(total + k)) for k in range(stock_cards)]
        _insert(
            db,
            "card",
            ["org", "number", "series_id", "status", "status_label", "customer_id", "create_time", "issue_time"],
            (
                (
                    ORG,
                    number,
                    1,
                    3 if n is not None else 1,
                    "ACTIVE" if n is not None else "NOT_ISSUED",
                    None if n is None else n + 1,
                    now,
                    now if n is not None else None,
                )
                for n, number in cards
            ),
        )
        db.execute_sql(
            'INSERT INTO "card_status_change" (org, card_id, from_status, to_status, status_label, customer_id,'
            " reason, create_time) SELECT org, id, NULL, status, status_label, customer_id, "
            f'{db.param}, create_time FROM "card"',
            ("loaded",),
        )
    if database.kind != "sqlite":
        for table in ["customer", "profile", "identifier", "card_series", "card", "card_status_change"]:
            db.execute_sql(
                f'SELECT setval(pg_get_serial_sequence(\'"{table}"\', \'id\'), (SELECT MAX("id") FROM "{table}"))'
            )
        db.execute_sql("ANALYZE")
    else:
        db.execute_sql("ANALYZE")
    database.close()
    seconds = time.perf_counter() - started
    if progress:
        print(f"loaded {total} customers ({store_customers} store, {online} online) in {seconds:.1f} s", flush=True)
    return {"customers": total, "seconds": seconds}
