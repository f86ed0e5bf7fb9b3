"""Parsing numbers a lead types. No pydantic here: `goaltui log` imports it."""

from __future__ import annotations

import math
import re

# "1,234" and "12,345.5" use commas as thousands separators; "1,5" or "6,2" could be a
# decimal comma, and reading it as 15 or 62 would be the worst kind of silent error.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?%?$")


def parse_number(text: str, what: str = "value") -> float:
    """Parse a typed number ("6.2", "1,234", "85%"); raise ValueError with a clear message.

    A comma is only ever a thousands separator: one that is not ("1,5") is refused rather
    than read as ten or a hundred times what was meant."""
    typed = text.strip()
    if "," in typed and not _THOUSANDS.match(typed.replace(" ", "")):
        raise ValueError(f"{what} {typed!r} is ambiguous: write 1.5, not 1,5")
    cleaned = typed.replace(",", "").removesuffix("%").strip()
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"{what} must be a number, got {typed!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {typed!r}")
    return number
