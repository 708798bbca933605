"""Customers as aggregates: read whole in one query, written back from the events that changed them.

The repository keeps, for the length of one unit of work, the store keys of
the customers it handed out (an identity map): the domain names customers by
id, the tables join on integer keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from loyalty_identity.domain.cards import SeriesLimit
from loyalty_identity.domain.customer import CustomerAggregate, Holders, ProfileState, read_model
from loyalty_identity.domain.events import (
    Change,
    CustomerCreated,
    CustomersMerged,
    CustomersUnmerged,
    IdentifiersChanged,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merge_policy import DEFAULT_POLICY, MergeMode, MergePolicy
from loyalty_identity.domain.model import Card, CardStatus, Customer, CustomerState, Profile, ScopedIdentifier
from loyalty_identity.domain.queries import IdentifierQuery
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.domain.suppression import NO_CHECK, SuppressionCheck
from loyalty_identity.service.ports import CustomerRecord, TransientStoreError
from loyalty_identity.store.card_repository import read_card
from loyalty_identity.store.rows import PlainSql, as_datetime, to_db_time

# The customer whole: its row, then its profiles, identifiers, cards and victims
# as JSON arrays, each from one indexed subquery. {json_array}/{json_group} are
# the engine's JSON functions; {empty} what an aggregate over no rows gives.
_WHOLE = """
SELECT c.id, c.uid, c.state, s.uid, c.create_time, c.update_time,
  (SELECT {json_group}({json_array}(p.id, p.source, p.account_id, p.create_time))
     FROM "profile" p WHERE p.customer_id = c.id),
  (SELECT {json_group}({json_array}(i.profile_id, i.type, i.value))
     FROM "identifier" i WHERE i.customer_id = c.id),
  (SELECT {json_group}({json_array}(d.number, cs.uid, d.status, d.status_label, d.create_time, d.issue_time,
                                    d.expire_time))
     FROM "card" d JOIN "card_series" cs ON cs.id = d.series_id WHERE d.customer_id = c.id),
  (SELECT {json_group}({json_array}(v.id, v.uid)) FROM "customer" v WHERE v.survivor_id = c.id){extra}
