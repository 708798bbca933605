"""The Peewee implementation of the use cases' repository port."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from loyalty_identity.domain.candidates import MergeCandidate
from loyalty_identity.domain.erasure import ERASED_TEXT, Erasure, merge_names
from loyalty_identity.domain.erasure import tombstone as erasure_tombstone
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merge_policy import DEFAULT_POLICY, MergePolicy
from loyalty_identity.domain.model import CustomerState, Merge, Profile, ScopedIdentifier
from loyalty_identity.domain.names import CUSTOMERS, customer_name, merge_name
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.service.ports import (
    CustomerRecord,
    MergeRecord,
    StoredResponse,
    TransientStoreError,
)
from loyalty_identity.store.candidate_repository import CANDIDATE_AS_JSON, SqlCandidateRepository, candidate_from_row
from loyalty_identity.store.card_repository import PeeweeCardRepository
from loyalty_identity.store.customer_repository import SqlCustomerRepository, policy_from_row, policy_to_row
from loyalty_identity.store.event_repository import (
    PeeweeEventRepository,
    decode,
    encode,
    scoped_from_json,
    scoped_to_json,
)
from loyalty_identity.store.models import (
    CustomerRow,
    MergeRow,
    RequestRow,
)
from loyalty_identity.store.rows import as_datetime, from_db_time, to_db_time

# PostgreSQL advisory lock of an org's erasures: (class, org key), two 32-bit keys
# (a space apart from the migrator's single 64-bit key).
_ERASURE_LOCK = 72_635_528


def _org_key(org: str) -> int:
    """The org's advisory lock key: a stable signed 32-bit hash of its name."""
    return zlib.crc32(org.encode()) - 2**31


_CANDIDATE = "merge_candidate"  # a candidate's row among the events an erasure reads

# A refused request's work is rolled back to here, its claim kept (RULES 2.7).
_SAVEPOINT = "request_work"
MAX_ROWS_PER_INSERT = 300  # x3 parameters: under SQLite's oldest limit of 999 a statement


def _customer(row: tuple[Any, ...]) -> CustomerRecord:
    pk, uid, state, survivor = row
    return CustomerRecord(pk=int(pk), id=uid, state=CustomerState(state), survivor_pk=survivor)


