"""Direction-aware progress maths: how far a goal has come, its pace and its status.

Pure functions, no textual and no I/O: "today" is always passed in.

Status rules (`evaluate`), first match wins:

1. The lead closed the goal: ACHIEVED, MISSED and ARCHIVED map straight across.
   An open goal whose start is after today is NOT_STARTED: no progress, pace or
   forecast yet (a value logged before the start is a baseline reading, not progress).
2. No check-in on or before today: OVERDUE when past due, else NO_DATA.
3. The latest value meets the target (inclusive, direction-aware): ACHIEVED. A band
   target is met while the value is inside the band, edges included.
4. Past the due date (due < today; the due day itself still counts): OVERDUE.
4b. A band goal whose value went past the band's far edge (AHT from 420 s to 280 s
   for 300..360 s), or left it when there is no side to come from (a baseline inside
   the band, or none): OUTSIDE ("outside band").
5. Baseline or target missing, so no fraction: NO_DATA.
6. With a due date, compare progress with pace (the elapsed share of start..due):
   fraction >= pace - ON_TRACK_SLACK -> ON_TRACK; >= pace - AT_RISK_SLACK -> AT_RISK;
   else BEHIND. Progress is the clamped fraction so a noisy first week that dips just
   below the baseline is not flagged while pace is still near zero.
7. Without a due date there is no pace: fraction >= NO_DUE_ON_TRACK -> ON_TRACK,
   no worse than the baseline -> AT_RISK, worse than the baseline -> BEHIND.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from goaltui.core import attention
from goaltui.core.models import Direction, Goal, GoalStatus, Point
from goaltui.core.targets import Band, band_fraction, inside, meets, overshot, reaches

ON_TRACK_SLACK = 0.10  # progress may trail pace by 10 points and still be "on track"
AT_RISK_SLACK = 0.25  # trailing by 10-25 points is amber, more is red
NO_DUE_ON_TRACK = 0.5  # without a due date, half way counts as on track
FORECAST_HORIZON_DAYS = 5 * 365  # a trend that needs longer than this is no forecast
SPARKLINE_DAYS = 30
_EPS = 1e-9


class Status(StrEnum):
    """What the board shows for a goal."""

    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    BEHIND = "behind"
    OVERDUE = "overdue"
    OUTSIDE = "outside band"  # a band goal past the band's far edge
    NO_DATA = "no data"
    NOT_STARTED = "not started"
    MISSED = "missed"
    ARCHIVED = "archived"


# "Sort by status": what needs the lead's attention first. NO_DATA sits between the
# red/amber states and ON_TRACK because an unlogged goal is a to-do, not a problem yet;
# a goal not started yet needs nothing today; closed goals (missed, archived) go last
# because nothing can be done about them now.
STATUS_ORDER: dict[Status, int] = {
    status: rank
    for rank, status in enumerate(
        (
            Status.OVERDUE,
            Status.BEHIND,
            Status.OUTSIDE,
            Status.AT_RISK,
            Status.NO_DATA,
            Status.ON_TRACK,
            Status.NOT_STARTED,
            Status.ACHIEVED,
            Status.MISSED,
            Status.ARCHIVED,
        )
    )
}


def progress_fraction(baseline: float, target: float, current: float) -> float:
    """Share of the way from baseline to target: 0.0 at baseline, 1.0 at target, unclamped.

    One formula serves both directions because the sign of (target - baseline) carries it:
    AHT 420 -> 360 at 390 gives 0.5, FCR 60 -> 80 at 70 gives 0.5. Negative means worse
    than the baseline, above 1 means past the target.
    When baseline == target ("hold the line") there is no distance to cover: the result
    is 1.0 when current is at or above it, else 0.0, matching Metric.direction, which
    calls an equal pair HIGHER.
    """
    span = target - baseline
    if span == 0:
        return 1.0 if current >= target else 0.0
    return (current - baseline) / span


def clamp01(x: float) -> float:
    """Clamp to 0..1 (NaN becomes 0 so a bar never breaks)."""
    if math.isnan(x):
        return 0.0
    return min(1.0, max(0.0, x))


def expected_fraction(start: date, due: date | None, today: date) -> float | None:
    """Pace: the elapsed share of start..due, clamped 0..1; None without a due date."""
    if due is None:
        return None
    total = (due - start).days
    if total <= 0:
        return 1.0
    return clamp01((today - start).days / total)


def _met(direction: Direction, target: float, value: float) -> bool:
    return reaches(direction is Direction.LOWER, target, value)


def target_met(goal: Goal, current: float) -> bool:
    """True when `current` reaches the target, inclusive and direction-aware.

    Without a baseline the direction is unknown, so only hitting the target counts.
    """
    return meets(goal.metric.baseline, goal.metric.target, current, goal.metric.band)


def band_forecast(points: Sequence[Point], band: Band, today: date) -> date | None:
    """forecast_date for a band: today while the latest value is inside it, else the day the
    trend reaches the edge nearer the latest value (coming back from an overshoot too)."""
    if not points:
        return None
    latest = points[-1].value
    low, high = band
    if inside(band, latest):
        return today
    above = latest > high
    edge = high if above else low
    direction = Direction.LOWER if above else Direction.HIGHER
    return forecast_date(points, edge, today, direction=direction)


def _fit(points: Sequence[Point]) -> tuple[float, float] | None:
    """Least squares over day numbers: (slope per day, fitted value on the last day)."""
    if len(points) < 2:
        return None
    xs = [float(p.day.toordinal()) for p in points]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(p.value for p in points) / len(points)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:  # every point on the same day: no trend
        return None
    sxy = sum((x - mean_x) * (p.value - mean_y) for x, p in zip(xs, points, strict=True))
    slope = sxy / sxx
    return slope, mean_y + slope * (xs[-1] - mean_x)


def trend_slope(points: Sequence[Point]) -> float | None:
    """Least-squares change per day over `points`; None with fewer than two days."""
    fit = _fit(points)
    return None if fit is None else fit[0]


def forecast_date(
    points: Sequence[Point],
    target: float,
    today: date,
    window: int = 30,
    direction: Direction | None = None,
) -> date | None:
    """The day the linear trend of the last `window` points reaches `target`.

    Returns today when the latest value already meets the target (with `direction`
    given; without it only an exact hit counts and the needed direction is taken from
    latest value -> target). None with fewer than two points, a flat trend, a trend
    moving away, or one that needs more than FORECAST_HORIZON_DAYS. A trend that
    crossed the target before today (stale or noisy data) forecasts today, never a
    past day.
    """
    recent = list(points[-window:]) if window > 0 else []
    if not recent:
        return None
    latest = recent[-1]
    if direction is not None and _met(direction, target, latest.value):
        return today
    gap = target - latest.value
    if direction is None and math.isclose(gap, 0.0, abs_tol=_EPS):
        return today
    fit = _fit(recent)
    if fit is None:
        return None
    slope, fitted = fit
    if abs(slope) < _EPS or (slope > 0) != (gap > 0):
        return None
    days = (target - fitted) / slope
    lead = (today - latest.day).days
    if days > FORECAST_HORIZON_DAYS + lead:
        return None
    crossing = latest.day + timedelta(days=max(0, math.ceil(days - 1e-6)))
    return max(crossing, today)


def sparkline_series(
    points: Sequence[Point], today: date, days: int = SPARKLINE_DAYS
) -> list[float]:
    """Observed values of the last `days` calendar days up to and including today, in order.

    Days without a check-in are skipped, not interpolated: the sparkline shows data.
    """
    first = today - timedelta(days=days - 1)
    return [p.value for p in points if first <= p.day <= today]


@dataclass(frozen=True)
class GoalProgress:
    """Everything the board and the detail view show about a goal's progress."""

    current: float | None
    current_day: date | None
    previous: float | None  # the check-in before the latest, for the change arrow
    fraction: float | None  # clamped 0..1; None without baseline, target or a check-in
    raw_fraction: float | None  # unclamped
    expected: float | None  # pace, None without a due date
    status: Status
    days_left: int | None  # due - today, negative when overdue
    forecast: date | None
    series: list[float] = field(default_factory=list)
    # The latest value is beyond ~2 standard deviations of the 30 before it (attention.py).
    unusual: attention.Unusual | None = None
    # An open goal whose latest value is `stale_days` working days old or more.
    stale: bool = False

    @property
    def percent(self) -> int | None:
        return None if self.fraction is None else round(self.fraction * 100)

    @property
    def expected_percent(self) -> int | None:
        return None if self.expected is None else round(self.expected * 100)