FROM "customer" c LEFT JOIN "customer" s ON s.id = c.survivor_id
"""
# Who holds the identifiers a write names (Holders), as one more column of the
# customer's row: in their scopes (1, source, account, type, value, holder)
# and anywhere in the org (0, 0, '', type, value, holder).
_HOLDERS = """,
  (SELECT {json_group}({json_array}(h.scoped, h.source, h.account_id, h.type, h.value, h.uid)) FROM (
     SELECT 1 AS scoped, i.source, i.account_id, i.type, i.value, x.uid FROM "identifier" i
       JOIN "customer" x ON x.id = i.customer_id WHERE i.org = ? AND ({in_scope})
     UNION ALL
     SELECT 0, 0, '', k.type, k.value, x.uid FROM "identifier_key" k
       JOIN "customer" x ON x.id = k.customer_id WHERE k.org = ? AND ({anywhere})
     UNION ALL
     SELECT 2, p.max_merged_customers, p.rules, 0, '', '' FROM "merge_policy" p WHERE p.org = ?{suppressed}) h)"""
# The org's merge policy travels in the same statement (row kind 2: the limit and the rules as
# JSON [[type, mode], ...]): the rules of a merge need it, and reading it costs no statement more.
# Suppression (schema 7), folded into the same read when the write asks: the digests
# of its values (kind 3, one primary-key lookup each), or without a key whether the org
# has any suppression at all (kind 4, one probe of the key's first column).
_SUPPRESSED = """
     UNION ALL
     SELECT 3, 0, '', 0, s.digest, '' FROM "suppression" s WHERE s.org = ? AND s.digest IN ({digests})"""
_ANY_SUPPRESSED = """
     UNION ALL
     SELECT 4, 0, '', 0, '', '' FROM (SELECT 1 AS one FROM "suppression" s WHERE s.org = ? LIMIT 1) any_s"""
_POLICY_ROW, _SUPPRESSED_KIND, _ANY_SUPPRESSED_KIND = 2, 3, 4
# FindCustomers: every query's holder in one statement. The queries are a VALUES list
# (idx, kind, source, account, type, value); each row's holder is one index lookup, a
# correlated subquery (so the engine cannot plan a scan): kind 1 a value in its scope (the
# lookup index), 0 in any scope (the org-wide key), 2 a card number. Each active holder is
# then read whole once, with the indexes of the queries it answers as a JSON array.
_FIND = """
WITH q(idx, kind, source, account_id, type, value) AS (VALUES {rows}),
hit(idx, customer_id) AS (
  SELECT q.idx, CASE q.kind
    WHEN 1 THEN (SELECT i.customer_id FROM "identifier" i WHERE i.org = ? AND i.source = q.source
                   AND i.account_id = q.account_id AND i.type = q.type AND i.value = q.value)
    WHEN 0 THEN (SELECT k.customer_id FROM "identifier_key" k WHERE k.org = ? AND k.type = q.type
                   AND k.value = q.value)
    ELSE (SELECT d.customer_id FROM "card" d WHERE d.org = ? AND d.number = q.value) END
  FROM q
)"""
# A miss (customer_id NULL) joins no customer.
_FOUND = """ JOIN (SELECT customer_id, {json_group}(idx) AS hits FROM hit GROUP BY customer_id) h
  ON h.customer_id = c.id WHERE c.state = ?"""
_ANY_SCOPE, _IN_SCOPE, _CARD = 0, 1, 2
ERASED_CARD_REASON = "customer erased"  # RULES 2.5.1: the card log's reason
_DIALECTS = {
    "sqlite": {"json_group": "json_group_array", "json_array": "json_array"},
    "postgresql": {"json_group": "json_agg", "json_array": "json_build_array"},
}

_STATES = {int(state): state for state in CustomerState}
_SOURCES = {int(source): source for source in Source}
_TYPES = {int(kind): kind for kind in IdentifierType}
_WHOLE_ALONE = {name: _WHOLE.format(extra="", **dialect) for name, dialect in _DIALECTS.items()}


@dataclass
class _Seen:
    """What the unit of work knows of a customer it handed out."""

    pk: int
    customer: CustomerAggregate
    profiles: dict[Scope, int] = field(default_factory=dict)  # profile keys by scope
    victims: dict[str, int] = field(default_factory=dict)  # keys of the customers merged into it, by id


class SqlCustomerRepository:
    def __init__(self, sql: PlainSql, clock: Callable[[], datetime]) -> None:
        self._sql = sql
        self._clock = clock
        self._seen: dict[str, _Seen] = {}
        self._reserved: dict[str, int] = {}  # rows of customers about to be created, by id

    # Reading ----------------------------------------------------------------------

    def get(self, org: str, customer_id: str, lock: bool = False) -> CustomerAggregate | None:
        """The customer whole; lock: hold its row until the transaction ends (every writer of it does)."""
        return self.get_many(org, [customer_id], lock).get(customer_id)

    def get_for_update(
        self,
        org: str,
        customer_id: str,
        wanted: Iterable[tuple[Scope, IdentifierValue]] = (),
        suppression: SuppressionCheck = NO_CHECK,
    ) -> tuple[CustomerAggregate | None, Holders]:
        """The customer a write changes, locked and read whole, with the holders of wanted in the same read."""
        self._lock("WHERE uid = ? AND org = ?", customer_id, org)
        facts = _holder_facts(org, wanted, suppression)
        sql = self._whole(facts.sql) + " WHERE c.uid = ? AND c.org = ?"
        row = self._sql.one_prepared(sql, *facts.params, customer_id, org)
        if row is None:
            return None, Holders()
        customer = self._load(row[: len(row) - bool(facts.sql)])
        return customer, _holders(row[-1], suppression) if facts.sql else Holders()

    def get_by_pk(self, pk: int, lock: bool = False) -> CustomerAggregate:
        if lock:
            self._lock("WHERE id = ?", pk)
        row = self._sql.one(self._whole() + " WHERE c.id = ?", pk)
        assert row is not None, f"customer {pk} vanished inside its transaction"
        return self._load(row)

    def get_many(self, org: str, customer_ids: list[str], lock: bool = False) -> dict[str, CustomerAggregate]:
        """Several customers whole, in one query; lock: their rows, in key order (as every writer takes them)."""
        marks = ", ".join("?" * len(customer_ids))
        if lock:
            self._lock(f"WHERE uid IN ({marks}) AND org = ?", *customer_ids, org)
        rows = self._sql.rows(self._whole() + f" WHERE c.uid IN ({marks}) AND c.org = ?", *customer_ids, org)
        customers = [self._load(row) for row in rows]
        return {customer.id: customer for customer in customers}

    def _lock(self, where: str, *params: Any) -> None:
        """Lock customer rows in key order, on the engines with row locks (SQLite runs one writer at a time).

        A statement of its own, before the load: a locking read that waited
        sees the locked row as committed meanwhile, but its subqueries keep the
        snapshot taken before the wait (READ COMMITTED), which could miss what
        the other writer did to the customer's profiles. No answer is read, so
        on PostgreSQL it travels in one message with the load that follows
        (store/postgres.py): the load still runs after it, on a fresh snapshot.
        """
        if self._sql.for_update:
            self._sql.execute(f'SELECT id FROM "customer" {where} ORDER BY id FOR UPDATE', *params)

    # One statement each: a read of one customer needs no transaction around it.

    def find(self, org: str, customer_id: str) -> Customer | None:
        """The customer as a reader sees it; a merged customer answers with its survivor (one hop)."""
        where = ' WHERE c.id = (SELECT COALESCE(v.survivor_id, v.id) FROM "customer" v WHERE v.uid = ? AND v.org = ?)'
        return self._read(where, customer_id, org)

    def find_by_identifier(self, org: str, scope: Scope, ident: IdentifierValue) -> Customer | None:
        where = (
            ' WHERE c.id = (SELECT customer_id FROM "identifier" WHERE org = ? AND source = ? AND account_id = ?'
            " AND type = ? AND value = ?)"
        )
        return self._read(where, org, *_key(scope, ident))

    def find_by_card(self, org: str, number: str) -> Customer | None:
        """Cards are org-wide: the card's holder, whatever the scope."""
        # An erased customer keeps its DELETED cards, but no card finds it.
        return self._read(
            ' WHERE c.id = (SELECT customer_id FROM "card" WHERE org = ? AND number = ?) AND c.state != ?',
            org,
            number,
            int(CustomerState.ERASED),
        )

    def find_many(self, org: str, queries: Sequence[IdentifierQuery]) -> dict[int, Customer]:
        """The active holder of each query's value, by the query's index: one statement whatever their number."""
        sql, params = self.find_statement(org, queries)
        holders: dict[int, Customer] = {}
        for row in self._sql.rows(sql, *params):
            customer = self._view(row[:-1])
            holders.update((int(idx), customer) for idx in _json(row[-1]))
        return holders

    def find_statement(self, org: str, queries: Sequence[IdentifierQuery]) -> tuple[str, list[Any]]:
        """find_many's statement and parameters (with `?`), also for tests/e2e/test_query_plans.py."""
        rows = ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(queries))
        sql = _FIND.format(rows=rows) + self._whole(", h.hits") + _FOUND.format(**self._dialect())
        params = [p for i, query in enumerate(queries) for p in _query_row(i, query)]
        return sql, [*params, org, org, org, int(CustomerState.ACTIVE)]

    def _read(self, where: str, *params: Any) -> Customer | None:
        row = self._sql.one_prepared(self._whole() + where, *params)
        return None if row is None else self._view(row)

    def pk(self, customer: CustomerAggregate) -> int:
        return self._seen[customer.id].pk

    def pk_of(self, name: str) -> int:
        """The key of a customer handed out in this unit of work, by resource name."""
        return self._seen[name.removeprefix("customers/")].pk

    def record(self, customer: CustomerAggregate) -> CustomerRecord:
        """The row view of a customer, for the card and unmerge use cases."""
        survivor_pk = self._seen[customer.survivor].pk if customer.survivor in self._seen else None
        return CustomerRecord(self.pk(customer), customer.id, customer.state, survivor_pk)

    def holders(self, org: str, wanted: Iterable[tuple[Scope, IdentifierValue]]) -> Holders:
        """Who holds each (scope, identifier) in its scope, and who holds each value anywhere: one query."""
        facts = _holder_facts(org, wanted)
        if not facts.sql:
            return Holders()
        row = self._sql.one("SELECT " + facts.sql.lstrip(",").format(**self._dialect()), *facts.params)
        assert row is not None
        return _holders(row[0])

    def _dialect(self) -> dict[str, str]:
        return _DIALECTS[self._sql.dialect]

    # Pairs an unmerge keeps apart ------------------------------------------------------

    def blocks_between(self, a: CustomerAggregate, b: CustomerAggregate) -> list[tuple[int, int]]:
        """Blocked pairs with one customer on each side, a side being a customer and the customers merged into it.

        One lookup through merge_block's primary key: the sides are known from the loads.
        """
        side_a, side_b = (self._side(customer) for customer in (a, b))
        everyone = sorted(side_a | side_b)
        marks = ", ".join("?" * len(everyone))
        rows = self._sql.rows(
            'SELECT customer_low_id, customer_high_id FROM "merge_block"'
            f" WHERE customer_low_id IN ({marks}) AND customer_high_id IN ({marks})",
            *everyone,
            *everyone,
        )
        return [
            (int(low), int(high))
            for low, high in rows
            if (low in side_a and high in side_b) or (low in side_b and high in side_a)
        ]

    def _side(self, customer: CustomerAggregate) -> set[int]:
        seen = self._seen[customer.id]
        return {seen.pk, *seen.victims.values()}

    def erased_side(self, customer: CustomerAggregate) -> dict[str, int]:
        """Keys of the customer and of the customers merged into it, by resource name."""
        seen = self._seen[customer.id]
        return {customer.name: seen.pk} | {f"customers/{uid}": pk for uid, pk in seen.victims.items()}

    def unblock(self, pairs: list[tuple[int, int]]) -> None:
        if pairs:
            self._sql.execute(
                'DELETE FROM "merge_block" WHERE '
                + " OR ".join(["(customer_low_id = ? AND customer_high_id = ?)"] * len(pairs)),
                *[key for pair in pairs for key in pair],
            )

    def block(self, org: str, victim: CustomerAggregate, survivor_pk: int, merge_pk: int | None) -> None:
        low, high = sorted((self.pk(victim), survivor_pk))
        self._sql.execute(
            'INSERT INTO "merge_block" (org, customer_low_id, customer_high_id, merge_id) VALUES (?, ?, ?, ?)'
            " ON CONFLICT DO NOTHING",
            org,
            low,
            high,
            merge_pk,
        )

    def series_limits(self, series_ids: Iterable[str]) -> dict[str, SeriesLimit]:
        ids = sorted(set(series_ids))
        if not ids:
            return {}
        rows = self._sql.rows(
            'SELECT uid, code, max_active_cards_per_customer FROM "card_series"'
            f" WHERE uid IN ({', '.join('?' * len(ids))})",
            *ids,
        )
        return {uid: SeriesLimit(code, int(limit)) for uid, code, limit in rows}

    # Writing ----------------------------------------------------------------------

    def save(self, org: str, changes: list[Change], now: datetime) -> None:
        """Write what the changes to customers already handed out say happened (new ones: add())."""
        for change in changes:
            if isinstance(change, IdentifiersChanged):
                self._change_identifiers(org, change, now)
            elif isinstance(change, CustomersMerged):
                self._merge(change, now)
            elif isinstance(change, CustomersUnmerged):
                self._unmerge(org, change, now)

    def reserve(
        self,
        org: str,
        customer_id: str,
        now: datetime,
        wanted: Iterable[tuple[Scope, IdentifierValue]],
        suppression: SuppressionCheck = NO_CHECK,
    ) -> Holders:
        """Insert the row of a customer about to be created, and read who holds wanted, in one statement."""
        at = to_db_time(now)
        facts = _holder_facts(org, wanted, suppression)
        row = self._sql.one(
            'INSERT INTO "customer" (org, uid, state, create_time, update_time) VALUES (?, ?, ?, ?, ?)'
            " RETURNING id" + facts.sql.format(**self._dialect()),
            org,
            customer_id,
            int(CustomerState.ACTIVE),
            at,
            at,
            *facts.params,
        )
        assert row is not None
        self._reserved[customer_id] = int(row[0])
        return _holders(row[1], suppression) if facts.sql else Holders()

    def release(self, customer_id: str) -> None:
        """Give back a reserved row: no customer was made."""
        self._sql.execute('DELETE FROM "customer" WHERE id = ?', self._reserved.pop(customer_id))

    def add(self, org: str, customer: CustomerAggregate, change: CustomerCreated, now: datetime) -> None:
        """A customer made by CustomerAggregate.create: its row (reserved, or new), profiles and identifiers."""
        pk = self._reserved.pop(customer.id, None)
        if pk is None:
            at = to_db_time(now)
            row = self._sql.one(
                'INSERT INTO "customer" (org, uid, state, create_time, update_time) VALUES (?, ?, ?, ?, ?)'
                " RETURNING id",
                org,
                customer.id,
                int(CustomerState.ACTIVE),
                at,
                at,
            )
            assert row is not None
            pk = int(row[0])
        self._seen[customer.id] = _Seen(pk, customer)
        self._add_identifiers(org, self._seen[customer.id], change.identifiers, now)

    def touch(self, customer: CustomerAggregate, now: datetime) -> None:
        customer.update_time = now
        self._sql.execute('UPDATE "customer" SET update_time = ? WHERE id = ?', to_db_time(now), self.pk(customer))

    def erase(self, customer: CustomerAggregate, now: datetime) -> None:
        """The erased customer's rows: identifiers, keys and profiles go; cards DELETED, logged; state ERASED."""
        sql = self._sql
        seen = self._seen[customer.id]
        for table in ("identifier", "identifier_key", "profile"):  # identifier rows point at profiles: first
            sql.execute(f'DELETE FROM "{table}" WHERE customer_id = ?', seen.pk)
        seen.profiles = {}
        at = to_db_time(now)
        deleted = int(CardStatus.DELETED)
        sql.execute(
            'INSERT INTO "card_status_change" (org, card_id, from_status, to_status, status_label, customer_id,'
            ' reason, create_time) SELECT org, id, status, ?, ?, customer_id, ?, ? FROM "card"'
            " WHERE customer_id = ? AND status != ? ORDER BY number",
            deleted,
            CardStatus.DELETED.name,
            ERASED_CARD_REASON,
            at,
            seen.pk,
            deleted,
        )
        sql.execute(
            'UPDATE "card" SET status = ?, status_label = ? WHERE customer_id = ? AND status != ?',
            deleted,
            CardStatus.DELETED.name,
            seen.pk,
            deleted,
        )
        sql.execute(
            'UPDATE "customer" SET state = ?, update_time = ? WHERE id = ?', int(CustomerState.ERASED), at, seen.pk
        )

    def _change_identifiers(self, org: str, change: IdentifiersChanged, now: datetime) -> None:
        seen = self._seen[change.customer.removeprefix("customers/")]
        if change.removed:
            self._remove_identifiers(org, seen, change.removed)
        self._add_identifiers(org, seen, change.added, now)

    def _remove_identifiers(self, org: str, seen: _Seen, removed: list[ScopedIdentifier]) -> None:
        """Three statements whatever the number removed; what goes with them is read from the tables.

        The customer's in-memory state is the request's end state (a merge may
        follow), not the state right after these removals.
        """
        sql = self._sql
        sql.execute(
            'DELETE FROM "identifier" WHERE customer_id = ? AND ('
            + " OR ".join(["(source = ? AND account_id = ? AND type = ? AND value = ?)"] * len(removed))
            + ")",
            seen.pk,
            *[p for item in removed for p in _key(item.scope, item.ident)],
        )
        # The org-wide key goes with the customer's last copy of the value.
        values = sorted({item.ident for item in removed}, key=_order)
        sql.execute(
            'DELETE FROM "identifier_key" WHERE org = ? AND customer_id = ? AND ('
            + " OR ".join(["(type = ? AND value = ?)"] * len(values))
            + ') AND NOT EXISTS (SELECT 1 FROM "identifier" i WHERE i.customer_id = "identifier_key".customer_id'
            ' AND i.type = "identifier_key".type AND i.value = "identifier_key".value)',
            org,
            seen.pk,
            *[p for ident in values for p in _order(ident)],
        )
        # A profile lives while it holds identifiers. One the customer still has (in memory)
        # is not empty; one it lacks was emptied, or moved by a merge: the tables say which.
        scopes = sorted(
            {item.scope for item in removed} - set(seen.customer.profiles), key=lambda s: (s.source, s.account_id)
        )
        if not scopes:
            return
        emptied = sql.rows(
            'DELETE FROM "profile" WHERE customer_id = ? AND ('
            + " OR ".join(["(source = ? AND account_id = ?)"] * len(scopes))
            + ') AND NOT EXISTS (SELECT 1 FROM "identifier" i WHERE i.profile_id = "profile".id)'
            " RETURNING source, account_id",
            seen.pk,
            *[p for scope in scopes for p in (int(scope.source), scope.account_id)],
        )
        for source, account_id in emptied:
            seen.profiles.pop(Scope(Source(source), account_id), None)

    def _add_identifiers(self, org: str, seen: _Seen, added: list[ScopedIdentifier], now: datetime) -> None:
        if not added:
            return
        sql = self._sql
        for scope in sorted({item.scope for item in added} - set(seen.profiles)):
            row = sql.one(
                'INSERT INTO "profile" (org, customer_id, source, account_id, create_time) VALUES (?, ?, ?, ?, ?)'
                " RETURNING id",
                org,
                seen.pk,
                int(scope.source),
                scope.account_id,
                to_db_time(seen.customer.profiles[scope].create_time if scope in seen.customer.profiles else now),
            )
            assert row is not None
            seen.profiles[scope] = int(row[0])
        sql.execute(
            'INSERT INTO "identifier" (org, customer_id, profile_id, source, account_id, type, value) VALUES '
            + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(added)),
            *[
                p
                for item in added
                for p in (
                    org,
                    seen.pk,
                    seen.profiles[item.scope],
                    int(item.scope.source),
                    item.scope.account_id,
                    int(item.ident.type),
                    item.ident.value,
                )
            ],
        )
        # Each value has one org-wide key, its holder's. A value the customer holds in a
        # scope this change did not add to is its own already; the others it claims now.
        added_here = {(item.scope, item.ident) for item in added}
        owned = {
            IdentifierValue(t, v)
            for scope, profile in seen.customer.profiles.items()
            for t, v in profile.values.items()
            if (scope, IdentifierValue(t, v)) not in added_here
        }
        wanted = sorted({item.ident for item in added} - owned, key=_order)
        if not wanted:
            return
        claimed = sql.rows(
            'INSERT INTO "identifier_key" (org, type, value, customer_id) VALUES '
            + ", ".join(["(?, ?, ?, ?)"] * len(wanted))
            + " ON CONFLICT DO NOTHING RETURNING type, value",
            *[p for ident in wanted for p in (org, *_order(ident), seen.pk)],
        )
        if len(claimed) < len(wanted):
            # Another customer claimed a value after we looked: our view is stale, run again.
            raise TransientStoreError("an identifier was claimed concurrently")

    def _merge(self, change: CustomersMerged, now: datetime) -> None:
        sql = self._sql
        victim = self._seen[change.victim.removeprefix("customers/")]
        survivor = self._seen[change.survivor.removeprefix("customers/")]
        at = to_db_time(now)
        tables = ["profile", "identifier", "identifier_key"]
        if change.moved_cards:
            # Every change of a card's owner is in its log.
            sql.execute(
                'INSERT INTO "card_status_change" (org, card_id, from_status, to_status, status_label, customer_id,'
                ' reason, create_time) SELECT org, id, status, status, status_label, ?, ?, ? FROM "card"'
                " WHERE customer_id = ?",
                survivor.pk,
                f"merged into {change.survivor}",
                at,
                victim.pk,
            )
            tables.append("card")
        for table in tables:
            sql.execute(f'UPDATE "{table}" SET customer_id = ? WHERE customer_id = ?', survivor.pk, victim.pk)
        # In one statement: the victim is merged into the survivor, and so are its earlier
        # victims (no chains); both sides of the merge were updated now.
        sql.execute(
            'UPDATE "customer" SET survivor_id = CASE WHEN id = ? THEN survivor_id ELSE ? END,'
            " state = CASE WHEN id = ? THEN ? ELSE state END,"
            " update_time = CASE WHEN id IN (?, ?) THEN ? ELSE update_time END"
            " WHERE survivor_id = ? OR id IN (?, ?)",
            survivor.pk,
            survivor.pk,
            victim.pk,
            int(CustomerState.MERGED),
            victim.pk,
            survivor.pk,
            at,
            victim.pk,
            victim.pk,
            survivor.pk,
        )
        survivor.customer.update_time = now
        survivor.profiles.update(victim.profiles)
        survivor.victims.update(victim.victims)
        survivor.victims[victim.customer.id] = victim.pk
        victim.profiles, victim.victims = {}, {}

    def _unmerge(self, org: str, change: CustomersUnmerged, now: datetime) -> None:
        """The victim takes back the profiles it brought (their rows, identifiers and keys), then stands alone."""
        sql = self._sql
        holder = self._seen[change.survivor.removeprefix("customers/")]
        victim = self._seen[change.victim.removeprefix("customers/")]
        if change.removed_identifiers:
            self._remove_identifiers(org, holder, change.removed_identifiers)
        scopes = sorted({item.scope for item in change.restored_identifiers}, key=lambda s: (s.source, s.account_id))
        profiles = [holder.profiles.pop(scope) for scope in scopes]
        victim.profiles.update(zip(scopes, profiles, strict=True))
        if profiles:
            marks = ", ".join("?" * len(profiles))
            sql.execute(f'UPDATE "profile" SET customer_id = ? WHERE id IN ({marks})', victim.pk, *profiles)
            sql.execute(f'UPDATE "identifier" SET customer_id = ? WHERE profile_id IN ({marks})', victim.pk, *profiles)
            values = sorted({item.ident for item in change.restored_identifiers}, key=_order)
            sql.execute(
                'UPDATE "identifier_key" SET customer_id = ? WHERE org = ? AND customer_id = ? AND ('
                + " OR ".join(["(type = ? AND value = ?)"] * len(values))
                + ")",
                victim.pk,
                org,
                holder.pk,
                *[p for ident in values for p in _order(ident)],
            )
        restored = [name.removeprefix("customers/") for name in change.restored_customers]
        if restored:
            marks = ", ".join("?" * len(restored))
            sql.execute(
                f'UPDATE "customer" SET survivor_id = ? WHERE survivor_id = ? AND uid IN ({marks})',
                victim.pk,
                holder.pk,
                *restored,
            )
        sql.execute(
            'UPDATE "customer" SET state = ?, survivor_id = NULL, update_time = ? WHERE id = ?',
            int(CustomerState.ACTIVE),
            to_db_time(now),
            victim.pk,
        )

    # Loading ----------------------------------------------------------------------

    def _whole(self, extra: str = "") -> str:
        if not extra:  # the same string object each time: its hash (PlainSql's cache key) is kept
            return _WHOLE_ALONE["postgresql" if self._sql.for_update else "sqlite"]
        dialect = self._dialect()
        return _WHOLE.format(extra=extra.format(**dialect), **dialect)

    def _load(self, row: tuple[Any, ...]) -> CustomerAggregate:
        """The aggregate a write changes (the unit of work remembers its keys)."""
        pk, uid, state, survivor, created, updated, profile_rows, identifier_rows, card_rows, victim_rows = row
        profiles, victims = _json(profile_rows), _json(victim_rows)
        values: dict[int, dict[IdentifierType, str]] = {}
        for profile_pk, id_type, value in _json(identifier_rows):
            values.setdefault(int(profile_pk), {})[IdentifierType(id_type)] = value
        scopes = {int(p[0]): Scope(Source(p[1]), p[2]) for p in profiles}
        customer = CustomerAggregate(
            id=uid,
            state=CustomerState(state),
            survivor=survivor or "",
            profiles={scopes[p[0]]: ProfileState(values.get(int(p[0]), {}), as_datetime(p[3])) for p in profiles},
            cards={card.number: card for card in self._cards(uid, _json(card_rows))},
            victims={uid for _, uid in victims},
            create_time=as_datetime(created),
            update_time=as_datetime(updated),
        )
        self._seen[uid] = _Seen(
            int(pk),
            customer,
            {scope: profile_pk for profile_pk, scope in scopes.items()},
            {victim_uid: int(victim_pk) for victim_pk, victim_uid in victims},
        )
        return customer

    def _view(self, row: tuple[Any, ...]) -> Customer:
        """What a reader sees, straight from the row: CustomerAggregate.to_read_model() of _load(row),
        without the aggregate a read never changes (the contract tests hold the two equal). Every
        read pays for this: enums come from lookup tables, values are sorted as plain tuples."""
        _, uid, state, survivor, created, updated, profile_rows, identifier_rows, card_rows, victim_rows = row
        values: dict[int, list[tuple[int, str]]] = {}
        for profile_pk, id_type, value in _json(identifier_rows):
            values.setdefault(profile_pk, []).append((id_type, value))
        profiles = sorted(_json(profile_rows), key=lambda p: (p[1], p[2]))
        return read_model(
            uid,
            _STATES[state],
            [
                Profile(
                    Scope(_SOURCES[source], account),
                    [IdentifierValue(_TYPES[t], v) for t, v in sorted(values.get(pk, ()))],
                    as_datetime(profile_created),
                )
                for pk, source, account, profile_created in profiles
            ],
            sorted(self._cards(uid, _json(card_rows)), key=lambda card: card.number),
            survivor or "",
            [v[1] for v in _json(victim_rows)],
            as_datetime(created),
            as_datetime(updated),
        )

    def _cards(self, owner: str, rows: list[Any]) -> list[Card]:
        now = self._clock()
        return [
            read_card((number, series, status, label, owner, created, issued, expires), now)
            for number, series, status, label, created, issued, expires in rows
        ]


