"""The README's grpcurl walk-through, run against a live server, outputs compared."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_cli_serve import running

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
MARKER = "=====README-STEP====="


def walkthrough() -> list[tuple[str, str | None, str | None]]:
    """(shell, expected kind, expected text) for each command block of the grpcurl section."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Try it with grpcurl", 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, str | None, str | None]] = []
    for kind, body in FENCE.findall(section):
        if kind == "shell":
            steps.append((body, None, None))
        else:
            shell, _, _ = steps[-1]
            steps[-1] = (shell, kind, body)
    return steps


def matches(expected: Any, actual: Any) -> bool:
    """Equality where '…' inside an expected string stands for any text."""
    if isinstance(expected, str) and isinstance(actual, str):
        pattern = ".*".join(re.escape(part) for part in expected.split("…"))
        return re.fullmatch(pattern, actual, re.DOTALL) is not None
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(matches(expected[k], actual[k]) for k in expected)
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(matches(e, a) for e, a in zip(expected, actual, strict=True))
    return bool(expected == actual)


@pytest.mark.skipif(shutil.which("grpcurl", path=str(BIN)) is None, reason="grpcurl is not installed here")
def test_readme_walkthrough(tmp_path: Path, database_url: str) -> None:
    steps = walkthrough()
    assert len(steps) >= 8
    with running(database_url) as server:
        address = f"127.0.0.1:{server.port}"
        script = "\n".join(f"{shell.replace('127.0.0.1:50051', address)}\necho {MARKER}" for shell, _, _ in steps)
        env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
        result = subprocess.run(
            ["bash", "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env
        )
    outputs = result.stdout.split(MARKER + "\n")
    assert len(outputs) == len(steps) + 1, result.stderr
    for (shell, kind, expected), actual in zip(steps, outputs, strict=False):
        if kind is None:
            assert actual == "", f"undocumented output of:\n{shell}\n{actual}"
        elif kind == "json":
            assert expected is not None
            assert matches(json.loads(expected), json.loads(actual)), f"{shell}\nexpected:\n{expected}\ngot:\n{actual}"
        else:
            assert expected is not None
            lines, got = expected.splitlines(), actual.splitlines()
            assert len(lines) == len(got) and all(map(matches, lines, got)), (
                f"{shell}\nexpected:\n{expected}\ngot:\n{actual}"
            )
