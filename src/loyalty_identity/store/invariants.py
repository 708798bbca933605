"""The invariant checker: reads a database and lists every broken rule.

Used by the reliability tests after each step and by operators
(`loyalty-identity check`). Each query returns offending rows; an empty
result everywhere means the database is consistent. Plain SQL, so it runs the
same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from loyalty_identity.domain.candidates import CandidateState, RecordedRequest, RecordedUpdate
from loyalty_identity.domain.cards import LIVE_STATUSES
from loyalty_identity.domain.erasure import Erasure, tombstoned
from loyalty_identity.domain.errors import Reason
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.model import CardStatus, CustomerState, ScopedIdentifier
from loyalty_identity.domain.names import customer_name
from loyalty_identity.domain.replay import replay
from loyalty_identity.domain.replies import decode_refusal
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.store.candidate_repository import request_from_json
from loyalty_identity.store.event_repository import decode, named_customers
from loyalty_identity.store.repository import merge_from_row
from loyalty_identity.store.rows import PlainSql, as_datetime

ACTIVE, MERGED, ERASED = int(CustomerState.ACTIVE), int(CustomerState.MERGED), int(CustomerState.ERASED)
NOT_ISSUED, DELETED = int(CardStatus.NOT_ISSUED), int(CardStatus.DELETED)
LIVE = ", ".join(str(int(s)) for s in sorted(LIVE_STATUSES))  # the domain's rule (domain/cards.py)


@dataclass(frozen=True)
class Invariant:
    name: str
    sql: str


INVARIANTS = [
    # 1. Uniqueness, and victims hold nothing.
    Invariant(
        "a value is held by two customers of an org",
        "SELECT org, type, value FROM identifier GROUP BY org, type, value HAVING COUNT(DISTINCT customer_id) > 1",
    ),
    Invariant(
        "identifier_key has no identifier behind it",
        "SELECT k.org, k.type, k.value FROM identifier_key k WHERE NOT EXISTS (SELECT 1 FROM identifier i"
        " WHERE i.org = k.org AND i.type = k.type AND i.value = k.value AND i.customer_id = k.customer_id)",
    ),
    Invariant(
        "an identifier has no identifier_key",
        "SELECT i.id FROM identifier i WHERE NOT EXISTS (SELECT 1 FROM identifier_key k"
        " WHERE k.org = i.org AND k.type = i.type AND k.value = i.value AND k.customer_id = i.customer_id)",
    ),
    Invariant(
        "an identifier disagrees with its profile",
        "SELECT i.id FROM identifier i JOIN profile p ON p.id = i.profile_id WHERE p.customer_id != i.customer_id"
        " OR p.source != i.source OR p.account_id != i.account_id OR p.org != i.org",
    ),
    Invariant(
        "a profile has no identifiers",
        "SELECT p.id FROM profile p WHERE NOT EXISTS (SELECT 1 FROM identifier i WHERE i.profile_id = p.id)",
    ),
    Invariant(
        "a merged customer still holds a profile, identifier, key or card",
        f"SELECT c.uid FROM customer c WHERE c.state = {MERGED} AND ("
        " EXISTS (SELECT 1 FROM profile p WHERE p.customer_id = c.id)"
        " OR EXISTS (SELECT 1 FROM identifier i WHERE i.customer_id = c.id)"
        " OR EXISTS (SELECT 1 FROM identifier_key k WHERE k.customer_id = c.id)"
        " OR EXISTS (SELECT 1 FROM card d WHERE d.customer_id = c.id))",
    ),
    Invariant(
        "an active customer holds nothing",
        f"SELECT c.uid FROM customer c WHERE c.state = {ACTIVE}"
        " AND NOT EXISTS (SELECT 1 FROM identifier i WHERE i.customer_id = c.id)"
        " AND NOT EXISTS (SELECT 1 FROM card d WHERE d.customer_id = c.id)",
    ),
    Invariant(
        "an erased customer holds a profile, identifier or key, or has a survivor",
        f"SELECT c.uid FROM customer c WHERE c.state = {ERASED} AND (c.survivor_id IS NOT NULL"
        " OR EXISTS (SELECT 1 FROM profile p WHERE p.customer_id = c.id)"
        " OR EXISTS (SELECT 1 FROM identifier i WHERE i.customer_id = c.id)"
        " OR EXISTS (SELECT 1 FROM identifier_key k WHERE k.customer_id = c.id))",
    ),
    # 2. One hop to an active (or erased) survivor of the same org.
    Invariant(
        "a merged customer's survivor is missing, merged, or of another org",
        f"SELECT c.uid FROM customer c LEFT JOIN customer s ON s.id = c.survivor_id WHERE c.state = {MERGED}"
        f" AND (s.id IS NULL OR s.state NOT IN ({ACTIVE}, {ERASED}) OR s.org != c.org)",
    ),
    Invariant(
        "an active customer has a survivor",
        f"SELECT uid FROM customer WHERE state = {ACTIVE} AND survivor_id IS NOT NULL",
    ),
    # 3. Cards: one owner, active, stock is NOT_ISSUED, the log ends in the present.
    Invariant(
        "a card's owner is not an active customer of its org (or an erased one, the card DELETED)",
        "SELECT d.number FROM card d JOIN customer c ON c.id = d.customer_id"
        f" WHERE (c.state != {ACTIVE} AND NOT (c.state = {ERASED} AND d.status = {DELETED})) OR c.org != d.org",
    ),
    Invariant(
        "a card in stock is not NOT_ISSUED, or a linked card is",
        f"SELECT number FROM card WHERE (customer_id IS NULL) != (status = {NOT_ISSUED})",
    ),
    Invariant(
        "a card's log does not end in its status, label and owner",
        "SELECT d.number FROM card d LEFT JOIN card_status_change l ON l.id ="
        " (SELECT MAX(x.id) FROM card_status_change x WHERE x.card_id = d.id)"
        " WHERE l.id IS NULL OR l.to_status != d.status OR l.status_label != d.status_label"
        " OR (l.customer_id IS NULL) != (d.customer_id IS NULL) OR l.customer_id != d.customer_id",
    ),
    Invariant(
        "a customer holds more live cards of a series than it allows",
        "SELECT d.customer_id, d.series_id FROM card d JOIN card_series s ON s.id = d.series_id"
        f" WHERE d.status IN ({LIVE}) AND s.max_active_cards_per_customer > 0"
        " GROUP BY d.customer_id, d.series_id, s.max_active_cards_per_customer"
        " HAVING COUNT(*) > s.max_active_cards_per_customer",
    ),
    # 4. Merge records match the state.
    Invariant(
        "a standing merge record's victim is not merged into its survivor (or the survivor's survivor)",
        "SELECT m.uid FROM merge m JOIN customer v ON v.id = m.victim_id JOIN customer s ON s.id = m.survivor_id"
        f" WHERE m.unmerge_time IS NULL AND (v.state != {MERGED} OR NOT (v.survivor_id = s.id"
        f" OR (s.state = {MERGED} AND s.survivor_id = v.survivor_id)))",
    ),
    Invariant(
        "a merged customer has no standing merge record",
        f"SELECT c.uid FROM customer c WHERE c.state = {MERGED}"
        " AND NOT EXISTS (SELECT 1 FROM merge m WHERE m.victim_id = c.id AND m.unmerge_time IS NULL)",
    ),
    Invariant(
        "a customer has two standing merge records as victim",
        "SELECT victim_id FROM merge WHERE unmerge_time IS NULL GROUP BY victim_id HAVING COUNT(*) > 1",
    ),
    # 5. The change feed: numbered 1, 2, 3... per org, nothing missing since the last purge.
    Invariant(
        "the feed of an org has gaps or numbers beyond its counter",
        "SELECT k.org, k.purged_through, k.last_sequence, COUNT(e.id), MIN(e.sequence), MAX(e.sequence)"
        " FROM event_counter k LEFT JOIN event e ON e.org = k.org GROUP BY k.org, k.purged_through, k.last_sequence"
        " HAVING COUNT(e.id) != k.last_sequence - k.purged_through"
        " OR (COUNT(e.id) > 0 AND (MIN(e.sequence) != k.purged_through + 1 OR MAX(e.sequence) != k.last_sequence))",
    ),
    Invariant(
        "an org has events but no counter",
        "SELECT DISTINCT e.org FROM event e WHERE NOT EXISTS (SELECT 1 FROM event_counter k WHERE k.org = e.org)",
    ),
    # 6. Stored answers: the customers recorded as named by one belong to a stored answer.
    Invariant(
        "a stored answer's named customer has no stored answer",
        "SELECT n.org, n.request_id FROM request_customer n"
        " WHERE NOT EXISTS (SELECT 1 FROM request r WHERE r.org = n.org AND r.request_id = n.request_id)",
    ),
]


@dataclass(frozen=True)
class Violation:
    invariant: str
    rows: list[tuple[Any, ...]]

    def __str__(self) -> str:
        shown = ", ".join(map(str, self.rows[:5]))
        more = f" (+{len(self.rows) - 5} more)" if len(self.rows) > 5 else ""
        return f"{self.invariant}: {shown}{more}"


def check(db: Any) -> list[Violation]:
    """Every broken invariant of the database behind a peewee Database."""
    violations = []
    # One snapshot for all the checks, also while servers keep writing.
    snapshot = {} if getattr(db, "for_update", False) is False else {"isolation_level": "REPEATABLE READ"}
    with db.atomic(**snapshot):
        for invariant in INVARIANTS:
            rows = [tuple(row) for row in db.execute_sql(invariant.sql).fetchall()]
            if rows:
                violations.append(Violation(invariant.name, rows))
        violations += _feed_replays_to_tables(db)
        violations += _events_indexed_by_customer(db)
        violations += _no_erased_values(db)
    return violations


def _feed_replays_to_tables(db: Any) -> list[Violation]:
    """Replaying an org's whole feed rebuilds who holds which identifier and card."""
    violations = []
    for (org,) in db.execute_sql(FULL_FEEDS).fetchall():
        events = PlainSql(db).cursor(EVENTS_OF_ORG, org).fetchall()
        state = replay(decode(kind, json.loads(payload)) for kind, payload in events)
        held: dict[str, set[ScopedIdentifier]] = defaultdict(set)
        for uid, source, account, kind, value in PlainSql(db).cursor(IDENTIFIERS_OF_ORG, org):
            ident = IdentifierValue(IdentifierType(kind), value)
            held[customer_name(uid)].add(ScopedIdentifier(Scope(Source(source), account), ident))
        cards = {n: customer_name(uid) for n, uid in PlainSql(db).cursor(CARDS_OF_ORG, org)}
        rebuilt = state.holdings()
        problems: list[tuple[Any, ...]] = [(p,) for p in state.problems]
        problems += [("holdings of", c) for c in sorted(set(held) | set(rebuilt)) if held.get(c) != rebuilt.get(c)]
        problems += [("card", n) for n in sorted(set(cards) | set(state.cards)) if cards.get(n) != state.cards.get(n)]
        if problems:
            violations.append(Violation(f"the feed of org {org} does not replay to its tables", problems))
    return violations


