"""The service layer's front door: validate, open one transaction, run a use
case, apply request_id idempotency and validate_only dry runs, retry lost races.

The gRPC layer calls one method per RPC and gives it a `Reply`: how to build
the wire response from the use case's result, how to parse a stored one, and
which customers it names. Stored responses are the exact bytes sent the first
time, so a retried request gets the very same answer.

A definite refusal (a DomainError of the work, after the claim) is an answer too
and is stored the same way (RULES 2.7). Not stored: transient failures (lost
races, lock waits, an unavailable database, a passed deadline, bugs), and the
errors raised before the transaction by the checks of the request itself
(names, values, counts): those depend on the request alone, so a retry gets
the same error anyway.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, NoReturn, Protocol, TypeVar

from loyalty_identity.domain import cards as card_rules
from loyalty_identity.domain.candidates import (
    MergeCandidate,
    NeedsReviewError,
    RecordedCreate,
    RecordedRequest,
    RecordedUpdate,
    outdated,
    parse_candidate_name,
    parse_candidate_state,
)
from loyalty_identity.domain.customer import customer_erased
from loyalty_identity.domain.erasure import tombstoned
from loyalty_identity.domain.errors import DomainError, Reason, invalid, not_found, refused
from loyalty_identity.domain.identifiers import IdentifierPolicy, IdentifierType
from loyalty_identity.domain.merge_policy import MergePolicy
from loyalty_identity.domain.model import (
    Card,
    CardSeries,
    CardStatusChange,
    Customer,
    Merge,
    StatusLabel,
    WarningCode,
)
from loyalty_identity.domain.names import MERGES, customer_name, parse_customer_name, parse_merge_name, parse_request_id
from loyalty_identity.domain.queries import Found, IdentifierQuery, check_query_count, parse_query
from loyalty_identity.domain.replies import customers_named, decode_refusal, encode_refusal, is_stored
from loyalty_identity.domain.scopes import parse_scope
from loyalty_identity.domain.suppression import SuppressionKey, Unsuppressed, key_missing
from loyalty_identity.domain.text import has_control_characters
from loyalty_identity.service import deadlines, feed, paging
from loyalty_identity.service.candidates import (
    candidates_query,
    get_candidate,
    list_candidates,
    record_candidate,
    reject_candidate,
    resolve,
)
from loyalty_identity.service.cards import CardUseCases, IssueResult, find_card, find_series
from loyalty_identity.service.commands import (
    IdentifierInput,
    ProfileInput,
    QueryInput,
    SeriesInput,
    check_identifier_count,
    parse_identifiers,
    parse_profiles,
    parse_suppressed,
)
from loyalty_identity.service.erase import erase_customer
from loyalty_identity.service.failover import Failover
from loyalty_identity.service.identity import (
    CreateCustomerResult,
    IdentityUseCases,
    MergeCustomersResult,
    UpdateCommand,
    UpdateIdentifiersResult,
    active_customer,
    active_or_merged_customer,
    find_customers,
    get_customer,
    list_merges,
    lookup_card_holder,
    lookup_customer,
)
from loyalty_identity.service.merge_policy import get_merge_policy, update_merge_policy
from loyalty_identity.service.observer import Changes, NullObserver, Observer, TransactionObserver, counting
from loyalty_identity.service.ports import (
    ConnectionLostError,
    Repository,
    StoredResponse,
    StoreUnavailableError,
    TransientStoreError,
    UnitOfWorkFactory,
    WriteBatches,
    utc_now,
)
from loyalty_identity.service.unmerge import UnmergeResult, unmerge_customers

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R", bound="WireMessage")

# A lost race (unique violation, deadlock, serialization failure) runs the whole
# short transaction again; hot spots may need several rounds. The caller's
# deadline bounds the total anyway.
MAX_TRANSACTION_ATTEMPTS = 30
MAX_BACKOFF_S = 0.1
REQUEST_ID_RETENTION = timedelta(hours=48)  # RULES 2.7: at least 24 hours
MAX_REASON_LENGTH = 256
DEFAULT_EVENT_RETENTION = timedelta(days=30)


class WireMessage(Protocol):
    def SerializeToString(self, *, deterministic: bool = ...) -> bytes: ...  # noqa: N802 (protobuf API)


@dataclass(frozen=True)
class Reply(Generic[T, R]):
    """How an RPC's wire response is made from a use case's result, and read back when stored."""

    build: Callable[[T], R]
    parse: Callable[[bytes], R]
    names: Callable[[R], Collection[str]]  # the customers a reply names (RULES 2.5.1: erasure tombstones it)


@dataclass(frozen=True)
class Mutation:
    """What every mutating call carries besides its payload."""

    # Hash of the whole request: the same request_id must mean the same request. Only compared
    # under a request_id outside a dry run, so it may be "" elsewhere.
    fingerprint: str
    request_id: str = ""
    validate_only: bool = False


def _replay(stored: StoredResponse, fingerprint: str, request_id: str, reply: Reply[T, R]) -> Callable[[], R]:
    """The answer stored by the request_id's first run: its reply, or its refusal raised again."""
    if stored.fingerprint != fingerprint:  # also against a stored refusal or a tombstone
        raise refused(
            Reason.REQUEST_ID_REUSED, "this request_id was already used for a different request", request_id=request_id
        )
    erased = tombstoned(stored.response)  # checked before the reply is parsed
    if erased is not None:  # a late retry must not bring an erased person back
        raise customer_erased(erased)
    refusal = decode_refusal(stored.response)
    if refusal is not None:
        raise refusal
    return functools.partial(reply.parse, stored.response)