class PeeweeRepository(PeeweeCardRepository, PeeweeEventRepository):
    """The one repository a unit of work hands to the use cases."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        super().__init__(clock)
        self._init_events()
        self.customers = SqlCustomerRepository(self._sql, clock)
        self.wants_checkpoint = False  # an erasure asks SQLite to checkpoint its WAL after COMMIT
        self._savepoint_events = 0  # the feed's pending events when savepoint() was taken
        self._has_savepoint = False
        self.candidates = SqlCandidateRepository(self._sql)

    # Customers ----------------------------------------------------------------

    def find_customer(self, org: str, customer_id: str) -> CustomerRecord | None:
        row = self._sql.one(
            'SELECT id, uid, state, survivor_id FROM "customer" WHERE uid = ? AND org = ?', customer_id, org
        )
        return _customer(row) if row else None

    # Merges -------------------------------------------------------------------

    def insert_merge(self, org: str, merge: Merge, victim_pk: int, survivor_pk: int) -> None:
        # Plain SQL: peewee's Insert built this statement anew for every merge, about a tenth of
        # an automatic merge's CPU (py-spy of W4, BENCHMARKS.md).
        scope, trigger = merge.trigger_scope, merge.trigger
        self._sql.execute(
            'INSERT INTO "merge" (org, uid, victim_id, survivor_id, trigger_source, trigger_account_id,'
            " trigger_type, trigger_value, request_id, create_time, details, unmerge_request_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
            org,
            merge.name.removeprefix("merges/"),
            victim_pk,
            survivor_pk,
            int(scope.source) if scope else None,
            scope.account_id if scope else "",
            int(trigger.type) if trigger else None,
            trigger.value if trigger else "",
            merge.request_id,
            to_db_time(merge.create_time),
            json.dumps(_merge_details(merge), separators=(",", ":")),
        )

    def find_merge(self, org: str, merge_id: str, lock: bool = False) -> MergeRecord | None:
        query = _merges().where((MergeRow.uid == merge_id) & (MergeRow.org == org))
        if lock and self._sql.for_update:
            query = query.for_update(of=MergeRow)
        row = query.objects().first()
        if row is None:
            return None
        erased = [
            customer_name(uid)
            for uid, state in ((row.victim_uid, row.victim_state), (row.survivor_uid, row.survivor_state))
            if state == CustomerState.ERASED
        ]
        merge = merge_from_row(row)
        return MergeRecord(int(row.id), int(row.victim_id), int(row.survivor_id), merge, erased[0] if erased else "")

    def mark_unmerged(self, merge_pk: int, now: datetime, request_id: str) -> None:
        self._sql.execute(
            'UPDATE "merge" SET unmerge_time = ?, unmerge_request_id = ? WHERE id = ?',
            to_db_time(now),
            request_id,
            merge_pk,
        )

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
        return [(row.id, merge_from_row(row)) for row in query.objects()]

    # Erasure (RULES 2.5.1): every stored copy of the erased values ---------------

    def lock_erasures(self, org: str) -> None:
        """One erasure of an org at a time (PostgreSQL): each redacts what the one before left.

        Two erasures may redact one record (an event or merge record naming both
        people): the second must read the first's result, not a copy from
        before it. Erasures are rare, so they queue on one lock per org, taken
        before anything is read. SQLite's writers run one at a time anyway, and
        CockroachDB's SERIALIZABLE transactions abort one of the two (retried).
        """
        if self._sql.defers_writes:
            self._sql.execute("SELECT pg_advisory_xact_lock(?, ?)", _ERASURE_LOCK, _org_key(org))

    def redact(self, org: str, erasure: Erasure, customer_pks: list[int], tombstone: bytes) -> list[MergeCandidate]:
        """The events that name the erased customers, their merge records and card logs, and stored replies.

        Rows are found by index (event_customer, the merge's customers, the card
        log's customer) and redacted exactly by the domain's Erasure, with
        set-based statements (under lock_erasures).
        """
        self.wants_checkpoint = True
        merges, candidates = self._redact_events(org, erasure)
        self._redact_merges(erasure, customer_pks, merges)
        if erasure.values:
            values = sorted(erasure.values)
            marks = ", ".join("?" * len(customer_pks))
            self._sql.execute(
                f'UPDATE "card_status_change" SET reason = ? WHERE customer_id IN ({marks})'
                f" AND ({self._any_in('reason', values)})",
                ERASED_TEXT,
                *customer_pks,
                *values,
            )
        # Stored answers: exactly those that name the erased, by the names recorded with them.
        self.tombstone_replies(org, erasure.customers, tombstone)
        return candidates

    def _redact_events(self, org: str, erasure: Erasure) -> tuple[set[str], list[MergeCandidate]]:
        """Every event naming an erased customer, redacted; the names of the merges they tell of, and the
        merge candidates naming the erased (in the same read: an erasure without them costs nothing more)."""
        uids = sorted(name.removeprefix("customers/") for name in erasure.customers)
        named = ", ".join("?" * len(uids))
        rows = self._sql.rows(
            'SELECT e.id, e.kind, e.payload, e.sequence FROM "event" e WHERE e.org = ? AND e.sequence IN'
            f' (SELECT c.sequence FROM "event_customer" c WHERE c.org = ? AND c.customer IN ({named}))'
            f" UNION ALL SELECT m.id, '{_CANDIDATE}', CAST({CANDIDATE_AS_JSON[self._sql.dialect]} AS TEXT), 0"
            f' FROM "merge_candidate" m WHERE m.org = ? AND (m.victim IN ({named}) OR m.survivor IN ({named}))'
            " ORDER BY 4, 1",
            org,
            org,
            *uids,
            org,
            *uids,
            *uids,
        )
        candidates = [candidate_from_row(json.loads(payload)) for _, kind, payload, _ in rows if kind == _CANDIDATE]
        rows = [row[:3] for row in rows if row[1] != _CANDIDATE]
        changes = [decode(kind, json.loads(payload)) for _, kind, payload in rows]
        kept = erasure.events(changes)
        updates = [
            (int(row[0]), (json.dumps(encode(after)[1], separators=(",", ":")),))
            for row, before, after in zip(rows, changes, kept, strict=True)
            if after != before
        ]
        self._set_by_id("event", ("payload",), updates)
        return merge_names(changes), candidates

    def _redact_merges(self, erasure: Erasure, customer_pks: list[int], names: set[str]) -> None:
        """The merge records the events tell of, and those of the erased customers (their events may be purged)."""
        found = MergeRow.victim.in_(customer_pks) | MergeRow.survivor.in_(customer_pks)
        if names:
            found |= MergeRow.uid.in_(sorted(name.removeprefix("merges/") for name in names))
        updates = []
        for row in _merges().where(found).objects():
            before = merge_from_row(row)
            merge = erasure.merge(before)
            if merge != before:
                trigger = merge.trigger.value if merge.trigger else ""
                updates.append((int(row.id), (trigger, json.dumps(_merge_details(merge), separators=(",", ":")))))
        self._set_by_id("merge", ("trigger_value", "details"), updates)

    def _any_in(self, column: str, needles: list[Any], blob: bool = False) -> str:
        """column contains one of the needles (bound in order): instr on SQLite, strpos/position elsewhere."""
        if not self._sql.for_update:
            test = f"instr({column}, ?) > 0"
        else:
            test = f"position(? in {column}) > 0" if blob else f"strpos({column}, ?) > 0"
        return " OR ".join([test] * len(needles)) or "1 = 0"

    def _set_by_id(self, table: str, columns: tuple[str, ...], updates: list[tuple[int, tuple[Any, ...]]]) -> None:
        """Rows get new values by id, a few hundred per statement."""
        for start in range(0, len(updates), 200):
            chunk = updates[start : start + 200]
            cases = ", ".join(
                f"{column} = CASE id {' '.join(['WHEN ? THEN ?'] * len(chunk))} END" for column in columns
            )
            params = [p for i in range(len(columns)) for pk, row in chunk for p in (pk, row[i])]
            marks = ", ".join("?" * len(chunk))
            self._sql.execute(f'UPDATE "{table}" SET {cases} WHERE id IN ({marks})', *params, *[pk for pk, _ in chunk])

    # Merge governance (SPEC 7.1) -------------------------------------------------

    def merge_policy(self, org: str) -> MergePolicy:
        row = self._sql.one('SELECT rules, max_merged_customers FROM "merge_policy" WHERE org = ?', org)
        return DEFAULT_POLICY if row is None else policy_from_row(row[0], row[1])

    def save_merge_policy(self, org: str, policy: MergePolicy, now: datetime) -> None:
        rules, limit = policy_to_row(policy)
        self._sql.execute(
            'INSERT INTO "merge_policy" (org, rules, max_merged_customers, update_time) VALUES (?, ?, ?, ?)'
            " ON CONFLICT (org) DO UPDATE SET rules = excluded.rules,"
            " max_merged_customers = excluded.max_merged_customers, update_time = excluded.update_time",
            org,
            rules,
            limit,
            to_db_time(now),
        )

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

    def save_response(
        self, org: str, request_id: str, response: bytes, customers: Collection[str], now: datetime
    ) -> None:
        # Its time becomes the answer's: built after an erasure it holds none of the erased values
        # (store/invariants.py), and it is kept for the retention from now.
        self._sql.execute(
            'UPDATE "request" SET response = ?, create_time = ? WHERE org = ? AND request_id = ?',
            response,
            to_db_time(now),
            org,
            request_id,
        )
        # The names go with the answer: one multi-row INSERT (more only past hundreds of names).
        uids = sorted({name.removeprefix(CUSTOMERS) for name in customers})
        for chunk in _chunks(uids, MAX_ROWS_PER_INSERT):
            rows = ", ".join(["(?, ?, ?)"] * len(chunk))
            self._sql.execute(
                f'INSERT INTO "request_customer" (org, customer, request_id) VALUES {rows}',
                *[p for uid in chunk for p in (org, uid, request_id)],
            )

    # Suppression after erasure (RULES 2.5.2) -------------------------------------

    def suppress(self, org: str, digests: Collection[str], now: datetime) -> None:
        if not digests:
            return
        ordered = sorted(digests)  # key order: two erasures sharing a value cannot deadlock
        self._sql.execute(
            'INSERT INTO "suppression" (org, digest, create_time) VALUES '
            + ", ".join(["(?, ?, ?)"] * len(ordered))
            + " ON CONFLICT DO NOTHING",
            *[p for digest in ordered for p in (org, digest, to_db_time(now))],
        )

    def unsuppress(self, org: str, digest: str) -> datetime | None:
        row = self._sql.one('DELETE FROM "suppression" WHERE org = ? AND digest = ? RETURNING create_time', org, digest)
        return None if row is None else as_datetime(row[0])

    def tombstone_replies(self, org: str, customers: Collection[str], tombstone: bytes) -> None:
        # By the names recorded with each answer (index on org, customer). A tombstone already
        # stays as it is, so a retry keeps answering the first erasure's CUSTOMER_ERASED.
        marker = erasure_tombstone("")
        uids = sorted({name.removeprefix(CUSTOMERS) for name in customers})
        for chunk in _chunks(uids, MAX_ROWS_PER_INSERT):
            marks = ", ".join("?" * len(chunk))
            self._sql.execute(
                'UPDATE "request" SET response = ? WHERE org = ? AND length(response) > 0'
                " AND NOT (response >= ? AND response < ?) AND request_id IN"
                f' (SELECT request_id FROM "request_customer" WHERE org = ? AND customer IN ({marks}))',
                tombstone,
                org,
                marker,
                marker[:-1] + bytes([marker[-1] + 1]),  # every answer that starts with the marker lies between
                org,
                *chunk,
            )

    @property
    def has_savepoint(self) -> bool:
        return self._has_savepoint

    def ensure_savepoint(self) -> None:
        if not self._has_savepoint:
            self.savepoint()

    def savepoint(self) -> None:
        self._has_savepoint = True
        self._savepoint_events = self.events_mark()
        self._sql.execute(f"SAVEPOINT {_SAVEPOINT}")

    def rollback_to_savepoint(self) -> None:
        self._sql.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
        self.drop_events_after(self._savepoint_events)  # held back until COMMIT: never written

    def purge_responses(self, older_than: datetime) -> int:
        self._sql.execute(
            'DELETE FROM "request_customer" WHERE (org, request_id) IN'
            ' (SELECT org, request_id FROM "request" WHERE create_time < ?)',
            to_db_time(older_than),
        )
        return int(RequestRow.delete().where(RequestRow.create_time < to_db_time(older_than)).execute())


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _merges() -> Any:
    """Merge rows with their victim's and survivor's ids (read by merge_from_row)."""
    victim = CustomerRow.alias()
    survivor = CustomerRow.alias()
    return (
        MergeRow.select(
            MergeRow,
            victim.uid.alias("victim_uid"),
            survivor.uid.alias("survivor_uid"),
            victim.state.alias("victim_state"),
            survivor.state.alias("survivor_state"),
        )
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


def merge_from_row(row: Any) -> Merge:
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
