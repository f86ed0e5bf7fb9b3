"""Pilot tests: the close dialog (`x` on the board) applies only what the lead picked."""

from __future__ import annotations

from typing import Any

from board_helpers import board, screen_text
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static
from waiting import press, run, screen_is
from waits import saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.models import GoalStatus
from goaltui.store.store import Store
from screens.close_goal import CloseGoalScreen
from screens.dialogs import ConfirmScreen


async def open_close_dialog(pilot: Pilot[Any], key: str) -> CloseGoalScreen:
    screen = board(pilot.app)
    rows = [r.key for r in screen.shown]
    screen.query_one(DataTable).move_cursor(row=rows.index(key))
    await press(pilot, "x")
    return await screen_is(pilot, CloseGoalScreen)


def note(app: App[Any]) -> str:
    return str(app.screen.query_one(".dialog-note", Static).content)


async def test_enter_in_the_close_dialog_changes_nothing(
    demo_store: Store, clock: FixedClock
) -> None:
    async with run(make_app(demo_store, clock)) as pilot:
        dialog = await open_close_dialog(pilot, "fcr-sam")
        assert dialog.query_one(OptionList).highlighted == 0  # "leave it as it is"
        await press(pilot, "enter")
        await saves_settled(pilot)
        assert not isinstance(pilot.app.screen, CloseGoalScreen)
        assert demo_store.goal("fcr-sam").status is GoalStatus.ACTIVE


async def test_a_disabled_choice_says_why(demo_store: Store, clock: FixedClock) -> None:
    assert demo_store.goal("aht-maria").status is GoalStatus.ACHIEVED  # closed in the demo
    async with run(make_app(demo_store, clock)) as pilot:
        dialog = await open_close_dialog(pilot, "aht-maria")
        text = screen_text(pilot.app)
        assert "Achieved (it is already)" in text
        choices = dialog.query_one(OptionList)
        assert choices.get_option(GoalStatus.ACHIEVED.value).disabled
        await press(pilot, "a")
        assert pilot.app.screen is dialog, "the dialog stays open"
        assert note(pilot.app) == "aht-maria is achieved already."
        await press(pilot, "enter")  # the highlight is still on "leave it as it is"
        await saves_settled(pilot)
        assert demo_store.goal("aht-maria").status is GoalStatus.ACHIEVED
        await open_close_dialog(pilot, "aht-maria")
        await press(pilot, "o")  # reactivate: enabled, applied at once
        await saves_settled(pilot)
        assert demo_store.goal("aht-maria").status is GoalStatus.ACTIVE


async def test_achieved_short_of_the_target_asks_first(
    demo_store: Store, clock: FixedClock
) -> None:
    async with run(make_app(demo_store, clock)) as pilot:
        dialog = await open_close_dialog(pilot, "aht-tom")
        await press(pilot, "a")
        question = await screen_is(pilot, ConfirmScreen)
        assert question.question == (
            "aht-tom is at 8:54, short of 8:00: close it as achieved anyway?"
        )
        await press(pilot, "n")
        assert pilot.app.screen is dialog  # back to the choices, nothing applied
        assert demo_store.goal("aht-tom").status is GoalStatus.ACTIVE
        await press(pilot, "a")
        await screen_is(pilot, ConfirmScreen)
        await press(pilot, "y")
        await saves_settled(pilot)
        assert demo_store.goal("aht-tom").status is GoalStatus.ACHIEVED


async def test_achieved_on_a_goal_that_met_its_target_asks_nothing(
    demo_store: Store, clock: FixedClock
) -> None:
    demo_store.set_status("aht-maria", GoalStatus.ACTIVE)  # closed as achieved in the demo
    async with run(make_app(demo_store, clock)) as pilot:
        await open_close_dialog(pilot, "aht-maria")  # 441 s against a 450 s target
        await press(pilot, "a")
        await saves_settled(pilot)
        assert not isinstance(pilot.app.screen, (CloseGoalScreen, ConfirmScreen))
        assert demo_store.goal("aht-maria").status is GoalStatus.ACHIEVED
