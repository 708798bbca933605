"""How every command fails: one line on stderr, `loyalty-identity: error: ...`, and an exit code.

2 when what was typed is wrong (a bad URL or flag), 1 when the world is (the
database is unreachable, a file is missing); argparse too exits 2 on a bad flag.
"""

from __future__ import annotations

import sys
from urllib.parse import urlparse

import peewee as pw

from loyalty_identity.store.database import DatabaseUnavailableError, UnsupportedDatabaseError
from loyalty_identity.store.migrations import SchemaError

EXIT_FAILED = 1
EXIT_USAGE = 2

Errors = tuple[type[BaseException], ...]
# OSError: files and sockets; peewee: a database failing after it was opened.
FAILURES: Errors = (OSError, pw.PeeweeException, DatabaseUnavailableError, SchemaError)
USAGE: Errors = (UnsupportedDatabaseError,)


def exit_code(error: BaseException, usage: Errors = (), failures: Errors = ()) -> int | None:
    """The exit code of an error reported in one line; None for anything else (a bug: its traceback shows)."""
    if isinstance(error, USAGE + usage):
        return EXIT_USAGE
    if isinstance(error, FAILURES + failures):
        return EXIT_FAILED
    return None


def one_line(error: BaseException | str) -> str:
    """The message of an error on one line (database drivers add hints on more)."""
    if isinstance(error, OSError) and error.strerror and error.filename:
        return f"{error.filename}: {error.strerror}"
    text = " ".join(part.strip() for part in str(error).splitlines() if part.strip())
    return text or type(error).__name__


def fail(error: BaseException | str, code: int, urls: tuple[str, ...] = ()) -> int:
    """Print the one line (without any password of urls) and return code."""
    message = one_line(error)
    for url in urls:
        password = urlparse(url).password
        # Messages never quote one (drivers neither); this is in case. A very short one would garble the line.
        if password and len(password) >= 4:
            message = message.replace(password, "***")
    print(f"loyalty-identity: error: {message}", file=sys.stderr)
    return code
