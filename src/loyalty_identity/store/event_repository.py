"""The change feed's table: events appended in the writer's transaction, read by sequence.

Sequences come from one counter row per org. A writer updates that row at the
very end of its transaction (see PeeweeUnitOfWork.commit), so it holds the
row's lock only from there to COMMIT, never while waiting for another lock;
the next writer of the org gets its numbers after that commit. Sequences thus
become visible in order and without gaps, on one database or many replicas,
and a rolled-back transaction hands its numbers back. On PostgreSQL the
counter's update and the events' insert are one statement that travels with
the COMMIT (docs/FEED.md: the design, and why it keeps the order).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomerCreated,
    CustomerErased,
    CustomersMerged,
    CustomersUnmerged,
    Event,
    IdentifiersChanged,
    MergeCandidateCreated,
    MergeCandidateResolved,
    MergePolicyChanged,
    ScopedIdentifier,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merge_policy import CandidateState, MergeMode, MergePolicy, ReviewReason
from loyalty_identity.domain.model import CardStatus
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.store.rows import PlainSql, as_datetime, to_db_time


class PeeweeEventRepository:
    """Mixed into PeeweeRepository, which gives it _sql and calls _init_events()."""

    _sql: PlainSql

    def _init_events(self) -> None:
        self._pending: list[tuple[str, Change, datetime]] = []
        self._event_request_id = ""

    def set_event_request_id(self, request_id: str) -> None:
        self._event_request_id = request_id

    def record_event(self, org: str, change: Change, now: datetime) -> None:
        """Buffer an event; flush_events() writes it just before COMMIT."""
        self._pending.append((org, change, now))

    def events_mark(self) -> int:
        """A position in the buffer of events not yet written (see drop_events_after)."""
        return len(self._pending)

    def drop_events_after(self, mark: int) -> None:
        """Forget the events recorded since mark: their changes were rolled back to a savepoint."""
        del self._pending[mark:]

    def flush_events(self) -> None:
        pending, self._pending = self._pending, []
        orgs = sorted({org for org, _, _ in pending})
        for org in orgs:  # one counter row per org, locked in name order
            changes = [(change, now) for o, change, now in pending if o == org]
            rows: list[Any] = []
            named: list[Any] = []  # (offset, customer uid) for event_customer, where no trigger fills it
            for offset, (change, now) in enumerate(changes, start=1):
                kind, payload = encode(change)
                rows += [offset, kind, json.dumps(payload, separators=(",", ":")), to_db_time(now)]
                if self._sql.for_update:  # not SQLite: its trigger indexes the events (store/migrations.py)
                    named += [x for uid in named_customers(change) for x in (offset, uid)]
            if self._sql.defers_writes:
                self._number_at_commit(org, len(changes), rows, named)
            else:
                self._number_now(org, len(changes), rows, named)

    def _number_at_commit(self, org: str, count: int, rows: list[Any], named: list[Any]) -> None:
        """PostgreSQL: the counter, the events and their index by customer in one statement, sent with COMMIT.

        The counter row's lock is taken by this statement and released by the
        COMMIT that follows it in the same message: it is held for the time the
        server takes to run them, never for a round trip to this process.
        """
        events = (
            ' INSERT INTO "event" (org, sequence, kind, request_id, payload, create_time)'
            " SELECT ?, counter.last_sequence - ? + e.n, e.kind, ?, e.payload, e.create_time"
            " FROM counter, (VALUES "
            + ", ".join(["(?, ?, ?, ?::timestamp)"] * count)
            + ") AS e (n, kind, payload, create_time)"
        )
        counter = (
            'WITH counter AS (INSERT INTO "event_counter" (org, last_sequence, purged_through, full_history)'
            " VALUES (?, ?, 0, true) ON CONFLICT (org) DO UPDATE"
            ' SET last_sequence = "event_counter".last_sequence + ? RETURNING last_sequence)'
        )
        params = [org, count, count, org, count, self._event_request_id, *rows]
        if not named:
            self._sql.execute(counter + events, *params)
            return
        # Data-modifying WITH clauses run exactly once, whether or not the main statement reads them.
        self._sql.execute(
            counter + ", events AS (" + events + ') INSERT INTO "event_customer" (org, customer, sequence)'
            " SELECT ?, c.customer, counter.last_sequence - ? + c.n FROM counter, (VALUES "
            + ", ".join(["(?, ?)"] * (len(named) // 2))
            + ") AS c (n, customer)",
            *params,
            org,
            count,
            *named,
        )

    def _number_now(self, org: str, count: int, rows: list[Any], named: list[Any]) -> None:
        """SQLite (one writer at a time: no lock to keep short), CockroachDB: take the numbers, then insert.

        On SQLite a trigger writes event_customer's rows within the event INSERT: no statement more.
        """
        last = self._take_sequences(org, count)
        values: list[Any] = []
        for offset, kind, payload, created in zip(*[iter(rows)] * 4, strict=True):
            values += [org, last - count + offset, kind, self._event_request_id, payload, created]
        self._sql.execute(
            'INSERT INTO "event" (org, sequence, kind, request_id, payload, create_time) VALUES '
            + ", ".join(["(?, ?, ?, ?, ?, ?)"] * count),
            *values,
        )
        if named:
            pairs = zip(*[iter(named)] * 2, strict=True)
            index = [x for offset, uid in pairs for x in (org, uid, last - count + offset)]
            self._sql.execute(
                'INSERT INTO "event_customer" (org, customer, sequence) VALUES '
                + ", ".join(["(?, ?, ?)"] * (len(named) // 2)),
                *index,
            )

    def _take_sequences(self, org: str, count: int) -> int:
        row = self._sql.one(
            'INSERT INTO "event_counter" (org, last_sequence, purged_through, full_history) VALUES (?, ?, 0, true)'
            ' ON CONFLICT (org) DO UPDATE SET last_sequence = "event_counter".last_sequence + ?'
            " RETURNING last_sequence",
            org,
            count,
            count,
        )
        assert row is not None
        return int(row[0])

    def event_bounds(self, org: str) -> tuple[int, int]:
        """(purged_through, last_sequence) of the org's feed; (0, 0) before its first event."""
        row = self._sql.one('SELECT purged_through, last_sequence FROM "event_counter" WHERE org = ?', org)
        return (0, 0) if row is None else (int(row[0]), int(row[1]))

    def list_events(self, org: str, after: int, limit: int) -> list[Event]:
        rows = self._sql.rows(
            'SELECT sequence, kind, request_id, payload, create_time FROM "event"'
            " WHERE org = ? AND sequence > ? ORDER BY sequence LIMIT ?",
            org,
            after,
            limit,
        )
        return [
            Event(int(sequence), as_datetime(created), request_id, decode(kind, json.loads(payload)))
            for sequence, kind, request_id, payload, created in rows
        ]

    def purge_events(self, older_than: datetime) -> int:
        """Forget events older than the retention, a prefix of each org's feed at a time."""
        purged = 0
        cutoff = to_db_time(older_than)
        for org, through in self._sql.rows(
            'SELECT org, MAX(sequence) FROM "event" WHERE create_time < ? GROUP BY org', cutoff
        ):
            before = self._sql.one('SELECT COUNT(*) FROM "event" WHERE org = ? AND sequence <= ?', org, through)
            self._sql.execute('DELETE FROM "event" WHERE org = ? AND sequence <= ?', org, through)
            self._sql.execute('DELETE FROM "event_customer" WHERE org = ? AND sequence <= ?', org, through)
            purged += int(before[0]) if before else 0
            # The counter last: writers of the org queue on its row only from here to COMMIT.
            self._sql.execute(
                'UPDATE "event_counter" SET purged_through = ? WHERE org = ? AND purged_through < ?',
                through,
                org,
                through,
            )
        return purged


