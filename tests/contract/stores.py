"""The SQL side of the contract suites: units of work over a fresh SQLite or PostgreSQL database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from loyalty_identity.store.database import open_database
from loyalty_identity.store.migrations import migrate
from loyalty_identity.store.unit_of_work import PeeweeUnitOfWorkFactory
from tests import databases

R = TypeVar("R")


@contextmanager
def sql_units(
    engine: str, tmp_path: Path, pick: Callable[[Any], R]
) -> Iterator[Callable[[], AbstractContextManager[R]]]:
    """A factory of units of work on a fresh database of engine; each yields pick(repository), commits at the end."""
    if engine == "postgresql":
        url = databases.require_postgres()
        databases.reset_postgres(url)
    else:
        url = f"sqlite:///{tmp_path / 'contract.db'}"
    database = open_database(url)
    migrate(database)
    factory = PeeweeUnitOfWorkFactory(database)

    @contextmanager
    def unit() -> Iterator[R]:
        with factory(write=True) as uow:
            yield pick(uow.repo)
            uow.commit()

    try:
        yield unit
    finally:
        database.close()
