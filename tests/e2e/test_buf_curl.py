"""The README's walk-through with `buf curl`: the same script, every grpcurl call made by buf curl.

A `grpcurl` that calls `buf curl` (grpcurl_by_buf_curl.py) comes first on PATH, so each README
command runs unchanged and its output is compared with the README's by the rules of
test_readme.py. The inline `buf curl` commands of the section run as written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

from loyalty_identity.api.protos import card_pb, identifier_pb, merge_review_pb
from tests.e2e import grpcurl_by_buf_curl, readme_walkthrough

BIN = Path(sys.executable).parent
SHIM = Path(grpcurl_by_buf_curl.__file__).resolve()
INLINE_BUF_CURL = re.compile(r"`(buf curl [^`]+)`")
EXIT = "exit status: "
# The services whose every RPC the walk-through must show.
SERVICES = [
    identifier_pb.DESCRIPTOR.services_by_name["IdentifierService"],
    card_pb.DESCRIPTOR.services_by_name["CardService"],
    merge_review_pb.DESCRIPTOR.services_by_name["MergeReviewService"],
]
# SERVICE/METHOD called through buf curl by the walk-through, by backend (for the coverage test).
CALLED: dict[str, set[str]] = {}


def shim(workdir: Path) -> Path:
    """A grpcurl running on buf curl, in the .venv/bin the README's first command puts first on PATH."""
    bin_dir = workdir / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    grpcurl = bin_dir / "grpcurl"
    grpcurl.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{SHIM}" "$@"\n')
    grpcurl.chmod(0o755)
    return bin_dir


def run_with_buf_curl(database_url: str, workdir: Path) -> set[str]:
    """Run and check the walk-through and the inline buf curl commands; the RPCs it called."""
    steps = readme_walkthrough.walkthrough()
    assert len(steps) >= 8
    inline = INLINE_BUF_CURL.findall(readme_walkthrough.section())
    calls = workdir / "calls.txt"
    path = f"{shim(workdir)}:{BIN}:{os.environ['PATH']}"
    assert shutil.which("grpcurl", path=path) == str(workdir / ".venv" / "bin" / "grpcurl")
    env = {"PATH": path, grpcurl_by_buf_curl.CALLS_ENV: str(calls)}
    shells = [shell for shell, _, _ in steps] + [f'{command} 2>&1; echo "{EXIT}$?"' for command in inline]
    [outputs] = readme_walkthrough.run(database_url, workdir, env, shells)

    readme_walkthrough.check(steps, outputs[: len(steps)])
    for command, output in zip(inline, outputs[len(steps) :], strict=True):
        body, _, status = output.rstrip("\n").rpartition(EXIT)
        assert status == "0", f"{command}\n{output}"
        json.loads(body)  # a response, as JSON
    return set(calls.read_text().split())


def test_readme_walkthrough_with_buf_curl(tmp_path: Path, backend: str, database_url: str) -> None:
    called = run_with_buf_curl(database_url, tmp_path)
    assert called, "no call went through buf curl"
    CALLED[backend] = called


def test_readme_walkthrough_calls_every_rpc(tmp_path: Path) -> None:
    # Reuses the SQLite run of the test above when it ran first; runs the walk-through otherwise.
    called = CALLED.get("sqlite") or run_with_buf_curl(f"sqlite:///{tmp_path / 'identity.db'}", tmp_path)
    every = {f"{service.full_name}/{method.name}" for service in SERVICES for method in service.methods}
    missing = sorted(every - called)
    assert not missing, "the README's walk-through never calls:\n" + "\n".join(missing)
