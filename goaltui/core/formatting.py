"""How numbers, units, percentages and days read, everywhere goaltui shows them to a person.

One rule, so a value reads the same on the board, the check-in, the review, `goaltui board`,
`goaltui goals`, the minutes and the Markdown export:

- Thousands separated by commas: 1,234.5.
- From 10 up at most one decimal, below 10 at most two, trailing zeros dropped:
  473, 88.6, 1,234.5, 6.25, 0.5. Halves round up, as on paper: 0.125 -> 0.13.
  Below 0.01 two significant digits (0.0062), so a value that is not zero never reads 0.
- Negative values lead with "-": -12, -0.5. Zero is "0", never "-0".
- "%" sticks to the number (85%, 85.5%); any other unit follows after a space (540 s, 12 calls).
- A missing value reads MISSING ("—"), with no unit.
- Days to the due date: "64 days left", "1 day overdue", "due today"; short "64d left", "3d late".
- Now and target: "473 s → 420 s"; for a tight column `pair(..., narrow=True)` gives
  "473→420 s" (the unit once, no spaces round the arrow; the numbers read the same).
- A band target: "300..360 s", the unit once at the end ("75..85%"); kept as "300..360".

Machine formats (CSV, JSON, the ledger kept in the data file, form fields to edit) take
`plain`: exact, no separators, re-importable. Durations stay in seconds ("540 s") for now.
Pure Python: `goaltui log` imports this, so no pydantic, textual or rich.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

MISSING = "—"
ARROW = "→"
_EXACT = Context(prec=400, rounding=ROUND_HALF_UP)  # digits enough for any float


def number(value: float | None) -> str:
    """1,234.5 · 88.6 · 6.25 · 0.0062 · -12 · 1,000,000; MISSING for None."""
    if value is None:
        return MISSING
    value = float(value)  # an int (a count of days) takes the same path
    if not math.isfinite(value):
        return str(value)  # never stored (parse_number refuses it); shown rather than raised
    if value.is_integer():
        return f"{int(value):,}"
    size = abs(value)
    if size >= 10:
        places = 1
    elif size >= 0.01:
        places = 2
    else:  # two significant digits, so a small value never reads 0 (down to 1e-12)
        places = min(12, 1 - math.floor(math.log10(size)))
    # Round what was typed (the shortest repr), not its binary neighbour: 2.675 -> 2.68.
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), context=_EXACT)
    text = f"{exact:,f}"
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return "0" if text == "-0" else text


def value(amount: float | None, unit: str = "", *, exact: bool = False) -> str:
    """A number and its unit: 85%, 540 s, 12 calls, 3.5; MISSING without a value.

    `exact`: every digit (`plain`), for the rare text that must tell 473.4 from 473.41.
    """
    text = (plain(amount) or MISSING) if exact else number(amount)
    if amount is None or not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def percent(pct: float | None) -> str:
    """A share already in percent (progress, pace): 85%, 85.5%; MISSING when unknown."""
    return value(pct, "%")


BAND_SEP = ".."


def band(edges: tuple[float, float], unit: str = "") -> str:
    """A band target: "300..360 s", "75..85%": each edge as `value` shows it, the unit once."""
    low, high = value(edges[0], unit), value(edges[1], unit)
    low_unit = low.removeprefix(number(edges[0]))
    if low_unit != low and low_unit == high.removeprefix(number(edges[1])):
        low = number(edges[0])  # "300 s..360 s" reads "300..360 s"; "5:00..6:00" stays
    return f"{low}{BAND_SEP}{high}"


def goal_target(
    target: float | None, unit: str = "", edges: tuple[float, float] | None = None
) -> str:
    """What a goal aims at: its band when it has one, else its target."""
    return value(target, unit) if edges is None else band(edges, unit)


def pair(
    current: float | None,
    target: float | None,
    unit: str = "",
    *,
    narrow: bool = False,
    edges: tuple[float, float] | None = None,
) -> str:
    """Now and target: "473 s → 420 s"; narrow "473→420 s" (the unit once, at the end);
    with a band (`edges`) "473 s → 300..360 s"."""
    aim = goal_target(target, unit, edges)
    if narrow:
        return f"{number(current)}{ARROW}{aim}"
    return f"{value(current, unit)} {ARROW} {aim}"


def distinct(before: float | None, after: float | None, unit: str = "") -> tuple[str, str]:
    """Both sides of a change; exact (`plain`) when rounding would make them read the same,
    so a change never reads "473 -> 473"."""
    old, new = value(before, unit), value(after, unit)
    if old == new and before != after and before is not None and after is not None:
        old, new = value(before, unit, exact=True), value(after, unit, exact=True)
    return old, new


def from_text(text: str, unit: str = "") -> str:
    """A value kept as text (the ledger holds numbers and dates alike): a number reads like
    any value, a date or a word as it is, an empty text as MISSING."""
    low, sep, high = text.partition(BAND_SEP)
    if sep:  # a band, kept as "300..360"
        try:
            return band((float(low), float(high)), unit)
        except ValueError:
            return text
    try:
        amount = float(text)
    except ValueError:
        return text or MISSING
    return value(amount, unit) if math.isfinite(amount) else text


DaysWidth = Literal["long", "short", "cell"]


def days(left: int | None, width: DaysWidth = "long") -> str:
    """Days to the due date (negative: overdue).

    long "64 days left", "1 day overdue"; short "64d left", "13d late" (beside the status
    word "overdue", a second "overdue" would only take room);
    cell "64d", "-13d" (a column headed "left"). Zero is "due today" (cell "0d").
    """
    if left is None:
        return MISSING
    if width == "cell":
        return f"{number(left)}d"
    if left == 0:
        return "due today"
    count = number(abs(left))
    if width == "short":
        return f"{count}d left" if left > 0 else f"{count}d late"
    word = f"{count} day{'' if abs(left) == 1 else 's'}"
    return f"{word} left" if left > 0 else f"{word} overdue"


def plain_band(edges: tuple[float, float]) -> str:
    """A band as typed back in and kept in the ledger: "300..360"."""
    return f"{plain(edges[0])}{BAND_SEP}{plain(edges[1])}"


def plain(amount: float | None) -> str:
    """A value as typed back in (CSV, the ledger, a form field): exact, no separators,
    no trailing ".0"; "" for none. Read back with float() or parse_number."""
    if amount is None:
        return ""
    amount = float(amount)
    if amount.is_integer() and abs(amount) < 1e15:
        return str(int(amount))
    return repr(amount)
