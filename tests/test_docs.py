"""The docs stand alone and say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from loyalty_identity.service.application import MAX_TRANSACTION_ATTEMPTS

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(
    path for path in ROOT.rglob("*.md") if not {".venv", "node_modules", ".git", "third_party"} & set(path.parts)
)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_docs_link_only_to_files_in_the_repository() -> None:
    assert len(DOCS) >= 8
    broken = []
    for doc in DOCS:
        text = doc.read_text()
        if "../shared" in text or "SPEC.md" in text:
            broken.append(f"{doc.relative_to(ROOT)}: names a file outside the repository")
        for target in LINK.findall(text):
            if "://" in target:
                continue
            resolved = (doc.parent / target).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert broken == []


def test_docs_give_the_retry_budget_of_the_code() -> None:
    decisions = (ROOT / "docs" / "DECISIONS.md").read_text()
    deployment = (ROOT / "DEPLOYMENT.md").read_text()
    assert f"races {MAX_TRANSACTION_ATTEMPTS} times in a row" in decisions
    assert f"up to {MAX_TRANSACTION_ATTEMPTS} times" in deployment