def named_customers(change: Change) -> list[str]:
    """The uids of the customers an event names, each once (event_customer's rows)."""
    return sorted({name.removeprefix("customers/") for name in change.customers})


# Payload encoding: compact JSON, identifiers as [source, account_id, type, value].


def scoped_to_json(items: list[ScopedIdentifier]) -> list[list[Any]]:
    return [[int(i.scope.source), i.scope.account_id, int(i.ident.type), i.ident.value] for i in items]


def scoped_from_json(items: list[list[Any]]) -> list[ScopedIdentifier]:
    return [
        ScopedIdentifier(Scope(Source(source), account), IdentifierValue(IdentifierType(kind), value))
        for source, account, kind, value in items
    ]


def encode(change: Change) -> tuple[str, dict[str, Any]]:
    match change:
        case CustomerCreated():
            return "customer_created", {"customer": change.customer, "identifiers": scoped_to_json(change.identifiers)}
        case IdentifiersChanged():
            return "identifiers_changed", {
                "customer": change.customer,
                "added": scoped_to_json(change.added),
                "removed": scoped_to_json(change.removed),
            }
        case CustomersMerged():
            return "customers_merged", {
                "merge": change.merge,
                "victim": change.victim,
                "survivor": change.survivor,
                "moved": scoped_to_json(change.moved_identifiers),
                "cards": change.moved_cards,
                "repointed": change.repointed_customers,
                "trigger": scoped_to_json([change.trigger]) if change.trigger else [],
            }
        case CustomersUnmerged():
            return "customers_unmerged", {
                "merge": change.merge,
                "victim": change.victim,
                "survivor": change.survivor,
                "restored": scoped_to_json(change.restored_identifiers),
                "removed": scoped_to_json(change.removed_identifiers),
                "cards": change.restored_cards,
                "customers": change.restored_customers,
            }
        case CustomerErased():
            return "customer_erased", {"customer": change.customer, "erased": change.erased_customers}
        case MergePolicyChanged():
            return "merge_policy_changed", {
                "rules": [[int(t), int(m)] for t, m in change.policy.modes],
                "max_merged_customers": change.policy.max_merged_customers,
            }
        case MergeCandidateCreated():
            return "merge_candidate_created", {
                "candidate": change.candidate,
                "victim": change.victim,
                "survivor": change.survivor,
                "trigger": scoped_to_json([change.trigger]),
                "reason": int(change.reason),
            }
        case MergeCandidateResolved():
            return "merge_candidate_resolved", {
                "candidate": change.candidate,
                "state": int(change.state),
                "merge": change.merge,
                "customers": change.named,
            }
        case CardChanged():
            return "card_changed", {
                "number": change.number,
                "series": change.series_id,
                "status": int(change.status),
                "label": change.status_label,
                "customer": change.customer,
                "previous_customer": change.previous_customer,
                "previous_status": int(change.previous_status) if change.previous_status else None,
                "reason": change.reason,
            }
    raise TypeError(f"not an event: {change!r}")


