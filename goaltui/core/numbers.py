"""Parsing numbers a lead types. No pydantic here: `goaltui log` imports it."""

from __future__ import annotations

import math


def parse_number(text: str, what: str = "value") -> float:
    """Parse a typed number ("6.2", "1,234", "85%"); raise ValueError with a clear message."""
    cleaned = text.strip().replace(",", "").removesuffix("%").strip()
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"{what} must be a number, got {text.strip()!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {text.strip()!r}")
    return number
