"""Pilot tests: `a` opens the highlighted goal's owner's scorecard, left/right step through
the owners, escape goes back; `v` opens the side-by-side view of the goal's metric."""

from __future__ import annotations

from typing import Any

from board_helpers import board, reloaded, screen_text
from scorecard_data import SAM, add_one_on_one
from textual.pilot import Pilot
from textual.widgets import DataTable
from waits import loaded, saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from goaltui.widgets.board import BoardTable
from screens.scorecard import ScorecardScreen
from screens.side_by_side import SideBySideScreen

OWNERS = ["Billing team", "Centre", "Maria Lopez", "Priya Shah", SAM, "Tom Becker"]


async def highlight(pilot: Pilot[Any], key: str) -> None:
    table = board(pilot.app).query_one(BoardTable)
    table.move_cursor(row=table.get_row_index(key))
    await pilot.pause()
    selected = board(pilot.app).selected
    assert selected is not None and selected.key == key


async def test_a_opens_the_owners_scorecard_and_arrows_step(
    demo_store: Store, clock: FixedClock
) -> None:
    add_one_on_one(demo_store)
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await highlight(pilot, "fcr-sam")
        await pilot.press("a")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        assert screen.card is not None and screen.card.owner == SAM
        assert screen.owners == OWNERS
        text = screen_text(app)
        assert "Scorecard 5/6: Sam Okafor · 2 goals: 1 behind, 1 on track" in text
        assert "fcr-sam: keep · shadow Maria on [billing] calls" in text  # plain, not markup
        assert "Last meeting: one-on-one, 2026-11-26" in text

        await pilot.press("right")
        await loaded(pilot)
        assert screen.card is not None and screen.card.owner == "Tom Becker"
        await pilot.press("right")  # round to the first
        await loaded(pilot)
        assert screen.card is not None and screen.card.owner == "Billing team"
        await pilot.press("left", "left")
        await loaded(pilot)
        assert screen.card is not None and screen.card.owner == SAM
        assert "Scorecard 5/6: Sam Okafor" in screen_text(app)

        await pilot.press("escape")
        await reloaded(pilot)
        board(app)


async def test_steps_typed_during_a_read_land_on_the_last_owner(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await highlight(pilot, "aht-maria")
        await pilot.press("a")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        await pilot.press("right", "right", "right")  # in one burst: reads overtaken
        await loaded(pilot)
        await reloaded(pilot)
        assert screen.owner == "Tom Becker"  # Maria (3/6), three steps on
        assert screen.card is not None and screen.card.owner == screen.owner


async def test_v_shows_every_agent_on_the_metric_worst_first(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await highlight(pilot, "aht-billing")  # a team goal: its agents are compared
        await pilot.press("v")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        assert [r.key for r in screen.rows] == ["aht-tom", "aht-maria"]
        text = screen_text(app)
        assert "AHT side by side: 2 agent goals · needs attention first" in text
        assert "0:54 to go" in text and "met by 0:09" in text
        assert "64d" in text  # the last column fits at 80: no sideways scrolling
        table = screen.query_one(DataTable)
        assert table.virtual_size.width <= 80
        await pilot.press("escape")
        await reloaded(pilot)
        board(app)


async def test_the_cursor_starts_on_the_boards_goal(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await highlight(pilot, "aht-maria")
        await pilot.press("v")
        await loaded(pilot)
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 1


async def test_help_lists_the_new_keys(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "board.scorecard" in text and "board.side_by_side" in text
