"""SMART assessment: the letters, reasons and hints a lead sees in the goal form."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaltui.core.models import Goal, GoalStatus, Level, Metric, Point
from goaltui.core.smart import Assessment, Check, Grade, assess

TODAY = date(2025, 3, 1)


def make_goal(**overrides: Any) -> Goal:
    """A goal that passes all five letters unless overridden."""
    metric_fields = {"name": "AHT", "unit": "s", "baseline": 420.0, "target": 380.0}
    for name in list(metric_fields):
        if name in overrides:
            metric_fields[name] = overrides.pop(name)
    fields: dict[str, Any] = {
        "key": "aht-billing",
        "title": "Cut AHT for the billing queue",
        "details": "Billing team, inbound voice, day shift",
        "owner": "Team Billing",
        "why": "Long handle times drive queue waits and abandonment",
        "plan": "Weekly call reviews and a new billing knowledge article",
        "metric": Metric(**metric_fields),
        "start": TODAY,
        "due": TODAY + timedelta(days=90),
    }
    fields.update(overrides)
    return Goal(**fields)


def grade(letter: str, goal: Goal, points: list[Point] | None = None, **kw: Any) -> Grade:
    return assess(goal, points or [], TODAY, **kw).letter(letter).grade


def test_good_goal_scores_five() -> None:
    result = assess(make_goal(), [], TODAY)
    assert result.score == 5 and result.worst is Grade.PASS
    assert [c.letter for c in result.checks] == ["S", "M", "A", "R", "T"]
    assert [c.name for c in result.checks] == [
        "Specific",
        "Measurable",
        "Attainable",
        "Relevant",
        "Timely",
    ]
    assert all(c.hint == "" and c.reason for c in result.checks)
    assert result.letter("m").reason == "AHT: 7:00 -> 6:20."


def test_assessment_helpers() -> None:
    checks = (
        Check("S", "Specific", Grade.PASS, "ok", ""),
        Check("M", "Measurable", Grade.WARN, "no unit", "add one"),
    )
    assert Assessment(checks).worst is Grade.WARN and Assessment(checks).score == 1
    assert Assessment(()).worst is Grade.PASS
    with pytest.raises(KeyError):
        Assessment(checks).letter("T")


# --- S -----------------------------------------------------------------------------------


def test_specific() -> None:
    vague = assess(make_goal(title="Improve AHT", details=""), [], TODAY).letter("S")
    assert vague.grade is Grade.FAIL and "too short" in vague.reason and vague.hint
    assert grade("S", make_goal(title="Improve AHT")) is Grade.PASS  # details say the rest
    assert grade("S", make_goal(details="")) is Grade.WARN
    agent = make_goal(level=Level.AGENT, owner="team")
    assert assess(agent, [], TODAY).letter("S").reason == "No agent is named as owner."
    assert grade("S", make_goal(level=Level.AGENT, owner="Maria")) is Grade.PASS


# --- M -----------------------------------------------------------------------------------


def test_measurable() -> None:
    check = assess(make_goal(baseline=None), [], TODAY).letter("M")
    assert check.grade is Grade.FAIL and check.reason.startswith("No baseline:")
    assert check.hint == "Add a baseline (today's value) and a target, e.g. 7:00 -> 6:00 for AHT."
    both = assess(make_goal(baseline=None, target=None), [], TODAY).letter("M")
    assert "No baseline and target" in both.reason
    assert grade("M", make_goal(target=420.0)) is Grade.WARN
    assert grade("M", make_goal(unit="")) is Grade.WARN


# --- A -----------------------------------------------------------------------------------


def test_attainable_impossible_targets_fail() -> None:
    fcr = make_goal(name="FCR", unit="%", baseline=67.0, target=105.0)
    check = assess(fcr, [], TODAY).letter("A")
    assert check.grade is Grade.FAIL and "105%" in check.reason
    assert grade("A", make_goal(unit="min", baseline=2.0, target=-1.0)) is Grade.FAIL


def test_attainable_generic_bounds_without_history() -> None:
    assert grade("A", make_goal(target=300.0)) is Grade.PASS  # -29 % over 3 months
    quick = make_goal(target=300.0, due=TODAY + timedelta(days=30))  # -29 % in a month: fine
    assert grade("A", quick) is Grade.PASS
    rushed = make_goal(target=200.0, due=TODAY + timedelta(days=30))  # -52 % in a month
    assert "a month" in assess(rushed, [], TODAY).letter("A").reason
    leap = make_goal(name="Sales", unit="calls", baseline=10.0, target=25.0)
    assert assess(leap, [], TODAY).letter("A").reason == "A 150% change is a big leap."
    assert grade("A", make_goal(plan="")) is Grade.WARN
    assert grade("A", make_goal(baseline=None)) is Grade.WARN  # can't judge: not a fail


def history(per_day: float, days: int = 28, start: float = 420.0) -> list[Point]:
    first = TODAY - timedelta(days=days - 1)
    return [Point(first + timedelta(days=i), start - per_day * i) for i in range(days)]


def test_attainable_judged_against_own_history() -> None:
    # Improving 1 s a day; 380 s is 13 s away from today's 393 s.
    points = history(1.0)
    steady = make_goal(target=380.0, due=TODAY + timedelta(days=10))
    assert grade("A", steady, points) is Grade.PASS
    # The same 13 s in 5 days is 2.6 s a day: more than twice the best pace seen.
    rushed = make_goal(target=380.0, due=TODAY + timedelta(days=5))
    check = assess(rushed, points, TODAY).letter("A")
    assert check.grade is Grade.WARN
    assert check.reason == "Needs 0:18.2 a week; best so far: 0:07 a week."
    stuck = assess(steady, history(-0.5), TODAY).letter("A")
    assert stuck.reason.endswith("best so far: no improvement.")


def test_attainable_met_target_needs_nothing() -> None:
    assert grade("A", make_goal(), [Point(TODAY, 370.0)]) is Grade.PASS


# --- R -----------------------------------------------------------------------------------


def test_relevant() -> None:
    assert grade("R", make_goal(why="")) is Grade.FAIL
    aligned = make_goal(why="", parent="centre-aht")
    assert grade("R", aligned) is Grade.PASS
    assert grade("R", aligned, known_keys={"centre-aht"}) is Grade.PASS
    dangling = assess(aligned, [], TODAY, known_keys={"csat"}).letter("R")
    assert dangling.grade is Grade.WARN and "'centre-aht' doesn't exist" in dangling.reason


# --- T -----------------------------------------------------------------------------------


def test_timely() -> None:
    assert grade("T", make_goal(due=None)) is Grade.FAIL
    assert grade("T", make_goal(due=TODAY - timedelta(days=1))) is Grade.FAIL  # before start
    late = make_goal(start=TODAY - timedelta(days=60), due=TODAY - timedelta(days=3))
    check = assess(late, [], TODAY).letter("T")
    assert check.grade is Grade.WARN and check.reason == "Due date passed 3 days ago."
    assert grade("T", late.model_copy(update={"status": GoalStatus.ACHIEVED})) is Grade.PASS
    assert grade("T", make_goal(due=date(2026, 9, 2))) is Grade.WARN  # > 18 months
    assert grade("T", make_goal(due=date(2026, 9, 1))) is Grade.PASS


# --- properties --------------------------------------------------------------------------

values = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False) | st.none()


@given(
    baseline=values,
    target=values,
    due_in=st.integers(-400, 900) | st.none(),
    series=st.lists(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False), max_size=40),
    unit=st.sampled_from(["", "s", "%", "calls"]),
)
def test_any_goal_gets_five_readable_checks(
    baseline: float | None, target: float | None, due_in: int | None, series: list[float], unit: str
) -> None:
    due = None if due_in is None else TODAY + timedelta(days=due_in)
    goal = make_goal(baseline=baseline, target=target, unit=unit, due=due)
    points = [Point(TODAY - timedelta(days=2 * i), v) for i, v in enumerate(reversed(series))]
    result = assess(goal, points, TODAY)
    assert len(result.checks) == 5 and 0 <= result.score <= 5
    for check in result.checks:
        assert check.reason and "\n" not in check.reason
        assert (check.hint == "") == (check.grade is Grade.PASS)
