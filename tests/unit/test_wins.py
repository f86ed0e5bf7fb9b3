"""The win detector's rules, recording wins once, kudos and the huddle Markdown."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from goaltui.core.clock import FixedClock
from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.models import Goal, GoalStatus, Level, Metric, Milestone, Point
from goaltui.core.wins import Kudos, Win, WinKind, detect_wins, this_week, wins_markdown
from goaltui.store.store import Store

TODAY = date(2026, 11, 26)


def aht(key: str = "aht-maria", owner: str = "Maria Lopez", level: Level = Level.AGENT) -> Goal:
    return Goal(
        key=key,
        title="Cut AHT",
        owner=owner,
        level=level,
        metric=Metric(name="AHT", unit="s", baseline=560, target=450),
        start=date(2026, 6, 1),
        due=date(2027, 1, 29),
    )


def days(*values: float, end: date = TODAY) -> list[Point]:
    first = end - timedelta(days=len(values) - 1)
    return [Point(first + timedelta(days=n), v) for n, v in enumerate(values)]


def kinds(wins: list[Win]) -> list[tuple[WinKind, date]]:
    return [(w.kind, w.day) for w in wins]


def test_reaching_the_target_is_a_win_on_the_first_day_it_is_met() -> None:
    goal = aht(level=Level.TEAM)  # a team goal: no personal bests
    wins = detect_wins([goal], {goal.key: days(500, 470, 450, 460)}, [], TODAY)
    assert kinds(wins) == [(WinKind.TARGET, TODAY - timedelta(days=1))]
    assert wins[0].text == "aht-maria reached its target: AHT 450 s (target 450 s)"
    assert wins[0].owner == "Maria Lopez"


def test_a_value_short_of_the_target_is_no_win() -> None:
    goal = aht(level=Level.TEAM)
    assert detect_wins([goal], {goal.key: days(520, 480, 451)}, [], TODAY) == []


def test_three_check_ins_in_a_row_beating_the_target_is_a_streak_win() -> None:
    goal = aht(level=Level.TEAM)
    wins = detect_wins([goal], {goal.key: days(449, 460, 448, 445, 440)}, [], TODAY)
    assert kinds(wins) == [
        (WinKind.TARGET, TODAY - timedelta(days=4)),
        (WinKind.STREAK, TODAY),  # 460 broke the first run; 448, 445, 440 made three
    ]
    assert "beat its target 3 check-ins in a row" in wins[1].text


def test_a_milestone_done_is_a_win_on_the_day_it_was_ticked() -> None:
    goal = aht()
    done = Milestone(
        goal=goal.key, title="Coaching", done=True, done_at=datetime(2026, 11, 20, 16, 0)
    )
    still_open = Milestone(goal=goal.key, title="Script")
    wins = detect_wins([goal], {}, [done, still_open], TODAY)
    assert kinds(wins) == [(WinKind.MILESTONE, date(2026, 11, 20))]
    assert wins[0].text == "Milestone done for aht-maria: Coaching"
    assert wins[0].id == f"milestone:{done.id}"


def test_an_agents_best_value_in_the_goals_direction_is_a_personal_best() -> None:
    goal = aht()
    # Five values of history, then 510 beats them all (lower is better for AHT).
    wins = detect_wins([goal], {goal.key: days(530, 520, 540, 525, 521, 510)}, [], TODAY)
    assert kinds(wins) == [(WinKind.BEST, TODAY)]
    assert wins[0].text == "Personal best for Maria Lopez: AHT 510 s"


def test_personal_bests_need_history_and_come_once_a_week() -> None:
    goal = aht()
    early = detect_wins([goal], {goal.key: days(530, 520, 510)}, [], TODAY)
    assert early == []  # too little history to call anything a best
    # 2026-11-23 is a Monday: 500 and 490 are both bests in the same week -> one win.
    series = days(530, 529, 528, 527, 526, 525, 520, 500, 490, end=date(2026, 11, 25))
    wins = detect_wins([goal], {goal.key: series}, [], TODAY)
    weeks = {w.day.isocalendar()[1] for w in wins}
    assert len(wins) == len(weeks) == 2


def test_a_team_goal_has_no_personal_best() -> None:
    goal = aht(key="aht-billing", owner="Billing team", level=Level.TEAM)
    assert detect_wins([goal], {goal.key: days(530, 520, 540, 525, 521, 510)}, [], TODAY) == []


def test_detection_is_stable_and_ignores_the_future() -> None:
    goal = aht(level=Level.TEAM)
    series = {goal.key: days(470, 440, 445, 430, end=TODAY + timedelta(days=1))}
    first = detect_wins([goal], series, [], TODAY)
    assert [w.id for w in first] == [w.id for w in detect_wins([goal], series, [], TODAY)]
    assert all(w.day <= TODAY for w in first)
    # 440 and 445 meet the target by today; the third value in a row is tomorrow's.
    assert kinds(first) == [(WinKind.TARGET, TODAY - timedelta(days=1))]


# -- the store records each win once --------------------------------------------------


def test_the_store_records_new_wins_once(empty_store: Store) -> None:
    goal = empty_store.add_goal(aht(level=Level.TEAM))
    for n, value in enumerate((480, 449, 447)):
        empty_store.log(goal.key, value, TODAY - timedelta(days=2 - n))
    new = empty_store.record_new_wins()
    assert kinds(new) == [(WinKind.TARGET, TODAY - timedelta(days=1))]
    assert empty_store.record_new_wins() == []  # no win twice
    empty_store.log(goal.key, 440, TODAY + timedelta(days=1))
    assert empty_store.record_new_wins() == []  # tomorrow's value is not seen today
    tomorrow = Store(empty_store.path, clock=FixedClock(datetime(2026, 11, 27, 9, 0)))
    assert [w.kind for w in tomorrow.record_new_wins()] == [WinKind.STREAK]
    assert [w.kind for w in empty_store.wins()] == [WinKind.STREAK, WinKind.TARGET]
    assert all(w.recorded_at is not None for w in empty_store.wins())


def test_a_milestone_ticked_twice_is_one_win(empty_store: Store) -> None:
    goal = empty_store.add_goal(aht())
    milestone = empty_store.add_milestone(goal.key, "Coaching")
    empty_store.set_milestone_done(milestone.id, True)
    assert [w.kind for w in empty_store.record_new_wins()] == [WinKind.MILESTONE]
    empty_store.set_milestone_done(milestone.id, False)
    empty_store.set_milestone_done(milestone.id, True)
    assert empty_store.record_new_wins() == []
    assert len(empty_store.wins()) == 1


def test_the_demo_data_has_this_weeks_wins(demo_store: Store) -> None:
    demo_store.record_new_wins()
    week = this_week(demo_store.wins(), [], TODAY)
    texts = [w.text for w in week if isinstance(w, Win)]
    assert "adherence-sam reached its target: Adherence 90.4% (target 90%)" in texts
    assert "aht-maria beat its target 3 check-ins in a row (AHT 441 s)" in texts
    assert [w.day for w in week] == sorted((w.day for w in week), reverse=True)


# -- kudos and the huddle Markdown ----------------------------------------------------


def test_kudos_are_kept_with_who_and_when(empty_store: Store) -> None:
    empty_store.add_goal(aht())
    kudos = empty_store.add_kudos("Maria Lopez", "Calm on a tough escalation", "aht-maria")
    assert empty_store.kudos() == [kudos]
    assert kudos.by == "lead"
    assert kudos.day == TODAY
    with pytest.raises(UnknownGoal):
        empty_store.add_kudos("Sam", "Nice", "no-such-goal")
    with pytest.raises(UserError):
        empty_store.add_kudos("Sam", "   ")


def test_wins_markdown_lists_this_weeks_wins_and_kudos_newest_first() -> None:
    def win(kind: WinKind, day: date, text: str) -> Win:
        return Win(id=f"{kind}:{day}", kind=kind, goal="g", owner="Maria Lopez", day=day, text=text)

    wins = [
        win(WinKind.TARGET, date(2026, 11, 24), "g reached its target"),
        win(WinKind.MILESTONE, date(2026, 11, 26), "Milestone done for g: Coaching"),
        win(WinKind.BEST, date(2026, 11, 1), "too old for this week"),
    ]
    kudos = [
        Kudos(agent="Sam Okafor", note="Great callbacks", by="dana", at=datetime(2026, 11, 25, 10))
    ]
    text = wins_markdown(wins, kudos, TODAY)
    assert text == (
        "# Wins 2026-11-20 to 2026-11-26\n"
        "\n"
        "## Wins\n"
        "\n"
        "- 2026-11-26 · Maria Lopez · Milestone done for g: Coaching\n"
        "- 2026-11-24 · Maria Lopez · g reached its target\n"
        "\n"
        "## Kudos\n"
        "\n"
        "- 2026-11-25 · Kudos for Sam Okafor: Great callbacks (from dana)\n"
    )
    assert "none yet" in wins_markdown([], [], TODAY)


def test_an_archived_goal_brings_no_wins() -> None:
    goal = aht(level=Level.TEAM).model_copy(update={"status": GoalStatus.ARCHIVED})
    assert detect_wins([goal], {goal.key: days(449, 448, 447)}, [], TODAY) == []
