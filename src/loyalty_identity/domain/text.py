"""Checks shared by every free-text field."""

from __future__ import annotations

import unicodedata

from loyalty_identity.domain.errors import Reason, invalid


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def check_text(text: str, field_path: str, max_length: int, reason: Reason) -> None:
    """Refuse empty, oversized or control-character text (already trimmed)."""
    if not text:
        raise invalid(reason, field_path, "must not be empty")
    if len(text) > max_length:
        raise invalid(reason, field_path, f"must be at most {max_length} characters")
    if has_control_characters(text):
        raise invalid(reason, field_path, "must not contain control characters")
