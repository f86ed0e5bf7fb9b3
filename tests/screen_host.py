"""A tiny App that shows one screen, for testing screens without the main app.

The screen under test is pushed on mount; whatever it dismisses with is kept in
`results`, so a test can check what the caller (the board) would receive.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static


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


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])
