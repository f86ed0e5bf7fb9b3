"""The unusual and stale marks where a lead sees them: the board, the check-in, the detail
and the wallboard. In the demo fcr-sam's latest value (66%) is far better than its last 30
days, and fcr-billing has had no value since Thursday 19 November (four working days)."""

from __future__ import annotations

import re

from board_helpers import board, screen_text
from waiting import run, screen_is, settled, wait_until
from waits import saves_settled

from goaltui.app.goal_app import GoalApp, make_app
from goaltui.app.settings import Settings
from goaltui.app.wallboard import make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from goaltui.widgets.board import BoardTable
from screens.checkin import CheckInScreen
from screens.detail import DetailScreen
from screens.wallboard import CountTile


def line_of(text: str, key: str) -> str:
    return next(line for line in text.splitlines() if f" {key} " in line)


async def test_board_marks_the_stale_goal_and_the_unusual_value(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        await saves_settled(pilot)
        text = screen_text(app)
        assert re.search(r"fcr-billing .*73\.7→78% .* ◌ stale ", text)
        assert "66!→72%" in line_of(text, "fcr-sam") and "▼ behind" in line_of(text, "fcr-sam")
        assert "1 stale  4 on track" in text  # the summary counts it as stale, not on track
        # Sorted with the to-dos, after the goals at risk and before those on track.
        order = app.screen.query_one(BoardTable).order
        assert order.index("aht-billing") < order.index("fcr-billing") < order.index("csat-centre")
        board(app).query_one(BoardTable).move_cursor(row=order.index("fcr-billing"))
        await settled(pilot)
        assert "stale since Thu 19 Nov" in screen_text(app).splitlines()[-2]
        board(app).query_one(BoardTable).move_cursor(row=order.index("fcr-sam"))
        await settled(pilot)
        # At 80 columns the mark is said short, so the forecast keeps its place beside it.
        assert "unusually good · pace" in screen_text(app).splitlines()[-2]


async def test_ascii_board_marks_stale_in_plain_characters(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock, ascii=True)
    async with run(app) as pilot:
        await saves_settled(pilot)
        text = screen_text(app)
        assert "~ stale" in line_of(text, "fcr-billing") and "◌" not in text
        assert "66!→72%" in text


async def test_the_stale_days_setting_reaches_the_board(
    demo_store: Store, clock: FixedClock
) -> None:
    app = GoalApp(demo_store, clock, settings=Settings(stale_days=5))  # four days missed
    async with run(app) as pilot:
        await saves_settled(pilot)
        text = screen_text(app)
        assert "● on track" in line_of(text, "fcr-billing") and "stale" not in text


async def test_detail_says_what_the_marks_mean(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        await saves_settled(pilot)
        board(app).open_goal("fcr-sam")
        detail = await screen_is(pilot, DetailScreen)
        await wait_until(pilot, lambda: detail.data is not None, "the goal read")
        head = screen_text(app)
        assert "FCR now 66%! → target 72%" in head
        assert "! unusual: far better than the last 30 days" in head
        await pilot.press("escape")
        await saves_settled(pilot)
        board(app).open_goal("fcr-billing")
        detail = await screen_is(pilot, DetailScreen)
        await wait_until(pilot, lambda: detail.data is not None, "the goal read")
        head = screen_text(app)
        assert "◌ stale  FCR now 73.7%" in head
        assert "stale: no value since Thu 19 Nov (4 working days); on track on that value" in head


async def test_checkin_marks_an_unusual_value_as_it_is_saved(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock, start="checkin")
    async with run(app) as pilot:
        await saves_settled(pilot)
        screen = await screen_is(pilot, CheckInScreen)
        assert "✓ 66!" in line_of(screen_text(app), "fcr-sam")  # today's value, already in
        assert screen.table.current is not None and screen.table.current.key == "fcr-billing"
        await pilot.press("7", "9", "enter")  # far above 72-75%: good news
        await saves_settled(pilot)
        assert "✓ 79!" in line_of(screen_text(app), "fcr-billing")
        assert demo_store.checkins("fcr-billing")[-1].value == 79


async def test_wallboard_counts_and_marks_the_stale_goal(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_wallboard(demo_store, clock)
    async with run(app) as pilot:
        await settled(pilot)
        tile = app.wall.query_one("#count-stale", CountTile)
        assert tile.count == 1 and tile.display
        assert app.wall.query_one("#count-on-track", CountTile).count == 4
        text = screen_text(app)
        # 80 columns: the wall shows titles (fcr-billing is "Resolve more billing calls...").
        assert "◌ stale" in line_of(text, "Resolve more billing") and "66!→72%" in text


async def test_wallboard_hides_the_stale_tile_when_nothing_is_stale(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_wallboard(demo_store, clock, stale_days=0)
    async with run(app) as pilot:
        await settled(pilot)
        tile = app.wall.query_one("#count-stale", CountTile)
        assert tile.count == 0 and not tile.display
        assert app.wall.query_one("#count-on-track", CountTile).count == 5
