"""The App base both goaltui apps share: notices always show their text as plain text.

Notices carry metric names, units, user names and milestone titles written by
co-users. Textual parses a notice as markup by default, so "Escalations [/ week]"
raised MarkupError in every open session and "[billing]" vanished. Widget.notify
forwards `markup=True` explicitly, so the App's notify is where it can be refused.
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
        super().notify(
            printable(message, lines=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