def _status(goal: Goal, current: float | None, fraction: float | None, today: date) -> Status:
    closed = {
        GoalStatus.ACHIEVED: Status.ACHIEVED,
        GoalStatus.MISSED: Status.MISSED,
        GoalStatus.ARCHIVED: Status.ARCHIVED,
    }
    if goal.status in closed:
        return closed[goal.status]
    if goal.start > today:
        return Status.NOT_STARTED
    overdue = goal.due is not None and goal.due < today
    if current is None:
        return Status.OVERDUE if overdue else Status.NO_DATA
    if target_met(goal, current):
        return Status.ACHIEVED
    if overdue:
        return Status.OVERDUE
    band = goal.metric.band
    if band is not None and overshot(goal.metric.baseline, band, current):
        return Status.OUTSIDE
    if fraction is None:
        return Status.NO_DATA
    shown = clamp01(fraction)
    expected = expected_fraction(goal.start, goal.due, today)
    if expected is None:
        if shown >= NO_DUE_ON_TRACK:
            return Status.ON_TRACK
        return Status.AT_RISK if fraction >= 0 else Status.BEHIND
    if shown >= expected - ON_TRACK_SLACK:
        return Status.ON_TRACK
    if shown >= expected - AT_RISK_SLACK:
        return Status.AT_RISK
    return Status.BEHIND


