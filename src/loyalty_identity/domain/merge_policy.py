"""An org's merge policy (SPEC 7.1): which identifier types may merge customers on their own.

The policy is a value the Customer aggregate's merge planning is given; the
decision it makes is `MergePolicy.decide`: once a request has proved that a
customer and another one are the same person (no ambiguity, no conflict: those
are decided first, as without a policy), merge now (AUTO), refuse the value as
taken (NEVER), or leave it to a person (REVIEW: a merge candidate). The default
policy merges everything at once, as RULES 2.5 always did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from loyalty_identity.domain.errors import DomainError, Reason, invalid, refused
from loyalty_identity.domain.identifiers import IdentifierType
from loyalty_identity.domain.model import ScopedIdentifier
from loyalty_identity.domain.scopes import Scope


class MergeMode(IntEnum):
    """How a type merges (numbers as in the contract's MergeMode)."""

    AUTO = 1
    REVIEW = 2
    NEVER = 3


class ReviewReason(IntEnum):
    """Why a merge went to review (numbers as in the contract's candidate reason)."""

    TYPE_POLICY = 1  # a trigger's type is REVIEW
    MERGE_LIMIT = 2  # the survivor would count more merged customers than the policy allows


class CandidateState(IntEnum):
    """Where a merge candidate stands (numbers as in the contract's MergeCandidateState)."""

    PENDING = 1
    ACCEPTED = 2
    REJECTED = 3
    OBSOLETE = 4


@dataclass(frozen=True)
class Decision:
    """What becomes of a proved merge: mode AUTO (merge now), NEVER (refuse `type`), REVIEW (`reason`)."""

    mode: MergeMode
    type: IdentifierType | None = None  # the trigger type that decided NEVER or REVIEW by type
    reason: ReviewReason | None = None


MERGE_NOW = Decision(MergeMode.AUTO)


@dataclass(frozen=True)
class MergePolicy:
    """Per type a mode (a type without one is AUTO), and a cap on the customers merged into one."""

    modes: tuple[tuple[IdentifierType, MergeMode], ...] = ()  # sorted by type, one per type
    max_merged_customers: int = 0  # 0: no limit

    @classmethod
    def parse(cls, rules: Sequence[tuple[int, int]], max_merged_customers: int, field: str = "policy") -> MergePolicy:
        """The policy a request gives as (type, mode) numbers, or INVALID_ARGUMENT on the first bad field."""
        seen: dict[IdentifierType, MergeMode] = {}
        for i, (type_number, mode_number) in enumerate(rules):
            path = f"{field}.rules[{i}]"
            kind = _identifier_type(type_number, f"{path}.type")
            if kind in seen:
                raise invalid(Reason.INVALID_ARGUMENT, f"{path}.type", f"{kind.name} has a rule already")
            seen[kind] = _mode(mode_number, f"{path}.mode")
        if max_merged_customers < 0:
            raise invalid(Reason.INVALID_ARGUMENT, f"{field}.max_merged_customers", "must be 0 (no limit) or more")
        return cls(tuple(sorted(seen.items())), max_merged_customers)

    @property
    def may_review(self) -> bool:
        """Whether some merge may be left to a person (a REVIEW type, or a limit)."""
        return self.max_merged_customers > 0 or any(mode is MergeMode.REVIEW for _, mode in self.modes)

    def mode(self, kind: IdentifierType) -> MergeMode:
        return dict(self.modes).get(kind, MergeMode.AUTO)

    def decide(self, trigger_types: Iterable[IdentifierType], merged_after: int) -> Decision:
        """The fate of a merge proved by values of trigger_types (in the request's order), after
        which the survivor would count merged_after customers merged into it.

        NEVER wins over REVIEW, REVIEW over AUTO. Passing the limit sends an
        otherwise automatic merge to review, and names the limit as the reason
        also where a type asks for review: the brake is the stronger signal.
        """
        types = list(trigger_types)
        never = self._first(types, MergeMode.NEVER)
        if never is not None:
            return Decision(MergeMode.NEVER, never)
        review = self._first(types, MergeMode.REVIEW)
        if self.max_merged_customers and merged_after > self.max_merged_customers:
            return Decision(MergeMode.REVIEW, review, ReviewReason.MERGE_LIMIT)
        if review is not None:
            return Decision(MergeMode.REVIEW, review, ReviewReason.TYPE_POLICY)
        return MERGE_NOW

    def _first(self, types: list[IdentifierType], mode: MergeMode) -> IdentifierType | None:
        return next((kind for kind in types if self.mode(kind) is mode), None)


DEFAULT_POLICY = MergePolicy()


def never_merges(field: str, kind: IdentifierType, scope: Scope, holder: str) -> DomainError:
    """A NEVER type's value held by another customer elsewhere: refused as taken, as in its holder's scope."""
    return refused(
        Reason.IDENTIFIER_TAKEN,
        f"{field}: another customer holds this {kind.name}, and this org's merge policy never merges on it",
        customer=holder,
        scope=str(scope),
        field=field,
    )


@dataclass(frozen=True)
class ReviewDraft:
    """What the aggregate knows of a merge it may not make: who, why and by which value."""

    reason: ReviewReason
    victim: str  # customer id; "" for a create (no customer yet)
    survivor: str  # customer id
    trigger: ScopedIdentifier


@dataclass
class NeedsReviewError(DomainError):
    """MERGE_NEEDS_REVIEW: the one refusal that leaves a record (a merge candidate, SPEC 7.2), on purpose.

    Whoever runs the use case records the candidate for `draft` in the same
    transaction, then answers `for_candidate(name)`; a dry run answers it as is
    (an empty `candidate`).
    """

    draft: ReviewDraft | None = None

    def for_candidate(self, name: str) -> DomainError:
        return DomainError(self.reason, self.message, {**self.metadata, "candidate": name})


def needs_review(decision: Decision, draft: ReviewDraft, survivor: str, limit: int) -> NeedsReviewError:
    """A merge the policy leaves to a person (SPEC 7.1): refused, with a candidate recorded for it."""
    assert decision.reason is not None
    metadata = {"candidate": "", "survivor": survivor, "review_reason": decision.reason.name}
    if decision.reason is ReviewReason.MERGE_LIMIT:
        metadata["limit"] = str(limit)
        why = f"the survivor would count more than the org's limit of {limit} customers merged into it"
    else:
        assert decision.type is not None
        why = f"this org's merge policy has {decision.type.name} merges reviewed by a person"
    return NeedsReviewError(
        Reason.MERGE_NEEDS_REVIEW, f"a merge into {survivor} needs review: {why}", metadata, draft=draft
    )


def _identifier_type(number: int, path: str) -> IdentifierType:
    try:
        kind = IdentifierType(number)
    except ValueError:
        raise invalid(Reason.INVALID_ARGUMENT, path, "not an identifier type") from None
    if kind is IdentifierType.CARD_NUMBER:
        raise invalid(Reason.INVALID_ARGUMENT, path, "cards never merge anyone: CARD_NUMBER takes no rule")
    return kind


def _mode(number: int, path: str) -> MergeMode:
    try:
        return MergeMode(number)
    except ValueError:
        raise invalid(Reason.INVALID_ARGUMENT, path, "must be AUTO, REVIEW or NEVER") from None
