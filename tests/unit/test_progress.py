"""Progress maths: what the board shows for a goal (bar, pace, status, forecast, sparkline)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from goaltui.core.models import Direction, Goal, GoalStatus, Metric, Point
from goaltui.core.progress import (
    STATUS_ORDER,
    Status,
    clamp01,
    evaluate,
    expected_fraction,
    forecast_date,
    progress_fraction,
    sparkline_series,
    target_met,
    trend_slope,
)

START = date(2025, 1, 1)
DUE = date(2025, 4, 11)  # 100 days after START: pace is easy to read
MID = START + timedelta(days=50)


def make_goal(**overrides: Any) -> Goal:
    """AHT 420 s -> 360 s (lower is better) over 100 days unless overridden."""
    metric = Metric(
        name="AHT",
        unit="s",
        baseline=overrides.pop("baseline", 420.0),
        target=overrides.pop("target", 360.0),
    )
    fields: dict[str, Any] = {
        "key": "aht-billing",
        "title": "Cut AHT for the billing queue",
        "metric": metric,
        "start": START,
        "due": DUE,
    }
    fields.update(overrides)
    return Goal(**fields)


def day(n: int) -> date:
    return START + timedelta(days=n)


def line(values: list[float], first: int = 0) -> list[Point]:
    return [Point(day(first + i), v) for i, v in enumerate(values)]


# --- progress_fraction -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (420, 360, 390, 0.5),  # AHT half way down
        (60, 80, 70, 0.5),  # FCR half way up
        (420, 360, 420, 0.0),
        (420, 360, 360, 1.0),
        (420, 360, 450, -0.5),  # worse than when we started
        (60, 80, 90, 1.5),  # beat the target
    ],
)
def test_fraction_both_directions(
    baseline: float, target: float, current: float, expected: float
) -> None:
    assert progress_fraction(baseline, target, current) == pytest.approx(expected)


def test_fraction_hold_goal_is_met_or_not() -> None:
    assert progress_fraction(80, 80, 80) == 1.0
    assert progress_fraction(80, 80, 85) == 1.0
    assert progress_fraction(80, 80, 79) == 0.0


def test_clamp01() -> None:
    assert [clamp01(x) for x in (-3.0, 0.25, 7.0, float("nan"))] == [0.0, 0.25, 1.0, 0.0]


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False)


@given(finite, finite, finite)
def test_clamped_fraction_is_a_valid_bar(baseline: float, target: float, current: float) -> None:
    assert 0.0 <= clamp01(progress_fraction(baseline, target, current)) <= 1.0


@given(finite, finite, finite, finite)
def test_moving_toward_target_never_lowers_progress(
    baseline: float, target: float, a: float, b: float
) -> None:
    assume(abs(target - baseline) > 1e-3)
    behind, ahead = sorted((a, b), reverse=target < baseline)  # `ahead` is nearer the target
    assert progress_fraction(baseline, target, ahead) >= progress_fraction(baseline, target, behind)


@given(finite, finite, finite)
def test_directions_are_mirror_images(baseline: float, target: float, current: float) -> None:
    assume(abs(target - baseline) > 1e-3)
    assert progress_fraction(baseline, target, current) == progress_fraction(
        -baseline, -target, -current
    )


# --- expected_fraction (pace) ------------------------------------------------------------


def test_pace() -> None:
    assert expected_fraction(START, None, MID) is None
    assert expected_fraction(START, DUE, MID) == 0.5
    assert expected_fraction(START, DUE, day(-5)) == 0.0  # not started yet
    assert expected_fraction(START, DUE, day(150)) == 1.0
    assert expected_fraction(START, START, MID) == 1.0  # due <= start


@given(st.integers(-400, 400), st.integers(-400, 400), st.integers(-50, 400))
def test_pace_is_bounded_and_never_goes_back(offset_a: int, offset_b: int, length: int) -> None:
    due = START + timedelta(days=length)
    early, late = sorted((offset_a, offset_b))
    pace_early = expected_fraction(START, due, day(early))
    pace_late = expected_fraction(START, due, day(late))
    assert pace_early is not None and pace_late is not None
    assert 0.0 <= pace_early <= pace_late <= 1.0


# --- target_met ----------------------------------------------------------------------------


def test_target_met_is_direction_aware_and_inclusive() -> None:
    aht = make_goal()
    assert target_met(aht, 360) and target_met(aht, 340)
    assert not target_met(aht, 361)
    fcr = make_goal(baseline=60, target=80)
    assert target_met(fcr, 80) and target_met(fcr, 95)
    assert not target_met(fcr, 79.9)
    assert target_met(make_goal(baseline=423, target=317.25), 317.25000000001)


def test_target_met_without_target_or_baseline() -> None:
    assert not target_met(make_goal(target=None), 100)
    no_baseline = make_goal(baseline=None)
    assert target_met(no_baseline, 360)
    assert not target_met(no_baseline, 300)  # direction unknown: only a hit counts


# --- forecast --------------------------------------------------------------------------------


def test_linear_series_forecasts_the_day_it_reaches_target() -> None:
    points = line([420 - 2 * i for i in range(10)])  # 2 s a day: 360 on day 30
    assert forecast_date(points, 360, day(9), direction=Direction.LOWER) == day(30)
    assert forecast_date(points, 360, day(9)) == day(30)  # direction inferred


@given(
    st.floats(min_value=-500, max_value=500, allow_nan=False),
    st.floats(min_value=0.05, max_value=20).map(lambda s: round(s, 2)),
    st.integers(2, 40),
    st.integers(1, 300),
    st.booleans(),
)
def test_forecast_of_perfect_line(
    start: float, slope: float, n: int, ahead: int, rising: bool
) -> None:
    step = slope if rising else -slope
    points = line([start + step * i for i in range(n)])
    today = points[-1].day
    target = start + step * (n - 1 + ahead)
    assert forecast_date(points, target, today) == today + timedelta(days=ahead)


def test_forecast_edge_cases() -> None:
    today = day(9)
    assert forecast_date([], 360, today) is None
    assert forecast_date([Point(today, 400)], 360, today) is None
    assert forecast_date(line([400] * 10), 360, today) is None  # flat
    assert forecast_date(line([400 + i for i in range(10)]), 360, today) is None  # away
    met = line([370, 365, 358])
    assert forecast_date(met, 360, day(2), direction=Direction.LOWER) == day(2)
    slow = line([420 - 0.01 * i for i in range(10)])  # 16 years to go
    assert forecast_date(slow, 360, today) is None
    # A trend that should have crossed while nobody logged forecasts today, not the past.
    assert forecast_date(line([420 - 2 * i for i in range(10)]), 360, day(60)) == day(60)


def test_trend_slope() -> None:
    assert trend_slope(line([10, 12, 14])) == pytest.approx(2.0)
    assert trend_slope([Point(START, 1), Point(START, 5)]) is None


# --- sparkline -------------------------------------------------------------------------------


def test_sparkline_shows_last_30_days_only() -> None:
    points = [Point(day(0), 1), Point(day(10), 2), Point(day(39), 3), Point(day(41), 9)]
    assert sparkline_series(points, day(40)) == [3]  # days 11..40; day 41 is in the future
    assert sparkline_series(points, day(40), days=31) == [2, 3]  # days 10..40
    assert sparkline_series(points, day(41), days=2) == [9]
    assert sparkline_series([], day(40)) == []


# --- evaluate / status -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "today", "status"),
    [
        (390, MID, Status.ON_TRACK),  # 50 % done at 50 % pace
        (395, MID, Status.ON_TRACK),  # 42 % vs 50 %: within 10 points of pace
        (402, MID, Status.AT_RISK),  # 30 % vs 50 %: within 25 points
        (408, MID, Status.BEHIND),  # 20 % vs 50 %
        (359, MID, Status.ACHIEVED),
        (380, day(101), Status.OVERDUE),
        (355, day(101), Status.ACHIEVED),  # met late is still met
        (421, day(3), Status.ON_TRACK),  # a noisy first week is not flagged
    ],
)
def test_status_shown_on_board(value: float, today: date, status: Status) -> None:
    assert evaluate(make_goal(), [Point(today, value)], today).status is status


def test_no_checkins() -> None:
    progress = evaluate(make_goal(), [], MID)
    assert progress.status is Status.NO_DATA
    assert progress.current is None and progress.fraction is None and progress.percent is None
    assert progress.forecast is None and progress.series == []
    assert progress.expected_percent == 50 and progress.days_left == 50
    assert evaluate(make_goal(), [], day(105)).status is Status.OVERDUE


def test_single_checkin() -> None:
    progress = evaluate(make_goal(), [Point(MID, 405)], MID)
    assert progress.current == 405 and progress.previous is None
    assert progress.percent == 25 and progress.forecast is None
    assert progress.series == [405]


def test_closed_goals_keep_their_status() -> None:
    for goal_status, shown in [
        (GoalStatus.ACHIEVED, Status.ACHIEVED),
        (GoalStatus.MISSED, Status.MISSED),
        (GoalStatus.ARCHIVED, Status.ARCHIVED),
    ]:
        progress = evaluate(make_goal(status=goal_status), [Point(MID, 418)], day(200))
        assert progress.status is shown
        assert progress.forecast is None


def test_missing_baseline_or_target_shows_no_data() -> None:
    for goal in (make_goal(baseline=None), make_goal(target=None)):
        progress = evaluate(goal, [Point(MID, 400)], MID)
        assert progress.status is Status.NO_DATA
        assert progress.fraction is None and progress.current == 400


def test_without_due_date_progress_alone_decides() -> None:
    def status(value: float) -> Status:
        return evaluate(make_goal(due=None), [Point(MID, value)], MID).status

    assert status(385) is Status.ON_TRACK  # 58 %
    assert status(410) is Status.AT_RISK  # 17 %, still better than baseline
    assert status(425) is Status.BEHIND  # worse than baseline
    assert evaluate(make_goal(due=None), [], MID).days_left is None


def test_evaluate_details() -> None:
    points = line([420 - 2 * i for i in range(10)], first=40)
    future = Point(day(90), 300)  # logged ahead of a frozen clock: ignored
    progress = evaluate(make_goal(), [*points, future], day(49))
    assert progress.current == 402 and progress.previous == 404
    assert progress.current_day == day(49)
    assert progress.raw_fraction == pytest.approx(0.3)
    assert progress.percent == 30 and progress.expected_percent == 49
    assert progress.status is Status.AT_RISK
    assert progress.forecast == day(70)
    assert progress.series == [420 - 2 * i for i in range(10)]


def test_worse_than_baseline_shows_zero_bar() -> None:
    progress = evaluate(make_goal(), [Point(MID, 450)], MID)
    assert progress.fraction == 0.0 and progress.raw_fraction == pytest.approx(-0.5)
    assert progress.status is Status.BEHIND


def test_status_order_puts_problems_first() -> None:
    assert set(STATUS_ORDER) == set(Status)
    ranked = sorted(Status, key=STATUS_ORDER.__getitem__)
    assert ranked[:4] == [Status.OVERDUE, Status.BEHIND, Status.OUTSIDE, Status.AT_RISK]
    assert ranked.index(Status.ON_TRACK) < ranked.index(Status.ACHIEVED)
    assert ranked.index(Status.NO_DATA) < ranked.index(Status.NOT_STARTED)  # a to-do first
    assert ranked[-1] is Status.ARCHIVED


def test_a_goal_that_has_not_started_yet_says_so() -> None:
    goal = make_goal()
    before = goal.start - timedelta(days=3)
    # A baseline reading logged before the start is no progress: no %, no pace, no forecast.
    progress = evaluate(goal, [Point(before - timedelta(days=1), 420)], before)
    assert progress.status is Status.NOT_STARTED
    assert progress.percent is None and progress.expected is None and progress.forecast is None
    assert progress.current == 420 and progress.days_left == (DUE - before).days
    assert evaluate(goal, [], before).status is Status.NOT_STARTED  # not "no data"
    assert evaluate(goal, [], goal.start).status is Status.NO_DATA  # the first day counts
    closed = goal.model_copy(update={"status": GoalStatus.ARCHIVED})
    assert evaluate(closed, [], before).status is Status.ARCHIVED  # the lead's word first


@given(
    st.lists(st.floats(min_value=0, max_value=1000, allow_nan=False), max_size=12),
    st.integers(-30, 200),
    st.sampled_from([(420.0, 360.0), (60.0, 80.0), (80.0, 80.0), (None, 360.0), (420.0, None)]),
)
def test_any_history_gives_a_drawable_row(
    values: list[float], offset: int, pair: tuple[float | None, float | None]
) -> None:
    baseline, target = pair
    points = [Point(day(7 * i), v) for i, v in enumerate(values)]
    progress = evaluate(make_goal(baseline=baseline, target=target), points, day(offset))
    seen = [p for p in points if p.day <= day(offset)]
    assert (progress.current is None) == (not seen)
    assert (progress.previous is None) == (len(seen) < 2)
    assert progress.percent is None or 0 <= progress.percent <= 100
    assert len(progress.series) <= 5  # weekly check-ins: at most 5 in 30 days
    if offset < 0:  # before the start: no progress or pace yet, whatever was logged
        assert progress.status is Status.NOT_STARTED
        assert progress.fraction is None and progress.expected is None
        return
    assert progress.expected is not None and 0.0 <= progress.expected <= 1.0
    if not seen:
        assert progress.status in {Status.NO_DATA, Status.OVERDUE}
