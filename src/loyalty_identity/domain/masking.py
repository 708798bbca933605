"""Masked identifier values: enough to recognise one, not enough to use it.

Logs and the change feed show identifiers masked unless a caller is allowed
to see them; `mask` is the one place that decides what stays visible.
"""

from __future__ import annotations

STARS = "****"


def mask(type_name: str, value: str) -> str:
    """`+86138****8000`-style masking by identifier type (IdentifierType name)."""
    if not value:
        return value
    if type_name == "EMAIL" and "@" in value:
        local, _, domain = value.rpartition("@")
        return f"{local[:1]}{STARS}@{domain}"
    if type_name == "MOBILE" and len(value) >= 10:
        return f"{value[:-8]}{STARS}{value[-4:]}"
    return mask_text(value)


def mask_text(value: str) -> str:
    """Any other secret-ish text: its two first and two last characters at most."""
    if len(value) <= 6:
        return STARS
    return f"{value[:2]}{STARS}{value[-2:]}"
