"""Tiny Apps that show one screen, for testing screens without the main app, and typing helpers.

`ScreenHost` pushes the screen under test on mount; `CheckInHost` opens the check-in
on `c`, as the board does. Both keep whatever the screen dismisses with in `results`,
so a test can check what the caller (the board) would receive.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static
from waiting import press, settled, wait_until

from goaltui.core.clock import Clock
from goaltui.store.store import Store
from screens.checkin import CheckInScreen
from screens.goal_form import GoalFormScreen


class ScreenHost(App[None]):
    """Pushes `screen` on mount and records its dismiss value."""

    TITLE = "goaltui"

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("board (test host)")

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, self.results.append)


class CheckInHost(App[None]):
    """A stand-in for the board: `c` opens the check-in, like on the real board.

    Records what the check-in dismisses with and every notification's (message, severity).
    """

    TITLE = "Host"  # the title the check-in snapshots were recorded with
    BINDINGS = [Binding("c", "checkin", "Check-in", id="host.checkin", tooltip="Open check-in")]

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store, self.clock = store, clock
        self.results: list[bool | None] = []
        self.messages: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Static("board")

    def action_checkin(self) -> None:
        self.push_screen(CheckInScreen(self.store, self.clock), self.results.append)

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.messages.append((str(message), str(kwargs.get("severity", "information"))))
        super().notify(message, *args, **kwargs)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type like a person: one key per character."""
    await press(pilot, *["space" if ch == " " else ch for ch in text])


async def paste(pilot: Pilot[Any], field: str, text: str) -> None:
    """Focus the Input `#field` (which selects its text) and paste over it, as a terminal does."""
    editor = pilot.app.screen.query_one(f"#{field}", Input)
    editor.focus()
    await settled(pilot)
    editor.post_message(events.Paste(text))
    await settled(pilot)


async def paste_all(pilot: Pilot[Any], **texts: str) -> None:
    """Paste into several fields, in the order given: paste_all(pilot, metric="AHT", unit="s")."""
    for field, text in texts.items():
        await paste(pilot, field, text)


async def graded(pilot: Pilot[Any]) -> GoalFormScreen:
    """Wait for the goal form's debounced SMART grading of what the form holds now.

    The form re-grades REGRADE_DELAY seconds after the last change (a timer); this waits
    until every change is handled and no re-grade is pending, then for the repaint.
    """
    await settled(pilot)
    form = next(s for s in reversed(pilot.app.screen_stack) if isinstance(s, GoalFormScreen))
    await wait_until(pilot, lambda: form._timer is None, "the form's re-grade to run")
    await settled(pilot)
    return form
