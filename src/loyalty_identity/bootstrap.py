"""The composition root: the one place that wires the database, the units of work, the use cases and telemetry.

The server (`api/server.py: create_server`) and the commands (`cli.py`, `admin/`)
take their parts from here and wire nothing themselves; the api reaches the
store only through this module (tests/unit/test_layers.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import timedelta

from loyalty_identity.domain.identifiers import IdentifierPolicy
from loyalty_identity.domain.suppression import SuppressionKey
from loyalty_identity.observability.telemetry import Telemetry, TracingUnavailableError
from loyalty_identity.service.application import DEFAULT_EVENT_RETENTION, Application
from loyalty_identity.service.bulk_import import BulkImporter
from loyalty_identity.store.bulk import PeeweeImportStore
from loyalty_identity.store.database import DEFAULT_DATABASE_URL, Database, connect_database, describe_url, redact_url
from loyalty_identity.store.group_commit import MAX_BATCH_LIMIT, GroupCommitSettings, GroupCommitter
from loyalty_identity.store.migrations import migrate, require_schema
from loyalty_identity.store.unit_of_work import PeeweeUnitOfWorkFactory

# DEFAULT_DATABASE_URL, Database, GroupCommitSettings, MAX_BATCH_LIMIT and redact_url are the store's:
# the api names them through the root.
__all__ = [
    "DEFAULT_DATABASE_URL",
    "MAX_BATCH_LIMIT",
    "Core",
    "Database",
    "GroupCommitSettings",
    "SettingsError",
    "existing_database",
    "importer",
    "open_core",
    "opened_database",
    "redact_url",
]


class SettingsError(ValueError):
    """The root cannot build with these settings (a tracing endpoint that is no URL, OpenTelemetry missing)."""


@dataclass(frozen=True)
class Core:
    """What a server runs on: its database, the use cases over it, and the telemetry they report to."""

    database: Database
    app: Application
    telemetry: Telemetry

    def close(self) -> None:
        self.telemetry.close()  # first: the last call's span gets exported
        self.app.close()  # the writes queued for a batch commit before the database closes
        self.database.close()


def open_core(
    database_url: str,
    *,
    max_connections: int,
    blocked_values: Iterable[str] = (),
    suppression_key: SuppressionKey | None = None,
    event_retention: timedelta = DEFAULT_EVENT_RETENTION,
    otlp_endpoint: str | None = None,
    access_log: bool = False,
    group_commit: GroupCommitSettings | None = None,
) -> Core:
    """Open and migrate the database, then build telemetry and the use cases over it.

    If a step fails, what was opened is closed again.
    """
    with ExitStack() as opened:  # closed in reverse order unless everything succeeds
        database = connect_database(database_url, max_connections=max_connections)
        opened.callback(database.close)
        migrate(database)
        policy = IdentifierPolicy.with_extra_blocked(blocked_values)
        telemetry = _telemetry(database, otlp_endpoint, access_log)
        opened.callback(telemetry.close)
        app = Application(
            PeeweeUnitOfWorkFactory(database),
            policy,
            observer=telemetry,
            event_retention=event_retention,
            suppression_key=suppression_key,
            write_batches=_write_batches(database, group_commit or GroupCommitSettings(), telemetry),
        )
        opened.callback(app.close)
        telemetry.metrics.watch_pending_candidates(app.pending_candidates)
        opened.pop_all()
    return Core(database, app, telemetry)


def _write_batches(database: Database, settings: GroupCommitSettings, telemetry: Telemetry) -> GroupCommitter | None:
    """Group commit where it applies (a SQLite file); elsewhere each write is a transaction of its own."""
    if not settings.applies_to(database):
        return None
    return GroupCommitter(database, settings, on_batch=telemetry.metrics.group_commit_batch.observe)


def _telemetry(database: Database, otlp_endpoint: str | None, access_log: bool) -> Telemetry:
    try:
        return Telemetry.create(database, otlp_endpoint, access_log)
    except (TracingUnavailableError, ValueError) as error:
        raise SettingsError(str(error)) from error


@contextmanager
def opened_database(url: str, max_connections: int = 20, *, read_only: bool = False) -> Iterator[Database]:
    """The URL's database, closed on leaving; one that cannot be opened fails here, with a one-line reason."""
    database = connect_database(url, max_connections, read_only=read_only)
    try:
        yield database
    finally:
        database.close()


@contextmanager
def existing_database(url: str, max_connections: int = 20, *, read_only: bool = False) -> Iterator[Database]:
    """opened_database, refused (SchemaError) unless the schema is there already: for commands that must not
    create a database by mistake."""
    with opened_database(url, max_connections, read_only=read_only) as database:
        require_schema(database, describe_url(url))
        yield database


def importer(
    database: Database, policy: IdentifierPolicy, *, dry_run: bool, suppression_key: SuppressionKey | None
) -> BulkImporter:
    """`loyalty-identity import`'s use case: batches written through the ordinary unit of work."""
    return BulkImporter(PeeweeImportStore(database), policy, dry_run=dry_run, suppression_key=suppression_key)
