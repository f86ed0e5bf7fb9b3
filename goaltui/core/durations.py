"""Durations as people in a call centre read and write them: 5:24, 1:02:03.

Values of a seconds-based metric (AHT, ACW, hold time: unit "s") are stored as seconds;
a lead types "5:24" and reads "5:24" back. Pure Python: `goaltui log` imports this.
"""

from __future__ import annotations

import math
import re

# Units whose values are seconds; the metric's unit is compared case-insensitively.
SECOND_UNITS = frozenset({"s", "sec", "secs", "second", "seconds"})

# m:ss or h:mm:ss (hours and minutes may run past 59 only in the leading field).
_CLOCK = re.compile(r"^(\d+):([0-5]?\d(?:\.\d+)?)$|^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$")


def is_seconds(unit: str) -> bool:
    """The metric's values are seconds, shown as m:ss."""
    return unit.strip().lower() in SECOND_UNITS


def looks_like_clock(text: str) -> bool:
    """`text` is written m:ss or h:mm:ss (with no sign)."""
    return _CLOCK.match(text.strip()) is not None


def parse_clock(text: str, what: str = "value") -> float:
    """ "5:24" -> 324.0, "1:02:03" -> 3723.0, "0:07.5" -> 7.5; ValueError otherwise.

    Seconds past 59 are refused ("5:75" is a typo, not 6:15)."""
    typed = text.strip()
    match = _CLOCK.match(typed)
    if match is None:
        raise ValueError(f"{what} must be a duration like 5:24 or 1:02:03, got {typed!r}")
    if match.group(1) is not None:
        return int(match.group(1)) * 60 + float(match.group(2))
    hours, minutes, seconds = match.group(3), match.group(4), match.group(5)
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def clock(seconds: float) -> str:
    """324 -> "5:24", 3723 -> "1:02:03", 7.5 -> "0:07.5", -90 -> "-1:30".

    Whole seconds unless the value has a fraction (then one decimal, as typed)."""
    if not math.isfinite(seconds):
        return str(seconds)
    sign = "-" if seconds < 0 else ""
    rest = round(abs(seconds), 1)
    whole = int(rest)
    fraction = rest - whole
    hours, remainder = divmod(whole, 3600)
    minutes, secs = divmod(remainder, 60)
    tail = f"{secs:02d}" if fraction < 0.05 else f"{secs + fraction:04.1f}"
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{tail}"
    return f"{sign}{minutes}:{tail}"
