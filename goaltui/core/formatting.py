"""How numbers, units, percentages and durations read, everywhere goaltui prints them."""

from __future__ import annotations


def num(value: float | None, unit: str = "") -> str:
    """540 s, 82.5%, 12 calls; "-" for no value."""
    if value is None:
        return "-"
    return f"{value:g}{' ' if unit and unit != '%' else ''}{unit}"
