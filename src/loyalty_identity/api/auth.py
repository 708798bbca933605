"""Bearer tokens bound to orgs (RULES 2.9).

The tokens file holds `ORG sha256:HEX [GRANT ...]` lines; only hashes are
kept, so the file never reveals a token. GRANTs are the extra rights of
GRANTS (`reveal`, `review`), in any order. A line may end with a `# ...` comment, where
`loyalty-identity token create` records `name=... created=...`. The file is
re-read when it changes, so tokens rotate without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from loyalty_identity.domain.errors import DomainError, Reason

log = logging.getLogger(__name__)

DEFAULT_ORG = "default"
_LINE = re.compile(r"(?P<org>[A-Za-z0-9][A-Za-z0-9_.-]{0,127})\s+sha256:(?P<hex>[0-9a-f]{64})(?P<grants>(?:\s+\S+)*)")
# Extra rights a token line may grant after its hash.
REVEAL = "reveal"  # see identifier values unmasked in the change feed
REVIEW = "review"  # decide for people: merge policy, merge candidates, lifting suppressions (SPEC 7)
GRANTS = (REVEAL, REVIEW)


@dataclass(frozen=True)
class Grant:
    """What a token lets its bearer do: act for org, plus the extra rights it holds (GRANTS)."""

    org: str
    rights: frozenset[str] = frozenset()

    @property
    def reveal(self) -> bool:
        return REVEAL in self.rights

    def allows(self, right: str) -> bool:
        return right in self.rights


def parse_grants(words: str, where: str) -> frozenset[str]:
    """The grants of a token line; an unknown word is an error, so a typo never silently grants less."""
    rights = words.split()
    unknown = [word for word in rights if word not in GRANTS]
    if unknown:
        raise TokenFileError(f"{where}: unknown grant {unknown[0]!r} (known: {', '.join(GRANTS)})")
    return frozenset(rights)


class TokenFileError(ValueError):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_tokens(text: str, source: str = "tokens file") -> dict[str, Grant]:
    """Map of token hash -> what it grants. Lines: `ORG sha256:HEX [GRANT ...] [# comment]`."""
    tokens: dict[str, Grant] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        # Neither ORG nor HEX can hold `#`: whatever follows one is a comment.
        line = raw.partition("#")[0].strip()
        if not line:
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise TokenFileError(
                f"{source}:{number}: expected 'ORG sha256:HEX' (optionally followed by grants: {' '.join(GRANTS)})"
            )
        tokens[match["hex"]] = Grant(match["org"], parse_grants(match["grants"], f"{source}:{number}"))
    return tokens


class TokenFile:
    """The tokens file, re-read whenever its modification time or size changes."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._tokens: dict[str, Grant] = {}
        self._reload()
        if not self._tokens:
            raise TokenFileError(f"{path}: no tokens")

    def _reload(self) -> None:
        stat = os.stat(self._path)
        # The inode too: `token create/revoke` replace the file by a rename.
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if stamp == self._stamp:
            return
        with self._lock:
            try:
                self._tokens = parse_tokens(self._path.read_text(), str(self._path))
            except (OSError, TokenFileError) as error:
                if self._stamp is None:
                    raise
                # Keep serving with the last good tokens rather than lock everyone out.
                log.error("tokens file not reloaded: %s", error)
            self._stamp = stamp

    def grant_for(self, token: str) -> Grant | None:
        try:
            self._reload()
        except OSError as error:
            log.error("tokens file unreadable, keeping the last tokens: %s", error)
        digest = hash_token(token)
        for known, grant in self._tokens.items():
            if hmac.compare_digest(known, digest):
                return grant
        return None


class StaticTokens:
    """Tokens given inline (LOYALTY_IDENTITY_TOKENS), same `ORG sha256:HEX` lines; `;` also separates."""

    def __init__(self, text: str) -> None:
        self._tokens = parse_tokens(text.replace(";", "\n"), "LOYALTY_IDENTITY_TOKENS")

    def __bool__(self) -> bool:
        return bool(self._tokens)

    def grant_for(self, token: str) -> Grant | None:
        return self._tokens.get(hash_token(token))


class TokenSource(Protocol):
    def grant_for(self, token: str) -> Grant | None: ...


class Authenticator:
    """Resolves the caller's org from its `authorization` metadata."""

    def __init__(self, sources: Sequence[TokenSource] = ()) -> None:
        # No tokens at all: protected mode, allowed only on loopback (checked at start).
        self._sources = list(sources)

    @property
    def protected_mode(self) -> bool:
        return not self._sources

    def grant(self, metadata: Iterable[tuple[str, str | bytes]] | None) -> Grant:
        header = next((str(v) for k, v in metadata or () if k == "authorization"), None)
        if not self._sources:
            if header is not None:
                # A caller that sends credentials expects them checked; acting as
                # `default` instead would hide a client pointed at the wrong server.
                raise DomainError(
                    Reason.UNAUTHENTICATED,
                    "this server has no tokens configured, so it cannot check the authorization sent: "
                    "call without it, or start the server with tokens",
                )
            # Protected mode: loopback only, a developer's own machine; nothing to hide.
            return Grant(DEFAULT_ORG, frozenset(GRANTS))
        scheme, _, token = (header or "").partition(" ")
        token = token.strip()
        if scheme.lower() == "bearer" and token:
            for source in self._sources:
                grant = source.grant_for(token)
                if grant is not None:
                    return grant
        raise DomainError(Reason.UNAUTHENTICATED, "missing or invalid bearer token")

    def org(self, metadata: Iterable[tuple[str, str | bytes]] | None) -> str:
        return self.grant(metadata).org

    def may_reveal(self, metadata: Iterable[tuple[str, str | bytes]] | None) -> bool:
        """Whether the caller may see identifier values unmasked in the change feed."""
        return self.grant(metadata).reveal

    def require(self, metadata: Iterable[tuple[str, str | bytes]] | None, right: str) -> Grant:
        """The caller's grant if it holds `right` (one of GRANTS), else PERMISSION_DENIED.

        Servicers call it first thing: `self.auth.require(context.invocation_metadata(), REVIEW)`.
        """
        grant = self.grant(metadata)
        if not grant.allows(right):
            raise DomainError(
                Reason.PERMISSION_DENIED,
                f"this call needs a token with the {right!r} grant (loyalty-identity token create --grant {right})",
                {"grant": right},
            )
        return grant
