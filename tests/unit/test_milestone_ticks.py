"""Milestones that tick themselves: a value reaching a milestone's threshold ticks it, in the
same write, by every writer of values (the check-in, the detail's edit, `goaltui log`, the
import), attributed to whoever logged the value, with one win."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from goaltui.core.clock import FixedClock
from goaltui.core.errors import DataFileError, UserError
from goaltui.core.models import CheckIn, Goal, Level, Metric, Milestone
from goaltui.core.thresholds import reaches_threshold, threshold_label, threshold_lower
from goaltui.core.wins import WinKind, detect_wins
from goaltui.store.store import Store

TODAY = date(2026, 11, 26)


def callbacks(baseline: float = 30, target: float = 20) -> Goal:
    return Goal(
        key="crt-team",
        title="Call back sooner",
        owner="Floor team",
        level=Level.TEAM,
        metric=Metric(name="Call return", unit="h", baseline=baseline, target=target),
        start=date(2026, 6, 1),
        due=date(2027, 3, 31),
    )


@pytest.fixture
def store(empty_store: Store) -> Store:
    empty_store.add_goal(callbacks())
    return empty_store


def as_user(store: Store, user: str, when: datetime | None = None) -> Store:
    return Store(store.path, clock=FixedClock(when or datetime(2026, 11, 26, 9, 30)), user=user)


def milestone(store: Store, mid: str) -> Milestone:
    return next(m for m in store.milestones("crt-team") if m.id == mid)


# -- the rule ---------------------------------------------------------------------------


def test_a_threshold_is_reached_the_goals_way() -> None:
    lower = threshold_lower(30, 20, 22.5)  # call return time: lower is better
    assert lower is True
    assert reaches_threshold(lower, 22.5, 22.5)  # inclusive
    assert reaches_threshold(lower, 22.5, 21)
    assert not reaches_threshold(lower, 22.5, 22.6)
    higher = threshold_lower(70, 85, 80)  # FCR: higher is better
    assert higher is False
    assert reaches_threshold(higher, 80, 80.5) and not reaches_threshold(higher, 80, 79.9)
    # Without a target, the threshold's side of the baseline says it; without both, only
    # the threshold itself counts.
    assert threshold_lower(30, None, 25) is True
    assert threshold_lower(None, None, 25) is None
    assert reaches_threshold(None, 25, 25) and not reaches_threshold(None, 25, 24)


def test_a_threshold_reads_with_its_sign_and_unit() -> None:
    assert threshold_label(True, 22.5, "h") == "≤ 22.5 h"
    assert threshold_label(False, 80, "%") == "≥ 80%"
    assert threshold_label(False, 80, "%", ascii=True) == ">= 80%"
    assert threshold_label(True, 22.5, "h", ascii=True) == "<= 22.5 h"


# -- every writer ticks -------------------------------------------------------------------


def test_a_logged_value_that_reaches_the_threshold_ticks_it(store: Store) -> None:
    q1 = store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    q2 = store.add_milestone("crt-team", "Q2 callbacks", threshold=20)
    plain = store.add_milestone("crt-team", "Coach the night shift")
    maria = as_user(store, "maria")
    _, ticked = maria.log_ticking("crt-team", 24, TODAY - timedelta(days=2))
    assert ticked == []  # 24 h is not yet 22.5 h
    assert not milestone(store, q1.id).done
    checkin, ticked = maria.log_ticking("crt-team", 22.1, TODAY - timedelta(days=1))
    assert checkin.value == 22.1
    assert [m.title for m in ticked] == ["Q1 callbacks"]
    done = milestone(store, q1.id)
    assert (done.done, done.done_by, done.reached_on) == (True, "maria", TODAY - timedelta(days=1))
    assert done.done_at == datetime(2026, 11, 26, 9, 30)  # when maria logged it
    assert not milestone(store, q2.id).done and not milestone(store, plain.id).done


def test_only_the_first_reaching_value_ticks_and_a_done_one_is_left_alone(store: Store) -> None:
    q1 = store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    as_user(store, "maria").log("crt-team", 21, TODAY - timedelta(days=1))
    _, ticked = as_user(store, "sam", datetime(2026, 11, 26, 15, 0)).log_ticking(
        "crt-team", 19, TODAY
    )
    assert ticked == []
    done = milestone(store, q1.id)
    assert (done.done_by, done.reached_on) == ("maria", TODAY - timedelta(days=1))


def test_higher_is_better_goals_tick_upwards(empty_store: Store) -> None:
    fcr = Goal(
        key="fcr-sam",
        title="Solve more on the first call",
        owner="Sam",
        metric=Metric(name="FCR", unit="%", baseline=68, target=80),
        start=date(2026, 6, 1),
    )
    empty_store.add_goal(fcr)
    m = empty_store.add_milestone("fcr-sam", "Halfway", threshold=74)
    assert empty_store.log_ticking("fcr-sam", 73.9, TODAY - timedelta(days=1))[1] == []
    assert [t.id for t in empty_store.log_ticking("fcr-sam", 74, TODAY)[1]] == [m.id]


def test_the_detail_edit_ticks_too(store: Store) -> None:
    """The detail's correction of a value is a log of that day (Store.log)."""
    q1 = store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    store.log("crt-team", 25, TODAY - timedelta(days=3))
    assert not milestone(store, q1.id).done
    store.log("crt-team", 22, TODAY - timedelta(days=3))  # the right value was 22
    assert milestone(store, q1.id).reached_on == TODAY - timedelta(days=3)


