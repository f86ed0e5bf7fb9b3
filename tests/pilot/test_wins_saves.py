"""Kudos on the wins screen while another process holds the data file's lock."""

from __future__ import annotations

from lock_holder import lock_held_elsewhere
from screen_host import type_text
from textual.widgets import DataTable
from waits import loaded, saves_settled, until

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.wins import Kudos
from goaltui.store.store import Store
from screens.wins import WinsScreen


async def test_kudos_shows_at_once_while_the_lock_is_held_and_is_saved_after(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, WinsScreen)
        with lock_held_elsewhere(demo_store.path) as lock:
            await pilot.press("k", "ctrl+u")
            await type_text(pilot, "Maria Lopez")
            await pilot.press("enter")
            await pilot.pause()
            await type_text(pilot, "Calm on a hard call")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen
            top = screen.items[0]
            assert isinstance(top, Kudos) and top.agent == "Maria Lopez"
            table = screen.query_one(DataTable)
            assert str(table.get_row_at(0)[1]) == "♥ saving…"
            assert table.cursor_row == 0
            assert demo_store.kudos() == []
            await pilot.press("down")  # the list still takes keys
            assert table.cursor_row == 1
            lock.release()
            await until(pilot, lambda: lock.released, "the other process to let go")
            await saves_settled(pilot)
        assert str(screen.query_one(DataTable).get_row_at(0)[1]) == "♥ kudos"
        [saved] = demo_store.kudos()
        assert screen.items[0] == saved
        assert (saved.agent, saved.note) == ("Maria Lopez", "Calm on a hard call")
