"""What the commands' flags accept, read from the command line or from LOYALTY_IDENTITY_* variables.

A wrong value is a usage error in one line (`loyalty-identity: error: argument --max-workers:
...`, exit 2) that names the flag, or the variable it came from; never a traceback, and never a
value silently taken to mean something else.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn
from urllib.parse import urlparse

ENV_PREFIX = "LOYALTY_IDENTITY_"
DATABASE_ENV = ENV_PREFIX + "DATABASE_URL"
# The URLs whose password can live elsewhere: libpq reads ~/.pgpass or the file PGPASSFILE names.
PASSWORD_FILE_SCHEMES = ("postgresql", "postgres", "cockroachdb", "cockroach")
# scheme://user:PASSWORD@ in any text: what argparse quotes back (an unrecognized argument) loses it.
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:)[^\s@]+@")


def database_help(env: bool = True) -> str:
    """The help of every database URL flag: both engines, and where a password belongs."""
    engines = "sqlite:///PATH or postgresql://USER@HOST/DB"
    if not env:  # copy's --from and --to
        return f"{engines} (a password typed here shows in ps: put it in ~/.pgpass or the file PGPASSFILE names)"
    return (
        f"{engines} (env {DATABASE_ENV}, default %(default)s; a password typed here shows in ps: give the URL in "
        f"{DATABASE_ENV}, or the password in ~/.pgpass or the file PGPASSFILE names)"
    )


def add_database_flag(parser: argparse.ArgumentParser, default: str | None) -> None:
    """--database URL, the same on every command that opens the database."""
    parser.add_argument("--database", action=DatabaseUrl, metavar="URL", default=default, help=database_help())


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line, as every other error of the command: `loyalty-identity: error: ...`."""

    def error(self, message: str) -> NoReturn:
        text = _URL_PASSWORD.sub(r"\g<head>***@", " ".join(message.split()))
        self.exit(2, f"loyalty-identity: error: {text}; see {self.prog} --help\n")


class FromEnv(str):
    """A default read from a variable: a wrong one is named by the variable, not only by the flag."""

    variable: str

    def __new__(cls, value: str, variable: str) -> FromEnv:
        text = super().__new__(cls, value)
        text.variable = variable
        return text


def env_default(env: Callable[..., str | None], name: str, default: str | None = None) -> str | None:
    """The variable's value as a flag's default (argparse runs it through the flag's type); empty is unset."""
    value = env(name)
    if value is None or not value.strip():
        return default
    return FromEnv(value, ENV_PREFIX + name)


def _shown(text: str) -> str:
    return f"{text.variable}={str(text)!r}" if isinstance(text, FromEnv) else repr(text)


def whole_number(lowest: int, highest: int, hint: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from lowest to highest, else a one-line usage error."""

    def parse(text: str) -> int:
        try:
            value: int | None = int(text)
        except ValueError:
            value = None
        if value is None or not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(f"{_shown(text)} must be a whole number from {lowest} to {highest}{hint}")
        return value

    return parse


def days(lowest: float, highest: float, lowest_text: str) -> Callable[[str], float]:
    """An argparse type: a number of days (decimals allowed) from lowest to highest."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not lowest <= value <= highest:  # NaN too
            raise argparse.ArgumentTypeError(f"{_shown(text)} must be a number of days from {lowest_text} to {highest}")
        return value

    return parse


class DatabaseUrl(argparse.Action):
    """Stores a database URL, and notes that it was typed: a password in it shows in `ps` (warn_typed_passwords)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        flag = max(self.option_strings, key=len)  # as documented, whatever prefix was typed
        typed = dict(getattr(namespace, "typed_urls", None) or {})
        typed[flag] = values
        namespace.typed_urls = typed


def typed_password_warnings(args: argparse.Namespace) -> list[str]:
    """One line per URL typed on the command line with a password that could live elsewhere; never the password."""
    lines = []
    for flag, url in (getattr(args, "typed_urls", None) or {}).items():
        parsed = urlparse(url)
        if parsed.scheme not in PASSWORD_FILE_SCHEMES or not parsed.password:
            continue
        variable = f"give the URL in {DATABASE_ENV} instead, or " if flag == "--database" else ""
        lines.append(
            f"the {flag} URL holds a password, which every user of this machine can read (ps shows the command "
            f"line): {variable}leave the password out of the URL and put it in a password file (~/.pgpass, or "
            "the file PGPASSFILE names; DEPLOYMENT.md)"
        )
    return lines
