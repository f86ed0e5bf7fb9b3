"""When a value meets a goal's target, and when it beats a goal's best: plain numbers in,
so the models, the progress maths and `goaltui log` (no pydantic) share one rule.

A band target (AHT 300..360 s: too short hurts quality) is met while the value is inside
it, edges included; the goal's plain target is then the edge nearer the baseline
(`near_edge`), so direction and progress read from the baseline toward the band."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

EPS = 1e-9
BEST_MIN_HISTORY = 5  # a personal best needs this many earlier values to mean anything


def lower_is_better(baseline: float | None, target: float | None) -> bool | None:
    """True when the target is below the baseline (AHT), False above (FCR); None unknown."""
    if baseline is None or target is None:
        return None
    return target < baseline


Band = tuple[float, float]  # (low, high), low < high


def as_band(value: object) -> Band | None:
    """A stored band ([300, 360], two finite numbers, low < high) as a tuple; None for
    anything else (the write check and the model refuse those; readers stay calm)."""
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        return None
    low, high = value
    for edge in (low, high):
        if isinstance(edge, bool) or not isinstance(edge, int | float) or not math.isfinite(edge):
            return None
    return (float(low), float(high)) if low < high else None


def inside(band: Band, value: float) -> bool:
    """`value` is inside the band, edges included (with the same hair of tolerance)."""
    low, high = band
    return low - EPS * max(1.0, abs(low)) <= value <= high + EPS * max(1.0, abs(high))


def near_edge(baseline: float | None, band: Band) -> float:
    """The band's edge nearer the baseline: the plain target of a band goal. A baseline
    inside the band (a hold goal) takes its nearer edge too, the low one on a tie; with no
    baseline the low edge (the direction is unknown then, so the choice changes nothing
    but the number kept in `target`)."""
    low, high = band
    if baseline is None:
        return low
    return high if abs(high - baseline) < abs(baseline - low) else low


def overshot(baseline: float | None, band: Band, value: float) -> bool:
    """`value` is outside the band on the far side from a baseline outside it (AHT from
    420 s to 280 s for 300..360 s); for a baseline inside the band, or none, any value
    outside counts, since there is no side to come from."""
    if inside(band, value):
        return False
    low, high = band
    if baseline is None or inside(band, baseline):
        return True
    return value < low if baseline > high else value > high


def band_fraction(baseline: float, band: Band, current: float) -> float:
    """progress_fraction toward a band: 1.0 inside it; from a baseline outside, the share of
    the way to the nearer edge, and past the far edge it counts back down from 1 (as far
    past the far edge as the baseline was from the band reads 0). A baseline inside the
    band has no way to measure: 0.0 once the value leaves it."""
    if inside(band, current):
        return 1.0
    low, high = band
    if inside(band, baseline):
        return 0.0
    near, far = (high, low) if baseline > high else (low, high)
    if overshot(baseline, band, current):
        return 1.0 - abs(current - far) / abs(near - baseline)
    return (current - baseline) / (near - baseline)  # near != baseline: it is outside


def meets(
    baseline: float | None, target: float | None, value: float, band: Band | None = None
) -> bool:
    """`value` reaches the target, inclusive and direction-aware (a hair of tolerance:
    relative targets are rounded, "-25%" of 423 s). Without a baseline the direction is
    unknown, so only hitting the target counts. With a band: inside it (past the far
    edge is not met)."""
    if band is not None:
        return inside(band, value)
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
    baseline: float | None,
    target: float | None,
    value: float,
    earlier: Iterable[float],
    band: Band | None = None,
) -> bool:
    """A cheap necessary condition for any check-in win (target reached, a streak, a
    personal best): the value meets the target, or beats every earlier value of the goal
    after enough of them (band goals have no personal bests). When False, win detection
    can skip the value."""
    if meets(baseline, target, value, band):
        return True
    lower = lower_is_better(baseline, target)
    if lower is None or band is not None:
        return False
    before = list(earlier)
    if len(before) < BEST_MIN_HISTORY:
        return False
    return value < min(before) if lower else value > max(before)
