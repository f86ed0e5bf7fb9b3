"""Parsing numbers a lead types. No pydantic here: `goaltui log` imports it."""

from __future__ import annotations

import math
import re

from goaltui.core.durations import has_colon, is_seconds, parse_clock

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


def parse_value(text: str, unit: str = "", what: str = "value") -> float:
    """A value typed for a metric with `unit`: a number ("324", "85%") for any unit, and
    for a seconds unit also a duration ("5:24" -> 324, "1:02:03" -> 3723).

    The one parser behind `goaltui log`, the check-in, the goal form and the importer, so a
    duration reads the same wherever it is typed. A duration for a metric that is not in
    seconds is refused rather than guessed at."""
    if has_colon(text):
        if not is_seconds(unit):
            shown = f"is in {unit.strip()!r}" if unit.strip() else "has no unit"
            raise ValueError(
                f"{what} {text.strip()!r}: m:ss is for a metric in seconds, this one {shown}"
            )
        return parse_clock(text, what)
    return parse_number(text, what)
