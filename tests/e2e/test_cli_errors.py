"""Every command fails in one line, as an operator runs it: `loyalty-identity: error: ...`, no traceback.

Exit status 2 when what was typed is wrong (a bad address or URL), 1 when the
world is (nothing at that address, no such file); `import` says 2 for both,
its 1 meaning "some rows rejected". Commands that only read never create a
database. Each test runs the real CLI in a subprocess, in an empty folder.
"""

from __future__ import annotations

import json
import os
import signal
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


def fails_in_one_line(done: subprocess.CompletedProcess[str], code: int, *named: str, warned: bool = False) -> str:
    """The process exited with code, saying one `loyalty-identity: error:` line that names each of named.

    warned: a PostgreSQL URL with a password was typed, and that was warned about first (tested below).
    """
    lines = done.stderr.splitlines()
    if warned:
        assert len(lines) == 2 and "URL holds a password" in lines[0], done.stderr
        lines = lines[1:]
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
        line = fails_in_one_line(cli(folder, *args), 1, "PostgreSQL at 127.0.0.1:1", "Connection refused", warned=True)
        assert "\t" not in line
    (folder / "rows.jsonl").write_text("")
    done = cli(folder, "import", "--database", UNREACHABLE, "--org", "acme", "rows.jsonl")
    fails_in_one_line(done, 2, "PostgreSQL at 127.0.0.1:1", warned=True)
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


# Numbers -----------------------------------------------------------------------------

# Every numeric option of every command, with values it refuses and what its error names.
BAD_NUMBERS = [
    # 0 or less would start a server that refuses every call, health and reflection included.
    (["serve", "--max-concurrent-rpcs", "0"], "from 1 to 100000"),
    (["serve", "--max-concurrent-rpcs", "-1"], "from 1 to 100000"),
    (["serve", "--max-concurrent-rpcs", "100001"], "100000"),
    (["serve", "--max-concurrent-rpcs", "many"], "whole number"),
    (["serve", "--max-concurrent-rpcs", "2.5"], "whole number"),
    # 0 meant "the default" without saying so; below it a traceback.
    (["serve", "--max-workers", "0"], "leave it out for the default"),
    (["serve", "--max-workers", "-3"], "from 1 to 1000"),
    (["serve", "--max-workers", "1001"], "1000"),
    (["serve", "--max-workers", "four"], "whole number"),
    (["serve", "--max-watchers", "-1"], "from 0 to 10000"),
    (["serve", "--max-watchers", "10001"], "10000"),
    (["serve", "--max-watchers", "many"], "whole number"),
    (["serve", "--event-retention-days", "0"], "36500"),
    (["serve", "--event-retention-days", "nan"], "36500"),
    (["serve", "--event-retention-days", "1e300"], "36500"),
    (["serve", "--event-retention-days", "week"], "number of days"),
    (["import", "--org", "acme", "rows.jsonl", "--batch-size", "0"], "from 1 to 50000"),
    (["import", "--org", "acme", "rows.jsonl", "--batch-size", "-5"], "from 1 to 50000"),
    (["import", "--org", "acme", "rows.jsonl", "--batch-size", "50001"], "50000"),
    (["import", "--org", "acme", "rows.jsonl", "--batch-size", "lots"], "whole number"),
]


@pytest.mark.parametrize(("args", "problem"), BAD_NUMBERS, ids=[" ".join(args) for args, _ in BAD_NUMBERS])
def test_a_bad_number_is_a_one_line_usage_error(folder: Path, args: list[str], problem: str) -> None:
    flag = next(arg for arg in args if arg.startswith("--") and arg != "--org")
    (folder / "rows.jsonl").write_text("")
    # serve's missing tokens file would stop it (exit 1) right after the flags were read.
    done = cli(folder, *args, "--tokens", "none.txt") if args[0] == "serve" else cli(folder, *args)
    fails_in_one_line(done, 2, f"argument {flag}: ", repr(args[-1]), problem)
    # Refused while parsing: no database, no rejects file.
    assert sorted(path.name for path in folder.iterdir()) == ["rows.jsonl"]


BAD_ENVIRONMENT = [
    ("MAX_CONCURRENT_RPCS", "0", "from 1 to 100000"),
    ("MAX_CONCURRENT_RPCS", "lots", "whole number"),
    ("MAX_WORKERS", "-1", "from 1 to 1000"),
    ("MAX_WORKERS", "0", "leave it out for the default"),
    ("MAX_WORKERS", "four", "whole number"),
    ("MAX_WATCHERS", "-1", "from 0 to 10000"),
    ("EVENT_RETENTION_DAYS", "0", "36500"),
]


@pytest.mark.parametrize(("name", "value", "problem"), BAD_ENVIRONMENT)
def test_a_bad_number_in_the_environment_is_named(folder: Path, name: str, value: str, problem: str) -> None:
    variable = f"LOYALTY_IDENTITY_{name}"
    done = cli(folder, "serve", "--tokens", "none.txt", env={variable: value})
    flag = "--" + name.lower().replace("_", "-")
    fails_in_one_line(done, 2, f"argument {flag}: ", f"{variable}={value!r}", problem)
    assert list(folder.iterdir()) == []
    # The flag wins over the variable, and other commands never read it.
    migrated = cli(folder, "migrate", "--database", "sqlite:///x.db", env={variable: value})
    assert migrated.returncode == 0 and migrated.stderr == "", migrated.stderr


