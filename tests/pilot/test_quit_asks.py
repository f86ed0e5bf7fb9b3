"""Pilot tests: every way out of the app (ctrl+q, the app's quit action, the palette's Quit)
asks what escape asks while a goal form or a review holds work not saved yet."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from board_helpers import new_minutes, screen_text
from screen_host import type_text
from textual.command import CommandPalette
from textual.pilot import Pilot
from waiting import press, run, screen_is, wait_until
from waits import saves_settled

from goaltui.app.goal_app import GoalApp, make_app
from goaltui.core.clock import FixedClock
from goaltui.core.minutes import Outcome
from goaltui.store.store import Store
from screens.dialogs import ConfirmScreen, TextPromptScreen
from screens.goal_form import GoalFormScreen
from screens.help import HelpScreen
from screens.review import LeaveReviewScreen, ReviewScreen

Quit = Callable[[Pilot[Any]], Awaitable[None]]


async def ctrl_q(pilot: Pilot[Any]) -> None:
    await press(pilot, "ctrl+q")


async def quit_action(pilot: Pilot[Any]) -> None:
    await pilot.app.run_action("quit")
    await saves_settled(pilot)


async def palette_quit(pilot: Pilot[Any]) -> None:
    await press(pilot, "ctrl+p")
    await screen_is(pilot, CommandPalette)
    await pilot.press(*"quit")
    await wait_until(
        pilot,
        lambda: "Quit the application as soon as possible" in screen_text(pilot.app),
        lambda: screen_text(pilot.app),
    )
    await press(pilot, "enter")


WAYS_OUT = pytest.mark.parametrize("way_out", [ctrl_q, quit_action, palette_quit])


def running(app: GoalApp) -> bool:
    return app.return_code is None and app.is_running


async def half_filled_form(pilot: Pilot[Any]) -> GoalFormScreen:
    await saves_settled(pilot)
    await press(pilot, "n")
    form = await screen_is(pilot, GoalFormScreen)
    await type_text(pilot, "Cut hold time")
    return form


@WAYS_OUT
async def test_quitting_from_a_half_filled_goal_form_asks_first(
    way_out: Quit, demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        form = await half_filled_form(pilot)
        await way_out(pilot)
        question = await screen_is(pilot, ConfirmScreen)
        assert question.question == "Discard your changes to this goal?"  # what escape asks
        await press(pilot, "n")  # keep editing
        assert running(app) and app.screen is form
        assert form.values().title == "Cut hold time"
        await way_out(pilot)
        await screen_is(pilot, ConfirmScreen)
        await press(pilot, "y")  # discard
        await wait_until(pilot, lambda: app.return_code is not None, "the app to quit")


async def test_quitting_from_an_untouched_form_or_the_board_quits_at_once(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        await saves_settled(pilot)
        await press(pilot, "n")
        await screen_is(pilot, GoalFormScreen)
        await press(pilot, "ctrl+q")
        await wait_until(pilot, lambda: app.return_code is not None, "the app to quit")


async def test_quitting_over_the_help_asks_about_the_form_beneath(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        form = await half_filled_form(pilot)
        await press(pilot, "f1")
        await screen_is(pilot, HelpScreen)
        await press(pilot, "ctrl+q")
        await screen_is(pilot, ConfirmScreen)
        assert app.screen_stack[-2] is form  # the help closed: asked over the form itself
        await press(pilot, "ctrl+q")  # again while asked: the same question, once
        await screen_is(pilot, ConfirmScreen)
        assert sum(isinstance(s, ConfirmScreen) for s in app.screen_stack) == 1
        await press(pilot, "escape")
        assert running(app) and app.screen is form


async def review_with_a_decision(pilot: Pilot[Any]) -> ReviewScreen:
    await saves_settled(pilot)
    await press(pilot, "r")
    screen = await screen_is(pilot, ReviewScreen)
    await saves_settled(pilot)
    await press(pilot, "k")  # keep: a decision not saved yet
    return screen


@WAYS_OUT
async def test_quitting_an_unsaved_review_asks_to_save_and_saves(
    way_out: Quit, demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        screen = await review_with_a_decision(pilot)
        key = screen.key
        await way_out(pilot)
        await screen_is(pilot, LeaveReviewScreen)  # "Save the minutes?", as escape asks
        await press(pilot, "escape")  # stay
        assert running(app) and app.screen is screen
        await way_out(pilot)
        await screen_is(pilot, LeaveReviewScreen)
        await press(pilot, "y")
        await screen_is(pilot, TextPromptScreen)  # attendees, asked at the first save
        await type_text(pilot, "Dana, Sam")
        await press(pilot, "enter")
        await screen_is(pilot, TextPromptScreen)  # the kind of meeting
        await press(pilot, "enter")
        await wait_until(pilot, lambda: app.return_code is not None, "the app to quit")
    [minutes] = new_minutes(demo_store)
    assert minutes.attendees == ["Dana", "Sam"]
    item = minutes.item(key or "")
    assert item is not None and item.outcome is Outcome.KEEP


async def test_quitting_a_review_without_saving_drops_the_minutes(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        await review_with_a_decision(pilot)
        await press(pilot, "ctrl+q")
        await screen_is(pilot, LeaveReviewScreen)
        await press(pilot, "n")
        await wait_until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert new_minutes(demo_store) == []


async def test_a_form_over_a_review_is_asked_first_then_the_review(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        review = await review_with_a_decision(pilot)
        await press(pilot, "a")  # adjust: the goal form over the review
        form = await screen_is(pilot, GoalFormScreen)
        await saves_settled(pilot)
        form.query_one("#why").focus()
        await type_text(pilot, " More.")
        await press(pilot, "ctrl+q")
        await screen_is(pilot, ConfirmScreen)
        await press(pilot, "y")  # discard the form's changes: the form closes ...
        await screen_is(pilot, LeaveReviewScreen)  # ... and the review is asked next
        assert app.screen_stack[-2] is review
        await press(pilot, "n")
        await wait_until(pilot, lambda: app.return_code is not None, "the app to quit")