def test_an_import_ticks_on_the_first_reaching_day(store: Store) -> None:
    q1 = store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    rows = [
        CheckIn(goal="crt-team", day=TODAY - timedelta(days=n), value=v)
        for n, v in ((4, 26), (3, 22), (2, 23), (1, 20))
    ]
    cron = as_user(store, "cron")
    logged = cron.log_many(rows)
    assert (logged.added, logged.changed, logged.unchanged) == (4, 0, 0)
    assert logged.ticked == (("crt-team", "Q1 callbacks"),)
    done = milestone(store, q1.id)
    assert (done.done_by, done.reached_on) == ("cron", TODAY - timedelta(days=3))


def test_a_value_refused_ticks_nothing(store: Store) -> None:
    q1 = store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    with pytest.raises(UserError):
        store.log("crt-team", 20, date(2026, 5, 1))  # before the goal starts
    assert not milestone(store, q1.id).done


# -- unticked by hand ---------------------------------------------------------------------


def test_unticked_by_hand_it_waits_for_a_new_reaching_value(store: Store) -> None:
    q1 = store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    store.log("crt-team", 2.2, TODAY - timedelta(days=1))  # a slip: 2.2 for 22
    assert milestone(store, q1.id).done
    store.log("crt-team", 24, TODAY - timedelta(days=1))  # corrected: the tick stays...
    store.set_milestone_done(q1.id, False)  # ...until the lead unticks it
    reopened = milestone(store, q1.id)
    assert (reopened.done, reopened.done_by, reopened.reached_on) == (False, None, None)
    store.log("crt-team", 23, TODAY)  # not there yet: stays open
    assert not milestone(store, q1.id).done
    store.log("crt-team", 22.4, TODAY)  # a new value that reaches it ticks it again
    assert milestone(store, q1.id).reached_on == TODAY


# -- the win --------------------------------------------------------------------------------


def test_a_reached_milestone_is_one_win_naming_who_logged_it(store: Store) -> None:
    store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    as_user(store, "maria").log("crt-team", 22, TODAY - timedelta(days=1))
    new = store.record_new_wins()
    reached = [w for w in new if w.kind is WinKind.REACHED]
    assert [(w.day, w.owner) for w in reached] == [(TODAY - timedelta(days=1), "Floor team")]
    assert reached[0].text == (
        "Milestone reached for crt-team: Q1 callbacks (Call return <= 22.5 h), by maria"
    )
    assert store.record_new_wins() == []  # recorded once
    store.log("crt-team", 21, TODAY)
    assert [w for w in store.record_new_wins() if w.kind is WinKind.REACHED] == []
    assert len([w for w in store.wins() if w.kind is WinKind.REACHED]) == 1


def test_a_title_that_says_the_threshold_is_not_repeated() -> None:
    goal = callbacks()
    m = Milestone(
        goal=goal.key,
        title="Q1: call return time <= 22.5 h",
        threshold=22.5,
        done=True,
        done_at=datetime(2026, 11, 26, 9, 0),
        done_by="maria",
        reached_on=TODAY,
    )
    (win,) = detect_wins([goal], {}, [m], TODAY)
    assert win.text == "Milestone reached for crt-team: Q1: call return time <= 22.5 h, by maria"


def test_a_hand_tick_stays_a_milestone_win(store: Store) -> None:
    q1 = store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    store.set_milestone_done(q1.id, True)
    assert [w.kind for w in store.record_new_wins()] == [WinKind.MILESTONE]


# -- the file ---------------------------------------------------------------------------------


def test_a_threshold_is_written_only_when_set(store: Store) -> None:
    store.add_milestone("crt-team", "Coach the night shift")
    store.add_milestone("crt-team", "Q1 callbacks", threshold=22.5)
    docs = json.loads(Path(store.path).read_text())["milestones"].values()
    by_title = {d["title"]: d for d in docs}
    assert "threshold" not in by_title["Coach the night shift"]
    assert "reached_on" not in by_title["Coach the night shift"]
    assert by_title["Q1 callbacks"]["threshold"] == 22.5


def test_a_threshold_must_be_a_number(store: Store) -> None:
    with pytest.raises(UserError, match="threshold"):
        store.add_milestone("crt-team", "Q1", threshold=float("nan"))
    path = Path(store.path)
    data = json.loads(path.read_text())
    data["milestones"] = {"m1": {"goal": "crt-team", "title": "Q1", "threshold": "22.5"}}
    path.write_text(json.dumps(data))
    with pytest.raises(DataFileError, match="bad milestone 'm1': threshold: must be a number"):
        store.log("crt-team", 22, TODAY)
