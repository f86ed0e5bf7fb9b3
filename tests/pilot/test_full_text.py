"""Enter on a row cut with "…" at 80 columns shows it in full: a ledger change in the goal
detail, a win or kudos in the wins list. Read-only; escape or enter closes it."""

from __future__ import annotations

from board_helpers import screen_text
from screen_host import ScreenHost
from textual.widgets import DataTable, Static
from waiting import press, screen_is
from waits import loaded, saves_settled, until

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.detail import DetailScreen
from screens.detail_checkins import ValuePromptScreen
from screens.full_text import FullTextScreen
from screens.wins import WinsScreen

REASON = "New product launch lengthens billing calls; agreed in 1:1"  # aht-tom's ledger
NOTE = (
    "Stayed late three evenings to clear the refund backlog, coached two new starters "
    "on the billing system and still hit every quality check [bold]this[/] week"
)


def body(screen: FullTextScreen) -> str:
    """The dialog's text as the lead reads it (wrapped lines joined again)."""
    lines = screen_text(screen.app).splitlines()
    return " ".join(" ".join(line.strip(" █").split()) for line in lines)


async def test_enter_on_a_ledger_change_shows_its_whole_reason(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(DetailScreen(demo_store, clock, "aht-tom"))
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await screen_is(pilot, DetailScreen)
        await until(pilot, lambda: detail.data is not None, "the detail's read")
        await press(pilot, "4")
        assert REASON not in screen_text(app), "cut at 80 columns"
        await press(pilot, "enter")
        dialog = await screen_is(pilot, FullTextScreen)
        assert dialog.text.title.startswith("aht-tom: target changed on 2026-")
        assert ("reason", REASON) in dialog.text.lines
        assert "change 7:30 → 8:00" in body(dialog)
        assert f"reason {REASON}" in body(dialog)
        await press(pilot, "enter")
        assert await screen_is(pilot, DetailScreen) is detail
        await press(pilot, "4", "enter", "escape")  # escape closes it too
        assert await screen_is(pilot, DetailScreen) is detail


async def test_enter_on_the_check_in_tab_still_edits_the_value(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(DetailScreen(demo_store, clock, "aht-tom"))
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await screen_is(pilot, DetailScreen)
        await until(pilot, lambda: detail.data is not None, "the detail's read")
        await press(pilot, "2", "enter")
        await screen_is(pilot, ValuePromptScreen)


async def test_enter_on_an_empty_ledger_opens_nothing(demo_store: Store, clock: FixedClock) -> None:
    app = ScreenHost(DetailScreen(demo_store, clock, "aht-billing"))  # no target changes
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await screen_is(pilot, DetailScreen)
        await until(pilot, lambda: detail.data is not None, "the detail's read")
        await press(pilot, "4", "enter")
        await saves_settled(pilot)
        assert pilot.app.screen is detail
        assert "no target changes yet" in screen_text(app)


async def test_enter_on_a_kudos_or_a_win_shows_it_in_full_as_plain_text(
    demo_store: Store, clock: FixedClock
) -> None:
    demo_store.add_kudos("Sam Okafor", NOTE, "fcr-sam")
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await press(pilot, "w")
        await loaded(pilot)
        wins = app.screen
        assert isinstance(wins, WinsScreen)
        assert NOTE not in screen_text(app), "cut at 80 columns"
        await press(pilot, "enter")  # the kudos, newest, on top
        dialog = await screen_is(pilot, FullTextScreen)
        assert dialog.text.title.startswith("Kudos, Thu 26 Nov 2026")
        assert f"note {NOTE}" in body(dialog), "the markup is shown as typed"
        assert "for Sam Okafor" in body(dialog) and "goal fcr-sam" in body(dialog)
        await press(pilot, "escape")
        await screen_is(pilot, WinsScreen)
        await press(pilot, "down", "enter")
        dialog = await screen_is(pilot, FullTextScreen)
        win = wins.items[1]
        assert dialog.query_one(".dialog-title", Static).content == dialog.text.title
        assert ("win", getattr(win, "text", "")) in dialog.text.lines
        await press(pilot, "enter")
        await screen_is(pilot, WinsScreen)
        assert wins.query_one(DataTable).cursor_row == 1, "back where it was"
