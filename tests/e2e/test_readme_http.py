"""The README's HTTP/JSON (Connect) examples, run with curl against a live `serve --http-listen`, outputs compared."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e import readme_walkthrough
from tests.e2e.test_cli_serve import running

SECTION = "## HTTP and JSON (Connect)"
README_HTTP = "127.0.0.1:8080"
HTTP_LINE = re.compile(r"HTTP \(Connect, console\) on http://[^:]+:(\d+)/")
BIN = Path(sys.executable).parent


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed here")
def test_readme_http_examples(tmp_path: Path, database_url: str) -> None:
    steps = readme_walkthrough.walkthrough(SECTION)
    assert len(steps) >= 3
    with running(database_url, "--http-listen", "127.0.0.1:0") as server:
        [port] = [match.group(1) for line in server.log if (match := HTTP_LINE.search(line))]
        marker = readme_walkthrough.MARKER
        script = "\n".join(f"{shell.replace(README_HTTP, f'127.0.0.1:{port}')}\necho {marker}" for shell, _, _ in steps)
        result = subprocess.run(
            ["bash", "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            env={**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "LOYALTY_IDENTITY_DATABASE_URL": database_url},
        )
    printed = result.stdout.split(marker + "\n")
    assert len(printed) == len(steps) + 1, result.stderr
    readme_walkthrough.check(steps, printed[:-1])
