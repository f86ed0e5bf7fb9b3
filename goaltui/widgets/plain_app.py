"""The App base both goaltui apps share: notices always show their text as plain text.

Notices carry metric names, units, user names and milestone titles written by
co-users. Textual parses a notice as markup by default, so "Escalations [/ week]"
raised MarkupError in every open session and "[billing]" vanished. Widget.notify
forwards `markup=True` explicitly, so the App's notify is where it can be refused.
A notice already on screen is not shown twice.
"""

from __future__ import annotations

from textual.app import App, ReturnType
from textual.notifications import SeverityLevel

from goaltui.core.text import printable


class PlainApp(App[ReturnType]):
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