def _events_indexed_by_customer(db: Any) -> list[Violation]:
    """event_customer lists exactly the customers each event names: an erasure finds a person's copies by it."""
    problems: list[tuple[Any, ...]] = []
    for (org,) in db.execute_sql("SELECT DISTINCT org FROM event").fetchall():
        events = PlainSql(db).cursor(EVENTS_OF_ORG_NUMBERED, org).fetchall()
        expected = {
            (uid, int(sequence))
            for sequence, kind, payload in events
            for uid in named_customers(decode(kind, json.loads(payload)))
        }
        rows = PlainSql(db).cursor(INDEX_OF_ORG, org).fetchall()
        indexed = {(uid, int(sequence)) for uid, sequence in rows}
        problems += [("missing", org, *row) for row in sorted(expected - indexed)]
        problems += [("extra", org, *row) for row in sorted(indexed - expected)]
    return [Violation("the index of events by customer is wrong", problems)] if problems else []


def _no_erased_values(db: Any) -> list[Violation]:
    """No value of an erased customer remains (RULES 2.5.1), nor a pending merge candidate naming one (2.5.4).

    Its own rows are covered by the invariant above. Here, the copies: the
    org's feed and merge records are what the erasure rule (domain/erasure.py)
    leaves of them, with every erased customer at once, so redacting them
    again changes nothing; a stored reply that names one, stored before the
    erasure, is a tombstone.
    """
    problems: list[tuple[Any, ...]] = []
    erased: dict[str, dict[str, Any]] = defaultdict(dict)  # org -> name -> erase time
    for org, uid, erased_at, victim in db.execute_sql(ERASED_PEOPLE).fetchall():
        erased[org][customer_name(victim or uid)] = erased_at
    for org, names in erased.items():
        erasure = Erasure(frozenset(names))
        numbered = PlainSql(db).cursor(EVENTS_OF_ORG_NUMBERED, org).fetchall()
        changes = [decode(kind, json.loads(payload)) for _, kind, payload in numbered]
        for (sequence, _, _), before, after in zip(numbered, changes, erasure.events(changes), strict=True):
            if after != before:
                problems.append(("event", org, sequence))
        for row in PlainSql(db).cursor(MERGES_OF_ORG, org).fetchall():
            columns = dict(zip(MERGE_COLUMNS, row, strict=True))
            for time in ("create_time", "unmerge_time"):
                columns[time] = columns[time] and as_datetime(columns[time])
            merge = merge_from_row(SimpleNamespace(**columns))
            if erasure.merge(merge) != merge:
                problems.append(("merge", org, merge.name))
        problems += [("reply", org, request_id) for request_id in _untombstoned_replies(db, org, names)]
        problems += _erased_candidates(db, org, names)
    return [Violation("a value of an erased customer remains", problems)] if problems else []


