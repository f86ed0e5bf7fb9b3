"""`goaltui wallboard`: the wallboard screen on its own in an app, read-only; `q` quits."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from goaltui.core.attention import STALE_DAYS
from goaltui.core.clock import Clock
from goaltui.core.wall_view import EVERY_GOAL, WallView
from goaltui.store.store import Store
from goaltui.widgets import memory
from goaltui.widgets.plain_app import PlainApp
from screens.wallboard import WallboardScreen


class WallboardApp(PlainApp[None]):
    """The wallboard on its own: one screen, read-only; `q` quits."""

    TITLE = "goaltui wallboard"
    MODES = {"wall": "wall"}
    DEFAULT_MODE = "wall"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="wall.quit", tooltip="Leave the wallboard"),
    ]

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        page_seconds: float = 15.0,
        ascii: bool = False,
        refresh_seconds: float = 2.0,
        view: WallView = EVERY_GOAL,
        stale_days: int = STALE_DAYS,
    ) -> None:
        super().__init__(ascii=ascii)
        self.store = store
        self.clock = clock
        self.wall = WallboardScreen(
            store,
            clock,
            page_seconds=page_seconds,
            refresh_seconds=refresh_seconds,
            ascii=ascii,
            view=view,
            stale_days=stale_days,
        )
        self.install_screen(self.wall, "wall")  # a mode's screen gets its CSS_PATH loaded

    def on_mount(self) -> None:
        if not self.is_headless:
            from goaltui.app.signals import install_exit_signals

            install_exit_signals(self, self.store)


def make_wallboard(
    store: Store,
    clock: Clock,
    page_seconds: float = 15.0,
    ascii: bool = False,
    view: WallView = EVERY_GOAL,
    *,
    stale_days: int = STALE_DAYS,
) -> WallboardApp:
    """The one way to build the wallboard (CLI, `goaltui serve` and the tests)."""
    memory.tune()
    return WallboardApp(
        store, clock, page_seconds=page_seconds, ascii=ascii, view=view, stale_days=stale_days
    )
