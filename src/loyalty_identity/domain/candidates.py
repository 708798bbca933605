"""Merge candidates (SPEC 7.2, RULES 2.5.4): merges the org's policy leaves to a person.

A candidate is born from a refused request: the Customer aggregate found that
a request proves two customers one person, and the policy said a person
decides (domain/merge_policy.py). The candidate holds that request whole, as
received, so that accepting it runs exactly what the caller sent, now. It is
an aggregate of its own: its state moves PENDING -> ACCEPTED | REJECTED |
OBSOLETE, once; it never reads a customer (the use cases do).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from loyalty_identity.domain.errors import DomainError, Reason, invalid, not_found, refused
from loyalty_identity.domain.events import MergeCandidateResolved
from loyalty_identity.domain.identifiers import IdentifierValue

# Re-exported: a candidate is born from a NeedsReviewError's draft, and its state is the contract's.
from loyalty_identity.domain.merge_policy import CandidateState as CandidateState
from loyalty_identity.domain.merge_policy import NeedsReviewError as NeedsReviewError
from loyalty_identity.domain.merge_policy import ReviewDraft, ReviewReason
from loyalty_identity.domain.model import ScopedIdentifier
from loyalty_identity.domain.names import customer_name, is_uuid, merge_name
from loyalty_identity.domain.requests import IdentifierInput, ProfileInput

CANDIDATES = "mergeCandidates/"


@dataclass(frozen=True)
class RecordedUpdate:
    """An UpdateIdentifiers as received (its request_id and validate_only aside)."""

    customer_id: str
    source: int
    account_id: str
    add: tuple[IdentifierInput, ...]
    remove: tuple[IdentifierInput, ...]


@dataclass(frozen=True)
class RecordedCreate:
    """A CreateCustomer (or an import row) as received."""

    profiles: tuple[ProfileInput, ...]


RecordedRequest = RecordedUpdate | RecordedCreate


@dataclass
class MergeCandidate:
    id: str
    reason: ReviewReason
    victim: str  # customer id, "" for a create
    survivor: str  # customer id
    trigger: ScopedIdentifier
    request: RecordedRequest
    request_id: str
    create_time: datetime
    state: CandidateState = CandidateState.PENDING
    resolve_time: datetime | None = None
    merge: str = ""  # merge id once accepting made one
    pk: int = field(default=0, compare=False)  # the store's key, for paging

    @classmethod
    def draft(
        cls, candidate_id: str, draft: ReviewDraft, request: RecordedRequest, request_id: str, now: datetime
    ) -> MergeCandidate:
        return cls(candidate_id, draft.reason, draft.victim, draft.survivor, draft.trigger, request, request_id, now)

    @property
    def name(self) -> str:
        return candidate_name(self.id)

    @property
    def customers(self) -> list[str]:
        """The customers it names: the victim (not for a create) and the survivor."""
        return [customer_name(c) for c in (self.victim, self.survivor) if c]

    def accept(self, merge_id: str, now: datetime) -> MergeCandidateResolved:
        self._resolve(CandidateState.ACCEPTED, now)
        self.merge = merge_id
        return MergeCandidateResolved(self.name, self.state, merge_name(merge_id) if merge_id else "", self.customers)

    def reject(self, now: datetime) -> MergeCandidateResolved:
        self._resolve(CandidateState.REJECTED, now)
        return MergeCandidateResolved(self.name, self.state, "", self.customers)

    def erase(self, now: datetime) -> MergeCandidateResolved | None:
        """A customer it names was erased: it can no longer be decided, and what it recorded goes."""
        resolved = None
        if self.state is CandidateState.PENDING:
            self._resolve(CandidateState.OBSOLETE, now)
            resolved = MergeCandidateResolved(self.name, self.state, "", self.customers)
        self.trigger = ScopedIdentifier(self.trigger.scope, IdentifierValue(self.trigger.ident.type, ""))
        self.request = erased_request(self.request)
        return resolved

    def ensure_pending(self) -> None:
        """Only a PENDING candidate is decided: CANDIDATE_NOT_PENDING otherwise."""
        if self.state is not CandidateState.PENDING:
            raise not_pending(self)

    def _resolve(self, state: CandidateState, now: datetime) -> None:
        self.ensure_pending()
        self.state = state
        self.resolve_time = now


def erased_request(request: RecordedRequest) -> RecordedRequest:
    """The request with every identifier value emptied (types, scopes and the customer stay)."""

    def empty(items: tuple[IdentifierInput, ...]) -> tuple[IdentifierInput, ...]:
        return tuple(replace(item, value="") for item in items)

    if isinstance(request, RecordedUpdate):
        return replace(request, add=empty(request.add), remove=empty(request.remove))
    return RecordedCreate(tuple(replace(p, identifiers=empty(tuple(p.identifiers))) for p in request.profiles))


def candidate_name(candidate_id: str) -> str:
    return CANDIDATES + candidate_id


def not_pending(candidate: MergeCandidate) -> DomainError:
    return refused(
        Reason.CANDIDATE_NOT_PENDING,
        f"{candidate.name} is {candidate.state.name}: only a PENDING candidate is accepted or rejected",
        candidate=candidate.name,
        state=candidate.state.name,
    )


def candidate_not_found(name: str) -> DomainError:
    return not_found(Reason.CANDIDATE_NOT_FOUND, "merge candidate", name, f"{name} does not exist", candidate=name)


def outdated(candidate: MergeCandidate) -> DomainError:
    """Its request, run now, would not merge into its survivor (the value moved or went): a person must look again."""
    survivor = customer_name(candidate.survivor)
    return refused(
        Reason.CANDIDATE_OUTDATED,
        f"{candidate.name}'s request would no longer merge into {survivor}: reject it, or send the request anew",
        candidate=candidate.name,
        survivor=survivor,
    )


def parse_candidate_name(name: str, field_path: str) -> str:
    """The id inside `mergeCandidates/{uuid}`; anything else is INVALID_ARGUMENT."""
    candidate_id = name.removeprefix(CANDIDATES) if name.startswith(CANDIDATES) else ""
    if not is_uuid(candidate_id):
        raise invalid(
            Reason.INVALID_ARGUMENT,
            field_path,
            "must be a merge candidate name: mergeCandidates/ followed by a lower-case UUID",
        )
    return candidate_id


def parse_candidate_state(number: int, field_path: str) -> CandidateState | None:
    """A state filter: UNSPECIFIED (0) is every state."""
    if number == 0:
        return None
    try:
        return CandidateState(number)
    except ValueError:
        raise invalid(Reason.INVALID_ARGUMENT, field_path, "not a MergeCandidateState") from None