def test_other_usage_errors_are_one_line_too(folder: Path) -> None:
    fails_in_one_line(cli(folder, "serve", "--no-such-flag"), 2, "unrecognized arguments: --no-such-flag")
    fails_in_one_line(cli(folder, "export", "--format", "xml"), 2, "argument --format: invalid choice: 'xml'")
    fails_in_one_line(cli(folder, "import", "rows.jsonl"), 2, "required: --org", "loyalty-identity import --help")
    fails_in_one_line(cli(folder), 2, "required: command", "loyalty-identity --help")
    # A URL typed where it does not belong is quoted without its password.
    fails_in_one_line(cli(folder, "check", UNREACHABLE), 2, "unrecognized arguments", "app:***@127.0.0.1:1")
    assert list(folder.iterdir()) == []


# Database URLs on the command line ------------------------------------------------------


@pytest.mark.parametrize("command", ["serve", "migrate", "check", "delete-org", "import", "export", "copy"])
def test_database_help_names_both_engines_and_where_a_password_goes(folder: Path, command: str) -> None:
    done = cli(folder, command, "--help")
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    flag = "--to URL" if command == "copy" else "--database URL"
    shown = text[text.index(f" {flag} ") :]  # the help, after the usage lines
    for expected in ["sqlite:///", "postgresql://USER@HOST/DB", "~/.pgpass", "PGPASSFILE"]:
        assert expected in shown, (expected, shown)
    if command != "copy":  # copy's URLs have no variable
        assert "env LOYALTY_IDENTITY_DATABASE_URL" in shown, shown


def test_a_password_on_the_command_line_is_warned_about_before_anything_else(folder: Path) -> None:
    url = "postgresql://u:secret@127.0.0.1:1/x"  # nothing listens on port 1
    for args in (
        ["serve", "--listen", "127.0.0.1:0", "--database", url],
        ["migrate", f"--database={url}"],
        ["check", "--datab", url],  # argparse takes a prefix of a flag
        ["copy", "--from", "sqlite:///none.db", "--to", url],
    ):
        done = cli(folder, *args)
        assert "secret" not in done.stdout + done.stderr
        assert done.returncode == 1, done.stderr
        warning, error = done.stderr.splitlines()
        assert "WARNING" in warning and "password" in warning and "ps" in warning, warning
        assert "~/.pgpass" in warning and "DEPLOYMENT.md" in warning, warning
        flag = "--to" if args[0] == "copy" else "--database"
        assert f"{flag} URL" in warning, warning
        if args[0] != "copy":  # copy's URLs have no variable
            assert "LOYALTY_IDENTITY_DATABASE_URL" in warning, warning
        assert error.startswith("loyalty-identity: error: "), error


def test_no_warning_without_a_password_on_the_command_line(folder: Path) -> None:
    url = "postgresql://u:secret@127.0.0.1:1/x"
    from_environment = cli(folder, "migrate", env={"LOYALTY_IDENTITY_DATABASE_URL": url})
    fails_in_one_line(from_environment, 1, "PostgreSQL at 127.0.0.1:1")
    assert "secret" not in from_environment.stderr
    fails_in_one_line(cli(folder, "migrate", "--database", "postgresql://u@127.0.0.1:1/x"), 1, "127.0.0.1:1")


# Ending quietly ----------------------------------------------------------------------------


def import_customers(folder: Path, url: str, count: int) -> None:
    rows = folder / "rows.jsonl"
    emails = [{"type": "IDENTIFIER_TYPE_EMAIL", "value": f"person-{i}@example.com"} for i in range(count)]
    lines = [json.dumps({"profiles": [{"source": "SOURCE_INSTORE", "identifiers": [email]}]}) for email in emails]
    rows.write_text("".join(line + "\n" for line in lines))
    done = cli(folder, "import", "--database", url, "--org", "acme", str(rows))
    assert done.returncode == 0, done.stderr
    rows.unlink()
    (folder / "rows.jsonl.rejects.jsonl").unlink()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_into_a_reader_that_stops_early_ends_quietly(folder: Path, migrated: str, fmt: str) -> None:
    """`export | head -1`: no `Broken pipe` error; it dies of SIGPIPE as cat or grep would."""
    import_customers(folder, migrated, 3000)  # far more than a pipe holds (64 KiB)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOYALTY_IDENTITY_")}
    export = subprocess.Popen(
        [sys.executable, "-m", "loyalty_identity", "export", "--database", migrated, "--org", "acme", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=folder,
        env=clean,
    )
    assert export.stdout is not None and export.stderr is not None
    first = export.stdout.readline()
    export.stdout.close()  # as head does once it has its line
    stderr = export.stderr.read()
    assert export.wait(timeout=60) == -signal.SIGPIPE, stderr
    assert first.strip() and stderr == b""


def test_a_reader_gone_before_anything_is_written(folder: Path, migrated: str) -> None:
    """The same when nothing was read at all, for every command that writes to stdout."""
    import_customers(folder, migrated, 1)  # a line far shorter than stdout's buffer: written only at the end
    for args in (["export", "--org", "acme"], ["check"], ["migrate"]):
        read, write = os.pipe()
        os.close(read)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "loyalty_identity", *args, "--database", migrated],
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                timeout=60,
                cwd=folder,
            )
        finally:
            os.close(write)
        assert (done.returncode, done.stderr) == (-signal.SIGPIPE, ""), args