def _store_refusal(
    repo: Repository, org: str, request_id: str, error: DomainError, now: datetime
) -> Callable[[], NoReturn]:
    """Keep a definite refusal as the request_id's answer; the caller is told it once the claim committed.

    The first caller gets the refusal decoded from the stored bytes, as every retry
    and twin will: one answer, byte for byte. A COMMIT that fails (or a deadline
    that passed before it) stores nothing: that caller gets the transient error.
    """
    stored = encode_refusal(error)
    repo.save_response(org, request_id, stored, customers_named(error), now)
    refusal = decode_refusal(stored)
    assert refusal is not None
    return _refuse(refusal)


def _refuse(error: DomainError) -> Callable[[], NoReturn]:
    """Answer error once the transaction committed (a refusal that leaves a record)."""

    def refuse() -> NoReturn:
        raise error

    return refuse


@dataclass
class AcceptResult:
    """AcceptMergeCandidate's answer: the candidate ACCEPTED, the customer now, the merge made (if any)."""

    candidate: MergeCandidate
    customer: Customer
    merge: Merge | None


@dataclass
class _DryRun(Exception):  # noqa: N818 (control flow, not an error)
    """Raised to roll back a validate_only transaction after the response is built."""

    response: object


class Application:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        policy: IdentifierPolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
        observer: Observer | None = None,
        event_retention: timedelta = DEFAULT_EVENT_RETENTION,
        suppression_key: SuppressionKey | None = None,
        write_batches: WriteBatches | None = None,
    ) -> None:
        """write_batches: run write transactions there, committed in batches (SQLite's group commit), instead of
        one unit of work each."""
        self._write_batches = write_batches
        self._event_retention = event_retention
        self._suppression_key = suppression_key
        self.feed_signal = feed.FeedSignal()
        self._uow_factory = uow_factory
        self._observer = observer or NullObserver()
        self._policy = policy or IdentifierPolicy()
        self._clock = clock
        self._identity = IdentityUseCases(clock, suppression_key)
        self._cards = CardUseCases()

    def close(self) -> None:
        """Commit the writes still queued for a batch, and take no more."""
        if self._write_batches is not None:
            self._write_batches.close()

    # Transactions -----------------------------------------------------------

    def _transaction(self, write: bool, work: Callable[[Repository], T], exactly_once: bool = False) -> T:
        """exactly_once: running the work again after a COMMIT of unknown outcome cannot apply it twice
        (its request_id's claim answers with what the first run committed, if it did)."""
        with self._observer.transaction(write) as observed:
            return self._attempts(write, work, observed, exactly_once)

    def _read_one(self, work: Callable[[Repository], T]) -> T:
        """A read of a single statement: it sees one snapshot by itself, so no transaction around it."""
        with self._observer.transaction(False) as observed:
            failover = Failover()
            while True:
                deadlines.check()
                try:
                    with self._uow_factory(write=False, transaction=False) as uow:
                        return work(uow.repo)
                except (ConnectionLostError, StoreUnavailableError) as error:
                    failover.wait_or_raise(error, safe_to_repeat=True)
                    observed.retried(failover.attempts, error)

    def _attempts(
        self, write: bool, work: Callable[[Repository], T], observed: TransactionObserver, exactly_once: bool
    ) -> T:
        """Run work in one transaction, retrying the whole of it when it loses a race, and on the new
        primary when the connection to the database broke (a failover) where that is safe.

        The caller's deadline bounds the lock waits, and is checked once more
        as the last step before COMMIT (after the feed's counter, the last lock
        taken): work that ends after the deadline is rolled back, not committed.
        With write batches, each attempt runs in a batch, whose COMMIT checks every
        deadline of the batch last.
        """
        failover = Failover()
        attempt = 0
        batches = self._write_batches if write else None
        while True:
            failover.check_deadline()
            try:
                if batches is not None:
                    return batches.run(work)
                with self._uow_factory(write=write, lock_timeout=deadlines.remaining()) as uow:
                    result = work(uow.repo)
                    uow.flush()
                    deadlines.check()
                    uow.commit()
                    return result
            except TransientStoreError as error:
                attempt += 1
                if attempt == MAX_TRANSACTION_ATTEMPTS:
                    raise
                observed.retried(attempt, error)
                # Full jitter keeps competing replicas from retrying in lockstep.
                time.sleep(random.uniform(0, min(MAX_BACKOFF_S, 0.002 * 2**attempt)))
                log.debug("transaction retry %d", attempt)
            except (ConnectionLostError, StoreUnavailableError) as error:
                failover.wait_or_raise(error, safe_to_repeat=not write or exactly_once)
                observed.retried(failover.attempts, error)
            except DomainError as error:
                if failover.commit_unknown:
                    raise failover.outcome_unknown(error) from error
                raise

    def _read(self, work: Callable[[Repository], T]) -> T:
        return self._transaction(False, work)

    def _mutate(
        self,
        org: str,
        mutation: Mutation,
        work: Callable[[Repository, str | None], T],
        reply: Reply[T, R],
        recorded: RecordedRequest | None = None,
    ) -> R:
        """recorded: the request as received, kept as a merge candidate if the policy sends it to review."""
        request_id = parse_request_id(mutation.request_id)
        changes = Changes()

        def run(repo: Repository) -> Callable[[], R]:
            """The transaction's work; what it returns makes the answer once the transaction ended."""
            repo.set_event_request_id(request_id or "")
            changes.clear()  # counted again by each attempt; reported once committed
            # Dry runs neither consult nor claim request ids: they change nothing.
            if not request_id or mutation.validate_only:
                try:
                    result = work(counting(repo, changes), request_id)
                except NeedsReviewError as review:
                    if mutation.validate_only or recorded is None:
                        raise  # a dry run records nothing: the refusal names no candidate
                    return _refuse(self._record_review(repo, org, review, recorded, None, changes))
                if mutation.validate_only:
                    raise _DryRun(reply.build(result))
                # After COMMIT: the writer lock (SQLite) or the row locks (PostgreSQL) are not
                # held while protos are built from a result no one else can change.
                return functools.partial(reply.build, result)
            return self._answer_once(repo, org, request_id, mutation.fingerprint, work, reply, changes, recorded)

        try:
            respond = self._transaction(True, run, exactly_once=bool(request_id) or mutation.validate_only)
        except _DryRun as dry:
            return dry.response  # type: ignore[return-value]
        try:
            return respond()  # a refusal that leaves a record (a merge candidate) raises here, committed
        finally:
            if changes:
                self._observer.committed(changes)
            self.feed_signal.notify()  # watchers of the feed look for the new events now

    def _answer_once(
        self,
        repo: Repository,
        org: str,
        request_id: str,
        fingerprint: str,
        work: Callable[[Repository, str | None], T],
        reply: Reply[T, R],
        changes: Changes,
        recorded: RecordedRequest | None = None,
    ) -> Callable[[], R]:
        """The work under a request_id: its first answer, a reply or a refusal, stored with the change."""
        # Claimed before any other work, so a twin attempt (a hedged or timed-out-and-retried
        # call, on any replica) waits for this one and answers with its answer.
        stored = repo.claim_request(org, request_id, fingerprint, self._clock())
        if stored is not None:
            return _replay(stored, fingerprint, request_id, reply)
        repo.savepoint()  # a refusal undoes the work, not the claim (RULES 2.7)
        try:
            result = work(counting(repo, changes), request_id)
        except DomainError as error:
            if not is_stored(error):
                raise
            repo.rollback_to_savepoint()
            changes.clear()
            if isinstance(error, NeedsReviewError) and recorded is not None:
                error = self._record_review(repo, org, error, recorded, request_id, changes)
            return _store_refusal(repo, org, request_id, error, self._clock())
        # The reply is stored with the change, so it is made inside the transaction.
        response = reply.build(result)
        stored_reply = response.SerializeToString(deterministic=True)
        repo.save_response(org, request_id, stored_reply, reply.names(response), self._clock())
        return lambda: response

    def _record_review(
        self,
        repo: Repository,
        org: str,
        review: NeedsReviewError,
        recorded: RecordedRequest,
        request_id: str | None,
        changes: Changes,
    ) -> DomainError:
        """The refusal that leaves a record (SPEC 7.2): the request's work undone, its candidate kept."""
        if repo.has_savepoint and request_id is None:
            repo.rollback_to_savepoint()  # the use case took it before a write (IdentityUseCases)
            changes.clear()
        return record_candidate(counting(repo, changes), org, review, recorded, request_id, self._clock())

    # IdentifierService ------------------------------------------------------

    def create_customer(
        self,
        org: str,
        profiles: Sequence[ProfileInput],
        mutation: Mutation,
        reply: Reply[CreateCustomerResult, R],
    ) -> R:
        parsed = parse_profiles(self._policy, profiles)

        def work(repo: Repository, _request_id: str | None) -> CreateCustomerResult:
            result = self._identity.create_customer(repo, org, parsed.value)
            result.warnings[:0] = parsed.warnings
            return result

        return self._mutate(org, mutation, work, reply, RecordedCreate(tuple(profiles)))

    def get_customer(self, org: str, name: str) -> Customer:
        customer_id = parse_customer_name(name, "name")
        return self._read_one(lambda repo: get_customer(repo, org, customer_id))

    def lookup_customer(self, org: str, source: int, account_id: str, identifier: IdentifierInput | None) -> Customer:
        query = self._query(QueryInput(source, account_id, identifier), "", any_scope=False)
        if query.scope is None:  # a card: org-wide
            return self._read_one(lambda repo: lookup_card_holder(repo, org, query.ident.value))
        scope = query.scope
        return self._read_one(lambda repo: lookup_customer(repo, org, scope, query.ident))

    def find_customers(self, org: str, queries: Sequence[QueryInput]) -> list[Found]:
        """Each query validated as LookupCustomer validates its own, then one read for all of them."""
        check_query_count(len(queries), "queries")
        parsed = [self._query(item, f"queries[{i}].", any_scope=True) for i, item in enumerate(queries)]
        return self._read_one(lambda repo: find_customers(repo, org, parsed))

    def _query(self, item: QueryInput, field_prefix: str, any_scope: bool) -> IdentifierQuery:
        identifier = None if item.identifier is None else (item.identifier.type, item.identifier.value)
        return parse_query(self._policy, item.source, item.account_id, identifier, field_prefix, any_scope)

    def update_identifiers(
        self,
        org: str,
        customer: str,
        source: int,
        account_id: str,
        add: Sequence[IdentifierInput],
        remove: Sequence[IdentifierInput],
        mutation: Mutation,
        reply: Reply[UpdateIdentifiersResult, R],
    ) -> R:
        customer_id = parse_customer_name(customer, "customer")
        recorded = RecordedUpdate(customer_id, source, account_id, tuple(add), tuple(remove))
        cmd = self._update_command(recorded)

        def work(repo: Repository, request_id: str | None) -> UpdateIdentifiersResult:
            return self._identity.update_identifiers(repo, org, cmd, request_id)

        return self._mutate(org, mutation, work, reply, recorded)

    def _update_command(self, request: RecordedUpdate) -> UpdateCommand:
        """An UpdateIdentifiers as received, validated (also when a merge candidate's is run again)."""
        scope = parse_scope(request.source, request.account_id)
        check_identifier_count(len(request.add) + len(request.remove), "add")
        if not request.add and not request.remove:
            raise invalid(Reason.INVALID_ARGUMENT, "add", "nothing to add or remove")
        return UpdateCommand(
            request.customer_id,
            scope,
            parse_identifiers(self._policy, request.add, "add"),
            parse_identifiers(self._policy, request.remove, "remove"),
        )

    def merge_customers(
        self,
        org: str,
        victim: str,
        survivor: str,
        mutation: Mutation,
        reply: Reply[MergeCustomersResult, R],
    ) -> R:
        victim_id = parse_customer_name(victim, "victim")
        survivor_id = parse_customer_name(survivor, "survivor")
        if victim_id == survivor_id:
            raise invalid(Reason.SAME_CUSTOMER, "survivor", "a customer cannot be merged into itself")

        def work(repo: Repository, request_id: str | None) -> MergeCustomersResult:
            return self._identity.merge_customers(repo, org, victim_id, survivor_id, request_id)

        return self._mutate(org, mutation, work, reply)

    def unmerge_customers(self, org: str, merge: str, mutation: Mutation, reply: Reply[UnmergeResult, R]) -> R:
        merge_id = parse_merge_name(merge, "merge")

        def work(repo: Repository, request_id: str | None) -> UnmergeResult:
            return unmerge_customers(repo, org, merge_id, request_id, self._clock)

        return self._mutate(org, mutation, work, reply)

    def erase_customer(
        self, org: str, name: str, mutation: Mutation, reply: Reply[Customer, R], suppress: bool = False
    ) -> R:
        customer_id = parse_customer_name(name, "name")
        if suppress and self._suppression_key is None:  # the server's configuration: checked before anything
            raise key_missing("suppress_identifiers")
        key = self._suppression_key if suppress else None

        def work(repo: Repository, _request_id: str | None) -> Customer:
            return erase_customer(repo, org, customer_id, self._clock, key)

        return self._mutate(org, mutation, work, reply)

    def unsuppress_identifier(
        self, org: str, identifier: IdentifierInput | None, mutation: Mutation, reply: Reply[Unsuppressed, R]
    ) -> R:
        """UnsuppressIdentifier (RULES 2.5.2): the value may be added again."""
        ident = parse_suppressed(self._policy, identifier)
        key = self._suppression_key
        if key is None:
            raise key_missing("UnsuppressIdentifier")
        digest = key.digest(org, ident)

        def work(repo: Repository, _request_id: str | None) -> Unsuppressed:
            suppressed_at = repo.unsuppress(org, digest)
            if suppressed_at is None:
                raise not_found(
                    Reason.SUPPRESSION_NOT_FOUND,
                    "suppression",
                    ident.type.name,  # never the value: errors are logged and stored
                    f"this {ident.type.name} is not suppressed",
                    identifier_type=ident.type.name,
                )
            return Unsuppressed(ident.type, suppressed_at)

        return self._mutate(org, mutation, work, reply)

    def list_merges(self, org: str, customer: str, page_size: int, page_token: str) -> paging.Page[Merge]:
        customer_id = parse_customer_name(customer, "customer") if customer else ""
        limit = paging.page_size(page_size)
        before = paging.decode_token(page_token, customer_id)
        assert before is None or isinstance(before, int)
        return self._read(lambda repo: list_merges(repo, org, customer_id, before, limit))

    # MergeReviewService (SPEC 7) ---------------------------------------------

    def get_merge_policy(self, org: str) -> MergePolicy:
        return self._read_one(lambda repo: get_merge_policy(repo, org))

    def update_merge_policy(
        self,
        org: str,
        rules: Sequence[tuple[int, int]],
        max_merged_customers: int,
        mutation: Mutation,
        reply: Reply[MergePolicy, R],
    ) -> R:
        policy = MergePolicy.parse(rules, max_merged_customers)
        return self._mutate(
            org, mutation, lambda repo, _rid: update_merge_policy(repo, org, policy, self._clock()), reply
        )

    def list_merge_candidates(
        self, org: str, state: int, customer: str, page_size: int, page_token: str
    ) -> paging.Page[MergeCandidate]:
        wanted = parse_candidate_state(state, "state")
        customer_id = parse_customer_name(customer, "customer") if customer else ""
        limit = paging.page_size(page_size)
        before = paging.decode_token(page_token, candidates_query(wanted, customer_id))
        assert before is None or isinstance(before, int)
        return self._read_one(lambda repo: list_candidates(repo, org, wanted, customer_id, before, limit))

    def pending_candidates(self) -> dict[str, int]:
        """Pending merge candidates by org (a metric read at each scrape)."""
        return self._read_one(lambda repo: repo.candidates.pending_by_org())

    def get_merge_candidate(self, org: str, name: str) -> MergeCandidate:
        candidate_id = parse_candidate_name(name, "name")
        return self._read_one(lambda repo: get_candidate(repo, org, candidate_id))

    def accept_merge_candidate(self, org: str, name: str, mutation: Mutation, reply: Reply[AcceptResult, R]) -> R:
        candidate_id = parse_candidate_name(name, "name")

        def work(repo: Repository, request_id: str | None) -> AcceptResult:
            candidate = get_candidate(repo, org, candidate_id, lock=True)
            candidate.ensure_pending()  # before its request runs: a decided one answers only that
            customer, merge = self._run_recorded(repo, org, candidate, request_id)
            merge_id = merge.name.removeprefix(MERGES) if merge else ""
            now = self._clock()
            resolve(repo, org, candidate, candidate.accept(merge_id, now), now)
            return AcceptResult(candidate, customer, merge)

        return self._mutate(org, mutation, work, reply)

    def _run_recorded(
        self, repo: Repository, org: str, candidate: MergeCandidate, request_id: str | None
    ) -> tuple[Customer, Merge | None]:
        """The candidate's request, run now as its caller would see it, the policy not asked; it must
        still merge (or combine) into the candidate's survivor."""
        request = candidate.request
        survivor = customer_name(candidate.survivor)
        if isinstance(request, RecordedUpdate):
            cmd = self._update_command(request)
            updated = self._identity.update_identifiers(repo, org, cmd, request_id, approved=True)
            if [(m.victim, m.survivor) for m in updated.merges] != [(customer_name(request.customer_id), survivor)]:
                raise outdated(candidate)
            return updated.customer, updated.merges[0]
        parsed = parse_profiles(self._policy, request.profiles)
        created = self._identity.create_customer(repo, org, parsed.value, approved=True)
        combined = any(w.code == WarningCode.COMBINED_WITH_EXISTING for w in created.warnings)
        if not combined or created.customer.name != survivor:
            raise outdated(candidate)
        return created.customer, None

    def reject_merge_candidate(self, org: str, name: str, mutation: Mutation, reply: Reply[MergeCandidate, R]) -> R:
        candidate_id = parse_candidate_name(name, "name")
        return self._mutate(
            org, mutation, lambda repo, _rid: reject_candidate(repo, org, candidate_id, self._clock()), reply
        )

    # CardService ------------------------------------------------------------

    def create_card_series(
        self,
        org: str,
        series: SeriesInput,
        mutation: Mutation,
        reply: Reply[CardSeries, R],
    ) -> R:
        fmt = card_rules.parse_format(series.prefix, series.suffix, series.length, series.method, series.luhn)
        spec = card_rules.parse_series(
            series.code, series.name, series.type, fmt, series.max_active_cards_per_customer, series.expiry_days
        )
        return self._mutate(
            org, mutation, lambda repo, _rid: self._cards.create_series(repo, org, spec, self._clock()), reply
        )

    def get_card_series(self, org: str, series_id: str) -> CardSeries:
        return self._read(lambda repo: find_series(repo, org, series_id, "id").series)

    def list_card_series(self, org: str, page_size: int, page_token: str) -> paging.Page[CardSeries]:
        limit = paging.page_size(page_size)
        after = paging.decode_token(page_token, "series")

        def work(repo: Repository) -> paging.Page[CardSeries]:
            rows = repo.list_series(org, after if isinstance(after, int) else None, limit + 1)
            return paging.page_of(rows, limit, "series")

        return self._read(work)

    def create_status_label(
        self,
        org: str,
        label: str,
        status: int,
        mutation: Mutation,
        reply: Reply[StatusLabel, R],
    ) -> R:
        clean = card_rules.parse_label(label, "label")
        card_status = card_rules.parse_status(status, "status")
        return self._mutate(
            org, mutation, lambda repo, _rid: self._cards.create_label(repo, org, clean, card_status), reply
        )

    def list_status_labels(self, org: str, page_size: int, page_token: str) -> paging.Page[StatusLabel]:
        # 0 takes the maximum: clients from before paging (they send no page_size) still get every label.
        limit = paging.page_size(page_size, default=paging.MAX_PAGE_SIZE)
        after = paging.decode_token(page_token, "labels", str)

        def work(repo: Repository) -> paging.Page[StatusLabel]:
            # Few labels per org: paged in memory, by (status, label) as listed.
            rows = [(f"{int(label.status):02d}:{label.label}", label) for label in self._cards.list_labels(repo, org)]
            rows = [row for row in rows if not isinstance(after, str) or row[0] > after]
            return paging.page_of(rows[: limit + 1], limit, "labels")

        return self._read(work)

    def create_card(
        self,
        org: str,
        series_id: str,
        number: str,
        label: str,
        mutation: Mutation,
        reply: Reply[Card, R],
    ) -> R:
        clean = self._card_number(number, "number")
        return self._mutate(
            org,
            mutation,
            lambda repo, _rid: self._cards.create_card(repo, org, series_id, clean, label, self._clock()),
            reply,
        )

    def generate_cards(
        self,
        org: str,
        series_id: str,
        count: int,
        label: str,
        mutation: Mutation,
        reply: Reply[list[str], R],
    ) -> R:
        # The request's own form, checked before the transaction: no answer to store (RULES 2.7).
        if not 1 <= count <= card_rules.MAX_GENERATE:
            raise invalid(Reason.INVALID_ARGUMENT, "count", f"must be 1 to {card_rules.MAX_GENERATE}")
        return self._mutate(
            org,
            mutation,
            lambda repo, _rid: self._cards.generate_cards(repo, org, series_id, count, label, self._clock()),
            reply,
        )

    def get_card(self, org: str, number: str) -> Card:
        clean = self._card_number(number, "number")
        return self._read(lambda repo: find_card(repo, org, clean).card.read(self._clock()))

    def list_cards(self, org: str, customer: str, series_id: str, page_size: int, page_token: str) -> paging.Page[Card]:
        customer_id = parse_customer_name(customer, "customer") if customer else ""
        limit = paging.page_size(page_size)
        query = f"{customer_id}|{series_id}"
        after = paging.decode_token(page_token, query, str)

        def work(repo: Repository) -> paging.Page[Card]:
            record = active_or_merged_customer(repo, org, customer_id) if customer_id else None
            customer_pk = (record.survivor_pk or record.pk) if record else None
            series = find_series(repo, org, series_id, "series_id").id if series_id else None
            found = repo.list_cards(org, customer_pk, series, after if isinstance(after, str) else None, limit + 1)
            return paging.page_of([(c.number, c) for c in found], limit, query)

        return self._read(work)

    def issue_card(
        self,
        org: str,
        customer: str,
        series_id: str,
        number: str,
        label: str,
        mutation: Mutation,
        reply: Reply[IssueResult, R],
    ) -> R:
        customer_id = parse_customer_name(customer, "customer")
        clean = self._card_number(number, "number") if number else ""
        if not clean and not series_id:
            raise invalid(Reason.INVALID_ARGUMENT, "series_id", "give a card number, or a series to take one from")

        def work(repo: Repository, _rid: str | None) -> IssueResult:
            holder = active_customer(repo, org, customer_id)
            now = self._clock()
            card = self._cards.issue_card(repo, org, holder, series_id, clean, label, now)
            repo.customers.touch(holder, now)
            return IssueResult(card, holder.to_read_model())

        return self._mutate(org, mutation, work, reply)

    def unlink_card(
        self,
        org: str,
        number: str,
        label: str,
        mutation: Mutation,
        reply: Reply[Card, R],
    ) -> R:
        clean = self._card_number(number, "number")

        def work(repo: Repository, _rid: str | None) -> Card:
            return self._cards.unlink(repo, org, clean, label, self._clock())

        return self._mutate(org, mutation, work, reply)

    def update_card_status(
        self,
        org: str,
        number: str,
        label: str,
        reason: str,
        mutation: Mutation,
        reply: Reply[Card, R],
    ) -> R:
        clean = self._card_number(number, "number")
        why = reason.strip()
        if len(why) > MAX_REASON_LENGTH or has_control_characters(why):
            raise invalid(
                Reason.INVALID_ARGUMENT, "reason", f"at most {MAX_REASON_LENGTH} characters, no control characters"
            )
        return self._mutate(
            org,
            mutation,
            lambda repo, _rid: self._cards.update_status(repo, org, clean, label, why, self._clock()),
            reply,
        )

    def list_card_status_changes(
        self, org: str, number: str, page_size: int, page_token: str
    ) -> paging.Page[CardStatusChange]:
        clean = self._card_number(number, "number")
        limit = paging.page_size(page_size)
        after = paging.decode_token(page_token, clean)

        def work(repo: Repository) -> paging.Page[CardStatusChange]:
            find_card(repo, org, clean)
            rows = repo.list_card_changes(org, clean, after if isinstance(after, int) else None, limit + 1)
            return paging.page_of(rows, limit, clean)

        return self._read(work)

    def _card_number(self, raw: str, field_path: str) -> str:
        return self._policy.parse(IdentifierType.CARD_NUMBER, raw, field_path.removesuffix("number")).value

    # EventService -----------------------------------------------------------

    def list_events(self, org: str, after_sequence: int, page_size: int) -> feed.EventPage:
        after = feed.parse_after(after_sequence)
        limit = feed.parse_page_size(page_size)
        return self._read(lambda repo: feed.read_events(repo, org, after, limit))

    # Housekeeping -----------------------------------------------------------

    def purge_events(self) -> int:
        """Forget events older than the feed's retention."""
        cutoff = self._clock() - self._event_retention
        return self._transaction(True, lambda repo: repo.purge_events(cutoff), exactly_once=True)  # idempotent

    def purge_request_ids(self) -> int:
        """Forget request ids older than the retention period."""
        cutoff = self._clock() - REQUEST_ID_RETENTION
        return self._transaction(True, lambda repo: repo.purge_responses(cutoff), exactly_once=True)