@dataclass(frozen=True)
class _Facts:
    sql: str  # a column expression (with a leading comma), or "" when nothing is asked
    params: list[Any]


def _holder_facts(
    org: str, wanted: Iterable[tuple[Scope, IdentifierValue]], suppression: SuppressionCheck = NO_CHECK
) -> _Facts:
    asked = sorted(set(wanted), key=lambda w: (w[0].source, w[0].account_id, w[1].type, w[1].value))
    if not asked:
        return _Facts("", [])
    values = sorted({ident for _, ident in asked}, key=_order)
    in_scope = " OR ".join(["(i.source = ? AND i.account_id = ? AND i.type = ? AND i.value = ?)"] * len(asked))
    anywhere = " OR ".join(["(k.type = ? AND k.value = ?)"] * len(values))
    params: list[Any] = [org, *[p for scope, ident in asked for p in _key(scope, ident)]]
    params += [org, *[p for ident in values for p in _order(ident)], org]
    suppressed = ""
    if suppression.digests:
        digests = sorted(suppression.digests)
        suppressed = _SUPPRESSED.replace("{digests}", ", ".join("?" * len(digests)))
        params += [org, *digests]
    elif suppression.keyless:
        suppressed = _ANY_SUPPRESSED
        params.append(org)
    sql = _HOLDERS.replace("{in_scope}", in_scope).replace("{anywhere}", anywhere).replace("{suppressed}", suppressed)
    return _Facts(sql, params)


