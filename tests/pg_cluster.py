"""Private PostgreSQL servers made by a test: a primary with a synchronous standby, and PgBouncer.

Debian's binaries, random ports on 127.0.0.1, a folder of the test's own; as root they run as
the `postgres` user (PostgreSQL refuses root). The failover test kills the primary with
SIGKILL and promotes the standby with `pg_ctl promote`; nothing here decides a failover
by itself (no home-made consensus).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import psycopg2
import pytest

STANDBY_NAME = "standby1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not found:
        pytest.skip("no PostgreSQL binaries (scripts/test.sh installs Debian's postgresql)")
    return Path(found[-1])


def _as_postgres(folder: Path) -> list[str]:
    if os.geteuid() != 0:
        return []
    shutil.chown(folder, "postgres")
    return ["runuser", "-u", "postgres", "--"]


class PostgresNode:
    """One PostgreSQL server in folder/name."""

    def __init__(self, folder: Path, name: str) -> None:
        self.bin = postgres_bin()
        self.dir = folder / name
        self.dir.mkdir(parents=True)
        self.as_user = _as_postgres(self.dir)
        self.data = self.dir / "data"
        self.port = free_port()
        self.options = ""

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def run(self, tool: str, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(
            [*self.as_user, str(self.bin / tool), *args], capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise AssertionError(f"{tool} {' '.join(args)} failed: {done.stderr or done.stdout}")
        return done.stdout

    def initdb(self) -> None:
        # initdb's pg_hba.conf with --auth=trust also trusts replication connections from 127.0.0.1.
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8")

    def start(self, *settings: str) -> None:
        if settings:
            self.options = " ".join(f"-c {setting}" for setting in settings)
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 {self.options}"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-t", "60", "-o", options, "start")

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        conn = psycopg2.connect(self.url, connect_timeout=5)
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall()) if cursor.description else []
        finally:
            conn.close()

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def kill9(self) -> None:
        """SIGKILL the postmaster and every process of it at once: the machine died, nothing was flushed."""
        pid = self.postmaster_pid()
        children = [
            int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        ]
        for victim in [pid, *children]:
            with suppress(ProcessLookupError):
                os.kill(victim, signal.SIGKILL)

    def promote(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-w", "-t", "60", "promote")

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )


def private_folder(prefix: str) -> Path:
    """A folder the `postgres` user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


class ReplicatedPair:
    """A primary that commits only once its synchronous standby has the commit, and that standby."""

    def __init__(self) -> None:
        self.folder = private_folder("failover-pg-")
        self.primary = PostgresNode(self.folder, "primary")
        self.standby = PostgresNode(self.folder, "standby")

    @property
    def url(self) -> str:
        """The service's URL: both nodes, libpq connects to whichever accepts writes."""
        hosts = f"{self.primary.address},{self.standby.address}"
        return f"postgresql://postgres@{hosts}/postgres?target_session_attrs=read-write"

    def start(self) -> None:
        primary, standby = self.primary, self.standby
        primary.initdb()
        primary.start(
            "wal_level=replica",
            "max_wal_senders=4",
            f"synchronous_standby_names={STANDBY_NAME}",
            "max_connections=200",
        )  # synchronous_commit stays at its default, on (a setting on this command line would beat ALTER SYSTEM)
        standby.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-D", str(standby.data), "-X", "stream", "-c", "fast",
        )  # fmt: skip
        (standby.data / "standby.signal").touch()
        conninfo = f"host=127.0.0.1 port={primary.port} user=postgres application_name={STANDBY_NAME}"
        with (standby.data / "postgresql.auto.conf").open("a") as conf:
            conf.write(f"primary_conninfo = '{conninfo}'\n")
        # The standby, once promoted, has no standby of its own: it must not wait for one.
        standby.start("max_connections=200", "hot_standby=on")
        self.wait_until_synchronous()

    def wait_until_synchronous(self, within: float = 60) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            states = self.primary.execute("SELECT application_name, sync_state FROM pg_stat_replication")
            if (STANDBY_NAME, "sync") in states:
                return
            time.sleep(0.1)
        raise AssertionError(f"the standby did not become synchronous within {within} s")

    def stop(self) -> None:
        self.primary.stop()
        self.standby.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def replicated_pair() -> Iterator[ReplicatedPair]:
    pair = ReplicatedPair()
    try:
        pair.start()
        yield pair
    finally:
        pair.stop()


class PgBouncer:
    """Debian's PgBouncer in transaction mode before a PostgreSQL server, on a random port.

    Every database name is passed through to the server (`*`), so tests that make databases of
    their own reach them too. PgBouncer refuses to run as root: as root it runs as `postgres`.
    """

    def __init__(self, server_url: str) -> None:
        binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        if not Path(binary).exists():
            pytest.skip("no pgbouncer (scripts/test.sh installs Debian's pgbouncer)")
        parsed = urlparse(server_url)
        self.dir = private_folder("pgbouncer-")
        self.as_user = _as_postgres(self.dir)
        self.port = free_port()
        self.user = parsed.username or "postgres"
        (self.dir / "userlist.txt").write_text(f'"{self.user}" ""\n')
        (self.dir / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = host={parsed.hostname} port={parsed.port}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {self.dir / 'userlist.txt'}\n"
            "pool_mode = transaction\nmax_client_conn = 1000\ndefault_pool_size = 20\n"
            "ignore_startup_parameters = extra_float_digits\n"
            f"logfile = {self.dir / 'pgbouncer.log'}\n"
        )
        if self.as_user:
            for path in self.dir.iterdir():
                shutil.chown(path, "postgres")
        # -q: its log goes to the file only. Started as `postgres` directly, not through runuser, which
        # would complain on stderr when stopped.
        user = "postgres" if self.as_user else None
        self.process = subprocess.Popen([binary, "-q", str(self.dir / "pgbouncer.ini")], user=user)
        self._wait_until_listening()
        self.database = parsed.path.lstrip("/") or "postgres"

    def url(self, database: str | None = None) -> str:
        """The service's URL through PgBouncer: no session state (prepared statements) then."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database or self.database}?prepared_statements=off"

    def _wait_until_listening(self, within: float = 20) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"pgbouncer exited: {(self.dir / 'pgbouncer.log').read_text()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("pgbouncer did not listen")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