def _erased_candidates(db: Any, org: str, names: dict[str, Any]) -> list[tuple[Any, ...]]:
    """A merge candidate naming an erased customer is no longer PENDING and holds no value (SPEC 7.2)."""
    problems: list[tuple[Any, ...]] = []
    for uid, victim, survivor, state, trigger_value, request in PlainSql(db).cursor(CANDIDATES_OF_ORG, org):
        if not {customer_name(c) for c in (victim, survivor) if c} & set(names):
            continue
        if int(state) == int(CandidateState.PENDING):
            problems.append(("pending candidate", org, uid))
        recorded = request_from_json(json.loads(request))
        if trigger_value or any(value for value in _recorded_values(recorded)):
            problems.append(("candidate", org, uid))
    return problems


def _recorded_values(request: RecordedRequest) -> list[str]:
    if isinstance(request, RecordedUpdate):
        return [i.value for i in (*request.add, *request.remove)]
    return [i.value for p in request.profiles for i in p.identifiers]


def _untombstoned_replies(db: Any, org: str, names: dict[str, Any]) -> list[str]:
    """Stored answers, stored before the erasure, that name an erased customer (by the names
    recorded with them, as the erasure finds them) and are not tombstones."""
    # The erasing call's own reply names the customer, and may: it holds no value.
    erasers = {
        request_id
        for request_id, payload in PlainSql(db).cursor(ERASURES_OF_ORG, org)
        if customer_name(json.loads(payload)["customer"].removeprefix("customers/")) in names
    }
    uids = sorted(name.removeprefix("customers/") for name in names)
    found = []
    for start in range(0, len(uids), 300):
        chunk = uids[start : start + 300]
        sql = REPLIES_NAMING.replace("{marks}", ", ".join("?" * len(chunk)))
        for request_id, response, created, uid in PlainSql(db).cursor(sql, org, *chunk):
            reply = bytes(response)
            if request_id in erasers or tombstoned(reply) is not None:
                continue
            if as_datetime(created) >= as_datetime(names[customer_name(uid)]):
                continue  # stored after the erasure (built after it): it cannot hold what was erased
            refusal = decode_refusal(reply)
            if refusal is not None and refusal.reason is Reason.CUSTOMER_ERASED:
                continue  # said after the erasure (it says so), whenever it was claimed
            found.append(request_id)
    return sorted(set(found))


