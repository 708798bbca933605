"""`loyalty-identity token ...`, `import` and `export`: parsers and runners (wired in cli.py)."""

from __future__ import annotations

import argparse
import itertools
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO, TextIO

from loyalty_identity import bootstrap
from loyalty_identity.admin import flags, formats, tokens
from loyalty_identity.admin.errors import fail, one_line
from loyalty_identity.api.auth import GRANTS, REVEAL
from loyalty_identity.domain.identifiers import IdentifierPolicy
from loyalty_identity.domain.names import customer_name
from loyalty_identity.domain.suppression import SuppressionKey, SuppressionKeyError
from loyalty_identity.service.bulk_import import RowResult
from loyalty_identity.store.bulk import export_customers
from loyalty_identity.store.database import DEFAULT_DATABASE_URL, DatabaseUnavailableError
from loyalty_identity.store.migrations import migrate

COMMANDS = ("token", "import", "export")
EXIT_OK = 0
EXIT_REJECTED = 1  # import: some rows were rejected (the others were imported)
# Nothing more could be done: bad arguments or file, database unreachable. Import keeps 2 for all of
# them (other commands say 1 for a failure, admin.errors): its 1 means "some rows rejected".
EXIT_FATAL = 2
EXIT_TOKEN_ERROR = 1
DEFAULT_BATCH_SIZE = 1000
MAX_BATCH_SIZE = 50_000

Env = Callable[..., str | None]

IMPORT_EPILOG = """\
formats:
  jsonl  one CreateCustomerRequest a line, in proto JSON as grpcurl takes it, e.g.
         {"profiles": [{"source": "SOURCE_INSTORE", "identifiers":
           [{"type": "IDENTIFIER_TYPE_MOBILE", "value": "+86 138 0013 8000"}]}]}
  csv    a header row, then one profile a row. Columns: source (INSTORE, WECHAT, ...),
         account_id (for WECHAT, FACEBOOK, LINE, MOBILE_APP, WEB_ENGAGE), one column per
         identifier type (mobile, email, external_id, wechat, martjack_id, fb_id,
         tmall_uname, cuid, ali_uname, jd_uname, vip_uname, line, card_number), and an
         optional customer column: consecutive rows with the same value are one customer.

Each row is applied as a CreateCustomer call would be, in file order: a value
another customer holds in the same scope rejects the row (IDENTIFIER_TAKEN); a
value held in another scope by one customer adds the row's profiles to that
customer. Rejected rows change nothing and go to the rejects file (JSON lines:
line, reason, message, field, row).

exit status: 0 every row imported, 1 some rows rejected, 2 fatal error.
"""


