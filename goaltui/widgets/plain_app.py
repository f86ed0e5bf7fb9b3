"""The App base both goaltui apps share: notices always show their text as plain text.

Notices carry metric names, units, user names and milestone titles written by
co-users. Textual parses a notice as markup by default, so "Escalations [/ week]"
raised MarkupError in every open session and "[billing]" vanished. Widget.notify
forwards `markup=True` explicitly, so the App's notify is where it can be refused.
A notice already on screen is not shown twice.

With `ascii=True` every frame is written as plain ASCII (widgets/ascii_driver.py).

On a 16- or 8-colour terminal both apps draw the status colours in exact ANSI red, yellow
and green (goaltui.widgets.status_colours says why). Decided when the app starts on a
terminal: a headless run (Pilot and snapshot tests) keeps the theme's colours whatever
TERM the test runner has. NO_COLOR keeps them too: its grey of a pure red is black.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ReturnType
from textual.binding import Binding
from textual.driver import Driver
from textual.notifications import SeverityLevel

from goaltui.core.text import printable
from goaltui.widgets import status_colours
from goaltui.widgets.ascii_driver import ascii_driver


class PlainApp(App[ReturnType]):
    few_colours = False  # exact ANSI status colours (a 16- or 8-colour terminal)

    def __init__(self, *, ascii: bool = False) -> None:
        # Set before App.__init__, which asks get_driver_class for the driver.
        self.ascii_only = ascii  # board_cells' Palette and the screens read it too
        super().__init__()
        if ascii:
            self.add_class("-ascii")

    def get_driver_class(self) -> type[Driver]:
        base = super().get_driver_class()
        return ascii_driver(base) if self.ascii_only else base

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)
        if not self.ascii_only or shown.isascii():
            return shown
        return ascii_key(binding.key)

    async def run_async(self, *, headless: bool = False, **kwargs: Any) -> ReturnType | None:
        if not headless and not self.no_color and status_colours.few_colours(self.console):
            self.use_few_colours()
        return await super().run_async(headless=headless, **kwargs)

    def use_few_colours(self) -> None:
        """Status colours as exact ANSI colours, from the next paint on."""
        self.few_colours = True
        # Named colours ("red" in a Rich style) go to RGB through the ANSI theme first.
        self.set_reactive(App.ansi_theme_dark, status_colours.FEW_COLOUR_ANSI)
        self.set_reactive(App.ansi_theme_light, status_colours.FEW_COLOUR_ANSI)
        self._refresh_truecolor_filter(self.ansi_theme)  # Textual is pinned (pyproject)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_css_variables(self) -> dict[str, str]:
        # Palette.from_app reads theme_variables: the cells take the same colours as the CSS.
        variables = super().get_css_variables()
        self.theme_variables = status_colours.status_variables(variables, self.few_colours)
        return self.theme_variables

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,  # ignored: never markup (see the module docstring)
    ) -> None:
        message, title = printable(message, lines=True), printable(title)
        if any(n.message == message for n in self._notifications):
            return  # already on screen: a bad file read by three screens is said once
        super().notify(
            message,
            title=title,
            severity=severity,
            timeout=timeout,
            markup=False,
        )


_KEY_NAMES = {"escape": "esc", "backspace": "bksp", "delete": "del"}


def ascii_key(key: str) -> str:
    """A key as ASCII words where its usual display has arrows: "shift+up" -> "S-up"."""
    *modifiers, name = key.split("+")
    prefix = "".join({"ctrl": "^", "shift": "S-", "alt": "M-"}.get(m, f"{m}-") for m in modifiers)
    return prefix + _KEY_NAMES.get(name, name)
