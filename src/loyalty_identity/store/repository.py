"""The Peewee implementation of the use cases' repository port."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import Customer, CustomerState, Merge, Profile, ScopedIdentifier
from loyalty_identity.domain.names import customer_name, merge_name
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import (
    CustomerRecord,
    MergeRecord,
    MovedItems,
    ProfileRecord,
    StoredResponse,
    TransientStoreError,
)
from loyalty_identity.store.card_repository import PeeweeCardRepository
from loyalty_identity.store.customer_repository import SqlCustomerRepository
from loyalty_identity.store.event_repository import PeeweeEventRepository, scoped_from_json, scoped_to_json
from loyalty_identity.store.models import (
    CustomerRow,
    IdentifierKeyRow,
    IdentifierRow,
    MergeBlockRow,
    MergeRow,
    ProfileRow,
    RequestRow,
)
from loyalty_identity.store.rows import as_datetime, from_db_time, to_db_time


def _customer(row: tuple[Any, ...]) -> CustomerRecord:
    pk, uid, state, survivor = row
    return CustomerRecord(pk=int(pk), id=uid, state=CustomerState(state), survivor_pk=survivor)


class PeeweeRepository(PeeweeCardRepository, PeeweeEventRepository):
    """The one repository a unit of work hands to the use cases."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        super().__init__(clock)
        self._init_events()
        self.customers = SqlCustomerRepository(self._sql, clock)

    # Customers ----------------------------------------------------------------

    # Plain SQL on the paths every request takes (see docs/QUERY_PLANS.md).

    def find_customer(self, org: str, customer_id: str, lock: bool = False) -> CustomerRecord | None:
        row = self._sql.one(
            'SELECT id, uid, state, survivor_id FROM "customer" WHERE uid = ? AND org = ?'
            + (self._sql.for_update if lock else ""),
            customer_id,
            org,
        )
        return _customer(row) if row else None

    def lock_customers(self, pks: list[int]) -> dict[int, CustomerRecord]:
        """Lock the customers' rows (in key order, against deadlocks) and read them fresh."""
        records = {}
        for pk in sorted(set(pks)):
            row = self._sql.one(
                'SELECT id, uid, state, survivor_id FROM "customer" WHERE id = ?' + self._sql.for_update, pk
            )
            assert row is not None
            records[pk] = _customer(row)
        return records

    def customer_by_pk(self, pk: int) -> CustomerRecord:
        row = self._sql.one('SELECT id, uid, state, survivor_id FROM "customer" WHERE id = ?', pk)
        assert row is not None, f"customer {pk} vanished inside its transaction"
        return _customer(row)

    def insert_customer(self, org: str, customer_id: str, now: datetime) -> CustomerRecord:
        at = to_db_time(now)
        row = self._sql.one(
            'INSERT INTO "customer" (org, uid, state, create_time, update_time) VALUES (?, ?, ?, ?, ?)'
            " RETURNING id, uid, state, survivor_id",
            org,
            customer_id,
            int(CustomerState.ACTIVE),
            at,
            at,
        )
        assert row is not None
        return _customer(row)

    def touch_customer(self, pk: int, now: datetime) -> None:
        self._sql.execute('UPDATE "customer" SET update_time = ? WHERE id = ?', to_db_time(now), pk)

    def count_holdings(self, customer_pk: int) -> int:
        """Whether the customer holds anything: 0, or 1 and more."""
        if self._sql.one('SELECT 1 FROM "identifier" WHERE customer_id = ? LIMIT 1', customer_pk):
            return 1
        return 1 if self._sql.one('SELECT 1 FROM "card" WHERE customer_id = ? LIMIT 1', customer_pk) else 0

    def load_customer(self, pk: int) -> Customer:
        # The hottest read of the service: plain SQL, five indexed queries.
        row = self._sql.one(
            'SELECT c.uid, c.state, s.uid, c.create_time, c.update_time FROM "customer" c'
            ' LEFT JOIN "customer" s ON s.id = c.survivor_id WHERE c.id = ?',
            pk,
        )
        assert row is not None, f"customer {pk} vanished inside its transaction"
        uid, state, survivor, created, updated = row
        merged = self._sql.rows('SELECT uid FROM "customer" WHERE survivor_id = ? ORDER BY uid', pk)
        return Customer(
            name=customer_name(uid),
            state=CustomerState(state),
            profiles=self._profiles_of(pk),
            cards=self.customer_cards(pk),
            survivor=customer_name(survivor) if survivor else "",
            merged_customers=[customer_name(victim) for (victim,) in merged],
            create_time=as_datetime(created),
            update_time=as_datetime(updated),
        )

    def _profiles_of(self, customer_pk: int) -> list[Profile]:
        profiles = self._sql.rows(
            'SELECT id, source, account_id, create_time FROM "profile" WHERE customer_id = ?'
            " ORDER BY source, account_id",
            customer_pk,
        )
        identifiers: dict[int, list[IdentifierValue]] = {profile_pk: [] for profile_pk, _, _, _ in profiles}
        for profile_pk, id_type, value in self._sql.rows(
            'SELECT profile_id, type, value FROM "identifier" WHERE customer_id = ? ORDER BY type, value', customer_pk
        ):
            identifiers[profile_pk].append(IdentifierValue(IdentifierType(id_type), value))
        return [
            Profile(Scope(Source(source), account_id), identifiers[profile_pk], as_datetime(created))
            for profile_pk, source, account_id, created in profiles
        ]

    # Identifiers and profiles -------------------------------------------------

    def holder_in_scope(self, org: str, scope: Scope, ident: IdentifierValue) -> int | None:
        row = self._sql.one(
            'SELECT customer_id FROM "identifier" WHERE org = ? AND source = ? AND account_id = ? AND type = ?'
            " AND value = ?",
            org,
            int(scope.source),
            scope.account_id,
            int(ident.type),
            ident.value,
        )
        return None if row is None else int(row[0])

    def key_owner(self, org: str, ident: IdentifierValue) -> int | None:
        row = self._sql.one(
            'SELECT customer_id FROM "identifier_key" WHERE org = ? AND type = ? AND value = ?',
            org,
            int(ident.type),
            ident.value,
        )
        return None if row is None else int(row[0])

    def profile(self, customer_pk: int, scope: Scope) -> ProfileRecord | None:
        row = self._sql.one(
            'SELECT id FROM "profile" WHERE customer_id = ? AND source = ? AND account_id = ?',
            customer_pk,
            int(scope.source),
            scope.account_id,
        )
        if row is None:
            return None
        values = self._sql.rows('SELECT type, value FROM "identifier" WHERE profile_id = ?', row[0])
        return ProfileRecord(int(row[0]), scope, [IdentifierValue(IdentifierType(t), v) for t, v in values])

    def profile_scopes(self, customer_pk: int) -> set[Scope]:
        rows = self._sql.rows('SELECT source, account_id FROM "profile" WHERE customer_id = ?', customer_pk)
        return {Scope(Source(source), account_id) for source, account_id in rows}

    def insert_profile(self, org: str, customer_pk: int, scope: Scope, now: datetime) -> int:
        row = self._sql.one(
            'INSERT INTO "profile" (org, customer_id, source, account_id, create_time) VALUES (?, ?, ?, ?, ?)'
            " RETURNING id",
            org,
            customer_pk,
            int(scope.source),
            scope.account_id,
            to_db_time(now),
        )
        assert row is not None
        return int(row[0])

    def delete_profile(self, profile_pk: int) -> None:
        ProfileRow.delete().where(ProfileRow.id == profile_pk).execute()

    def insert_identifier(
        self, org: str, customer_pk: int, profile_pk: int, scope: Scope, ident: IdentifierValue
    ) -> None:
        self._sql.execute(
            'INSERT INTO "identifier" (org, customer_id, profile_id, source, account_id, type, value)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            org,
            customer_pk,
            profile_pk,
            int(scope.source),
            scope.account_id,
            int(ident.type),
            ident.value,
        )
        self._sql.execute(
            'INSERT INTO "identifier_key" (org, type, value, customer_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
            org,
            int(ident.type),
            ident.value,
            customer_pk,
        )
        if self.key_owner(org, ident) != customer_pk:
            # Another transaction claimed the value after we looked: our view
            # of who holds it is stale, so the whole request must run again.
            raise TransientStoreError(f"{ident.type.name} claimed concurrently")

    def delete_identifier(self, org: str, customer_pk: int, profile_pk: int, ident: IdentifierValue) -> None:
        IdentifierRow.delete().where(
            (IdentifierRow.profile == profile_pk)
            & (IdentifierRow.type == ident.type)
            & (IdentifierRow.value == ident.value)
        ).execute()
        still_held = (
            IdentifierRow.select()
            .where(
                (IdentifierRow.customer == customer_pk)
                & (IdentifierRow.type == ident.type)
                & (IdentifierRow.value == ident.value)
            )
            .exists()
        )
        if not still_held:
            IdentifierKeyRow.delete().where(
                (IdentifierKeyRow.org == org)
                & (IdentifierKeyRow.type == ident.type)
                & (IdentifierKeyRow.value == ident.value)
                & (IdentifierKeyRow.customer == customer_pk)
            ).execute()

    # Merges -------------------------------------------------------------------

    def move_customer(self, victim_pk: int, survivor_pk: int, now: datetime) -> MovedItems:
        sql = self._sql
        org_row = sql.one('SELECT org FROM "customer" WHERE id = ?', victim_pk)
        survivor_row = sql.one('SELECT uid FROM "customer" WHERE id = ?', survivor_pk)
        assert org_row is not None and survivor_row is not None
        cards = self.move_cards(org_row[0], victim_pk, survivor_pk, survivor_row[0], now)
        profiles = self._profiles_of(victim_pk)
        repointed = [uid for (uid,) in sql.rows('SELECT uid FROM "customer" WHERE survivor_id = ?', victim_pk)]
        for table in ("profile", "identifier", "identifier_key"):
            sql.execute(f'UPDATE "{table}" SET customer_id = ? WHERE customer_id = ?', survivor_pk, victim_pk)
        # No chains: earlier victims of the victim now point at the survivor.
        sql.execute('UPDATE "customer" SET survivor_id = ? WHERE survivor_id = ?', survivor_pk, victim_pk)
        sql.execute(
            'UPDATE "customer" SET state = ?, survivor_id = ?, update_time = ? WHERE id = ?',
            int(CustomerState.MERGED),
            survivor_pk,
            to_db_time(now),
            victim_pk,
        )
        return MovedItems(profiles=profiles, cards=cards, repointed_customers=sorted(repointed))

    def insert_merge(self, org: str, merge: Merge, victim_pk: int, survivor_pk: int) -> None:
        MergeRow.insert(
            org=org,
            uid=merge.name.removeprefix("merges/"),
            victim=victim_pk,
            survivor=survivor_pk,
            trigger_source=merge.trigger_scope.source if merge.trigger_scope else None,
            trigger_account_id=merge.trigger_scope.account_id if merge.trigger_scope else "",
            trigger_type=merge.trigger.type if merge.trigger else None,
            trigger_value=merge.trigger.value if merge.trigger else "",
            request_id=merge.request_id,
            create_time=to_db_time(merge.create_time),
            details=json.dumps(_merge_details(merge), separators=(",", ":")),
        ).execute()

    def find_merge(self, org: str, merge_id: str, lock: bool = False) -> MergeRecord | None:
        query = _merges().where((MergeRow.uid == merge_id) & (MergeRow.org == org))
        if lock and self._sql.for_update:
            query = query.for_update(of=MergeRow)
        row = query.objects().first()
        if row is None:
            return None
        return MergeRecord(int(row.id), int(row.victim_id), int(row.survivor_id), _merge_from_row(row))

    def mark_unmerged(self, merge_pk: int, now: datetime, request_id: str) -> None:
        self._sql.execute(
            'UPDATE "merge" SET unmerge_time = ?, unmerge_request_id = ? WHERE id = ?',
            to_db_time(now),
            request_id,
            merge_pk,
        )

    def profile_pk_in_scope(self, customer_pk: int, scope: Scope) -> int | None:
        record = self.profile(customer_pk, scope)
        return record.pk if record else None

    def move_profile(self, org: str, profile_pk: int, to_customer_pk: int) -> None:
        """Give one profile, its identifiers and their org-wide keys to another customer."""
        sql = self._sql
        sql.execute('UPDATE "profile" SET customer_id = ? WHERE id = ?', to_customer_pk, profile_pk)
        sql.execute('UPDATE "identifier" SET customer_id = ? WHERE profile_id = ?', to_customer_pk, profile_pk)
        for id_type, value in sql.rows('SELECT type, value FROM "identifier" WHERE profile_id = ?', profile_pk):
            sql.execute(
                'UPDATE "identifier_key" SET customer_id = ? WHERE org = ? AND type = ? AND value = ?',
                to_customer_pk,
                org,
                id_type,
                value,
            )

    def scopes_holding(self, customer_pk: int, ident: IdentifierValue) -> set[Scope]:
        rows = self._sql.rows(
            'SELECT source, account_id FROM "identifier" WHERE customer_id = ? AND type = ? AND value = ?',
            customer_pk,
            int(ident.type),
            ident.value,
        )
        return {Scope(Source(source), account) for source, account in rows}

    def restore_victim(self, victim_pk: int, survivor_pk: int, repointed: list[str], now: datetime) -> list[str]:
        """The victim is ACTIVE again; its own earlier victims point at it again. Returns their ids."""
        sql = self._sql
        restored = []
        for customer_id in repointed:
            row = sql.one(
                'SELECT id FROM "customer" WHERE uid = ? AND survivor_id = ? AND state = ?',
                customer_id,
                survivor_pk,
                int(CustomerState.MERGED),
            )
            if row is not None:
                sql.execute('UPDATE "customer" SET survivor_id = ? WHERE id = ?', victim_pk, row[0])
                restored.append(customer_id)
        sql.execute(
            'UPDATE "customer" SET state = ?, survivor_id = NULL, update_time = ? WHERE id = ?',
            int(CustomerState.ACTIVE),
            to_db_time(now),
            victim_pk,
        )
        return restored

    def block_merge(self, org: str, a_pk: int, b_pk: int, merge_pk: int) -> None:
        low, high = sorted((a_pk, b_pk))
        self._sql.execute(
            'INSERT INTO "merge_block" (org, customer_low_id, customer_high_id, merge_id) VALUES (?, ?, ?, ?)'
            " ON CONFLICT DO NOTHING",
            org,
            low,
            high,
            merge_pk,
        )

    def merge_blocks_between(self, a_pk: int, b_pk: int) -> list[tuple[int, int]]:
        """Blocked pairs with one customer on each side, each side being a customer and its merged victims.

        Every merge asks, so each step is an index lookup: the sides through the
        survivor index, the pairs through merge_block's primary key.
        """
        side_a, side_b = set(self._side(a_pk)), set(self._side(b_pk))
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

    def _side(self, pk: int) -> list[int]:
        return [pk, *(int(r[0]) for r in self._sql.rows('SELECT id FROM "customer" WHERE survivor_id = ?', pk))]

    def unblock_merge(self, pairs: list[tuple[int, int]]) -> None:
        for low, high in pairs:
            MergeBlockRow.delete().where(
                (MergeBlockRow.customer_low == low) & (MergeBlockRow.customer_high == high)
            ).execute()

    def list_merges(
        self, org: str, customer_pk: int | None, before_pk: int | None, limit: int
    ) -> list[tuple[int, Merge]]:
        query = _merges().order_by(MergeRow.id.desc()).limit(limit)
        if customer_pk is not None:
            # The customer's own merges through the victim and survivor indexes
            # (the customer already belongs to org).
            query = query.where((MergeRow.victim == customer_pk) | (MergeRow.survivor == customer_pk))
        else:
            query = query.where(MergeRow.org == org)
        if before_pk is not None:
            query = query.where(MergeRow.id < before_pk)
        return [(row.id, _merge_from_row(row)) for row in query.objects()]

    # Idempotency --------------------------------------------------------------

    def claim_request(self, org: str, request_id: str, fingerprint: str, now: datetime) -> StoredResponse | None:
        # The unique (org, request_id) index is the claim: a twin's INSERT waits
        # on ours until we end. The empty reply is never seen by others: save_response
        # fills it in before COMMIT.
        claimed = self._sql.one(
            'INSERT INTO "request" (org, request_id, fingerprint, response, create_time) VALUES (?, ?, ?, ?, ?)'
            " ON CONFLICT (org, request_id) DO NOTHING RETURNING id",
            org,
            request_id,
            fingerprint,
            b"",
            to_db_time(now),
        )
        if claimed is not None:
            return None
        # A new statement sees the row whose commit the conflict waited for
        # (READ COMMITTED; SQLite's writers run one at a time anyway).
        row = self._sql.one(
            'SELECT fingerprint, response FROM "request" WHERE org = ? AND request_id = ?', org, request_id
        )
        if row is None:  # purged past its retention in between: run again, and claim it
            raise TransientStoreError("request id purged during its claim")
        return StoredResponse(str(row[0]), bytes(row[1]))

    def save_response(self, org: str, request_id: str, response: bytes) -> None:
        self._sql.execute(
            'UPDATE "request" SET response = ? WHERE org = ? AND request_id = ?', response, org, request_id
        )

    def purge_responses(self, older_than: datetime) -> int:
        return int(RequestRow.delete().where(RequestRow.create_time < to_db_time(older_than)).execute())


