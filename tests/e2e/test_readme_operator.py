"""The README's "Operator commands" run as shown: tokens, a CSV import with a rejected row, an export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.readme_walkthrough import MARKER, check, walkthrough

SECTION = "## Operator commands"


def test_readme_operator_commands(tmp_path: Path) -> None:
    steps = walkthrough(SECTION)
    assert len(steps) == 2 and all(kind == "text" for _, kind, _ in steps)
    script = "\n".join(f"{shell}\necho {MARKER}" for shell, _, _ in steps)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "PATH": path},
    )
    outputs = result.stdout.split(MARKER + "\n")
    assert len(outputs) == len(steps) + 1, result.stderr
    check(steps, outputs[:-1])
    # What the steps promise: two tokens left (checkout; lead with its grants), and the imported
    # customers in the default database.
    left = (tmp_path / "tokens.txt").read_text().splitlines()
    assert len(left) == 2 and " reveal review # name=lead " in left[1]
    assert (tmp_path / "loyalty-identity.db").exists()
