"""The README's "Try it with grpcurl" walk-through: its steps, a run against a live server, the comparison.

Shared by test_readme.py (with grpcurl) and test_buf_curl.py (the same script, with buf curl).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

from tests.e2e.test_cli_serve import running

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Try it with grpcurl"
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
MARKER = "=====README-STEP====="
README_ADDRESS = "127.0.0.1:50051"

# (shell, expected kind, expected text): the kind is the fence language of the output block
# that follows the command block (json, text), None when the commands must print nothing.
Step = tuple[str, str | None, str | None]


def section(title: str = SECTION) -> str:
    text = (ROOT / "README.md").read_text()
    return text.split(title, 1)[1].split("\n## ", 1)[0]


def walkthrough(title: str = SECTION) -> list[Step]:
    """(shell, expected kind, expected text) for each command block of a README section (the grpcurl one)."""
    steps: list[Step] = []
    for kind, body in FENCE.findall(section(title)):
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


def run(database_url: str, workdir: Path, env: dict[str, str], shells: list[str], rounds: int = 1) -> list[list[str]]:
    """Run shells `rounds` times, each time in a new bash, against one `serve` process on a free port.

    The output of each shell, by round. The commands find the server's database as a user's
    would (the default URL there, LOYALTY_IDENTITY_DATABASE_URL here).
    """
    outputs = []
    with running(database_url) as server:
        address = f"127.0.0.1:{server.port}"
        script = "\n".join(f"{shell.replace(README_ADDRESS, address)}\necho {MARKER}" for shell in shells)
        for _ in range(rounds):
            result = subprocess.run(
                ["bash", "-c", script],
                capture_output=True,
                text=True,
                timeout=300,
                cwd=workdir,
                env={**os.environ, "LOYALTY_IDENTITY_DATABASE_URL": database_url, **env},
            )
            printed = result.stdout.split(MARKER + "\n")
            assert len(printed) == len(shells) + 1, result.stderr
            outputs.append(printed[:-1])
    return outputs


def check(steps: list[Step], outputs: list[str]) -> None:
    """Each step printed exactly the text the README shows after it, line by line ('…' for ids and times).

    Text, not parsed JSON: the README must show what grpcurl prints, its error format included.
    """
    assert len(steps) == len(outputs)
    for (shell, kind, expected), actual in zip(steps, outputs, strict=True):
        if kind is None:
            assert actual == "", f"undocumented output of:\n{shell}\n{actual}"
            continue
        assert expected is not None
        lines, got = expected.splitlines(), actual.splitlines()
        assert len(lines) == len(got) and all(map(matches, lines, got)), (
            f"{shell}\nexpected:\n{expected}\ngot:\n{actual}"
        )
