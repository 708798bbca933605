"""Merge candidates (SPEC 7.2, RULES 2.5.4): recorded with a refusal, then read, rejected or obsoleted.

Accepting one replays its recorded request through the identity use cases:
that lives in application.py, next to the parsing it repeats.
"""

from __future__ import annotations

from datetime import datetime

from loyalty_identity.domain.candidates import (
    CandidateState,
    MergeCandidate,
    NeedsReviewError,
    RecordedRequest,
    candidate_name,
    candidate_not_found,
)
from loyalty_identity.domain.errors import DomainError
from loyalty_identity.domain.events import MergeCandidateCreated, MergeCandidateResolved
from loyalty_identity.domain.names import customer_name, new_id
from loyalty_identity.service.paging import Page, page_of
from loyalty_identity.service.ports import Repository


def record_candidate(
    repo: Repository,
    org: str,
    review: NeedsReviewError,
    request: RecordedRequest,
    request_id: str | None,
    now: datetime,
) -> DomainError:
    """Keep the refused request as a pending candidate (or find the pending one it repeats): the refusal to answer."""
    assert review.draft is not None
    draft = review.draft
    offered = MergeCandidate.draft(new_id(), draft, request, request_id or "", now)
    candidate, created = repo.candidates.record(org, offered)
    if created:
        victim = customer_name(draft.victim) if draft.victim else ""
        event = MergeCandidateCreated(
            candidate.name, victim, customer_name(draft.survivor), draft.trigger, draft.reason
        )
        repo.record_event(org, event, now)
    return review.for_candidate(candidate.name)


def get_candidate(repo: Repository, org: str, candidate_id: str, lock: bool = False) -> MergeCandidate:
    candidate = repo.candidates.get(org, candidate_id, lock)
    if candidate is None:
        raise candidate_not_found(candidate_name(candidate_id))
    return candidate


def candidates_query(state: CandidateState | None, customer_id: str) -> str:
    """What a page token of ListMergeCandidates is bound to: the filter it was made for."""
    return f"{int(state or 0)}:{customer_id}"


def list_candidates(
    repo: Repository, org: str, state: CandidateState | None, customer_id: str, before: int | None, limit: int
) -> Page[MergeCandidate]:
    rows = repo.candidates.page(org, state, customer_id, before, limit + 1)
    return page_of([(c.pk, c) for c in rows], limit, candidates_query(state, customer_id))


def resolve(
    repo: Repository, org: str, candidate: MergeCandidate, resolved: MergeCandidateResolved, now: datetime
) -> None:
    repo.candidates.save(org, candidate)
    repo.record_event(org, resolved, now)


def reject_candidate(repo: Repository, org: str, candidate_id: str, now: datetime) -> MergeCandidate:
    """REJECTED, and the two kept apart as after an unmerge (a create's candidate has no second customer)."""
    candidate = get_candidate(repo, org, candidate_id, lock=True)
    resolved = candidate.reject(now)
    if candidate.victim:
        customers = repo.customers
        found = customers.get_many(org, sorted({candidate.victim, candidate.survivor}), lock=True)
        victim, survivor = found.get(candidate.victim), found.get(candidate.survivor)
        if victim is not None and survivor is not None:
            customers.block(org, victim, customers.pk(survivor), None)
    resolve(repo, org, candidate, resolved, now)
    return candidate


def obsolete_candidates(repo: Repository, org: str, candidates: list[MergeCandidate], now: datetime) -> None:
    """An erasure: the candidates naming the erased customers lose their values; pending ones become OBSOLETE."""
    for candidate in candidates:
        resolved = candidate.erase(now)
        repo.candidates.save(org, candidate)
        if resolved is not None:
            repo.record_event(org, resolved, now)
