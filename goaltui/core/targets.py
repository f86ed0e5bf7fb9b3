"""When a value meets a goal's target, and when it beats a goal's best: plain numbers in,
so the models, the progress maths and `goaltui log` (no pydantic) share one rule."""

from __future__ import annotations

import math
from collections.abc import Iterable

EPS = 1e-9
BEST_MIN_HISTORY = 5  # a personal best needs this many earlier values to mean anything


def lower_is_better(baseline: float | None, target: float | None) -> bool | None:
    """True when the target is below the baseline (AHT), False above (FCR); None unknown."""
    if baseline is None or target is None:
        return None
    return target < baseline


def meets(baseline: float | None, target: float | None, value: float) -> bool:
    """`value` reaches the target, inclusive and direction-aware (a hair of tolerance:
    relative targets are rounded, "-25%" of 423 s). Without a baseline the direction is
    unknown, so only hitting the target counts."""
    if target is None:
        return False
    lower = lower_is_better(baseline, target)
    if lower is None:
        return math.isclose(value, target, rel_tol=EPS, abs_tol=EPS)
    return reaches(lower, target, value)


def reaches(lower: bool, target: float, value: float) -> bool:
    """`value` is at or beyond `target` in the better direction (with the tolerance)."""
    tol = EPS * max(1.0, abs(target))
    return value <= target + tol if lower else value >= target - tol


def could_be_a_win(
    baseline: float | None, target: float | None, value: float, earlier: Iterable[float]
) -> bool:
    """A cheap necessary condition for any check-in win (target reached, a streak, a
    personal best): the value meets the target, or beats every earlier value of the goal
    after enough of them. When False, win detection can skip the value."""
    if meets(baseline, target, value):
        return True
    lower = lower_is_better(baseline, target)
    if lower is None:
        return False
    before = list(earlier)
    if len(before) < BEST_MIN_HISTORY:
        return False
    return value < min(before) if lower else value > max(before)
