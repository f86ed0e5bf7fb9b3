"""Durations as people in a call centre read and write them: 5:24, 1:02:03.

Values of a seconds-based metric (AHT, ACW, hold time: unit "s") are stored as seconds;
a lead types "5:24" and reads "5:24" back. Pure Python: `goaltui log` imports this.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

# Units whose values are seconds; the metric's unit is compared case-insensitively.
SECOND_UNITS = frozenset({"s", "sec", "secs", "second", "seconds"})

# m:ss or h:mm:ss (hours and minutes may run past 59 only in the leading field).
_CLOCK = re.compile(r"^(\d+):([0-5]?\d(?:\.\d+)?)$|^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$")
# Anything written with a colon between digits: a duration, maybe a mistyped one.
_COLONS = re.compile(r"^[+-]?[\d.]*:[\d.:]*$")
_TENTH = Decimal("0.1")


def is_seconds(unit: str) -> bool:
    """The metric's values are seconds, shown as m:ss."""
    return unit.strip().lower() in SECOND_UNITS


def looks_like_clock(text: str) -> bool:
    """`text` is written m:ss or h:mm:ss (with no sign)."""
    return _CLOCK.match(text.strip()) is not None


def has_colon(text: str) -> bool:
    """`text` is meant as a duration (digits and colons), well formed or not: "5:75" too."""
    return _COLONS.match(text.strip()) is not None


def parse_clock(text: str, what: str = "value") -> float:
    """ "5:24" -> 324.0, "1:02:03" -> 3723.0, "0:07.5" -> 7.5; ValueError otherwise.

    Seconds past 59 are refused ("5:75" is a typo, not 6:15). The sum is exact (decimal),
    so the text `clock(x, exact=True)` writes reads back as the very same float."""
    typed = text.strip()
    match = _CLOCK.match(typed)
    if match is None:
        raise ValueError(_why_not(typed, what))
    if match.group(1) is not None:
        total = int(match.group(1)) * 60 + Decimal(match.group(2))
    else:
        hours, minutes, seconds = match.group(3), match.group(4), match.group(5)
        total = int(hours) * 3600 + int(minutes) * 60 + Decimal(seconds)
    return float(total)


def _why_not(typed: str, what: str) -> str:
    """One line that says what is wrong with a duration that does not parse."""
    fields = typed.lstrip("+-").split(":")
    if typed[:1] in "+-" and typed:
        return f"{what} {typed!r}: a duration has no sign; write it like 5:24"
    numbers = len(fields) in (2, 3) and all(f.replace(".", "", 1).isdigit() for f in fields)
    if numbers and any(float(f) >= 60 for f in fields[1:]):
        example = ""
        if len(fields) == 2 and all(f.isdigit() for f in fields):  # the likely meaning
            example = f" ({clock(int(fields[0]) * 60 + int(fields[1]))}, not {typed})"
        return f"{what} {typed!r}: minutes and seconds run 00 to 59{example}"
    return f"{what} must be a duration like 5:24 or 1:02:03, got {typed!r}"


def clock(seconds: float, *, exact: bool = False) -> str:
    """324 -> "5:24", 3723 -> "1:02:03", 7.5 -> "0:07.5", -90 -> "-1:30".

    Whole seconds unless the value has a fraction (then one decimal, as typed).
    `exact`: every digit of the seconds (324.37 -> "5:24.37"), for a field that is
    edited and read back with parse_clock."""
    if not math.isfinite(seconds):
        return str(seconds)
    sign = "-" if seconds < 0 else ""
    size = Decimal(repr(abs(float(seconds))))
    rest = size if exact else size.quantize(_TENTH, rounding=ROUND_HALF_UP)
    whole = int(rest)
    fraction = rest - whole
    hours, remainder = divmod(whole, 3600)
    minutes, secs = divmod(remainder, 60)
    if fraction == 0:
        tail = f"{secs:02d}"
    else:
        digits = f"{fraction:f}".rstrip("0").removeprefix("0")  # ".37"
        tail = f"{secs:02d}{digits}"
    if sign and not (whole or fraction):
        sign = ""  # -0.04 rounds to 0:00, never "-0:00"
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{tail}"
    return f"{sign}{minutes}:{tail}"


# Steps a duration axis is marked in: seconds, then minutes, then hours.
_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400)


def clock_ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round durations between `low` and `high` to mark a chart's axis with (as m:ss):
    at most `most`, in the smallest usual step (15 s, 1 min, 5 min...) that keeps to it."""
    if not (math.isfinite(low) and math.isfinite(high)) or high < low:
        return []
    span = high - low
    step = next((s for s in _STEPS if span / s <= most - 1), None)
    if step is None:  # days and more: whole days
        step = 86400 * math.ceil(span / (most - 1) / 86400)
    first = math.ceil(low / step) * step
    return [float(first + i * step) for i in range(int((high - first) // step) + 1)]