# The erased customers with their victims: (org, uid, erase time, victim uid or NULL).
ERASED_PEOPLE = (
    "SELECT c.org, c.uid, c.update_time, v.uid FROM customer c LEFT JOIN customer v ON v.survivor_id = c.id"
    f" WHERE c.state = {ERASED} UNION SELECT org, uid, update_time, NULL FROM customer WHERE state = {ERASED}"
)
EVENTS_OF_ORG_NUMBERED = "SELECT sequence, kind, payload FROM event WHERE org = ? ORDER BY sequence"
CANDIDATES_OF_ORG = "SELECT uid, victim, survivor, state, trigger_value, request FROM merge_candidate WHERE org = ?"
MERGE_COLUMNS = (
    "uid",
    "victim_uid",
    "survivor_uid",
    "trigger_source",
    "trigger_account_id",
    "trigger_type",
    "trigger_value",
    "request_id",
    "create_time",
    "details",
    "unmerge_time",
    "unmerge_request_id",
)
MERGES_OF_ORG = (
    "SELECT m.uid, v.uid, s.uid, m.trigger_source, m.trigger_account_id, m.trigger_type, m.trigger_value,"
    " m.request_id, m.create_time, m.details, m.unmerge_time, m.unmerge_request_id FROM merge m"
    " JOIN customer v ON v.id = m.victim_id JOIN customer s ON s.id = m.survivor_id WHERE m.org = ?"
)
ERASURES_OF_ORG = "SELECT request_id, payload FROM event WHERE org = ? AND kind = 'customer_erased'"
INDEX_OF_ORG = "SELECT customer, sequence FROM event_customer WHERE org = ?"
REPLIES_NAMING = (
    "SELECT r.request_id, r.response, r.create_time, n.customer FROM request_customer n"
    " JOIN request r ON r.org = n.org AND r.request_id = n.request_id"
    " WHERE n.org = ? AND n.customer IN ({marks}) AND length(r.response) > 0"
)
EVENTS_OF_ORG = "SELECT kind, payload FROM event WHERE org = ? ORDER BY sequence"
FULL_FEEDS = "SELECT org FROM event_counter WHERE full_history AND purged_through = 0"
IDENTIFIERS_OF_ORG = (
    "SELECT c.uid, i.source, i.account_id, i.type, i.value FROM identifier i"
    " JOIN customer c ON c.id = i.customer_id WHERE i.org = ?"
)
CARDS_OF_ORG = "SELECT d.number, c.uid FROM card d JOIN customer c ON c.id = d.customer_id WHERE d.org = ?"