def evaluate(
    goal: Goal, points: Sequence[Point], today: date, stale_days: int = attention.STALE_DAYS
) -> GoalProgress:
    """Progress, pace, status, forecast and sparkline of one goal as of `today`, and
    whether its latest value is unusual and whether it went stale (`stale_days` working
    days without a value; 0 never).

    Check-ins dated after today are ignored (a frozen clock in a demo must not see them).
    """
    seen = sorted((p for p in points if p.day <= today), key=lambda p: p.day)
    latest = seen[-1] if seen else None
    current = latest.value if latest else None
    baseline, target, band = goal.metric.baseline, goal.metric.target, goal.metric.band
    waiting = goal.status is GoalStatus.ACTIVE and goal.start > today  # not started yet
    raw = None
    if current is not None and baseline is not None and target is not None and not waiting:
        if band is None:
            raw = progress_fraction(baseline, target, current)
        else:
            raw = band_fraction(baseline, band, current)
    forecast = None
    if goal.status is GoalStatus.ACTIVE and target is not None and not waiting:
        if band is None:
            forecast = forecast_date(seen, target, today, direction=goal.metric.direction)
        else:
            forecast = band_forecast(seen, band, today)
    return GoalProgress(
        current=current,
        current_day=latest.day if latest else None,
        previous=seen[-2].value if len(seen) >= 2 else None,
        fraction=None if raw is None else clamp01(raw),
        raw_fraction=raw,
        expected=None if waiting else expected_fraction(goal.start, goal.due, today),
        status=_status(goal, current, raw, today),
        days_left=None if goal.due is None else (goal.due - today).days,
        forecast=forecast,
        series=sparkline_series(seen, today),
        unusual=_unusual(goal, seen),
        stale=goal.status is GoalStatus.ACTIVE
        and not waiting
        and attention.stale(latest.day if latest else None, today, stale_days),
    )


def _unusual(goal: Goal, seen: Sequence[Point]) -> attention.Unusual | None:
    """The latest value against the UNUSUAL_WINDOW values before it (O(window))."""
    if len(seen) < 2:
        return None
    before = [p.value for p in seen[-attention.UNUSUAL_WINDOW - 1 : -1]]
    direction = goal.metric.direction
    lower = None if direction is None else direction is Direction.LOWER
    return attention.unusual(seen[-1].value, before, lower)
