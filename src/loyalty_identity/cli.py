"""The `loyalty-identity` command."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from datetime import timedelta
from importlib import metadata
from pathlib import Path

from loyalty_identity import bootstrap
from loyalty_identity.admin import commands as admin_commands
from loyalty_identity.admin import errors, flags
from loyalty_identity.api.auth import TokenFileError
from loyalty_identity.api.event_servicer import WatchSettings
from loyalty_identity.api.group import MAX_PROCESSES, ChildDiedError, serve_group
from loyalty_identity.api.server import (
    DEFAULT_LISTEN,
    ConfigError,
    ServerConfig,
    StartupError,
    TlsConfig,
    load_suppression_key,
    parse_listen,
    serve,
)
from loyalty_identity.observability.logs import LOG_FORMATS, configure_logging
from loyalty_identity.store import invariants
from loyalty_identity.store.copy import CopyError, copy_database
from loyalty_identity.store.database import DEFAULT_DATABASE_URL
from loyalty_identity.store.migrations import migrate
from loyalty_identity.store.org_data import delete_org

ENV_PREFIX = flags.ENV_PREFIX
DISTRIBUTION = "loyalty-identity"  # pyproject.toml's project name
# What is wrong besides the store's errors (admin.errors): settings (exit 2), or starting (exit 1).
USAGE_ERRORS = (ConfigError, TokenFileError)
FAILURES = (StartupError, CopyError, ChildDiedError)
MAX_WORKERS = 1000  # threads serving calls; each may hold a database connection
MAX_CONCURRENT_RPCS = 100_000
MAX_WATCHERS = 10_000

log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(ENV_PREFIX + name, default)


def _flag(name: str) -> bool | None:
    """A yes/no environment variable; None when unset."""
    value = _env(name)
    if value is None or not value.strip():
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


def _number_env(name: str, default: str | None = None) -> str | None:
    """A numeric flag's default from its variable (empty is unset); the flag's type checks it, naming the variable."""
    return flags.env_default(_env, name, default)


# Every numeric flag, and what each value means (their --help says the same); anything else, from the
# flag or from its variable, is a one-line usage error (exit 2) before anything starts:
# --max-concurrent-rpcs 1..100000: calls at once, more get RESOURCE_EXHAUSTED (0 would refuse every call).
# --max-workers 1..1000, or left out (or an empty variable) for 4 on SQLite, 16 on PostgreSQL; 0 is refused.
# --max-watchers 0..10000: 0 refuses every WatchEvents stream (RESOURCE_EXHAUSTED); ListEvents still pages.
# --event-retention-days 0.042 (an hour, the purge runs hourly) to 36500 (a century); decimals allowed.
# --group-commit-max-batch 1..1024 writes per COMMIT; --group-commit-max-ms 1..1000 ms a batch keeps taking writes.
# import --batch-size 1..50000 (admin.commands). The ports of --listen and the like: 0..65535 (parse_listen).
_concurrent_rpcs = flags.whole_number(1, MAX_CONCURRENT_RPCS)
_processes = flags.whole_number(1, MAX_PROCESSES)
_workers = flags.whole_number(1, MAX_WORKERS, "; leave it out for the default (4 on SQLite, 16 on PostgreSQL)")
_watchers = flags.whole_number(0, MAX_WATCHERS, "; 0 serves no WatchEvents streams")
_retention_days = flags.days(1 / 24, 36_500, "0.042 (an hour)")
_max_batch = flags.whole_number(1, bootstrap.MAX_BATCH_LIMIT)
_max_batch_ms = flags.whole_number(1, 1000)


def _database_flag(parser: argparse.ArgumentParser) -> None:
    flags.add_database_flag(parser, _env("DATABASE_URL", DEFAULT_DATABASE_URL))


def build_parser() -> argparse.ArgumentParser:
    parser = flags.Parser(prog="loyalty-identity", description="The loyalty customer identity service.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser("serve", help="run the gRPC server until SIGTERM or SIGINT")
    serve_cmd.add_argument(
        "--listen",
        default=_env("LISTEN", DEFAULT_LISTEN),
        help=f"HOST:PORT to listen on; port 0 picks a free one (env {ENV_PREFIX}LISTEN, default %(default)s)",
    )
    _database_flag(serve_cmd)
    serve_cmd.add_argument(
        "--tokens",
        type=Path,
        default=_env("TOKENS_FILE"),
        help=f"file of 'ORG sha256:HEX' lines (env {ENV_PREFIX}TOKENS_FILE); "
        "without it the server only listens on loopback, as org 'default'",
    )
    serve_cmd.add_argument(
        "--tls-cert",
        type=Path,
        default=_env("TLS_CERT_FILE"),
        help=f"PEM certificate chain: serve TLS (env {ENV_PREFIX}TLS_CERT_FILE)",
    )
    serve_cmd.add_argument(
        "--tls-key",
        type=Path,
        default=_env("TLS_KEY_FILE"),
        help=f"PEM private key of --tls-cert (env {ENV_PREFIX}TLS_KEY_FILE)",
    )
    serve_cmd.add_argument(
        "--tls-client-ca",
        type=Path,
        default=_env("TLS_CLIENT_CA_FILE"),
        help=f"PEM CA certificates: require client certificates they signed, mutual TLS "
        f"(env {ENV_PREFIX}TLS_CLIENT_CA_FILE)",
    )
    serve_cmd.add_argument(
        "--max-concurrent-rpcs",
        type=_concurrent_rpcs,
        metavar="N",
        default=_number_env("MAX_CONCURRENT_RPCS", "256"),
        help=f"calls served at once, 1 to {MAX_CONCURRENT_RPCS}; more get RESOURCE_EXHAUSTED "
        f"(env {ENV_PREFIX}MAX_CONCURRENT_RPCS, default %(default)s)",
    )
    serve_cmd.add_argument(
        "--max-workers",
        type=_workers,
        metavar="N",
        default=_number_env("MAX_WORKERS"),
        help=f"threads serving calls, 1 to {MAX_WORKERS}, each with at most one database connection "
        f"(env {ENV_PREFIX}MAX_WORKERS; default 4 on SQLite, 16 on PostgreSQL)",
    )
    serve_cmd.add_argument(
        "--processes",
        type=_processes,
        metavar="N",
        default=_number_env("PROCESSES", "1"),
        help=f"server processes sharing the listen address and the database, 1 to {MAX_PROCESSES}: one per core "
        f"(env {ENV_PREFIX}PROCESSES, default %(default)s; DEPLOYMENT.md says how to size it)",
    )
    serve_cmd.add_argument(
        "--group-commit",
        action=argparse.BooleanOptionalAction,
        default=_flag("GROUP_COMMIT") is not False,
        help=f"SQLite files: commit the writes that arrive together in one transaction, each in a savepoint of "
        f"its own, every caller answered after that COMMIT (env {ENV_PREFIX}GROUP_COMMIT=0 turns it off; default on; "
        "docs/GROUP_COMMIT.md)",
    )
    serve_cmd.add_argument(
        "--group-commit-max-batch",
        type=_max_batch,
        metavar="N",
        default=_number_env("GROUP_COMMIT_MAX_BATCH", "64"),
        help=f"writes committed together at most, 1 to {bootstrap.MAX_BATCH_LIMIT} "
        f"(env {ENV_PREFIX}GROUP_COMMIT_MAX_BATCH, default %(default)s)",
    )
    serve_cmd.add_argument(
        "--group-commit-max-ms",
        type=_max_batch_ms,
        metavar="MS",
        default=_number_env("GROUP_COMMIT_MAX_MS", "5"),
        help=f"milliseconds after its BEGIN that a batch keeps taking the writes that arrive, 1 to 1000; a batch "
        f"also ends as soon as no write waits (env {ENV_PREFIX}GROUP_COMMIT_MAX_MS, default %(default)s)",
    )
    serve_cmd.add_argument(
        "--blocked-values",
        type=Path,
        default=_env("BLOCKED_VALUES_FILE"),
        help=f"file of extra placeholder values to refuse, one a line (env {ENV_PREFIX}BLOCKED_VALUES_FILE)",
    )
    serve_cmd.add_argument(
        "--suppression-key-file",
        type=Path,
        default=_env("SUPPRESSION_KEY_FILE"),
        metavar="FILE",
        help="the secret key of suppression after erasure: 64 hex characters (`openssl rand -hex 32`) or at "
        f"least 32 raw bytes; without it EraseCustomer cannot suppress (env {ENV_PREFIX}SUPPRESSION_KEY_FILE)",
    )
    serve_cmd.add_argument(
        "--log-level",
        default=_env("LOG_LEVEL", "INFO"),
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        type=str.upper,
        help=f"log level (env {ENV_PREFIX}LOG_LEVEL, default %(default)s)",
    )
    serve_cmd.add_argument(
        "--log-format",
        default=_env("LOG_FORMAT", "text"),
        choices=LOG_FORMATS,
        type=str.lower,
        help=f"text lines, or one JSON object per line (env {ENV_PREFIX}LOG_FORMAT, default %(default)s)",
    )
    serve_cmd.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=_flag("ACCESS_LOG"),
        help=f"log every call at INFO (env {ENV_PREFIX}ACCESS_LOG=1); default: on with --log-format json, "
        "else only at --log-level DEBUG",
    )
    serve_cmd.add_argument(
        "--metrics-listen",
        metavar="HOST:PORT",
        default=_env("METRICS_LISTEN"),
        help=f"serve Prometheus metrics at http://HOST:PORT/metrics; port 0 picks a free one "
        f"(env {ENV_PREFIX}METRICS_LISTEN; default: no metrics endpoint)",
    )
    serve_cmd.add_argument(
        "--http-listen",
        metavar="HOST:PORT",
        default=_env("HTTP_LISTEN"),
        help=f"also serve every RPC over HTTP/1.1 and HTTP/2 with the Connect protocol (JSON or binary), and the "
        f"console at /, on HOST:PORT; port 0 picks a free one; same tokens and TLS as --listen "
        f"(env {ENV_PREFIX}HTTP_LISTEN; default: no HTTP listener)",
    )
    serve_cmd.add_argument(
        "--otlp-endpoint",
        metavar="URL",
        default=_env("OTLP_ENDPOINT", os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")),
        help=f"send OpenTelemetry traces to this OTLP/HTTP collector, e.g. http://127.0.0.1:4318 "
        f"(env {ENV_PREFIX}OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT; needs the otel extra; default: no tracing)",
    )
    serve_cmd.add_argument(
        "--event-retention-days",
        type=_retention_days,
        metavar="DAYS",
        default=_number_env("EVENT_RETENTION_DAYS", "30"),
        help=f"keep change feed events this long, 0.042 (an hour) to 36500 days; readers further behind get "
        f"EVENTS_EXPIRED (env {ENV_PREFIX}EVENT_RETENTION_DAYS, default %(default)s)",
    )
    serve_cmd.add_argument(
        "--max-watchers",
        type=_watchers,
        metavar="N",
        default=_number_env("MAX_WATCHERS", "32"),
        help=f"WatchEvents streams served at once, 0 to {MAX_WATCHERS}, each holding a thread; more get "
        f"RESOURCE_EXHAUSTED (env {ENV_PREFIX}MAX_WATCHERS, default %(default)s)",
    )
    migrate_cmd = commands.add_parser(
        "migrate", help="create or upgrade the database schema (serve does it too); safe to run concurrently"
    )
    _database_flag(migrate_cmd)
    copy_cmd = commands.add_parser(
        "copy", help="copy every row of one database into an empty one (for example SQLite to PostgreSQL)"
    )
    copy_cmd.add_argument(
        "--from",
        dest="source",
        required=True,
        action=flags.DatabaseUrl,
        metavar="URL",
        help="database URL to read: " + flags.database_help(env=False),
    )
    copy_cmd.add_argument(
        "--to",
        dest="target",
        required=True,
        action=flags.DatabaseUrl,
        metavar="URL",
        help="database URL to fill (must be empty): " + flags.database_help(env=False),
    )
    check_cmd = commands.add_parser("check", help="check a database's invariants; exit 1 if any is broken")
    _database_flag(check_cmd)
    delete_cmd = commands.add_parser(
        "delete-org",
        help="delete every customer, card, series, label, merge, request id and event of one org "
        "(a brand that leaves, or a development reset); running servers may stay up",
    )
    delete_cmd.add_argument("--org", required=True, help="the org whose data goes")
    _database_flag(delete_cmd)
    delete_cmd.add_argument("--yes", action="store_true", help="really delete: without it nothing is deleted")
    admin_commands.add_parsers(commands, _env)  # token, import, export
    return parser


def run_migrate(url: str) -> int:
    with bootstrap.opened_database(url) as database:
        version = migrate(database)
    print(f"schema at version {version}")
    return 0


def run_copy(source_url: str, target_url: str) -> int:
    # The source first, read-only: a wrong --from must not leave an empty --to behind.
    with (
        bootstrap.existing_database(source_url, max_connections=2, read_only=True) as source,
        bootstrap.opened_database(target_url, max_connections=2) as target,  # opened last: migrations write here
    ):
        report = copy_database(source, target, progress=lambda line: print(line, flush=True))
    print(f"copied: {report}")
    return 0


def run_check(url: str) -> int:
    with bootstrap.existing_database(url, read_only=True) as database:
        violations = invariants.check(database.db)
    for violation in violations:
        print(violation)
    print(f"{len(invariants.INVARIANTS) - len(violations)} of {len(invariants.INVARIANTS)} invariants hold")
    return 1 if violations else 0


def run_delete_org(url: str, org: str, confirmed: bool) -> int:
    if not confirmed:
        raise ConfigError(f"this deletes every row of org {org!r}: add --yes to go ahead")
    # Only an existing database with the schema: a wrong URL must not create one.
    with bootstrap.existing_database(url, read_only=True):
        pass
    with bootstrap.opened_database(url) as database:
        deleted = delete_org(database, org)
    counts = ", ".join(f"{count} {table}" for table, count in deleted.items()) or "nothing was there"
    print(f"deleted org {org}: {counts}")
    return 0


def server_config(args: argparse.Namespace) -> ServerConfig:
    # Addresses first: a typo there is the likeliest mistake, and explains the rest.
    parse_listen(args.listen, "--listen")
    if args.metrics_listen:
        parse_listen(args.metrics_listen, "--metrics-listen")
    if args.http_listen:
        parse_listen(args.http_listen, "--http-listen")
    tls = None
    if args.tls_cert or args.tls_key or args.tls_client_ca:
        if not (args.tls_cert and args.tls_key):
            raise ConfigError("TLS needs both --tls-cert and --tls-key")
        tls = TlsConfig(args.tls_cert, args.tls_key, args.tls_client_ca)
    return ServerConfig(
        listen=args.listen,
        database_url=args.database,
        tokens_file=args.tokens,
        tokens=_env("TOKENS", "") or "",
        tls=tls,
        blocked_values=args.blocked_values.read_text().splitlines() if args.blocked_values else [],
        suppression_key=load_suppression_key(args.suppression_key_file),
        max_concurrent_rpcs=args.max_concurrent_rpcs,
        max_workers=args.max_workers,
        metrics_listen=args.metrics_listen or None,
        http_listen=args.http_listen or None,
        otlp_endpoint=args.otlp_endpoint or None,
        # JSON logs are for machines: every call is a line unless turned off.
        access_log=args.access_log if args.access_log is not None else args.log_format == "json",
        event_retention=timedelta(days=args.event_retention_days),
        watch=WatchSettings(max_watchers=args.max_watchers),
        group_commit=bootstrap.GroupCommitSettings(
            enabled=args.group_commit, max_batch=args.group_commit_max_batch, max_batch_ms=args.group_commit_max_ms
        ),
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(getattr(args, "log_level", "WARNING"), getattr(args, "log_format", "text"))
    for warning in flags.typed_password_warnings(args):  # before anything connects, or fails to
        log.warning(warning)
    try:
        status = run_command(args)
        sys.stdout.flush()  # a reader gone shows here, not in Python's last flush at exit
        return status
    except BrokenPipeError:
        return _reader_gone()
    except Exception as error:
        code = errors.exit_code(error, USAGE_ERRORS, FAILURES)
        if code is None:
            raise  # a bug: its traceback is what to report
        return errors.fail(error, code, _urls(args))


def _reader_gone() -> int:
    """stdout's reader went away (`loyalty-identity export | head -1`): end quietly, as Unix tools do.

    The convention is cat's and grep's: die of SIGPIPE, which a shell reports as 141 and
    `set -o pipefail` as a failure (the output was cut short), and which it never prints.
    Python ignores SIGPIPE so that writes raise BrokenPipeError instead; restore the default
    action and raise the signal. Where it does not end the process, exit 141 (128 + 13).
    """
    try:  # Python flushes stdout once more at exit: that write must go nowhere, not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no stdout file descriptor (an embedding program's stream)
        pass
    sigpipe = getattr(signal, "SIGPIPE", None)
    if sigpipe is not None:
        signal.signal(sigpipe, signal.SIG_DFL)
        signal.raise_signal(sigpipe)
    return 128 + 13


def run_command(args: argparse.Namespace) -> int:
    if args.command in admin_commands.COMMANDS:
        return admin_commands.run(args)
    if args.command == "migrate":
        return run_migrate(args.database)
    if args.command == "check":
        return run_check(args.database)
    if args.command == "copy":
        return run_copy(args.source, args.target)
    if args.command == "delete-org":
        return run_delete_org(args.database, args.org, args.yes)
    config = server_config(args)
    if args.processes > 1:
        serve_group(config, args.processes, (args.log_level, args.log_format))
    else:
        serve(config)
    return 0


def _urls(args: argparse.Namespace) -> tuple[str, ...]:
    """The database URLs given: their passwords never reach a message."""
    return tuple(url for url in (getattr(args, name, None) for name in ("database", "source", "target")) if url)
