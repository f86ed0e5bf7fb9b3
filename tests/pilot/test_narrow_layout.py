"""80 columns lose nothing that matters: the board's info line and the detail's head keep
the pace, due date and forecast in view by wrapping instead of cutting them off."""

from __future__ import annotations

from typing import Any

from board_helpers import board, screen_text
from textual.app import App
from waits import saves_settled, until

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.detail import DetailScreen


def last_lines(app: App[Any], count: int) -> list[str]:
    """The `count` lines above the footer."""
    return [line.strip() for line in screen_text(app).splitlines()[-count - 1 : -1]]


async def test_the_board_info_line_wraps_so_the_forecast_shows(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        board(app).query_one("BoardTable").move_cursor(row=2)  # adherence-billing: a forecast
        await until(pilot, lambda: "forecast" in screen_text(app))
        title, figures = last_lines(app, 2)
        assert title.startswith("Keep billing schedule adherence") and "Billing team" in title
        assert figures.startswith("pace ") and " · due " in figures and " · forecast " in figures
        assert "…" not in figures

    app = make_app(demo_store, clock)
    async with app.run_test(size=(160, 40)) as pilot:  # wide: one line says it all
        await saves_settled(pilot)
        board(app).query_one("BoardTable").move_cursor(row=2)
        await until(pilot, lambda: "forecast" in screen_text(app))
        (line,) = last_lines(app, 1)
        assert line.startswith("Keep billing schedule adherence") and "forecast" in line


async def test_the_detail_head_wraps_at_80_columns(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        board(app).open_goal("aht-tom")  # a first target and a forecast: the longest head
        await until(pilot, lambda: isinstance(app.screen, DetailScreen))
        await saves_settled(pilot)
        text = screen_text(app)
        assert "pace 74%" in text and "forecast 20" in text
        assert "…" not in "\n".join(text.splitlines()[:5])


async def test_every_status_count_of_a_busy_board_shows_at_80_and_60_columns(
    demo_store: Store, clock: FixedClock
) -> None:
    """Seven statuses and twelve goals: no count is cut off the summary ("1 achieved")."""
    tom = demo_store.goal("aht-tom")
    demo_store.add_goal(tom.model_copy(update={"key": "aht-new", "title": "New AHT goal"}))
    for size in [(80, 24), (60, 24)]:
        app = make_app(demo_store, clock)
        async with app.run_test(size=size) as pilot:
            await saves_settled(pilot)
            head = " ".join(screen_text(app).splitlines()[:2])
            assert "12 goals" in head and "1 no data" in head and "1 achieved" in head, head
            assert "…" not in head.split("sort:")[0], head


async def test_an_unusual_mark_never_pushes_the_forecast_off_at_80_columns(
    demo_store: Store, clock: FixedClock
) -> None:
    """fcr-sam's 66% is unusual: the mark is said short, the forecast stays in view."""
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        table = board(app).query_one("BoardTable")
        table.move_cursor(row=1)  # fcr-sam
        await until(pilot, lambda: "Sam: lift" in screen_text(app))
        title, figures = last_lines(app, 2)
        assert title.startswith("Sam: lift first-call resolution")
        assert figures.startswith("unusually good · pace ") and " · forecast 20" in figures
        assert "…" not in figures
