"""deploy/systemd/loyalty-identity.service: systemd accepts the unit (`systemd-analyze verify`),
rates its exposure low (`systemd-analyze security --offline`), the hardening options are all
there, and the server really runs under MemoryDenyWriteExecute (the kernel's own switch for
it, PR_SET_MDWE, set before exec as systemd does).

Without systemd-analyze the checks that need it skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "systemd" / "loyalty-identity.service"
INSTALLED = "/opt/loyalty-identity/bin/loyalty-identity"
HARDENING = {
    "NoNewPrivileges": "yes",
    "CapabilityBoundingSet": "",
    "AmbientCapabilities": "",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "ProtectKernelTunables": "yes",
    "ProtectKernelModules": "yes",
    "ProtectControlGroups": "yes",
    "RestrictNamespaces": "yes",
    "RestrictSUIDSGID": "yes",
    "LockPersonality": "yes",
    "MemoryDenyWriteExecute": "yes",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "SystemCallArchitectures": "native",
    "DynamicUser": "yes",
    "StateDirectory": "loyalty-identity",
    "Restart": "on-failure",
    "UMask": "0077",
}


def settings() -> dict[str, dict[str, list[str]]]:
    """section -> key -> every value given (systemd allows a key more than once)."""
    sections: dict[str, dict[str, list[str]]] = {}
    section = ""
    for raw in UNIT.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            sections.setdefault(section, {})
            continue
        key, equals, value = line.partition("=")
        assert equals and section, f"not a setting: {raw}"
        sections[section].setdefault(key, []).append(value)
    return sections


def systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        message = "systemd-analyze is missing (Debian's systemd package)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def unit_for_this_machine(tmp_path: Path) -> Path:
    """The unit with ExecStart pointing at this checkout's command: verify checks it exists."""
    command = Path(sys.executable).parent / "loyalty-identity"
    assert command.exists(), command
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text().replace(INSTALLED, str(command)))
    return copy


def test_the_unit_has_the_hardening_options() -> None:
    service = settings()["Service"]
    missing = {key: value for key, value in HARDENING.items() if value not in service.get(key, [])}
    assert not missing, missing
    assert service["ExecStart"] == [f"{INSTALLED} serve"]
    assert service["EnvironmentFile"] == ["/etc/loyalty-identity/loyalty-identity.env"]
    assert "@system-service" in service["SystemCallFilter"]
    assert any(value.startswith("~@privileged") for value in service["SystemCallFilter"])
    # a graceful stop takes up to 30 s: systemd must wait longer before SIGKILL
    assert int(service["TimeoutStopSec"][0].removesuffix("s")) > 30
    assert settings()["Install"]["WantedBy"] == ["multi-user.target"]


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    result = subprocess.run(
        [systemd_analyze(), "verify", str(unit_for_this_machine(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""  # an unknown or misspelt key is only a warning


def test_systemd_rates_the_units_exposure_low(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            systemd_analyze(),
            "security",
            "--offline=yes",
            "--threshold=20",
            "--no-pager",
            str(unit_for_this_machine(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr  # exposure at most 2.0 of 10
    assert "Overall exposure level" in result.stdout


PR_SET_MDWE, PR_GET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 66, 1  # Linux 6.3+
# Set in a child before exec (it cannot be turned off again, and is inherited over exec).
LAUNCHER = f"""
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl({PR_SET_MDWE}, {PR_MDWE_REFUSE_EXEC_GAIN}, 0, 0, 0) != 0:
    sys.exit(77)
print("mdwe", libc.prctl({PR_GET_MDWE}, 0, 0, 0, 0), file=sys.stderr, flush=True)
os.execv(sys.argv[1], sys.argv[1:])
"""


def test_the_server_runs_under_memory_deny_write_execute(tmp_path: Path) -> None:
    """What MemoryDenyWriteExecute=yes does to the process, checked with the kernel's own switch."""
    command = Path(sys.executable).parent / "loyalty-identity"
    database = f"sqlite:///{tmp_path / 'identity.db'}"
    server = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(command), "serve", "--listen", "127.0.0.1:0", "--database", database],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        if server.poll() == 77 or not first:
            server.wait(10)
            if server.returncode == 77:
                pytest.skip("this kernel has no PR_SET_MDWE (Linux 6.3+)")
        assert first.strip() == f"mdwe {PR_MDWE_REFUSE_EXEC_GAIN}", first
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = server.stderr.readline()
            assert line, f"the server ended: {''.join(lines)}"
            lines.append(line)
            if "ready on" in line:
                break
        address = lines[-1].split("ready on ", 1)[1].split()[0]
        with grpc.insecure_channel(address) as channel:
            answer = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
        assert answer.status == health_pb2.HealthCheckResponse.SERVING
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(40)
    assert server.returncode == 0
