"""The docs stand alone and say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from loyalty_identity.api.server import ServerConfig
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


def test_rules_say_which_resource_exhausted_to_retry() -> None:
    """An oversized request fails however often it is sent; a call beyond the concurrency limits may pass later."""
    rules = (ROOT / "docs" / "RULES.md").read_text()
    rows = {line.split("|")[1].strip(): line for line in rules.splitlines() if line.startswith("| ")}
    # The codes always worth a retry.
    retried = [
        codes for codes, row in rows.items() if row.split("|")[2].strip().startswith("not caused by the request")
    ]
    assert retried and all("RESOURCE_EXHAUSTED" not in codes for codes in retried), retried
    exhausted = rows["RESOURCE_EXHAUSTED"]
    size = f"{ServerConfig.max_message_bytes // 2**20} MiB"
    for text in (size, "do not retry", "--max-concurrent-rpcs", "--max-watchers", "retry with the same request_id"):
        assert text in exhausted, text
