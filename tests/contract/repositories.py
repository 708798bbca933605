"""The whole Repository port for the contract suites: in memory (tests/fakes.py), SQLite or PostgreSQL.

Each unit of work yields the repository and commits when it ends without an error; customers are made
through its `customers`, as the use cases make them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

from loyalty_identity.domain.customer import CustomerAggregate
from loyalty_identity.domain.events import CustomerCreated
from loyalty_identity.domain.identifiers import IdentifierType, IdentifierValue
from loyalty_identity.domain.requests import ParsedIdentifier, ParsedProfile
from loyalty_identity.domain.scopes import Scope
from loyalty_identity.service.ports import Repository
from tests.contract.stores import sql_units
from tests.fakes import InMemoryRepository

ORG, OTHER_ORG = "acme", "other-org"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

Unit = Callable[[], AbstractContextManager[Repository]]


STORES = ["memory", "sqlite", "postgresql"]


def repository_units(store: str, tmp_path: Path) -> Iterator[Unit]:
    """A factory of units of work over one store (of STORES), for a suite's `unit` fixture."""
    if store == "memory":
        yield InMemoryRepository().unit
        return
    with sql_units(store, tmp_path, lambda repo: repo) as units:
        yield units


def new_customer(repo: Repository, scope: Scope, *idents: IdentifierValue, org: str = ORG) -> CustomerAggregate:
    """A customer with a profile in scope holding idents, added in repo's unit of work."""
    profile = ParsedProfile(scope, [ParsedIdentifier(i, "", "", "add[0]") for i in idents], "profiles[0]")
    customer, [created] = CustomerAggregate.create([profile], NOW)
    assert isinstance(created, CustomerCreated)
    repo.customers.add(org, customer, created, NOW)
    return customer


def email(name: str) -> IdentifierValue:
    return IdentifierValue(IdentifierType.EMAIL, f"{name}@example.com")
