"""The service layer's front door: validate, open one transaction, run a use
case, apply request_id idempotency and validate_only dry runs, retry lost races.

The gRPC layer calls one method per RPC and gives it two small functions:
`respond` builds the wire response from the use case's result, `replay`
parses a stored response. Stored responses are the exact bytes sent the first
time, so a retried request gets the very same answer.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol, TypeVar

from loyalty_identity.domain.errors import Reason, invalid, refused
from loyalty_identity.domain.identifiers import IdentifierPolicy
from loyalty_identity.domain.model import Customer
from loyalty_identity.domain.names import parse_customer_name, parse_request_id
from loyalty_identity.domain.scopes import parse_scope
from loyalty_identity.service import paging
from loyalty_identity.service.commands import (
    IdentifierInput,
    ProfileInput,
    check_identifier_count,
    parse_identifiers,
    parse_profiles,
)
from loyalty_identity.service.identity import (
    CreateCustomerResult,
    IdentityUseCases,
    MergeCustomersResult,
    UpdateCommand,
    UpdateIdentifiersResult,
    get_customer,
    lookup_customer,
)
from loyalty_identity.service.ports import IdentityRepository, TransientStoreError, UnitOfWorkFactory

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R", bound="WireMessage")

MAX_TRANSACTION_ATTEMPTS = 8
REQUEST_ID_RETENTION = timedelta(hours=48)  # SPEC asks for at least 24 hours


class WireMessage(Protocol):
    def SerializeToString(self, *, deterministic: bool = ...) -> bytes: ...  # noqa: N802 (protobuf API)


@dataclass(frozen=True)
class Mutation:
    """What every mutating call carries besides its payload."""

    fingerprint: str  # hash of the whole request: same request_id must mean same request
    request_id: str = ""
    validate_only: bool = False


def utc_now() -> datetime:
    return datetime.now(UTC)


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
    ) -> None:
        self._uow_factory = uow_factory
        self._policy = policy or IdentifierPolicy()
        self._clock = clock
        self._identity = IdentityUseCases(clock)

    # Transactions -----------------------------------------------------------

    def _transaction(self, write: bool, work: Callable[[IdentityRepository], T]) -> T:
        """Run work in one transaction, retrying the whole of it when it loses a race."""
        for attempt in range(1, MAX_TRANSACTION_ATTEMPTS + 1):
            try:
                with self._uow_factory(write=write) as uow:
                    result = work(uow.repo)
                    uow.commit()
                    return result
            except TransientStoreError:
                if attempt == MAX_TRANSACTION_ATTEMPTS:
                    raise
                # Full jitter keeps competing replicas from retrying in lockstep.
                time.sleep(random.uniform(0, 0.005 * 2**attempt))
                log.debug("transaction retry %d", attempt)
        raise AssertionError("unreachable")

    def _read(self, work: Callable[[IdentityRepository], T]) -> T:
        return self._transaction(False, work)

    def _mutate(
        self,
        org: str,
        mutation: Mutation,
        work: Callable[[IdentityRepository, str | None], T],
        respond: Callable[[T], R],
        replay: Callable[[bytes], R],
    ) -> R:
        request_id = parse_request_id(mutation.request_id)

        def run(repo: IdentityRepository) -> R:
            # Dry runs neither consult nor record request ids: they change nothing.
            if request_id and not mutation.validate_only:
                stored = repo.find_response(org, request_id)
                if stored is not None:
                    if stored.fingerprint != mutation.fingerprint:
                        raise refused(
                            Reason.REQUEST_ID_REUSED,
                            "this request_id was already used for a different request",
                            request_id=request_id,
                        )
                    return replay(stored.response)
            response = respond(work(repo, request_id))
            if mutation.validate_only:
                raise _DryRun(response)
            if request_id:
                payload = response.SerializeToString(deterministic=True)
                repo.save_response(org, request_id, mutation.fingerprint, payload, self._clock())
            return response

        try:
            return self._transaction(True, run)
        except _DryRun as dry:
            return dry.response  # type: ignore[return-value]

    # IdentifierService ------------------------------------------------------

    def create_customer(
        self,
        org: str,
        profiles: Sequence[ProfileInput],
        mutation: Mutation,
        respond: Callable[[CreateCustomerResult], R],
        replay: Callable[[bytes], R],
    ) -> R:
        parsed = parse_profiles(self._policy, profiles)

        def work(repo: IdentityRepository, _request_id: str | None) -> CreateCustomerResult:
            result = self._identity.create_customer(repo, org, parsed.value)
            result.warnings[:0] = parsed.warnings
            return result

        return self._mutate(org, mutation, work, respond, replay)

    def get_customer(self, org: str, name: str) -> Customer:
        customer_id = parse_customer_name(name, "name")
        return self._read(lambda repo: get_customer(repo, org, customer_id))

    def lookup_customer(self, org: str, source: int, account_id: str, identifier: IdentifierInput | None) -> Customer:
        if identifier is None:
            raise invalid(Reason.INVALID_ARGUMENT, "identifier", "an identifier is required")
        ident = self._policy.parse(identifier.type, identifier.value, "identifier.")
        scope = parse_scope(source, account_id)
        return self._read(lambda repo: lookup_customer(repo, org, scope, ident))

    def update_identifiers(
        self,
        org: str,
        customer: str,
        source: int,
        account_id: str,
        add: Sequence[IdentifierInput],
        remove: Sequence[IdentifierInput],
        mutation: Mutation,
        respond: Callable[[UpdateIdentifiersResult], R],
        replay: Callable[[bytes], R],
    ) -> R:
        customer_id = parse_customer_name(customer, "customer")
        scope = parse_scope(source, account_id)
        check_identifier_count(len(add) + len(remove), "add")
        if not add and not remove:
            raise invalid(Reason.INVALID_ARGUMENT, "add", "nothing to add or remove")
        cmd = UpdateCommand(
            customer_id,
            scope,
            parse_identifiers(self._policy, add, "add"),
            parse_identifiers(self._policy, remove, "remove"),
        )

        def work(repo: IdentityRepository, request_id: str | None) -> UpdateIdentifiersResult:
            return self._identity.update_identifiers(repo, org, cmd, request_id)

        return self._mutate(org, mutation, work, respond, replay)

    def merge_customers(
        self,
        org: str,
        victim: str,
        survivor: str,
        mutation: Mutation,
        respond: Callable[[MergeCustomersResult], R],
        replay: Callable[[bytes], R],
    ) -> R:
        victim_id = parse_customer_name(victim, "victim")
        survivor_id = parse_customer_name(survivor, "survivor")
        if victim_id == survivor_id:
            raise invalid(Reason.SAME_CUSTOMER, "survivor", "a customer cannot be merged into itself")

        def work(repo: IdentityRepository, request_id: str | None) -> MergeCustomersResult:
            return self._identity.merge_customers(repo, org, victim_id, survivor_id, request_id)

        return self._mutate(org, mutation, work, respond, replay)

    def list_merges(self, org: str, customer: str, page_size: int, page_token: str) -> paging.Page:
        customer_id = parse_customer_name(customer, "customer") if customer else ""
        limit = paging.page_size(page_size)
        before = paging.decode_token(page_token, customer_id)
        return self._read(lambda repo: paging.list_merges(repo, org, customer_id, before, limit))

    # Housekeeping -----------------------------------------------------------

    def purge_request_ids(self) -> int:
        """Forget request ids older than the retention period."""
        cutoff = self._clock() - REQUEST_ID_RETENTION
        return self._transaction(True, lambda repo: repo.purge_responses(cutoff))
