"""Notices that arrive in bursts, said at most once per interval.

A cron import or a co-user's check-in loop changes the file every few seconds; one
"Changed by others" toast per write stacked four deep, hid the rows they named, and
each mount re-laid out the screen (a good share of an open board's CPU). The lines of
a burst are gathered and shown together, the first at once, the rest after `every`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from textual.timer import Timer
from textual.widget import Widget

MAX_LINES = 6  # more are summed up as "… and N more"


class NoticeBatch:
    def __init__(self, node: Widget, title: str, *, every: float = 10.0) -> None:
        self.node, self.title, self.every = node, title, every
        self._pending: list[str] = []
        self._last_shown = -every
        self._timer: Timer | None = None

    def add(self, lines: Iterable[str]) -> None:
        self._pending.extend(lines)
        if not self._pending or self._timer is not None:
            return
        wait = self._last_shown + self.every - time.monotonic()
        if wait <= 0:
            self._show()
        else:
            self._timer = self.node.set_timer(wait, self._show)

    def _show(self) -> None:
        self._timer = None
        lines, self._pending = self._pending, []
        if not lines:
            return
        if len(lines) > MAX_LINES:
            lines = [*lines[: MAX_LINES - 1], f"… and {len(lines) - MAX_LINES + 1} more"]
        self._last_shown = time.monotonic()
        self.node.notify("\n".join(lines), title=self.title, timeout=8)
