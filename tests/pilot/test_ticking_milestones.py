"""Milestones that tick themselves, as a lead meets them: a threshold typed in the milestone
dialog, a check-in value that reaches it (a notice says so), the checklist showing it done
and by whom, and the detail's correction of a value ticking one too."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from screen_host import CheckInHost, ScreenHost, type_text
from textual.widgets import DataTable, Input, Static
from waiting import press, screen_is
from waits import loaded, saves_settled, until

from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, Level, Metric, Milestone
from goaltui.store.store import Store
from screens.checkin import CheckInScreen
from screens.detail import DetailScreen
from screens.detail_checkins import ValuePromptScreen
from screens.dialogs import MilestoneDialog
from screens.milestone_table import ticked_text
from screens.milestones import MilestonesScreen

TODAY = date(2026, 11, 26)
GOAL = "crt-team"


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Store:
    """One team goal on call return time (lower is better), last value 24 h yesterday."""
    store = Store(tmp_path / "goals.json", clock=clock, user="lead")
    metric = Metric(name="Call return", unit="h", baseline=30, target=20)
    store.add_goal(
        Goal(
            key=GOAL,
            title="Call back sooner",
            owner="Floor team",
            level=Level.TEAM,
            metric=metric,
            start=date(2026, 6, 1),
        )
    )
    for age, value in enumerate((24, 25, 24.5), start=1):
        store.log(GOAL, value, TODAY - timedelta(days=age))
    return store


def rows(screen: MilestonesScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]


def notices(app: CheckInHost | ScreenHost) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_threshold_typed_in_the_dialog_says_which_way_it_ticks(
    store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(MilestonesScreen(store, clock, GOAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        dialog = await screen_is(pilot, MilestoneDialog)
        await type_text(pilot, "Q1 callbacks")
        await pilot.press("tab", "tab")  # past the due date
        await type_text(pilot, "22.5")
        await pilot.pause()
        note = str(dialog.query_one("#threshold-note", Static).render())
        assert note == "ticks when Call return ≤ 22.5 h is logged"
        await pilot.press("enter")
        await saves_settled(pilot)
        screen = app.screen
        assert isinstance(screen, MilestonesScreen)
        assert rows(screen) == [["[ ]", "Q1 callbacks", "≤ 22.5 h", "", ""]]
    [added] = store.milestones(GOAL)
    assert added.threshold == 22.5


async def test_a_bad_threshold_keeps_the_dialog_open(store: Store, clock: FixedClock) -> None:
    app = ScreenHost(MilestonesScreen(store, clock, GOAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        dialog = await screen_is(pilot, MilestoneDialog)
        await type_text(pilot, "Q1 callbacks")
        await pilot.press("tab", "tab", "s", "o", "o", "n", "enter")
        await pilot.pause()
        assert app.screen is dialog
        error = str(dialog.query_one(".dialog-error", Static).render())
        assert error == "✗ threshold must be a number, got 'soon'"
        await pilot.press("escape")
    assert store.milestones(GOAL) == []


async def test_a_check_in_value_that_reaches_the_threshold_ticks_the_milestone(
    store: Store, clock: FixedClock
) -> None:
    store.add_milestone(GOAL, "Q1 callbacks", due=TODAY - timedelta(days=2), threshold=22.5)
    app = CheckInHost(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert screen.milestone_list.items[0].done is False  # overdue, listed as due
        await pilot.press("2", "2", "enter")
        await saves_settled(pilot)
        assert "Milestone ticked: Q1 callbacks (≤ 22.5 h)" in notices(app)
        assert not any(n.startswith("🎉 Milestone reached") for n in notices(app))  # said once
        # Ticked in the strip of due milestones, or gone from it once the screen re-read.
        assert not any(not item.done for item in screen.milestone_list.items)
    [ticked] = store.milestones(GOAL)
    assert (ticked.done, ticked.done_by, ticked.reached_on) == (True, "lead", TODAY)
    assert [w.text for w in store.wins()] == [
        "Milestone reached for crt-team: Q1 callbacks (Call return <= 22.5 h), by lead"
    ]
    # The checklist shows it done, and by whom.
    checklist = ScreenHost(MilestonesScreen(store, clock, GOAL))
    async with checklist.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = checklist.screen
        assert isinstance(screen, MilestonesScreen)
        assert rows(screen) == [
            ["[x]", "Q1 callbacks", "≤ 22.5 h", "2026-11-24", "done 2026-11-26 by lead"]
        ]
        summary = str(screen.query_one("#summary", Static).render())
        assert summary == "1 of 1 done"  # no longer overdue


async def test_a_value_short_of_the_threshold_ticks_nothing(
    store: Store, clock: FixedClock
) -> None:
    store.add_milestone(GOAL, "Q1 callbacks", threshold=22.5)
    app = CheckInHost(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await loaded(pilot)
        await pilot.press("2", "3", "enter")
        await saves_settled(pilot)
        assert not any("Milestone ticked" in n for n in notices(app))
    assert not store.milestones(GOAL)[0].done


async def test_correcting_a_value_in_the_detail_can_tick_it(
    store: Store, clock: FixedClock
) -> None:
    store.add_milestone(GOAL, "Q1 callbacks", threshold=22.5)
    app = ScreenHost(DetailScreen(store, clock, GOAL))
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await screen_is(pilot, DetailScreen)
        await until(pilot, lambda: detail.data is not None, "the detail's read")
        await press(pilot, "2", "enter")  # the newest value: 24 h yesterday
        prompt = await screen_is(pilot, ValuePromptScreen)
        assert prompt.query_one(Input).value == "24"
        await press(pilot, "ctrl+u")
        await type_text(pilot, "22")
        await press(pilot, "enter")
        await saves_settled(pilot)
        assert "Milestone ticked: Q1 callbacks (≤ 22.5 h)" in notices(app)
    [ticked] = store.milestones(GOAL)
    assert ticked.reached_on == TODAY - timedelta(days=1)


async def test_ascii_shows_plain_signs(store: Store, clock: FixedClock) -> None:
    store.add_milestone(GOAL, "Q1 callbacks", threshold=22.5)
    app = ScreenHost(MilestonesScreen(store, clock, GOAL))
    app.ascii_only = True  # type: ignore[attr-defined]  # what `--ascii` sets on the app
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, MilestonesScreen)
        assert rows(screen)[0][2] == "<= 22.5 h"


def test_the_notice_does_not_repeat_a_threshold_the_title_says() -> None:
    metric = Metric(name="Call return", unit="h", baseline=30, target=20)
    said = Milestone(goal=GOAL, title="Q1: call return <= 22.5 h", threshold=22.5)
    assert ticked_text(said, metric) == "Milestone ticked: Q1: call return <= 22.5 h"
    plain = Milestone(goal=GOAL, title="Q1 callbacks", threshold=22.5)
    assert ticked_text(plain, metric, ascii=True) == "Milestone ticked: Q1 callbacks (<= 22.5 h)"