def decode(kind: str, p: dict[str, Any]) -> Change:
    if kind == "merge_policy_changed":
        modes = tuple((IdentifierType(t), MergeMode(m)) for t, m in p["rules"])
        return MergePolicyChanged(MergePolicy(modes, p["max_merged_customers"]))
    if kind == "merge_candidate_created":
        [value] = scoped_from_json(p["trigger"])
        return MergeCandidateCreated(p["candidate"], p["victim"], p["survivor"], value, ReviewReason(p["reason"]))
    if kind == "merge_candidate_resolved":
        return MergeCandidateResolved(p["candidate"], CandidateState(p["state"]), p["merge"], p["customers"])
    if kind == "customer_created":
        return CustomerCreated(p["customer"], scoped_from_json(p["identifiers"]))
    if kind == "identifiers_changed":
        return IdentifiersChanged(p["customer"], scoped_from_json(p["added"]), scoped_from_json(p["removed"]))
    if kind == "customers_merged":
        trigger = scoped_from_json(p["trigger"])
        return CustomersMerged(
            p["merge"],
            p["victim"],
            p["survivor"],
            scoped_from_json(p["moved"]),
            p["cards"],
            p["repointed"],
            trigger[0] if trigger else None,
        )
    if kind == "customers_unmerged":
        return CustomersUnmerged(
            p["merge"],
            p["victim"],
            p["survivor"],
            scoped_from_json(p["restored"]),
            scoped_from_json(p["removed"]),
            p["cards"],
            p["customers"],
        )
    if kind == "customer_erased":
        return CustomerErased(p["customer"], p["erased"])
    if kind == "card_changed":
        previous = p["previous_status"]
        return CardChanged(
            p["number"],
            p["series"],
            CardStatus(p["status"]),
            p["label"],
            p["customer"],
            p["previous_customer"],
            CardStatus(previous) if previous else None,
            p["reason"],
        )
    raise ValueError(f"unknown event kind {kind!r}")
