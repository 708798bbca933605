"""Every command fails in one line, as an operator runs it: `loyalty-identity: error: ...`, no traceback.

Exit status 2 when what was typed is wrong (a bad address or URL), 1 when the
world is (nothing at that address, no such file); `import` says 2 for both,
its 1 meaning "some rows rejected". Commands that only read never create a
database. Each test runs the real CLI in a subprocess, in an empty folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

PASSWORD = "s3cret-pw"
UNSUPPORTED = f"mysql://app:{PASSWORD}@db.example/identity"
# Nothing listens on port 1: the connection is refused at once.
UNREACHABLE = f"postgresql://app:{PASSWORD}@127.0.0.1:1/identity"


def cli(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # No LOYALTY_IDENTITY_* settings from the environment running the tests.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOYALTY_IDENTITY_")}
    return subprocess.run(
        [sys.executable, "-m", "loyalty_identity", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,
        env={**clean, **(env or {})},
    )


def fails_in_one_line(done: subprocess.CompletedProcess[str], code: int, *named: str) -> str:
    """The process exited with code, saying one `loyalty-identity: error:` line that names each of named."""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("loyalty-identity: error: "), done.stderr
    assert "Traceback" not in done.stderr and PASSWORD not in done.stderr + done.stdout
    for text in named:
        assert text in lines[0]
    assert done.returncode == code, done.stderr
    return lines[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "work").mkdir()
    return tmp_path / "work"


@pytest.fixture
def migrated(folder: Path) -> str:
    url = f"sqlite:///{folder / 'source.db'}"
    assert cli(folder, "migrate", "--database", url).returncode == 0
    return url


def test_version(folder: Path) -> None:
    done = cli(folder, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"loyalty-identity {metadata.version('loyalty-identity')}\n"


# --listen and --metrics-listen -----------------------------------------------------

BAD_ADDRESSES = [
    ("127.0.0.1:99999", "out of range"),  # grpcio took it modulo 65536
    ("127.0.0.1:-1", "must be a number"),
    ("127.0.0.1:http", "must be a number"),
    ("nonsense", "is not HOST:PORT"),
    (":50051", "is not HOST:PORT"),
    ("::1:50051", "in brackets"),
    ("[::1]", "is not HOST:PORT"),
    ("[nonsense]:50051", "is not an IPv6 address"),
    ("127.0.0.1:50051,127.0.0.1:50052", "one HOST:PORT only"),
    ("999.1.1.1:50051", "neither an IP address nor a host name"),
    ("bad_host!:50051", "neither an IP address nor a host name"),
]


@pytest.mark.parametrize(("address", "problem"), BAD_ADDRESSES)
@pytest.mark.parametrize("flag", ["--listen", "--metrics-listen"])
def test_serve_refuses_a_bad_address_before_anything_else(folder: Path, flag: str, address: str, problem: str) -> None:
    # Tokens given (so no "refusing ... without tokens"), and a default database it must not create.
    tokens = {"LOYALTY_IDENTITY_TOKENS": "acme sha256:" + "a" * 64}
    done = cli(folder, "serve", flag, address, env=tokens)
    fails_in_one_line(done, 2, flag, address, problem)
    assert list(folder.iterdir()) == []


# Database URLs ----------------------------------------------------------------------


def commands_reading(url: str, folder: Path) -> list[list[str]]:
    return [
        ["check", "--database", url],
        ["export", "--database", url, "--output", str(folder / "out.jsonl")],
        ["copy", "--from", url, "--to", f"sqlite:///{folder / 'target.db'}"],
    ]


def commands_writing(url: str, folder: Path, source: str) -> list[list[str]]:
    return [
        ["migrate", "--database", url],
        ["copy", "--from", source, "--to", url],
        ["serve", "--listen", "127.0.0.1:0", "--database", url],
    ]


def test_an_unsupported_url_is_a_usage_error(folder: Path, migrated: str) -> None:
    for args in [*commands_reading(UNSUPPORTED, folder), *commands_writing(UNSUPPORTED, folder, migrated)]:
        fails_in_one_line(cli(folder, *args), 2, "unsupported database URL", "mysql://app:***@db.example/identity")
    (folder / "rows.jsonl").write_text("")
    done = cli(folder, "import", "--database", UNSUPPORTED, "--org", "acme", "rows.jsonl")
    fails_in_one_line(done, 2, "unsupported database URL")
    assert not (folder / "rows.jsonl.rejects.jsonl").exists()


def test_an_unreachable_postgresql_is_named_by_host_and_port(folder: Path, migrated: str) -> None:
    for args in [*commands_reading(UNREACHABLE, folder), *commands_writing(UNREACHABLE, folder, migrated)]:
        line = fails_in_one_line(cli(folder, *args), 1, "PostgreSQL at 127.0.0.1:1", "Connection refused")
        assert "\t" not in line
    (folder / "rows.jsonl").write_text("")
    done = cli(folder, "import", "--database", UNREACHABLE, "--org", "acme", "rows.jsonl")
    fails_in_one_line(done, 2, "PostgreSQL at 127.0.0.1:1")
    # Nothing written where the copy would have gone, nor exported.
    assert not (folder / "target.db").exists() and not (folder / "out.jsonl").exists()


def test_reading_commands_never_create_a_database(folder: Path) -> None:
    for args in commands_reading("sqlite:///missing.db", folder):
        fails_in_one_line(cli(folder, *args), 1, "no SQLite database file missing.db")
    assert list(folder.iterdir()) == []


def test_a_database_without_the_schema_is_named(folder: Path) -> None:
    (folder / "empty.db").write_bytes(b"")  # an empty file is an empty SQLite database
    for args in commands_reading("sqlite:///empty.db", folder):
        fails_in_one_line(cli(folder, *args), 1, "empty.db")
    assert (folder / "empty.db").stat().st_size == 0
    (folder / "junk.db").write_text("not a database\n" * 100)
    fails_in_one_line(cli(folder, "check", "--database", "sqlite:///junk.db"), 1, "junk.db", "not a database")


def test_a_database_in_a_missing_folder(folder: Path) -> None:
    done = cli(folder, "migrate", "--database", "sqlite:///no/such/folder/x.db")
    fails_in_one_line(done, 1, "no/such/folder/x.db")


def test_reading_commands_still_read(folder: Path, migrated: str) -> None:
    """Read-only SQLite is no obstacle to what they do."""
    checked = cli(folder, "check", "--database", migrated)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    exported = cli(folder, "export", "--database", migrated, "--org", "acme")
    assert exported.returncode == 0 and exported.stdout == "", exported.stderr
    copied = cli(folder, "copy", "--from", migrated, "--to", f"sqlite:///{folder / 'target.db'}")
    assert copied.returncode == 0, copied.stderr


def test_serve_says_a_missing_file_in_one_line(folder: Path) -> None:
    done = cli(folder, "serve", "--listen", "127.0.0.1:0", "--tls-cert", "cert.pem", "--tls-key", "key.pem")
    fails_in_one_line(done, 1, "key.pem", "No such file or directory")
    done = cli(folder, "serve", "--listen", "127.0.0.1:0", "--tokens", "tokens.txt")
    fails_in_one_line(done, 1, "tokens.txt", "No such file or directory")
    assert list(folder.iterdir()) == []  # checked before the database was created
