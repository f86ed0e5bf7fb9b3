"""Helpers for Pilot tests of the board and the screens it opens."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from waiting import settled

from goaltui.core.minutes import Minutes
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Store
from screens.board import BoardScreen


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def board(app: App[Any]) -> BoardScreen:
    """The current screen, which must be the board."""
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


async def reloaded(pilot: Pilot[Any]) -> None:
    """Wait for the reload workers (board, detail, check-in ...) and the messages they post.

    `settled` waits until no worker runs and every message is handled; unlike
    `app.workers.wait_for_complete()` it does not raise for a read that a newer one
    replaced (an exclusive worker cancelled) or for a worker not started yet.
    """
    await settled(pilot)


def new_minutes(store: Store) -> list[Minutes]:
    """The minutes saved by the test: the demo keeps three past meetings, all before its today."""
    return [m for m in store.minutes() if m.held_on >= DEMO_TODAY]
