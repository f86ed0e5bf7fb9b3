"""The check-in's pure rules: row order, plausibility, day parsing and labels."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaltui.core.checkin_logic import (
    CheckInRow,
    Entry,
    build_rows,
    cycle_confidence,
    day_title,
    due_milestones,
    first_open_row,
    implausible,
    input_hint,
    input_title,
    last_label,
    progress_label,
    read_entry,
)
from goaltui.core.dates import parse_backfill
from goaltui.core.models import Confidence, Goal, Level, Metric, Milestone, Point
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Snapshot, Store

THU = DEMO_TODAY  # Thursday 26 Nov 2026


def goal(
    key: str = "aht", owner: str = "team", level: Level = Level.TEAM, **metric: float | None
) -> Goal:
    values = {"baseline": 480.0, "target": 420.0} | metric
    return Goal(
        key=key,
        title=f"Goal {key}",
        owner=owner,
        level=level,
        metric=Metric(name="AHT", unit="s", **values),
        start=date(2026, 1, 1),
    )


# -- rows and order -------------------------------------------------------------------


def test_rows_group_centre_and_team_owners_first_then_agents_alphabetically(
    demo_store: Store,
) -> None:
    rows = build_rows(demo_store.snapshot(), THU)
    assert [(r.goal.owner, r.key) for r in rows] == [
        ("Centre", "csat-centre"),
        ("Billing team", "adherence-billing"),
        ("Billing team", "aht-billing"),
        ("Billing team", "callback-billing"),
        ("Billing team", "fcr-billing"),
        ("Billing team", "kb-articles"),
        ("Priya Shah", "csat-priya"),
        ("Sam Okafor", "adherence-sam"),
        ("Sam Okafor", "fcr-sam"),
        ("Tom Becker", "aht-tom"),
    ]  # aht-maria is achieved, so it is not checked in
    assert [r.key for r in rows if r.first_of_owner] == [
        "csat-centre",
        "adherence-billing",
        "csat-priya",
        "adherence-sam",
        "aht-tom",
    ]


def test_an_owner_with_team_and_agent_goals_sorts_with_the_teams() -> None:
    goals = [
        goal("a-agent", owner="Zed", level=Level.AGENT),
        goal("b-agent", owner="Amy", level=Level.AGENT),
        goal("z-team", owner="Zed", level=Level.TEAM),
    ]
    snapshot = Snapshot(goals, {}, {}, None)
    assert [r.key for r in build_rows(snapshot, THU)] == ["a-agent", "z-team", "b-agent"]


def test_a_goal_not_started_on_the_day_is_not_listed() -> None:
    """Its values for that day would be refused (core/value_rules.day_problem)."""
    later = goal("later").model_copy(update={"start": THU})
    snapshot = Snapshot([goal(), later], {}, {}, None)
    assert [r.key for r in build_rows(snapshot, THU)] == ["aht", "later"]
    assert [r.key for r in build_rows(snapshot, THU - timedelta(days=1))] == ["aht"]


def test_row_splits_history_from_the_days_value() -> None:
    points = [Point(THU - timedelta(days=2), 450.0), Point(THU - timedelta(days=1), 440.0)]
    snapshot = Snapshot([goal()], {"aht": [*points, Point(THU, 430.0)]}, {}, None)
    [row] = build_rows(snapshot, THU)
    assert row.history == points
    assert row.value == 430.0
    assert row.sparkline(THU) == [450.0, 440.0, 430.0]
    [earlier] = build_rows(snapshot, THU - timedelta(days=1))
    assert earlier.history == points[:1]
    assert earlier.value == 440.0


def test_cursor_starts_on_the_first_goal_not_yet_logged() -> None:
    rows = [CheckInRow(goal(f"g{i}"), [], value=v) for i, v in enumerate([1.0, None, None])]
    assert first_open_row(rows) == 1
    assert first_open_row(rows[:1]) == 0
    assert first_open_row([]) == 0


# -- plausibility ---------------------------------------------------------------------

AHT_RECENT = [410.0, 470.0, 440.0, 455.0, 430.0]


def test_a_value_inside_the_recent_range_is_plausible() -> None:
    assert implausible(445, goal(), AHT_RECENT) is None
    assert implausible(395, goal(), AHT_RECENT) is None  # a good day, not a typo


def test_a_dropped_digit_asks_with_the_recent_range() -> None:
    assert implausible(62, goal(), AHT_RECENT) == (
        "1:02 is far from aht's recent range 6:50-7:50. Save anyway?"
    )
    assert implausible(4450, goal(), AHT_RECENT) is not None


def test_a_misplaced_decimal_point_is_caught_even_in_a_wide_range() -> None:
    fcr = goal("fcr", baseline=2.0, target=9.0)
    history = [2.0, 9.0, 5.0, 6.0]
    assert implausible(6.2, fcr, history) is None
    assert implausible(62, fcr, history) is not None
    assert implausible(0.62, fcr, history) is not None  # inside the range, but 10x too small


def test_the_wrong_sign_is_caught() -> None:
    message = implausible(-440, goal(), AHT_RECENT)
    assert message == "-7:20 is negative, but aht's values never are. Save anyway?"


def test_a_flat_series_still_allows_small_steps_and_reaching_the_target() -> None:
    articles = goal("kb", baseline=0.0, target=20.0)
    flat = [16.0] * 20
    assert implausible(17, articles, flat) is None
    assert implausible(20, articles, flat) is None  # the target is never suspicious
    assert implausible(160, articles, flat) is not None


def test_a_new_goal_is_judged_by_its_baseline_and_target() -> None:
    assert implausible(450, goal(), []) is None
    assert implausible(45, goal(), []) == (
        "0:45 is far from aht's expected range 7:00-8:00. Save anyway?"
    )
    assert implausible(12345, goal(baseline=None, target=None), []) is None  # nothing to judge by


def test_only_the_last_twenty_values_count() -> None:
    history = [1000.0] * 30 + [450.0] * 20
    assert implausible(1000, goal(), history) is not None


@given(
    st.lists(st.floats(min_value=0.01, max_value=1e5), min_size=3, max_size=25),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_values_between_recent_extremes_are_never_questioned(
    history: list[float], share: float
) -> None:
    recent = history[-20:]
    low, high = min(recent), max(recent)
    value = low + share * (high - low)
    # The 10x rule may still fire inside a very wide range, but never for a near neighbour.
    if max(value / low, high / value) < 8:
        assert implausible(value, goal(baseline=low, target=high), history) is None


def test_what_enter_means_for_the_typed_text() -> None:
    row = CheckInRow(goal(), [Point(THU - timedelta(days=1), v) for v in AHT_RECENT])
    assert read_entry(" 455 ", row) == Entry(455.0)
    assert read_entry("abc", row).error == "value must be a number, got 'abc'"
    assert read_entry("", row).error == "type a value, or tab to skip this goal"
    assert read_entry("62", row).question.startswith("1:02 is far from aht's recent range")
    assert read_entry("7:35", row) == Entry(455.0)  # a duration, as AHT is written
    assert read_entry("0:07:35", row) == Entry(455.0)
    assert (
        read_entry("5:75", row).error
        == "value '5:75': minutes and seconds run 00 to 59 (6:15, not 5:75)"
    )
    fcr = CheckInRow(goal().model_copy(update={"metric": Metric(name="FCR", unit="%")}), [])
    assert "m:ss is for a metric in seconds, this one is in '%'" in read_entry("5:24", fcr).error
    row.value = 455.0
    assert read_entry("", row) == Entry()  # already logged: Enter just moves on


# -- confidence, days and labels ------------------------------------------------------


def test_confidence_cycles_through_the_three_states_and_back_to_none() -> None:
    seen: list[Confidence | None] = [None]
    for _ in range(4):
        seen.append(cycle_confidence(seen[-1]))
    assert seen == [None, Confidence.ON_TRACK, Confidence.AT_RISK, Confidence.OFF_TRACK, None]


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("yesterday", date(2026, 11, 25)),
        ("-2d", date(2026, 11, 24)),
        ("2026-11-20", date(2026, 11, 20)),
        ("today", THU),
    ],
)
def test_back_fill_day_accepts_short_forms(typed: str, day: date) -> None:
    assert parse_backfill(typed, THU) == day


@pytest.mark.parametrize("typed", ["tomorrow", "+1d", "2026-12-01"])
def test_back_fill_refuses_the_future(typed: str) -> None:
    with pytest.raises(ValueError, match="in the future"):
        parse_backfill(typed, THU)


def test_back_fill_explains_a_bad_date() -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_backfill("last week", THU)


def test_day_labels() -> None:
    assert day_title(date(2026, 11, 25)) == "Check-in for Wed 25 Nov"
    assert day_title(date(2026, 11, 5)) == "Check-in for Thu 5 Nov"


def test_last_value_shows_its_day_unless_it_was_the_day_before() -> None:
    def row_with_last(day: date) -> CheckInRow:
        return CheckInRow(goal(), [Point(day, 473.0)])

    assert last_label(row_with_last(THU - timedelta(days=1)), THU) == "473"
    assert last_label(row_with_last(date(2026, 11, 20)), THU, "s") == "7:53 Fri"
    assert last_label(row_with_last(date(2026, 11, 12)), THU) == "473 12 Nov"
    assert last_label(CheckInRow(goal(), []), THU) == "—"


def test_input_names_the_goal_and_hints_the_last_value() -> None:
    row = CheckInRow(goal(), [Point(THU - timedelta(days=1), 473.0)])
    assert input_title(row) == "aht · AHT (m:ss)"  # typed as a duration (or seconds)
    assert input_hint(row, THU) == "last 7:53 · target 7:00 · value for Thu 26 Nov"
    row.confidence, row.note, row.value = Confidence.AT_RISK, "two agents off", 465.0
    assert input_title(row) == "aht · AHT (m:ss) · at risk · note: two agents off"
    assert input_hint(row, THU).startswith("saved 7:45")


def test_progress_label_flags_back_fill() -> None:
    rows = [CheckInRow(goal(), [], value=1.0), CheckInRow(goal("b"), [])]
    assert progress_label(rows, THU, THU) == "1 of 2 logged"
    assert progress_label(rows, THU - timedelta(days=1), THU) == "back-fill · 1 of 2 logged"


def test_due_milestones_are_open_and_due_today_or_earlier_most_overdue_first() -> None:
    def milestone(title: str, due: date | None, done: bool = False) -> Milestone:
        return Milestone(goal="aht", title=title, due=due, done=done)

    found = due_milestones(
        [
            milestone("later", THU + timedelta(days=1)),
            milestone("today", THU),
            milestone("done", THU - timedelta(days=9), done=True),
            milestone("no date", None),
            milestone("late", THU - timedelta(days=3)),
        ],
        THU,
    )
    assert [m.title for m in found] == ["late", "today"]


def test_a_milestone_is_overdue_only_when_open_and_past_its_due_day() -> None:
    def overdue(due: date | None, done: bool = False) -> bool:
        return Milestone(goal="aht", title="Coach holds", due=due, done=done).is_overdue(THU)

    assert overdue(THU - timedelta(days=1))
    assert not overdue(THU)  # the due day itself is still in time
    assert not overdue(THU + timedelta(days=1))
    assert not overdue(THU - timedelta(days=1), done=True)
    assert not overdue(None)
