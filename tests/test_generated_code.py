"""The checked-in generated code must match protos/ exactly."""

from __future__ import annotations

import filecmp
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_generator():
    spec = importlib.util.spec_from_file_location("generate_protos", ROOT / "scripts" / "generate_protos.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"only in {left}: {n}" for n in comparison.left_only] + [
        f"only in {right}: {n}" for n in comparison.right_only
    ]
    found += [f"differs: {left / n}" for n in filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)[1]]
    for sub in comparison.common_dirs:
        found += _differences(left / sub, right / sub)
    return found


def test_generated_code_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "gen"
    _load_generator().generate(fresh)
    stale = _differences(ROOT / "src" / "loyalty_identity" / "gen", fresh)
    assert not stale, "generated code is stale: run `python scripts/generate_protos.py`\n" + "\n".join(stale)
