"""The generated Node.js client (clients/node) against a live server.

Its own test suite (node --test) creates customers, triggers an automatic
merge, issues a card, reads the ErrorInfo of failed calls and watches the
change feed while a merge and an unmerge happen; this test
installs it, starts the server and runs that suite. One engine is enough: the
server's behaviour on both is proven by the Python tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from loyalty_identity.api.auth import hash_token
from loyalty_identity.api.server import RunningServer

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "node"
# Written after a successful `npm ci`: node_modules is reinstalled when the lock file changes.
STAMP = CLIENT / "node_modules" / ".installed-lock-sha256"
TOKEN = "node-client-token"
# Same org, with the `reveal` grant: the feed scenario reads unmasked values with it, and is refused them with TOKEN.
REVEAL_TOKEN = "node-client-reveal-token"
# Same org, with the `review` grant: the merge review scenarios change the policy and decide candidates with it.
REVIEW_TOKEN = "node-client-review-token"
SUMMARY_LINES = ("# pass ", "# fail ", "# skipped ", "# cancelled ")
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def run(*command: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=CLIENT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout
    )


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.fixture(scope="module")
def npm() -> str:
    """npm, with the client's dependencies installed and its TypeScript compiled."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        message = "node and npm are needed for the Node.js client (Debian: apt-get install nodejs npm)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must prove the Node client works, never skip it
        pytest.skip(message)
    lock = hashlib.sha256((CLIENT / "package-lock.json").read_bytes()).hexdigest()
    if not STAMP.is_file() or STAMP.read_text() != lock:
        installed = run(npm, "ci", "--no-audit", "--no-fund")
        assert installed.returncode == 0, output(installed)
        STAMP.write_text(lock)
    built = run(npm, "run", "build")
    assert built.returncode == 0, output(built)
    return npm


@pytest.fixture
def live_server(start_server: Callable[..., RunningServer]) -> dict[str, str]:
    """A server with tokens (so the bearer token, UNAUTHENTICATED and the reveal grant are exercised), as env vars."""
    server = start_server(
        tokens=f"acme sha256:{hash_token(TOKEN)}\nacme sha256:{hash_token(REVEAL_TOKEN)} reveal\n"
        f"acme sha256:{hash_token(REVIEW_TOKEN)} review"
    )
    return {
        "LOYALTY_IDENTITY_ADDRESS": f"127.0.0.1:{server.port}",
        "LOYALTY_IDENTITY_TOKEN": TOKEN,
        "LOYALTY_IDENTITY_REVEAL_TOKEN": REVEAL_TOKEN,
        "LOYALTY_IDENTITY_REVIEW_TOKEN": REVIEW_TOKEN,
    }


def test_generated_types_match_the_protos(npm: str) -> None:
    result = run(npm, "run", "check-generated")
    assert result.returncode == 0, output(result) + "\nrun `npm run generate` in clients/node"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_node_client_against_a_live_server(npm: str, live_server: dict[str, str]) -> None:
    # `npm test` without rebuilding; sh expands the glob. TAP: its summary is parsed below.
    result = run("sh", "-c", "exec node --test --test-reporter=tap dist/test/*.test.js", env=live_server, timeout=180)
    assert result.returncode == 0, output(result)
    summary = dict(line[2:].split(" ", 1) for line in result.stdout.splitlines() if line.startswith(SUMMARY_LINES))
    # Every scenario ran: none skipped (as the token one would be without a token), at least one per file.
    assert summary == {"pass": summary["pass"], "fail": "0", "skipped": "0", "cancelled": "0"}, output(result)
    assert int(summary["pass"]) >= len(list((CLIENT / "test").glob("*.test.ts"))), output(result)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_readme_example_runs_as_shown(npm: str, live_server: dict[str, str]) -> None:
    blocks = FENCE.findall((CLIENT / "README.md").read_text())
    index = next(i for i, (kind, body) in enumerate(blocks) if kind == "ts" and "async function main" in body)
    example, (kind, expected) = blocks[index][1], blocks[index + 1]
    # The README imports the package by name; the compiled copy imports the sources.
    source = (CLIENT / "examples" / "quickstart.ts").read_text().replace("'../src'", "'@loyalty/identity-client'")
    assert example == source, "clients/node/README.md's example and examples/quickstart.ts differ"
    result = run("node", "dist/examples/quickstart.js", env=live_server, timeout=60)
    assert result.returncode == 0, output(result)
    assert kind == "text"
    assert result.stdout == expected, output(result)


def test_without_an_address_the_tests_say_so_once(npm: str) -> None:
    """`npm test` with no server named: one clear line, not a failure per file and a TypeError from each cleanup."""
    script = json.loads((CLIENT / "package.json").read_text())["scripts"]["test"]
    prefix = "npm run build && "
    assert script.startswith(prefix), script
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOYALTY_IDENTITY_")}
    result = subprocess.run(
        ["sh", "-c", script.removeprefix(prefix)], cwd=CLIENT, env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0, output(result)
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and "set LOYALTY_IDENTITY_ADDRESS to the HOST:PORT" in lines[0], output(result)
