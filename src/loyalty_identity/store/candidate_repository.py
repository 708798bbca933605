"""Merge candidates in SQL (table `merge_candidate`, schema 8), by plain statements through Peewee's connection.

A pending candidate is unique per (org, victim, survivor, trigger): a partial
unique index. Recording one is a single upsert whose answer says whether it was
new (its id is the one offered) or the pending one reused, so two replicas
refusing the same request at once end with one candidate.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from loyalty_identity.domain.candidates import (
    CandidateState,
    MergeCandidate,
    RecordedCreate,
    RecordedRequest,
    RecordedUpdate,
)
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.merge_policy import ReviewReason
from loyalty_identity.domain.model import ScopedIdentifier
from loyalty_identity.domain.requests import IdentifierInput, ProfileInput
from loyalty_identity.domain.scopes import Scope, Source
from loyalty_identity.store.rows import PlainSql, as_datetime, to_db_time

_COLUMNS = (
    "id, uid, state, reason, victim, survivor, trigger_source, trigger_account_id, trigger_type, trigger_value,"
    " request, request_id, create_time, resolve_time, merge"
)
_PENDING = int(CandidateState.PENDING)
# A row as one JSON array of _COLUMNS (alias m), by engine: read along with other rows (an erasure's events).
CANDIDATE_AS_JSON = {
    dialect: f"{function}({', '.join('m.' + column.strip() for column in _COLUMNS.split(','))})"
    for dialect, function in (("sqlite", "json_array"), ("postgresql", "json_build_array"))
}


class SqlCandidateRepository:
    def __init__(self, sql: PlainSql) -> None:
        self._sql = sql

    def record(self, org: str, candidate: MergeCandidate) -> tuple[MergeCandidate, bool]:
        """Insert the candidate, or reuse the pending one with its victim, survivor and trigger: (it, created)."""
        trigger = candidate.trigger
        row = self._sql.one(
            f'INSERT INTO "merge_candidate" (org, {_COLUMNS.removeprefix("id, ")})'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '')"
            " ON CONFLICT (org, victim, survivor, trigger_source, trigger_account_id, trigger_type, trigger_value)"
            f" WHERE state = {_PENDING} DO UPDATE SET state = excluded.state"
            f" RETURNING {_COLUMNS}",
            org,
            candidate.id,
            int(candidate.state),
            int(candidate.reason),
            candidate.victim,
            candidate.survivor,
            int(trigger.scope.source),
            trigger.scope.account_id,
            int(trigger.ident.type),
            trigger.ident.value,
            json.dumps(request_to_json(candidate.request), separators=(",", ":")),
            candidate.request_id,
            to_db_time(candidate.create_time),
        )
        assert row is not None
        stored = candidate_from_row(row)
        return stored, stored.id == candidate.id

    def get(self, org: str, candidate_id: str, lock: bool = False) -> MergeCandidate | None:
        lock_clause = self._sql.for_update if lock else ""
        row = self._sql.one(
            f'SELECT {_COLUMNS} FROM "merge_candidate" WHERE org = ? AND uid = ?{lock_clause}', org, candidate_id
        )
        return candidate_from_row(row) if row else None

    def page(
        self, org: str, state: CandidateState | None, customer_id: str, before: int | None, limit: int
    ) -> list[MergeCandidate]:
        """Newest first (by key), after the page token's key."""
        where: list[str] = ["org = ?"]
        params: list[Any] = [org]
        if state is not None:
            where.append("state = ?")
            params.append(int(state))
        if customer_id:
            where.append("(victim = ? OR survivor = ?)")
            params += [customer_id, customer_id]
        if before is not None:
            where.append("id < ?")
            params.append(before)
        rows = self._sql.rows(
            f'SELECT {_COLUMNS} FROM "merge_candidate" WHERE {" AND ".join(where)} ORDER BY id DESC LIMIT ?',
            *params,
            limit,
        )
        return [candidate_from_row(row) for row in rows]

    def pending_by_org(self) -> dict[str, int]:
        rows = self._sql.rows(f'SELECT org, COUNT(*) FROM "merge_candidate" WHERE state = {_PENDING} GROUP BY org')
        return {str(org): int(count) for org, count in rows}

    def save(self, org: str, candidate: MergeCandidate) -> None:
        """Its state, resolution and (after an erasure) its emptied values."""
        self._sql.execute(
            'UPDATE "merge_candidate" SET state = ?, resolve_time = ?, merge = ?, trigger_value = ?, request = ?'
            " WHERE org = ? AND uid = ?",
            int(candidate.state),
            to_db_time(candidate.resolve_time) if candidate.resolve_time else None,
            candidate.merge,
            candidate.trigger.ident.value,
            json.dumps(request_to_json(candidate.request), separators=(",", ":")),
            org,
            candidate.id,
        )


def candidate_from_row(row: Sequence[Any]) -> MergeCandidate:
    (pk, uid, state, reason, victim, survivor, source, account, kind, value, request, request_id, created, resolved,
     merge) = row  # fmt: skip
    trigger = ScopedIdentifier(Scope(Source(source), account), IdentifierValue(IdentifierType(kind), value))
    return MergeCandidate(
        id=uid,
        reason=ReviewReason(reason),
        victim=victim,
        survivor=survivor,
        trigger=trigger,
        request=request_from_json(json.loads(request)),
        request_id=request_id,
        create_time=as_datetime(created),
        state=CandidateState(state),
        resolve_time=as_datetime(resolved) if resolved is not None else None,
        merge=merge,
        pk=int(pk),
    )


# The recorded request as JSON: {"update": [customer, source, account, adds, removes]} or
# {"create": [[source, account, identifiers], ...]}, an identifier [type, value, series, label].


def request_to_json(request: RecordedRequest) -> dict[str, Any]:
    if isinstance(request, RecordedUpdate):
        adds, removes = _idents_to_json(request.add), _idents_to_json(request.remove)
        return {"update": [request.customer_id, request.source, request.account_id, adds, removes]}
    return {"create": [[p.source, p.account_id, _idents_to_json(p.identifiers)] for p in request.profiles]}


def request_from_json(data: dict[str, Any]) -> RecordedRequest:
    if "update" in data:
        customer, source, account, adds, removes = data["update"]
        return RecordedUpdate(customer, source, account, _idents_from_json(adds), _idents_from_json(removes))
    return RecordedCreate(
        tuple(ProfileInput(source, account, _idents_from_json(items)) for source, account, items in data["create"])
    )


def _idents_to_json(items: Collection[IdentifierInput]) -> list[list[Any]]:
    return [[i.type, i.value, i.series_id, i.status_label] for i in items]


def _idents_from_json(items: list[list[Any]]) -> tuple[IdentifierInput, ...]:
    return tuple(IdentifierInput(kind, value, series, label) for kind, value, series, label in items)
