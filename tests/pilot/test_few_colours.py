"""16- and 8-colour terminals: the apps switch to exact ANSI status colours, tests never do."""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.widgets import Digits
from waiting import run, settled

from goaltui.app.goal_app import make_app
from goaltui.app.wallboard import make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from goaltui.widgets.board import BoardTable
from screens.wallboard import CountTile

ROWS = {"kb-articles": "31", "fcr-sam": "31", "aht-tom": "33", "csat-priya": "32"}
ROWS["aht-maria"] = "32"


def sgr(colour: RichColor | None) -> str:
    assert colour is not None
    return ";".join(colour.downgrade(ColorSystem.STANDARD).get_ansi_codes())


def status_codes(app: App[None]) -> dict[str, str]:
    """The 16-colour SGR code of each demo row's status cell on the board."""
    table = app.screen.query_one(BoardTable)
    codes = {}
    for key in ROWS:
        cell = next(c for c in table.get_row(key) if isinstance(c, Text) and c.plain[1:2] == " ")
        assert isinstance(cell.style, Style)
        codes[key] = sgr(cell.style.color)
    return codes


async def test_a_headless_run_keeps_the_theme_whatever_term_says(
    demo_store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pilot and snapshot tests paint the same on any test runner's TERM."""
    monkeypatch.setenv("TERM", "xterm")
    app = make_app(demo_store, clock)
    async with run(app, (120, 40)):
        assert app.console.color_system == "standard" and not app.few_colours
        theme = app.current_theme.to_color_system().generate()
        assert app.theme_variables["text-error"] == theme["text-error"] != "#aa0000"


async def test_the_board_in_16_colours(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    app.use_few_colours()  # what run() does on a 16-colour terminal
    async with run(app, (120, 40)) as pilot:
        assert status_codes(app) == ROWS
        app.theme = "nord"  # another theme: the status colours stay
        await settled(pilot)
        assert app.theme_variables["text-error"] == "#aa0000"


async def test_the_wallboard_tiles_in_16_colours(demo_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(demo_store, clock)
    app.use_few_colours()
    async with run(app, (120, 40)):
        tiles = {t.status.value if t.status else "stale": t for t in app.wall.query(CountTile)}
        wanted = {"overdue": "31", "behind": "31", "at risk": "33", "on track": "32"}
        digits = {
            name: sgr(tiles[name].query_one(Digits).styles.color.rich_color) for name in wanted
        }
        borders = {n: sgr(tiles[n].styles.border_top[1].rich_color) for n in wanted}
        assert digits == borders == wanted
