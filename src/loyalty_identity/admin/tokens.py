"""Managing the tokens file: `loyalty-identity token create/list/revoke`.

A token line is `ORG sha256:HEX`, then its grants if any (`reveal`, `review`),
then optionally a comment that `create` fills in:
`ORG sha256:HEX review # name=NAME created=2025-01-31T12:00:00Z`.
The server reads such lines as before (api/auth.py ignores the comment). A
token's id is the first 12 hex digits of its hash: it names the token in
`list` and `revoke` without revealing it.

Every change rewrites the whole file to a temporary file in the same folder
and renames it over the old one, so a running server reads either the old
file or the new one, never half of one.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from loyalty_identity.api.auth import GRANTS, REVEAL, TokenFileError, hash_token, parse_grants, parse_tokens

ID_LENGTH = 12
MIN_ID_PREFIX = 6
TOKEN_BYTES = 32  # 256 bits of randomness, 43 URL-safe characters
_ORG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@:-]{0,63}")
_ENTRY = re.compile(
    r"\s*(?P<org>\S+)\s+sha256:(?P<hex>[0-9a-f]{64})(?P<grants>(?:\s+[^\s#]+)*)\s*(?:#(?P<comment>.*))?"
)


class TokenCommandError(ValueError):
    """A token command cannot be carried out (bad argument, unknown id, unreadable file)."""


@dataclass(frozen=True)
class TokenEntry:
    org: str
    digest: str  # hex SHA-256 of the token
    name: str = ""
    created: str = ""
    line_number: int = 0
    grants: frozenset[str] = frozenset()  # extra rights (api/auth.py GRANTS)

    @property
    def id(self) -> str:
        return self.digest[:ID_LENGTH]

    @property
    def reveal(self) -> bool:
        return REVEAL in self.grants

    def grants_text(self) -> str:
        """The grants in GRANTS order, space-separated, as a token line and `token list` show them."""
        return " ".join(g for g in GRANTS if g in self.grants)


@dataclass(frozen=True)
class CreatedToken:
    token: str  # shown once, never stored
    entry: TokenEntry


def read_entries(path: Path) -> list[TokenEntry]:
    """The tokens of the file, in file order; a missing file has none."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise TokenCommandError(f"{path}: {error.strerror}") from error
    return _entries(text, str(path))


def _entries(text: str, source: str) -> list[TokenEntry]:
    try:
        parse_tokens(text, source)  # exactly the server's reading, errors included
    except TokenFileError as error:
        raise TokenCommandError(str(error)) from error
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("#"):
            continue  # a comment line, as the server reads it
        match = _ENTRY.fullmatch(raw)
        if match is None:
            continue  # blank or comment line
        fields = dict(_fields(match["comment"] or ""))
        name, created = fields.get("name", ""), fields.get("created", "")
        grants = parse_grants(match["grants"], f"{source}:{number}")
        entries.append(TokenEntry(match["org"], match["hex"], name, created, number, grants))
    return entries


def _fields(comment: str) -> Iterator[tuple[str, str]]:
    for word in comment.split():
        key, sep, value = word.partition("=")
        if sep:
            yield key, value


def create_token(
    path: Path, org: str, name: str = "", now: datetime | None = None, grants: Iterable[str] = ()
) -> CreatedToken:
    """Add a new random token for org with these grants; the token is returned, only its hash is written."""
    if not _ORG.fullmatch(org):
        raise TokenCommandError(f"invalid org {org!r}: letters, digits, '_', '.', '-'; at most 128 characters")
    if name and not _NAME.fullmatch(name):
        raise TokenCommandError(
            f"invalid name {name!r}: letters, digits, '_', '.', '@', ':', '-', no spaces; at most 64 characters"
        )
    try:
        rights = parse_grants(" ".join(grants), "--grant")
    except TokenFileError as error:
        raise TokenCommandError(str(error)) from error
    token = secrets.token_urlsafe(TOKEN_BYTES)
    created = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = TokenEntry(org, hash_token(token), name, created, grants=rights)
    comment = " ".join(f"{k}={v}" for k, v in (("name", name), ("created", created)) if v)
    with _locked(path):
        text = _read_text(path)
        _entries(text, str(path))  # never add to a file the server would not read
        if text and not text.endswith("\n"):
            text += "\n"
        grants_text = f" {entry.grants_text()}" if rights else ""
        _replace(path, f"{text}{org} sha256:{entry.digest}{grants_text} # {comment}\n")
    return CreatedToken(token, entry)


def revoke_token(path: Path, token_id: str) -> TokenEntry:
    """Remove the token whose id (or a unique prefix of its hash, 6+ digits) is token_id."""
    wanted = token_id.strip().lower()
    if len(wanted) < MIN_ID_PREFIX or not re.fullmatch(r"[0-9a-f]+", wanted):
        raise TokenCommandError(f"invalid token id {token_id!r}: the id that 'token list' shows")
    with _locked(path):
        text = _read_text(path)
        matches = [e for e in _entries(text, str(path)) if e.digest.startswith(wanted)]
        if not matches:
            raise TokenCommandError(f"no token with id {token_id} in {path}")
        if len(matches) > 1:
            raise TokenCommandError(f"id {token_id} matches {len(matches)} tokens; give more digits")
        lines = text.splitlines(keepends=True)
        del lines[matches[0].line_number - 1]
        _replace(path, "".join(lines))
    return matches[0]


def _read_text(path: Path) -> str:
    try:
        return path.read_text()
    except FileNotFoundError:
        return ""
    except OSError as error:
        raise TokenCommandError(f"{path}: {error.strerror}") from error


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Serialize token commands on one file (a lock file beside it: the file itself is replaced)."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise TokenCommandError(f"{lock_path}: {error.strerror}") from error
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _replace(path: Path, text: str) -> None:
    """Write text to path atomically: a temporary file, fsync, rename; mode 0600 (or the old file's)."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = 0o600
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    # The rename itself survives a crash only once the folder is synced.
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
