"""Reading a typed target: a value, a change of the baseline ("-25%") or a band
("300..360", "5:00..6:00"). The one reading the CLI and the goal form share; no pydantic.
"""

from __future__ import annotations

import re

from goaltui.core import rules
from goaltui.core.numbers import parse_value
from goaltui.core.targets import Band, near_edge

_RELATIVE = re.compile(r"^\s*([+-])\s*(\d+(?:\.\d+)?)\s*%\s*$")


def parse_target(text: str, baseline: float | None, unit: str = "") -> float:
    """Parse a target: an absolute number (m:ss too for a seconds `unit`), or a signed
    change of the baseline ("-25%", "+10%").

    Only a sign *and* a percent sign make it relative, so "80%" for FCR stays 80.
    """
    match = _RELATIVE.match(text)
    if match is None:
        return parse_value(text, unit, "target")
    if baseline is None:
        raise ValueError("a relative target like -25% needs a baseline first")
    sign = -1.0 if match.group(1) == "-" else 1.0
    change = sign * float(match.group(2)) / 100.0
    return round(baseline * (1.0 + change), 6)


_BAND = re.compile(r"^\s*(.+?)\s*\.\.\s*(.+?)\s*$")


def parse_band(text: str, unit: str = "") -> Band | None:
    """ "300..360" -> (300.0, 360.0); for a seconds unit also "5:00..6:00". None when the
    text is no band (no ".."); ValueError for a band that cannot be read or is upside down."""
    match = _BAND.match(text)
    if match is None:
        if ".." in text:  # half typed: "300.."
            raise ValueError(f"a band is written low..high, e.g. 300..360, got {text.strip()!r}")
        return None
    low, high = (parse_value(typed, unit, "band edge") for typed in match.groups())
    if not low < high:
        raise ValueError(f"{rules.BAND_ORDER}, e.g. 300..360, got {text.strip()!r}")
    return (low, high)


def read_target(text: str, baseline: float | None, unit: str = "") -> tuple[float, Band | None]:
    """A typed target: a band ("300..360", met while inside it; the target is its edge
    nearer the baseline), or a number or change of the baseline (parse_target). The one
    reading the CLI and the goal form share."""
    band = parse_band(text, unit)
    if band is not None:
        return near_edge(baseline, band), band
    return parse_target(text, baseline, unit), None
