"""The wins screen taking back a win or kudos recorded by mistake: d removes the highlighted
one at once (the save queue writes it), u brings it back; a removed win stays removed."""

from __future__ import annotations

from board_helpers import screen_text
from textual.binding import Binding
from textual.widgets import DataTable
from waiting import press
from waits import loaded, saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.wins import Kudos, Win
from goaltui.store.store import Store
from screens.wins import WinsScreen


async def test_d_removes_the_highlighted_win_for_good_and_u_brings_it_back(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await press(pilot, "w")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, WinsScreen)
        assert screen.check_action("undo", ()) is False  # nothing to undo yet
        first = screen.items[0]
        assert isinstance(first, Win)
        count = len(screen.items)
        await press(pilot, "d")
        assert first not in screen.items and len(screen.items) == count - 1  # at once
        await saves_settled(pilot)
        assert first.id not in {w.id for w in demo_store.wins()}
        assert demo_store.record_new_wins([first.goal]) == []  # never found again
        assert first.text not in screen_text(app)
        await press(pilot, "u")
        await saves_settled(pilot)
        assert screen.items[0] == first and first in demo_store.wins()
        assert screen.query_one(DataTable).cursor_row == 0  # on the win brought back


async def test_d_removes_a_kudos_and_escape_tells_the_board(
    demo_store: Store, clock: FixedClock
) -> None:
    kudos = demo_store.add_kudos("Maria Lopez", "Typed for the wrong agent", "aht-maria")
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await press(pilot, "w")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, WinsScreen)
        assert screen.items[0] == kudos  # newest first
        await press(pilot, "delete")
        await saves_settled(pilot)
        assert demo_store.kudos() == []
        assert not any(isinstance(item, Kudos) for item in screen.items)
        assert "Removed the kudos for Maria Lopez. Press u to undo." in [
            n.message for n in app._notifications
        ]
        await press(pilot, "escape")
        await saves_settled(pilot)
        assert not isinstance(app.screen, WinsScreen)


def test_every_wins_binding_has_an_id_a_description_and_a_tooltip() -> None:
    for binding in WinsScreen.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.id and binding.description and binding.tooltip, binding
