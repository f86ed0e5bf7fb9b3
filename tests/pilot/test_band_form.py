"""A band target typed into the goal form, as a lead does, and what the board and the
goal detail then show."""

from __future__ import annotations

from typing import Any

from board_helpers import reloaded, screen_text
from screen_host import type_text
from textual.pilot import Pilot
from textual.widgets import Input
from waits import saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from goaltui.widgets.board import BoardTable
from goaltui.widgets.form import FormField
from screens import goal_form
from screens.board import BoardScreen
from screens.detail import DetailScreen

SETTLE = goal_form.GoalFormScreen.REGRADE_DELAY + 0.15


async def fill(pilot: Pilot[Any], field: str, text: str) -> None:
    """Focus a field and type into it key by key."""
    editor = pilot.app.screen.query_one(f"#{field}", Input)
    editor.focus()
    await pilot.pause()
    await type_text(pilot, text)


def note_of(pilot: Pilot[Any], field: str) -> str:
    return str(
        pilot.app.screen.query_one(f"#field-{field}", FormField).query_one(".field-note").render()
    )


async def test_a_band_typed_in_the_form_shows_on_the_board_and_the_detail(
    empty_store: Store, clock: FixedClock
) -> None:
    app = make_app(empty_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, goal_form.GoalFormScreen)
        await type_text(pilot, "Keep AHT for billing in the band")
        for field, text in (
            ("metric", "AHT"),
            ("unit", "s"),
            ("baseline", "420"),
            ("target", "300..360"),
            ("due", "eoq"),
            ("weight", "2"),
        ):
            await fill(pilot, field, text)
        await pilot.pause(SETTLE)
        assert note_of(pilot, "target") == "met inside 5:00..6:00"
        await pilot.press("ctrl+s")
        await saves_settled(pilot)
        await reloaded(pilot)
        assert isinstance(app.screen, BoardScreen)
        [goal] = empty_store.goals()
        assert goal.metric.band == (300.0, 360.0) and goal.metric.target == 360.0
        assert goal.weight == 2.0
        assert "5:00..6:00" in screen_text(app)

        empty_store.log(goal.key, 280.0, clock.today())  # past the far edge
        app.screen.query_one(BoardTable).focus()
        await pilot.press("enter")
        await reloaded(pilot)
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        assert "AHT now 4:40 → band 5:00..6:00" in text
        assert "outside band" in text
