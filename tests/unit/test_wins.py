"""The win detector's rules, recording wins once, kudos and the huddle Markdown."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from goaltui.core.clock import FixedClock
from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.minutes import Minutes, Outcome, ReviewItem
from goaltui.core.models import Goal, GoalStatus, Level, Metric, Milestone, Point
from goaltui.core.wins import (
    Kudos,
    Win,
    WinKind,
    detect_wins,
    legacy_ids,
    this_week,
    wins_markdown,
)
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY, make_demo_copy
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
    assert wins[0].text == "aht-maria reached its target: AHT 7:30 (target 7:30)"
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
    assert wins[0].text == "Personal best for Maria Lopez: AHT 8:30"


def test_personal_bests_need_history_and_come_once_a_week() -> None:
    goal = aht()
    early = detect_wins([goal], {goal.key: days(530, 520, 510)}, [], TODAY)
    assert early == []  # too little history to call anything a best
    # Five values of history, then a new best every day for ten days: a win on the first
    # day and another a week later, not ten.
    series = days(540, 541, 542, 543, 544, *range(530, 520, -1))
    wins = detect_wins([goal], {goal.key: series}, [], TODAY)
    first = TODAY - timedelta(days=9)
    assert kinds(wins) == [(WinKind.BEST, first), (WinKind.BEST, first + timedelta(days=7))]
    assert wins[0].id == f"best:maria lopez:aht:lower:{first.isoformat()}"


def test_wins_do_not_depend_on_the_calendar() -> None:
    """The same data moved in time has the same wins, moved with it (the demo is shifted to
    end today): no rule looks at weekdays or calendar weeks."""
    goal = aht()
    values = (540, 541, 542, 543, 544, *range(530, 500, -1), 449, 448, 447)
    base = [
        (w.kind, (TODAY - w.day).days, w.text)
        for w in detect_wins([goal], {goal.key: days(*values)}, [], TODAY)
    ]
    assert len(base) > 3
    for shift in (1, 3, 6, 100):
        later = TODAY + timedelta(days=shift)
        moved = detect_wins([goal], {goal.key: days(*values, end=later)}, [], later)
        assert [(w.kind, (later - w.day).days, w.text) for w in moved] == base


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


def test_unticking_a_milestone_withdraws_its_win(empty_store: Store) -> None:
    goal = empty_store.add_goal(aht())
    milestone = empty_store.add_milestone(goal.key, "Coaching")
    empty_store.set_milestone_done(milestone.id, True)
    assert [w.kind for w in empty_store.record_new_wins()] == [WinKind.MILESTONE]
    empty_store.set_milestone_done(milestone.id, False)  # ticked by mistake
    assert empty_store.wins() == []
    assert empty_store.record_new_wins() == []  # and it does not come back by itself
    # Ticked again (a day later): one win again, on the day it was done.
    later = Store(empty_store.path, clock=FixedClock(datetime(2026, 11, 27, 9, 0)))
    later.set_milestone_done(milestone.id, True)
    assert kinds(later.record_new_wins()) == [(WinKind.MILESTONE, date(2026, 11, 27))]
    assert later.record_new_wins() == []
    assert len(later.wins()) == 1


def test_a_shifted_demo_records_no_win_twice(tmp_path: Path) -> None:
    """`goaltui --demo` shifts every date to end today: whatever the shift, detecting the
    wins again (as a check-in of every goal would) finds only what is recorded already."""
    for shift in (0, 1, 3, 6, 100):
        today = DEMO_TODAY + timedelta(days=shift)
        folder = tmp_path / str(shift)
        folder.mkdir()
        clock = FixedClock(datetime.combine(today, DEMO_NOW.time()))
        store = Store(make_demo_copy(today, folder), clock=clock, user="lead")
        assert store.record_new_wins([g.key for g in store.goals()]) == [], shift
        lines = wins_markdown(store.wins(), store.kudos(), today).splitlines()
        listed = [line for line in lines if line.startswith("- 20")]
        assert len(listed) == len(set(listed)) == 6, shift
        assert sum("Personal best for Sam Okafor: FCR 66%" in line for line in listed) == 1


def test_a_best_recorded_under_a_week_id_is_not_recorded_again(empty_store: Store) -> None:
    """Files written before the day-based ids keep "best:...:<YYYY-Www>" (the first best of
    an ISO week): a best detected in such a week is the one on record."""
    goal = empty_store.add_goal(aht())
    for n, value in enumerate((540, 541, 542, 543, 544, 530)):
        empty_store.log(goal.key, value, TODAY - timedelta(days=5 - n))
    [best] = detect_wins([goal], {goal.key: days(540, 541, 542, 543, 544, 530)}, [], TODAY)
    year, week, _ = TODAY.isocalendar()
    old_id = f"best:maria lopez:aht:lower:{year}-W{week:02d}"
    assert legacy_ids(best) == (old_id,)
    old = best.model_copy(update={"id": old_id, "recorded_at": DEMO_NOW})
    with empty_store._file.write() as tx:  # as an older goaltui wrote it
        tx.table("wins")[old_id] = old.model_dump(mode="json")
    assert empty_store.record_new_wins([goal.key]) == []
    assert [w.id for w in empty_store.wins()] == [old_id]  # still read, still listed


def test_the_demo_data_has_this_weeks_wins(demo_store: Store) -> None:
    demo_store.record_new_wins()
    week = this_week(demo_store.wins(), [], TODAY)
    texts = [w.text for w in week if isinstance(w, Win)]
    assert "adherence-sam reached its target: Adherence 90.4% (target 90%)" in texts
    assert "aht-maria beat its target 3 check-ins in a row (AHT 7:21)" in texts
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


def test_minutes_that_celebrate_a_goal_thank_its_owner_once(empty_store: Store) -> None:
    goal = empty_store.add_goal(aht())
    item = ReviewItem(goal=goal.key, owner=goal.owner, outcome=Outcome.CELEBRATE, note="Early")
    minutes = Minutes(held_on=TODAY, kind="one-on-one", items=[item])
    empty_store.save_minutes(minutes)
    [kudos] = empty_store.kudos()
    assert (kudos.agent, kudos.goal, kudos.by) == ("Maria Lopez", goal.key, "lead")
    assert kudos.note == "Celebrated in the one-on-one of 2026-11-26: Early"
    later = Store(empty_store.path, clock=FixedClock(datetime(2026, 11, 26, 17, 0)))
    later.save_minutes(minutes)  # saved again: the same kudos, thanked when first saved
    assert later.kudos() == [kudos]
    kept = item.model_copy(update={"outcome": Outcome.KEEP})
    later.save_minutes(minutes.model_copy(update={"items": [kept]}))
    assert later.kudos() == []  # no longer celebrated: no longer thanked
    other = Minutes(held_on=TODAY, items=[item])
    later.save_minutes(other)  # another meeting's celebration is a kudos of its own
    assert [k.id for k in later.kudos()] == [f"celebrate:{other.id}:{goal.key}"]


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
