"""Hostile user text (markup, escape sequences, CR, BS, bidi) on every screen (issue 12).

A bracket in a metric name crashed every open session with MarkupError, "[billing]"
vanished from a title, and an ESC in a title reached the terminal. Each screen here is
opened on a data file full of such text: nothing crashes, the brackets are shown as
typed, and no control character is on the screen.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from board_helpers import screen_text
from hostile import BRACKET_METRIC, BRACKET_TITLE, make_hostile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import ComposeResult
from textual.command import CommandPalette
from textual.coordinate import Coordinate
from waiting import press, run, screen_is, wait_until
from waits import loaded, saves_settled

from goaltui.app.goal_app import make_app
from goaltui.app.wallboard import make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.core.text import is_printable
from goaltui.store.store import Store
from goaltui.widgets.plain_app import PlainApp
from goaltui.widgets.plain_table import PlainTable
from screens.checkin import CheckInScreen
from screens.detail import DetailScreen
from screens.help import HelpScreen
from screens.milestones import MilestonesScreen
from screens.review import ReviewScreen
from screens.tree import AlignmentScreen
from screens.wins import WinsScreen

SIZE = (120, 40)


@pytest.fixture
def hostile_store(demo_path: Path, clock: FixedClock) -> Store:
    return Store(make_hostile(demo_path), clock=clock, user="lead")


def assert_plain(text: str) -> None:
    assert is_printable(text, lines=True), [ch for ch in text if not is_printable(ch)][:5]


async def test_the_board_shows_brackets_as_typed(hostile_store: Store, clock: FixedClock) -> None:
    app = make_app(hostile_store, clock)
    async with run(app, SIZE) as pilot:
        await saves_settled(pilot)
        # 120 columns cut the title: "Reduce AHT [bil…"; the owners keep their "[/]".
        shown = BRACKET_TITLE[:15]
        await wait_until(pilot, lambda: shown in screen_text(app), lambda: screen_text(app))
        assert "Sam Okafor [/]" in screen_text(app)
        assert_plain(screen_text(app))


@pytest.mark.parametrize(
    ("keys", "kind"),
    [
        (("enter",), DetailScreen),
        (("c",), CheckInScreen),
        (("m",), MilestonesScreen),
        (("r",), ReviewScreen),
        (("t",), AlignmentScreen),
        (("w",), WinsScreen),
        (("question_mark",), HelpScreen),
    ],
)
async def test_every_screen_shows_hostile_text_plainly(
    hostile_store: Store, clock: FixedClock, keys: tuple[str, ...], kind: type
) -> None:
    app = make_app(hostile_store, clock)
    async with run(app, SIZE) as pilot:
        await saves_settled(pilot)
        await press(pilot, *keys)
        await screen_is(pilot, kind)
        if hasattr(app.screen, "loaded"):
            await loaded(pilot)
        await saves_settled(pilot)
        assert_plain(screen_text(app))
        assert app.is_running


async def test_every_detail_tab_shows_hostile_text_plainly(
    hostile_store: Store, clock: FixedClock
) -> None:
    app = make_app(hostile_store, clock)
    async with run(app, SIZE) as pilot:
        await saves_settled(pilot)
        await press(pilot, "enter")
        await screen_is(pilot, DetailScreen)
        for tab in "12345":
            await press(pilot, tab)
            await saves_settled(pilot)
            assert_plain(screen_text(app))


async def test_a_bracketed_metric_win_notice_does_not_crash(
    hostile_store: Store, clock: FixedClock
) -> None:
    """A co-user logs a value that is a win for the goal measured in "Escalations [/ week]":
    the notices (win and "changed by others") show it as typed."""
    app = make_app(hostile_store, clock)
    async with run(app, SIZE) as pilot:
        await saves_settled(pilot)
        first = hostile_store.goals()[0]
        other = Store(hostile_store.path, clock=clock, user="[/]")
        target = first.metric.target
        assert target is not None
        other.log(first.key, target, clock.today())
        shown = lambda: " ".join(str(n.message) for n in app._notifications)  # noqa: E731
        await wait_until(pilot, lambda: "[/]" in shown(), lambda: f"notices: {shown()!r}")
        assert app.is_running
        assert_plain(screen_text(app))
        assert BRACKET_METRIC in shown() or "[/]" in shown()


async def test_the_command_palette_lists_bracketed_owners(
    hostile_store: Store, clock: FixedClock
) -> None:
    """The palette parses prompts and help as markup: owners like "Sam Okafor [/]" and
    bracketed titles must be listed as typed."""
    app = make_app(hostile_store, clock)
    async with run(app, SIZE) as pilot:
        await saves_settled(pilot)
        await press(pilot, "ctrl+p")
        await screen_is(pilot, CommandPalette)
        await pilot.press(*"owner sam")
        await wait_until(
            pilot, lambda: "Sam Okafor [/]" in screen_text(app), lambda: screen_text(app)
        )
        await pilot.press(*["backspace"] * len("owner sam"), *"aht [bil")
        await wait_until(pilot, lambda: "[billing]" in screen_text(app), lambda: screen_text(app))
        assert_plain(screen_text(app))


async def test_the_wallboard_shows_hostile_text_plainly(
    hostile_store: Store, clock: FixedClock
) -> None:
    app = make_wallboard(hostile_store, clock, 15, False)
    async with run(app, SIZE) as pilot:
        await wait_until(pilot, lambda: "Centre [/]" in screen_text(app), lambda: screen_text(app))
        assert_plain(screen_text(app))


NASTY = st.text(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from("[]/\\\x1b\r\b\x07\u202e@=")),
    min_size=1,
    max_size=40,
)


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(message=NASTY, title=NASTY, cell=NASTY)
def test_any_text_in_a_notice_or_a_table_cell_is_shown_plainly(
    message: str, title: str, cell: str
) -> None:
    """Whatever a co-user typed: a notice and a table cell show it without a crash and
    without a control character reaching the screen."""

    class Host(PlainApp[None]):
        def compose(self) -> ComposeResult:
            yield PlainTable()

    async def run_it() -> None:
        app = Host()
        async with app.run_test(size=(80, 12)) as pilot:
            table = app.query_one(PlainTable)
            table.add_column(cell)
            table.add_row(cell, key="r")
            table.update_cell_at(Coordinate(0, 0), cell + "[/]")
            app.notify(message, title=title)
            await pilot.pause()
            assert app.is_running
            assert_plain(screen_text(app))

    asyncio.run(run_it())