def add_parsers(commands: argparse._SubParsersAction[flags.Parser], env: Env) -> None:
    def database_flag(parser: argparse.ArgumentParser) -> None:
        flags.add_database_flag(parser, env("DATABASE_URL", DEFAULT_DATABASE_URL))

    token_cmd = commands.add_parser(
        "token",
        help="create, list or revoke the bearer tokens of a tokens file",
        description="Manage the tokens file that `serve --tokens` reads. A running server picks up "
        "every change without a restart. Only SHA-256 hashes are stored: a token is shown once, when created.",
    )
    token_commands = token_cmd.add_subparsers(dest="token_command", required=True, metavar="{create,list,revoke}")

    def tokens_file(parser: argparse.ArgumentParser) -> None:
        default = env("TOKENS_FILE")
        parser.add_argument(
            "--tokens",
            type=Path,
            required=default is None,
            default=default,
            metavar="FILE",
            help="the tokens file (env LOYALTY_IDENTITY_TOKENS_FILE)",
        )

    create = token_commands.add_parser(
        "create",
        help="make a new token for an org and print it (once)",
        description="Make a random token for ORG, print it on stdout (the only time it is shown) and add "
        "its hash to the tokens file, which is created with mode 0600 if missing.",
    )
    create.add_argument("--org", required=True, help="the org the token acts for")
    create.add_argument("--name", default="", help="a label to recognize the token by in `token list`")
    create.add_argument(
        "--grant",
        action="append",
        default=[],
        choices=GRANTS,
        metavar="GRANT",
        help="an extra right, repeatable: 'reveal' sees identifier values unmasked in the change feed "
        "(EventService reveal_values); 'review' decides for people (merge policy, merge candidates, "
        "UnsuppressIdentifier)",
    )
    create.add_argument("--reveal", action="store_true", help="the same as --grant reveal")
    tokens_file(create)
    listing = token_commands.add_parser(
        "list",
        help="show the tokens of the file (id, org, name, creation time; never the token)",
        description="List the tokens of the file. The id is the start of the token's hash: give it to `token revoke`.",
    )
    tokens_file(listing)
    revoke = token_commands.add_parser(
        "revoke",
        help="remove a token; servers refuse it from their next call",
        description="Remove the token with this id (as `token list` shows it) from the file.",
    )
    revoke.add_argument("id", help="the token's id (at least its first 6 hex digits)")
    tokens_file(revoke)

    import_cmd = commands.add_parser(
        "import",
        help="create customers in bulk from a CSV or JSON-lines file, with the API's rules",
        description="Create one customer per row of FILE for ORG, with the rules of CreateCustomer. "
        "Rows are committed in batches; a rejected row changes nothing and is written to the rejects file.",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    import_cmd.add_argument("file", metavar="FILE", help="the file to import; - reads stdin")
    database_flag(import_cmd)
    import_cmd.add_argument("--org", required=True, help="the org the customers belong to")
    import_cmd.add_argument(
        "--format", choices=formats.FORMATS, help="input format (default: csv for *.csv files, else jsonl)"
    )
    import_cmd.add_argument(
        "--rejects",
        metavar="FILE",
        help="where rejected rows go, one JSON object a line (default FILE.rejects.jsonl; always written)",
    )
    import_cmd.add_argument(
        "--batch-size",
        type=flags.whole_number(1, MAX_BATCH_SIZE),
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"rows per transaction, 1 to {MAX_BATCH_SIZE} (default %(default)s); a running server's writes "
        "wait for each batch",
    )
    import_cmd.add_argument(
        "--blocked-values",
        type=Path,
        default=env("BLOCKED_VALUES_FILE"),
        metavar="FILE",
        help="extra placeholder values to refuse, as for serve (env LOYALTY_IDENTITY_BLOCKED_VALUES_FILE)",
    )
    import_cmd.add_argument(
        "--suppression-key-file",
        type=Path,
        default=env("SUPPRESSION_KEY_FILE"),
        metavar="FILE",
        help="the servers' suppression key, to refuse suppressed values (IDENTIFIER_SUPPRESSED); without it "
        "an org with suppressions has every row refused (env LOYALTY_IDENTITY_SUPPRESSION_KEY_FILE)",
    )
    import_cmd.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )
    import_cmd.add_argument(
        "--dry-run", action="store_true", help="check every row against the database, then write nothing"
    )

    export_cmd = commands.add_parser(
        "export",
        help="write every active customer of an org as JSON lines or CSV that import reads back",
        description="Write every active customer of ORG with its profiles, identifiers and card numbers, "
        "oldest first, from one consistent snapshot. Merged customers are not written: their survivors "
        "hold everything they had.",
    )
    database_flag(export_cmd)
    export_cmd.add_argument("--org", default="default", help="the org to export (default %(default)s)")
    export_cmd.add_argument(
        "--format", choices=formats.FORMATS, help="output format (default: csv for a *.csv --output, else jsonl)"
    )
    export_cmd.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    export_cmd.add_argument(
        "--cards",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="write the customers' card numbers (default yes); importing them links those cards, "
        "which must exist in the target",
    )


def run(args: argparse.Namespace) -> int:
    if args.command == "token":
        return run_token(args)
    if args.command == "import":
        return run_import(args)
    return run_export(args)


