"""The wallboard scales to its screen: titles at 80 columns, counts in a large font and
rows spaced out on a TV-sized terminal, so the board reads from across the room."""

from __future__ import annotations

import pytest
from board_helpers import screen_text
from textual.widgets import Digits
from waiting import run, settled

from goaltui.app.wallboard import make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from goaltui.widgets.block_digits import block_digits, wall_scale
from screens.wallboard import CountTile


def tile_lines(text: str, word: str) -> list[str]:
    """The screen lines of the count tiles (above the first line naming `word`)."""
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith(f" {word} "))
    return lines[1:end]


async def test_a_tv_sized_screen_draws_the_counts_five_rows_tall(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_wallboard(demo_store, clock)
    async with run(app, (160, 45)) as pilot:
        await settled(pilot)
        tile = app.wall.query_one("#count-at-risk", CountTile)
        assert tile.scale == 2 and not tile.query_one(Digits).display
        text = screen_text(app)
        # The tiles' rows: a border, five rows of digits, the status name, a border.
        assert len(tile_lines(text, "key")) == 8
        assert "██████" in text  # the "3" of at risk, two cells a pixel
        # Two blank lines between rows when the page has the room.
        rows = text.splitlines()
        first = next(i for i, line in enumerate(rows) if "kb-articles" in line)
        assert rows[first + 1].strip() == rows[first + 2].strip() == ""
        assert "fcr-sam" in rows[first + 3]


async def test_a_terminal_sized_screen_keeps_textuals_digits(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_wallboard(demo_store, clock)
    async with run(app, (80, 24)) as pilot:
        await settled(pilot)
        tile = app.wall.query_one("#count-at-risk", CountTile)
        assert tile.scale == 1 and tile.query_one(Digits).display
        assert len(tile_lines(screen_text(app), "goal")) == 6  # border, 3 rows, name, border


async def test_ascii_on_a_tv_uses_hashes(demo_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(demo_store, clock, ascii=True)
    async with run(app, (160, 45)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "######" in text and "█" not in text


@pytest.mark.parametrize(
    "size,scale", [((80, 24), 1), ((120, 40), 1), ((160, 45), 2), ((240, 67), 3)]
)
def test_the_scale_follows_the_screen(size: tuple[int, int], scale: int) -> None:
    assert wall_scale(*size) == scale


def test_block_digits_keep_their_shape() -> None:
    assert block_digits("10", 2).splitlines() == [
        "  ██    ██████",
        "████    ██  ██",
        "  ██    ██  ██",
        "  ██    ██  ██",
        "██████  ██████",
    ]
    assert block_digits("7", 1, ascii=True).splitlines() == ["###", "  #", "  #", "  #", "  #"]
