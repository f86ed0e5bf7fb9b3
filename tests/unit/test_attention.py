"""Unusual and stale values (core/attention.py): the rules, how they reach a goal's
evaluation and its status words, and `goaltui goals` / `goaltui board` with a stale goal.

Golden files in tests/unit/golden/ (regenerate with GOALTUI_UPDATE_GOLDEN=1, then read the diff).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner
from test_exporters import assert_golden

from goaltui.cli import main as cli
from goaltui.core.attention import (
    UNUSUAL_WINDOW,
    missed_days,
    stale,
    stale_words,
    unusual,
    working_days,
)
from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, GoalStatus, Metric, Point
from goaltui.core.progress import Status, evaluate
from goaltui.core.status_words import shown_counts, status_words
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY
from goaltui.store.store import Store

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 23) + timedelta(days=i) for i in range(7))
NEXT_MON, NEXT_TUE, NEXT_WED = (MON + timedelta(days=7 + i) for i in range(3))

# -- working days and stale ---------------------------------------------------------------


def test_working_days_skip_the_weekend() -> None:
    assert working_days(MON, FRI) == 5
    assert working_days(FRI, NEXT_MON) == 2  # Friday and Monday
    assert working_days(SAT, SUN) == 0
    assert working_days(TUE, MON) == 0  # an empty range


def test_working_days_match_counting_each_day() -> None:
    for start in range(7):
        first = MON + timedelta(days=start)
        for length in range(40):
            last = first + timedelta(days=length)
            days = (first + timedelta(days=i) for i in range(length + 1))
            assert working_days(first, last) == sum(d.weekday() < 5 for d in days)


def test_missed_days_leave_out_the_last_value_day_and_today() -> None:
    assert missed_days(FRI, NEXT_MON) == 0  # Friday's value, Monday morning: nothing missed
    assert missed_days(THU, NEXT_MON) == 1  # Friday
    assert missed_days(FRI, NEXT_WED) == 2  # Monday, Tuesday
    assert missed_days(THU, NEXT_WED) == 3  # Friday, Monday, Tuesday
    assert missed_days(TUE, TUE) == 0


def test_stale_after_three_working_days_not_three_calendar_days() -> None:
    assert not stale(FRI, NEXT_TUE)  # four calendar days, one working day missed
    assert not stale(FRI, NEXT_WED)  # two working days missed
    assert stale(FRI, NEXT_WED + timedelta(days=1))  # Monday to Wednesday
    assert stale(MON, FRI)  # Tuesday to Thursday
    assert not stale(TUE, FRI)


def test_stale_setting_none_and_zero() -> None:
    assert stale(FRI, NEXT_TUE, days=1)
    assert not stale(FRI, NEXT_TUE, days=2)
    assert not stale(MON - timedelta(days=365), FRI, days=0)  # 0: the mark is off
    assert not stale(None, FRI)  # no value at all reads "no data", not stale


def test_stale_words_say_since_when() -> None:
    assert stale_words(THU, NEXT_WED) == "stale: no value since Thu 26 Nov (3 working days)"
    assert stale_words(THU, NEXT_MON) == "stale: no value since Thu 26 Nov (1 working day)"
    assert stale_words(THU, NEXT_WED, short=True) == "stale since Thu 26 Nov"


# -- unusual --------------------------------------------------------------------------------

NOISY = [470.0, 480.0, 475.0, 465.0, 472.0, 478.0, 468.0, 474.0, 476.0, 471.0]  # mean 472.9


def test_usual_values_are_not_marked() -> None:
    assert unusual(480.0, NOISY, lower_is_better=True) is None
    assert unusual(465.0, NOISY, lower_is_better=False) is None


def test_far_values_are_good_or_bad_by_the_goal_direction() -> None:
    assert unusual(430.0, NOISY, lower_is_better=True) == "good"  # AHT far lower
    assert unusual(520.0, NOISY, lower_is_better=True) == "bad"
    assert unusual(520.0, NOISY, lower_is_better=False) == "good"  # FCR far higher
    assert unusual(430.0, NOISY, lower_is_better=False) == "bad"


def test_unknown_direction_or_short_history_marks_nothing() -> None:
    assert unusual(999.0, NOISY, lower_is_better=None) is None
    assert unusual(999.0, NOISY[:7], lower_is_better=True) is None  # fewer than 8 values
    assert unusual(999.0, NOISY[:8], lower_is_better=True) == "bad"


def test_a_flat_history_makes_any_real_change_unusual() -> None:
    flat = [16.0] * 20
    assert unusual(16.0, flat, lower_is_better=False) is None
    assert unusual(16.0 + 1e-12, flat, lower_is_better=False) is None  # float noise
    assert unusual(17.0, flat, lower_is_better=False) == "good"
    assert unusual(15.0, flat, lower_is_better=False) == "bad"


def test_only_the_last_30_values_count() -> None:
    # Wild values long ago would widen the spread; only the last 30 set what is usual.
    history = [100.0, 900.0] * 20 + NOISY * 3
    assert len(history[-UNUSUAL_WINDOW:]) == 30
    assert unusual(520.0, history, lower_is_better=True) == "bad"


# -- in a goal's evaluation ---------------------------------------------------------------


def fcr(**changes: object) -> Goal:
    metric = Metric(name="FCR", unit="%", baseline=60, target=80)
    fields = {"key": "fcr", "title": "FCR", "metric": metric, "start": date(2026, 6, 1)}
    return Goal.model_validate({**fields, "due": date(2027, 6, 1), **changes})


def weekdays_until(last: date, count: int, value: float = 70.0) -> list[Point]:
    days: list[date] = []
    day = last
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return [Point(d, value + (i % 3) - 1) for i, d in enumerate(reversed(days))]


def test_evaluate_marks_a_stale_goal_that_would_read_on_track() -> None:
    points = weekdays_until(MON, 40)
    fresh = evaluate(fcr(), points, TUE)
    assert fresh.status is Status.ON_TRACK and not fresh.stale
    late = evaluate(fcr(), points, FRI)  # Tuesday, Wednesday, Thursday passed without one
    assert late.stale and late.status is Status.ON_TRACK
    assert status_words(late) == "stale"
    assert not evaluate(fcr(), points, FRI, stale_days=4).stale
    assert not evaluate(fcr(status=GoalStatus.MISSED), points, FRI).stale  # closed goals
    assert not evaluate(fcr(), [], FRI).stale  # no value yet: "no data"


def test_a_stale_goal_behind_keeps_its_word() -> None:
    points = weekdays_until(MON, 40, value=61.0)
    progress = evaluate(fcr(), points, FRI)
    assert progress.status is Status.BEHIND and progress.stale
    assert status_words(progress) == "behind, stale"


def test_evaluate_marks_an_unusual_latest_value() -> None:
    points = weekdays_until(MON, 31)
    assert evaluate(fcr(), points, MON).unusual is None
    jump = [*points[:-1], Point(MON, 78.0)]
    assert evaluate(fcr(), jump, MON).unusual == "good"
    drop = [*points[:-1], Point(MON, 62.0)]
    assert evaluate(fcr(), drop, MON).unusual == "bad"


def test_summary_counts_a_stale_goal_as_stale_before_no_data() -> None:
    points = weekdays_until(MON, 40)
    progresses = [
        evaluate(fcr(), points, FRI),  # stale, on track
        evaluate(fcr(), points, TUE),  # on track
        evaluate(fcr(), weekdays_until(MON, 40, value=61.0), FRI),  # behind, stale
        evaluate(fcr(), [], FRI),  # no data
    ]
    assert shown_counts(progresses) == [
        (Status.BEHIND, 1),
        (None, 1),
        (Status.NO_DATA, 1),
        (Status.ON_TRACK, 1),
    ]


# -- the command line: the demo's fcr-billing has had no value since Thursday 19 November ----


def cli_out(*args: str | Path) -> str:
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_goals_lists_the_stale_goal_as_stale(demo_path: Path) -> None:
    text = cli_out("--db", demo_path, "goals")
    assert_golden("goals-stale.txt", text)
    [line] = [line for line in text.splitlines() if line.startswith("fcr-billing")]
    assert line.endswith("  stale")
    # Four working days missed (Fri, Mon, Tue, Wed): with --stale-days 5 it reads on track.
    later = cli_out("--db", demo_path, "goals", "--stale-days", "5")
    [line] = [line for line in later.splitlines() if line.startswith("fcr-billing")]
    assert line.endswith("  on track") and "stale" not in later


def test_text_board_marks_the_stale_goal(demo_path: Path) -> None:
    text = cli_out("--db", demo_path, "board", "--width", "100", "--ascii")
    assert_golden("board-100-stale.txt", text)
    assert text.startswith("11 goals: 1 overdue, 1 behind, 3 at risk, 1 stale, 4 on track")
    off = cli_out("--db", demo_path, "board", "--width", "100", "--stale-days", "0")
    assert "stale" not in off and "5 on track" in off


def test_a_bad_stale_days_is_one_line_and_exit_1(demo_path: Path) -> None:
    result = CliRunner().invoke(cli.main, ["--db", str(demo_path), "goals", "--stale-days", "-1"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("goaltui: error: ") and "--stale-days" in line


def test_the_demo_has_a_stale_goal_whatever_the_day_it_is_opened(tmp_path: Path) -> None:
    from goaltui.formats.demo import make_demo_copy

    for shift in range(7):  # every weekday the lead may start the demo on
        today = DEMO_TODAY + timedelta(days=shift)
        folder = tmp_path / str(shift)
        folder.mkdir()
        store = Store(make_demo_copy(today, folder), clock=FixedClock(DEMO_NOW))
        goals = {g.key: g for g in store.goals()}
        points = [Point(c.day, c.value) for c in store.checkins("fcr-billing")]
        assert evaluate(goals["fcr-billing"], points, today).stale, today


def test_checkin_row_marks_the_days_saved_value_and_says_so_in_the_hint() -> None:
    from goaltui.core.checkin_logic import CheckInRow, input_hint

    history = weekdays_until(FRI, 30)
    row = CheckInRow(goal=fcr(), history=history)
    assert row.unusual is None  # nothing saved for the day yet
    row.value = 79.0
    assert row.unusual == "good"
    assert input_hint(row, NEXT_MON).startswith(
        "saved 79% · unusual: far better than the last 30 days · type to replace"
    )
    row.value = 70.0
    assert row.unusual is None and "unusual" not in input_hint(row, NEXT_MON)
