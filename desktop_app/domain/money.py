"""Money: integer cents everywhere, one way to show them."""

from __future__ import annotations


def yuan(cents: int) -> str:
    """¥12.34 from 1234; negative amounts keep their sign (¥-0.05)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"¥{sign}{whole}.{part:02d}"


def plain_yuan(cents: int) -> str:
    """12.34 from 1234, without the currency sign (tables whose header names the currency)."""
    return yuan(cents).replace("¥", "", 1)
