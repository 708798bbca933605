"""What the application tells an observer (metrics, traces) about its work.

The service layer knows nothing of Prometheus or OpenTelemetry: it reports
through `Observer`, which the api layer implements. Changes are counted as the
use cases make them and reported only once their transaction committed, so a
validate_only dry run, an idempotent replay or a retried attempt counts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self, cast

from loyalty_identity.domain.events import (
    CardChanged,
    Change,
    CustomersMerged,
    MergeCandidateCreated,
    MergeCandidateResolved,
)

if TYPE_CHECKING:
    from loyalty_identity.service.ports import (
        ConnectionLostError,
        Repository,
        StoreUnavailableError,
        TransientStoreError,
    )


@dataclass
class Changes:
    """What one committed mutation did that operators count."""

    automatic_merges: int = 0
    explicit_merges: int = 0
    cards_issued: int = 0
    merges_by_trigger: dict[str, int] = field(default_factory=dict)  # automatic merges, by trigger type
    candidates_created: int = 0
    candidates_resolved: dict[str, int] = field(default_factory=dict)  # by state

    def clear(self) -> None:
        self.automatic_merges = self.explicit_merges = self.cards_issued = self.candidates_created = 0
        self.merges_by_trigger.clear()
        self.candidates_resolved.clear()

    def __bool__(self) -> bool:
        return bool(
            self.automatic_merges
            or self.explicit_merges
            or self.cards_issued
            or self.candidates_created
            or self.candidates_resolved
        )


class TransactionObserver(Protocol):
    """One call of Application._transaction, over all its attempts."""

    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def retried(self, attempt: int, error: TransientStoreError | ConnectionLostError | StoreUnavailableError) -> None:
        """Attempt number `attempt` lost a race, or its connection (a failover); the transaction runs again."""
        ...


class Observer(Protocol):
    def transaction(self, write: bool) -> TransactionObserver: ...
    def committed(self, changes: Changes) -> None: ...


class _Unobserved:
    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def retried(self, attempt: int, error: TransientStoreError | ConnectionLostError | StoreUnavailableError) -> None:
        return None


class NullObserver:
    """Observes nothing (tools and tests that build an Application without a server)."""

    _scope = _Unobserved()

    def transaction(self, write: bool) -> TransactionObserver:
        return self._scope

    def committed(self, changes: Changes) -> None:
        return None


class _CountingRepository:
    """The use case's repository, counting merges and card issues from the events they record."""

    def __init__(self, inner: Repository, changes: Changes) -> None:
        self._inner = inner
        self._changes = changes

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def record_event(self, org: str, change: Change, now: datetime) -> None:
        self._inner.record_event(org, change, now)
        # The feed's events say what happened; count from them rather than from store calls.
        if isinstance(change, CustomersMerged):
            # An automatic merge has the identifier that proved it; MergeCustomers has none.
            if change.trigger is None:
                self._changes.explicit_merges += 1
            else:
                self._changes.automatic_merges += 1
                kind = change.trigger.ident.type.name
                self._changes.merges_by_trigger[kind] = self._changes.merges_by_trigger.get(kind, 0) + 1
        elif isinstance(change, MergeCandidateCreated):
            self._changes.candidates_created += 1
        elif isinstance(change, MergeCandidateResolved):
            state = change.state.name
            self._changes.candidates_resolved[state] = self._changes.candidates_resolved.get(state, 0) + 1
        elif isinstance(change, CardChanged) and change.customer and not change.previous_customer:
            # From stock to a customer is an issue (IssueCard, or a CARD_NUMBER added by
            # CreateCustomer/UpdateIdentifiers); cards moved by a merge are not.
            self._changes.cards_issued += 1


def counting(repo: Repository, changes: Changes) -> Repository:
    return cast("Repository", _CountingRepository(repo, changes))