def _merges() -> Any:
    """Merge rows with their victim's and survivor's ids (read by _merge_from_row)."""
    victim = CustomerRow.alias()
    survivor = CustomerRow.alias()
    return (
        MergeRow.select(MergeRow, victim.uid.alias("victim_uid"), survivor.uid.alias("survivor_uid"))
        .join(victim, on=(MergeRow.victim == victim.id))
        .switch(MergeRow)
        .join(survivor, on=(MergeRow.survivor == survivor.id))
    )


def _merge_details(merge: Merge) -> dict[str, Any]:
    return {
        "profiles": [
            {
                "source": int(p.scope.source),
                "account_id": p.scope.account_id,
                "create_time": to_db_time(p.create_time).isoformat(),
                "identifiers": [[int(i.type), i.value] for i in p.identifiers],
            }
            for p in merge.moved_profiles
        ],
        "cards": merge.moved_cards,
        "repointed": merge.repointed_customers,
        "added": scoped_to_json(merge.added_identifiers),
    }


def _merge_from_row(row: Any) -> Merge:
    details = json.loads(row.details)
    has_trigger = row.trigger_type is not None
    return Merge(
        name=merge_name(row.uid),
        victim=customer_name(row.victim_uid),
        survivor=customer_name(row.survivor_uid),
        trigger_scope=Scope(Source(row.trigger_source), row.trigger_account_id) if has_trigger else None,
        trigger=IdentifierValue(IdentifierType(row.trigger_type), row.trigger_value) if has_trigger else None,
        request_id=row.request_id,
        create_time=from_db_time(row.create_time),
        moved_profiles=[
            Profile(
                Scope(Source(p["source"]), p["account_id"]),
                [IdentifierValue(IdentifierType(t), v) for t, v in p["identifiers"]],
                from_db_time(datetime.fromisoformat(p["create_time"])),
            )
            for p in details["profiles"]
        ],
        moved_cards=list(details["cards"]),
        repointed_customers=list(details["repointed"]),
        added_identifiers=_added_identifiers(details, row),
        unmerge_time=from_db_time(row.unmerge_time) if row.unmerge_time else None,
        unmerge_request_id=row.unmerge_request_id,
    )


def _added_identifiers(details: dict[str, Any], row: Any) -> list[ScopedIdentifier]:
    if "added" not in details:  # merges recorded before unmerge existed: the trigger alone
        if row.trigger_type is None:
            return []
        return [
            ScopedIdentifier(
                Scope(Source(row.trigger_source), row.trigger_account_id),
                IdentifierValue(IdentifierType(row.trigger_type), row.trigger_value),
            )
        ]
    return scoped_from_json(details["added"])