def _holders(column: Any, suppression: SuppressionCheck = NO_CHECK) -> Holders:
    in_scope: dict[tuple[Scope, IdentifierValue], str] = {}
    anywhere: dict[IdentifierValue, str] = {}
    policy = DEFAULT_POLICY
    suppressed: set[IdentifierValue] = set()
    any_suppressed = False
    for kind, source, account, id_type, value, holder in _json(column):
        if kind == _POLICY_ROW:
            policy = policy_from_row(account, source)
        elif kind == _SUPPRESSED_KIND:
            suppressed.add(suppression.digests[value])
        elif kind == _ANY_SUPPRESSED_KIND:
            any_suppressed = True
        elif kind:
            in_scope[(Scope(Source(source), account), IdentifierValue(IdentifierType(id_type), value))] = holder
        else:
            anywhere[IdentifierValue(IdentifierType(id_type), value)] = holder
    return Holders(in_scope, anywhere, policy, frozenset(suppressed), any_suppressed or bool(suppressed))


def policy_from_row(rules: str, max_merged_customers: int) -> MergePolicy:
    """A merge_policy row as the domain's value (stored valid: no check again)."""
    modes = tuple((IdentifierType(t), MergeMode(m)) for t, m in json.loads(rules))
    return MergePolicy(modes, int(max_merged_customers))


def policy_to_row(policy: MergePolicy) -> tuple[str, int]:
    return json.dumps([[int(t), int(m)] for t, m in policy.modes]), policy.max_merged_customers


def _json(value: Any) -> list[Any]:
    """A JSON array column: text on SQLite, already decoded on PostgreSQL, NULL over no rows there."""
    if value is None:
        return []
    return list(json.loads(value) if isinstance(value, str) else value)


def _key(scope: Scope, ident: IdentifierValue) -> tuple[int, str, int, str]:
    return int(scope.source), scope.account_id, int(ident.type), ident.value


def _query_row(index: int, query: IdentifierQuery) -> tuple[int, int, int, str, int, str]:
    """A query as a row of _FIND's VALUES list."""
    if query.is_card:
        return index, _CARD, 0, "", int(query.ident.type), query.ident.value
    if query.scope is None:
        return index, _ANY_SCOPE, 0, "", int(query.ident.type), query.ident.value
    return index, _IN_SCOPE, *_key(query.scope, query.ident)


def _order(ident: IdentifierValue) -> tuple[int, str]:
    return int(ident.type), ident.value