# Tokens -------------------------------------------------------------------------


def private_file(path: Path | str) -> TextIO:
    """A new file only its owner may read: exports and rejects hold raw identifier values."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def run_token(args: argparse.Namespace) -> int:
    path: Path = args.tokens
    try:
        if args.token_command == "create":
            grants = [*args.grant, *([REVEAL] if args.reveal else [])]
            created = tokens.create_token(path, args.org, args.name, grants=grants)
            print(created.token)
            print(
                f"token {created.entry.id} created for org {args.org} in {path}; "
                "this is the only time it is shown, keep it now",
                file=sys.stderr,
            )
        elif args.token_command == "list":
            entries = tokens.read_entries(path)
            if not entries:
                print(f"no tokens in {path}", file=sys.stderr)
                return EXIT_OK
            rows = [("ID", "ORG", "NAME", "CREATED", "GRANTS")]
            rows += [
                (e.id, e.org, e.name or "-", e.created or "-", ",".join(e.grants_text().split()) or "-")
                for e in entries
            ]
            widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
            for row in rows:
                print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        else:
            revoked = tokens.revoke_token(path, args.id)
            print(f"revoked token {revoked.id} of org {revoked.org}" + (f" ({revoked.name})" if revoked.name else ""))
    except (tokens.TokenCommandError, OSError) as error:
        return fail(error, EXIT_TOKEN_ERROR)
    return EXIT_OK


# Import -------------------------------------------------------------------------


class Progress:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise."""

    WIDTH = 30

    def __init__(self, out: TextIO, total_bytes: int | None) -> None:
        self._out = out
        self._total = total_bytes
        self._tty = out.isatty()
        self._interval = 0.2 if self._tty else 5.0
        self._last = 0.0
        self._started = time.monotonic()

    def update(self, done_bytes: int, rows: int, rejected: int, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last < self._interval:
            return
        self._last = now
        elapsed = max(now - self._started, 1e-9)
        text = f"{counted(rows, 'row')}  {rows / elapsed:,.0f} rows/s  rejected {rejected:,}"
        if self._total:
            share = min(done_bytes / self._total, 1.0)
            filled = int(share * self.WIDTH)
            eta = elapsed / share - elapsed if share > 0 else 0
            bar = "#" * filled + "." * (self.WIDTH - filled)
            text = f"[{bar}] {share:4.0%}  {text}  ETA {_duration(eta)}"
        if self._tty:
            self._out.write("\r" + text.ljust(100) + ("\n" if final else ""))
        else:
            self._out.write(text + "\n")
        self._out.flush()


def counted(count: int, thing: str) -> str:
    """`1 row`, `2 rows`, `1,000 rows`."""
    return f"{count:,} {thing}" + ("" if count == 1 else "s")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"


class ImportTally:
    def __init__(self) -> None:
        self.read = 0
        self.created = 0
        self.combined = 0
        self.rejected: Counter[str] = Counter()

    def add(self, result: RowResult) -> None:
        self.read += 1
        if result.error is not None:
            self.rejected[result.error.reason.value] += 1
        elif result.combined:
            self.combined += 1
        else:
            self.created += 1

    def summary(self, elapsed: float, rejects: str, dry_run: bool) -> str:
        verb = "would be" if dry_run else "were"
        lines = [
            f"{counted(self.read, 'row')} read in {elapsed:.1f} s ({self.read / max(elapsed, 1e-9):,.0f} rows/s)",
            f"created: {counted(self.created, 'new customer')}",
            f"combined: {counted(self.combined, 'row')} added to existing customers (COMBINED_WITH_EXISTING)",
        ]
        rejected = sum(self.rejected.values())
        if rejected:
            by_reason = ", ".join(f"{reason} {count:,}" for reason, count in sorted(self.rejected.items()))
            lines.append(f"rejected: {rejected:,} ({by_reason}); see {rejects}")
        else:
            lines.append("rejected: 0")
        if dry_run:
            lines.append(f"dry run: nothing was written (the rows above {verb} imported)")
        return "\n".join(lines)


def run_import(args: argparse.Namespace) -> int:
    started = time.monotonic()
    path: str = args.file
    if path == "-" and not args.rejects:
        return _fatal(args, "reading stdin: give --rejects FILE")
    fmt = args.format or formats.guess_format(path)
    rejects_path = args.rejects or f"{path}.rejects.jsonl"
    tally = ImportTally()
    last_line = 0
    try:
        policy = IdentifierPolicy()
        if args.blocked_values:
            policy = IdentifierPolicy.with_extra_blocked(args.blocked_values.read_text().splitlines())
        with ExitStack() as opened:
            source: BinaryIO = opened.enter_context(sys.stdin.buffer if path == "-" else open(path, "rb"))  # noqa: SIM115
            database = opened.enter_context(bootstrap.opened_database(args.database, max_connections=2))
            rejects = opened.enter_context(private_file(rejects_path))  # once the database is there
            info = os.fstat(source.fileno())
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            show = args.progress if args.progress is not None else sys.stderr.isatty()
            progress = Progress(sys.stderr, size) if show else None
            lines = formats.CountingLines(source)
            migrate(database)  # an import may be the first thing a new database sees
            key = _suppression_key(args.suppression_key_file)
            importer = bootstrap.importer(database, policy, dry_run=args.dry_run, suppression_key=key)
            rows = formats.read_rows(fmt, lines)
            while batch := list(itertools.islice(rows, args.batch_size)):
                for result in importer.import_batch(args.org, batch):
                    tally.add(result)
                    if result.error is not None:
                        rejects.write(formats.rejects_line(result.row, result.error) + "\n")
                last_line = batch[-1].line
                if progress:
                    progress.update(lines.bytes_read, tally.read, sum(tally.rejected.values()))
        if progress:
            progress.update(lines.bytes_read, tally.read, sum(tally.rejected.values()), final=True)
    except Exception as error:
        done = f"; rows up to line {last_line} were committed" if last_line and not args.dry_run else ""
        detail = one_line(error)
        if error.__cause__ is not None and not isinstance(error, DatabaseUnavailableError):
            detail += f" ({one_line(error.__cause__)})"  # the store names the kind of failure; say what it was
        return _fatal(args, f"{detail}{done}")
    print(tally.summary(time.monotonic() - started, rejects_path, args.dry_run))
    return EXIT_REJECTED if tally.rejected else EXIT_OK


def _suppression_key(path: Path | None) -> SuppressionKey | None:
    """As serve reads it: without one, rows of an org that has suppressions are refused (SUPPRESSION_KEY_MISSING)."""
    if path is None:
        return None
    try:
        return SuppressionKey.parse(path.read_bytes())
    except SuppressionKeyError as error:
        raise SuppressionKeyError(f"{path}: {error}") from None


def _fatal(args: argparse.Namespace, message: str) -> int:
    return fail(message, EXIT_FATAL, (args.database,))


# Export -------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    """Errors go up to cli.main, which says them in one line."""
    fmt = args.format or (formats.guess_format(args.output) if args.output else "jsonl")
    count = 0
    with bootstrap.existing_database(args.database, max_connections=2, read_only=True) as database:
        out: TextIO = private_file(args.output) if args.output else sys.stdout
        try:
            writer = formats.CsvWriter(out) if fmt == "csv" else None
            for customer in export_customers(database, args.org, cards=args.cards):
                if writer is not None:
                    writer.write(customer, customer_name(customer.id))
                else:
                    out.write(formats.jsonl_line(customer) + "\n")
                count += 1
        finally:
            if args.output:
                out.close()
            else:
                out.flush()
    print(f"exported {counted(count, 'customer')} of org {args.org}", file=sys.stderr)
    return EXIT_OK
