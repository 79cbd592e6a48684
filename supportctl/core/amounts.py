"""Decimal amounts as people and JSON read them: never floats, never exponents."""

from __future__ import annotations

from decimal import Decimal


def units_to_decimal(raw: int, decimals: int) -> Decimal:
    return Decimal(raw).scaleb(-decimals)


def fmt(amount: Decimal) -> str:
    """``Decimal('300.000000')`` → ``'300'``; ``Decimal('1E+2')`` → ``'100'``."""
    text = format(amount.normalize(), "f")
    return text


def duration(seconds: float) -> str:
    """A rough English duration for ETAs: "about 40 seconds", "about 3 minutes", "about 2 hours"."""
    s = max(1, round(seconds))
    if s < 90:
        return f"about {s} seconds"
    if s < 90 * 60:
        return f"about {round(s / 60)} minutes"
    return f"about {round(s / 3600, 1):g} hours"
