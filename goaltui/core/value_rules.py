"""The rules for a value going into a goal, shared by the check-in screen, the goal detail,
`goaltui log`, `unlog` and the importer: an open goal, a day within its dates, a plausible
number.

Pure and pydantic-free (plain keys, statuses and numbers, no models): `goaltui log`
applies them without building a model, and the screens call them through
core/checkin_logic.py. No `statistics` either: importing it costs `goaltui log` about
as much as the rest of its imports (random, fractions).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from goaltui.core import formatting as fmt
from goaltui.core.targets import Band, meets

RECENT = 20  # how many earlier values define a goal's "recent range"
SPREAD_FACTOR = 1.5  # allowed distance outside the range, in spreads
MIN_SPREAD_SHARE = 0.1  # a flat series still allows +-10% of its size per spread
TENFOLD = 8.0  # a ratio this far from the typical value is a decimal-point slip
MIN_HISTORY = 3  # below this, baseline and target help define the range
OPEN = "active"
REOPEN_HINT = "reopen it first: goaltui close {key} active"


def closed_reason(key: str, status: str) -> str | None:
    """Why the values of a goal cannot change now, or None for an active goal: a closed
    goal's figures are what it was judged on (achieved, missed), and an archived goal is
    off the board; reopening is one command, and says so in the history."""
    if status == OPEN:
        return None
    state = "archived" if status == "archived" else f"closed as {status}"
    return f"{key} is {state}: its values stay as they were when it was closed"


def day_problem(key: str, day: date, start: date) -> str | None:
    """A value is for a day of the goal: from its start on (the future is refused where the
    day is read: dates.parse_backfill, the importer's rows)."""
    if day < start:
        return f"{day.isoformat()} is before {key} starts ({start.isoformat()})"
    return None


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def implausible(
    value: float,
    key: str,
    *,
    unit: str,
    baseline: float | None,
    target: float | None,
    history: Sequence[float],
    band: Band | None = None,
) -> str | None:
    """Why a value looks like a slip (far from the goal's recent values), or None.

    Catches the common slips: a dropped or doubled decimal point (62 for 6.2), a wrong
    sign, a stray digit. The range is min..max of the last RECENT values widened by
    SPREAD_FACTOR spreads; a flat series gets a minimum spread so 16 -> 17 passes.
    `history` holds the goal's values before the value's day, oldest first. A band counts
    as its two edges, the far one included.
    """
    recent = list(history[-RECENT:])
    reference = list(recent)
    aims = [target] if band is None else list(band)
    if len(recent) < MIN_HISTORY:
        # A new goal: its baseline and target say what size of number to expect.
        reference += [v for v in (baseline, *aims) if v is not None]
    if not reference:
        return None
    shown = fmt.bare(value, unit)
    if value < 0 <= min(reference):
        return f"{shown} is negative, but {key}'s values never are"
    if value > 0 >= max(reference):
        return f"{shown} is positive, but {key}'s values never are"
    low, high = min(reference), max(reference)
    size = max(abs(low), abs(high))
    spread = max(high - low, MIN_SPREAD_SHARE * size) or 1.0
    # Reaching the target is never suspicious, however fast: widen the range to it.
    reach = [v for v in aims if v is not None]
    reach_low, reach_high = min([low, *reach]), max([high, *reach])
    typical = _median([abs(v) for v in reference])
    ratio = abs(value) / typical if typical and value else 1.0
    outside = not (
        reach_low - SPREAD_FACTOR * spread <= value <= reach_high + SPREAD_FACTOR * spread
    )
    if outside or ratio >= TENFOLD or ratio <= 1 / TENFOLD:
        where = "recent range" if recent else "expected range"
        span = (
            fmt.value(low, unit)
            if low == high
            else f"{fmt.bare(low, unit)}-{fmt.value(high, unit)}"
        )
        return f"{shown} is far from {key}'s {where} {span}"
    return None


def short_of_target(
    key: str,
    unit: str,
    latest: float | None,
    baseline: float | None,
    target: float | None,
    *,
    band: Band | None = None,
) -> str | None:
    """Why closing a goal as achieved needs a second thought: its latest value has not
    reached the target (direction-aware, as on the board; inside a band), or there is none.
    None when it has, or when the goal has no target to reach."""
    if target is None:
        return None
    aim = fmt.goal_target(target, unit, band)
    if latest is None:
        return f"{key} has no value yet, short of {aim}"
    if meets(baseline, target, latest, band):
        return None
    where = "short of" if band is None else "outside"
    return f"{key} is at {fmt.value(latest, unit)}, {where} {aim}"
