"""The README's grpcurl walk-through, run against a live server, outputs compared."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e import readme_walkthrough

BIN = Path(sys.executable).parent


@pytest.mark.skipif(shutil.which("grpcurl", path=str(BIN)) is None, reason="grpcurl is not installed here")
def test_readme_walkthrough(tmp_path: Path, database_url: str) -> None:
    steps = readme_walkthrough.walkthrough()
    assert len(steps) >= 8
    env = {"PATH": f"{BIN}:{os.environ['PATH']}"}
    # Twice in a row against one server: the walk-through starts by resetting its org.
    first, second = readme_walkthrough.run(database_url, tmp_path, env, [shell for shell, _, _ in steps], rounds=2)
    readme_walkthrough.check(steps, first)
    readme_walkthrough.check(steps, second)
