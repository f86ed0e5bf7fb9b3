"""How numbers, units, percentages and days read, everywhere goaltui shows them to a person.

One rule, so a value reads the same on the board, the check-in, the review, `goaltui board`,
`goaltui goals`, the minutes and the Markdown export:

- Thousands separated by commas: 1,234.5.
- From 10 up at most one decimal, below 10 at most two, trailing zeros dropped:
  473, 88.6, 1,234.5, 6.25, 0.5. Halves round up, as on paper: 0.125 -> 0.13.
  Below 0.01 two significant digits (0.0062), so a value that is not zero never reads 0.
- Negative values lead with "-": -12, -0.5. Zero is "0", never "-0".
- "%" sticks to the number (85%, 85.5%); any other unit follows after a space (12 calls, 24 h).
- Durations (a seconds unit: s, sec, seconds) read as people write AHT: m:ss or h:mm:ss,
  without the unit: 324 s is "5:24", 3,723 s "1:02:03", 7.5 s "0:07.5" (durations.clock).
- A missing value reads MISSING ("—"), with no unit.
- Days to the due date: "64 days left", "1 day overdue", "due today"; short "64d left", "3d late".
- Now and target: "12 calls → 15 calls", "7:53 → 7:00"; for a tight column
  `pair(..., narrow=True)` gives "12→15 calls", "7:53→7:00" (the unit once, no spaces
  round the arrow; the numbers read the same).
- A band target: "300..360 s", "5:00..6:00", the unit once at the end ("75..85%");
  kept as "300..360".

Machine formats (CSV, JSON, the ledger kept in the data file) take
`plain`: exact, no separators, re-importable; durations stay whole seconds there (540).
A field a person edits (the goal form, a check-in's value) takes `editable`: exact too, but a
duration as m:ss ("5:24.37"), which every input reads back (numbers.parse_value).
Pure Python: `goaltui log` imports this, so no pydantic, textual or rich.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

from goaltui.core.durations import clock, is_seconds

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


def bare(amount: float | None, unit: str = "") -> str:
    """The number alone, as `value` shows it for `unit`: 473 for calls, "7:53" for seconds."""
    return clock(amount) if amount is not None and is_seconds(unit) else number(amount)


def value(amount: float | None, unit: str = "", *, exact: bool = False) -> str:
    """A number and its unit: 85%, 12 calls, 3.5, and seconds as "5:24"; MISSING without one.

    `exact`: every digit (`plain`), for the rare text that must tell 473.4 from 473.41.
    """
    if amount is not None and is_seconds(unit):
        return clock(amount, exact=exact)
    text = (plain(amount) or MISSING) if exact else number(amount)
    if amount is None or not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def unit_label(unit: str) -> str:
    """The unit as a heading or a field's title names it: "m:ss" for seconds (as the values
    read and are typed), else the unit itself."""
    return "m:ss" if is_seconds(unit) else unit


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
    """Now and target: "12 calls → 15 calls"; narrow "12→15 calls" (the unit once, at the
    end); durations "7:53 → 7:00" and narrow "7:53→7:00"; with a band (`edges`)
    "7:53 → 5:00..6:00"."""
    aim = goal_target(target, unit, edges)
    if narrow:
        return f"{bare(current, unit)}{ARROW}{aim}"
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


def editable(amount: float | None, unit: str = "") -> str:
    """A value in a field a person edits: exact like `plain`, but a duration as m:ss
    ("5:24", "5:24.37"); parse_value reads either back to the same number."""
    if amount is not None and amount >= 0 and is_seconds(unit):
        return clock(amount, exact=True)  # (a duration is typed without a sign)
    return plain(amount)


def editable_target(
    target: float | None, unit: str = "", edges: tuple[float, float] | None = None
) -> str:
    """A goal's target in the field that edits it: `editable`, or its band "5:00..6:00"."""
    if edges is None:
        return editable(target, unit)
    return f"{editable(edges[0], unit)}{BAND_SEP}{editable(edges[1], unit)}"


def plain(amount: float | None) -> str:
    """A value as a machine reads it back (CSV, JSON, the ledger): exact, no separators,
    no trailing ".0"; "" for none. Read back with float() or parse_number."""
    if amount is None:
        return ""
    amount = float(amount)
    if amount.is_integer() and abs(amount) < 1e15:
        return str(int(amount))
    return repr(amount)
