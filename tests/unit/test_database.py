"""Database URLs."""

from __future__ import annotations

from loyalty_identity.store.database import redact_url


def test_database_urls_are_logged_without_passwords() -> None:
    assert redact_url("postgresql://app:hunter2@db:5432/identity") == "postgresql://app:***@db:5432/identity"
    assert redact_url("sqlite:///loyalty-identity.db") == "sqlite:///loyalty-identity.db"
