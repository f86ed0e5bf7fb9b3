"""Live refresh: the one polling mechanism shared by the board and the screens it opens.

A `LiveReader` belongs to one screen. Every `interval` seconds it stats the data
file (the store's change token, never a parse); when the token moved, or the
screen's own `stale` check says so (the day rolled over), it runs the screen's
`read` function in a thread worker and posts `LiveLoaded` (or `LiveFailed`) to
the screen, which applies the result on the main thread. The worker never touches
widgets. At most one read runs per reader: a change that arrives during a read is
coalesced into one more read after it (a thread cannot be cancelled, so starting
reads on top of a slow one would pile them up on a big file).

    self.live = LiveReader(self, store, self._live_read)
    ...
    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        data = self.live.take(message)     # typed as `read` returns; token recorded
        ...                                # update widgets, keep cursor and typing

A failed read is reported once: the token is recorded, so the next read happens
when the file changes again, not on every tick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from pydantic import ValidationError
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from goaltui.core.errors import GoaltuiError
from goaltui.core.models import describe_error
from goaltui.core.snapshot import Token
from goaltui.store.store import Store
from goaltui.widgets import memory

T = TypeVar("T")
DEFAULT_SECONDS = 2.0


@dataclass
class LiveLoaded(Message, bubble=False):
    """A worker read the store; `token` is the change token taken before the read."""

    reader: LiveReader[Any]
    data: object
    token: Token | None


@dataclass
class LiveFailed(Message, bubble=False):
    """A worker could not read the store (`error` is one line for the lead)."""

    reader: LiveReader[Any]
    error: str
    token: Token | None


def refresh_seconds(screen: Screen[Any]) -> float:
    """The lead's polling interval (Settings.refresh_seconds), or the default."""
    settings = getattr(screen.app, "settings", None)
    return float(getattr(settings, "refresh_seconds", DEFAULT_SECONDS))


class LiveReader(Generic[T]):
    """Polls the store for `screen` and reads it again in a worker when it changed."""

    def __init__(
        self,
        screen: Screen[Any],
        store: Store,
        read: Callable[[], T],
        *,
        stale: Callable[[], bool] | None = None,
        group: str = "live-read",
    ) -> None:
        self.screen = screen
        self.store = store
        self.read = read
        self.stale = stale
        self.group = group
        self.token: Token | None = None
        self._timer: Timer | None = None
        self._worker: Worker[None] | None = None
        self._reading: Token | None = None  # the token when the running read started
        self._again = False  # the file changed during the running read

    def start(self, token: Token | None, interval: float | None = None) -> None:
        """Start polling; `token` is the change token of what the screen shows now."""
        self.token = token
        seconds = interval if interval is not None else refresh_seconds(self.screen)
        self._timer = self.screen.set_interval(seconds, self.poll)

    def changed(self) -> bool:
        """One stat: did anyone write since the last read (or is the screen stale)?"""
        return self.store.change_token() != self.token or bool(self.stale and self.stale())

    def poll(self) -> None:
        # A read in flight took its token first, so a write during it is seen next tick;
        # replacing it instead would starve a screen whose reads outlast the interval.
        if self.reading:
            return
        if self.changed():
            self.load()

    @property
    def reading(self) -> bool:
        """A read is running (the first one included: the screen may show \"reading\")."""
        return self._worker is not None and not self._worker.is_finished

    def load(self) -> None:
        """Read again now, in a thread worker; during a read, once more after it."""
        token = self.store.change_token()
        if self.reading:
            if token != self._reading or (self.stale and self.stale()):
                self._again = True
            return
        self._again = False
        self._reading = token
        self._worker = self.screen.run_worker(self._work, thread=True, group=self.group)

    def _finished(self) -> None:
        if self._again:
            self._again = False
            self.screen.call_after_refresh(self.load)

    def _work(self) -> None:
        before = self.store.change_token()  # taken first: a write in between reads again
        try:
            data = self.read()
        except (GoaltuiError, OSError, ValueError) as exc:  # ValueError: a bad document
            error = describe_error(exc) if isinstance(exc, ValidationError) else str(exc)
            message: Message = LiveFailed(self, error, before)
        else:
            message = LiveLoaded(self, data, before)
        if not get_current_worker().is_cancelled:  # the screen went away meanwhile
            self.screen.post_message(message)
        memory.trim()  # the previous parse is garbage now: give its pages back

    def take(self, message: LiveLoaded) -> T:
        """Record the token of a finished read and hand over its data."""
        self.token = message.token
        self._finished()
        # Once the screen has swapped in the new data, the old rows are garbage too.
        self.screen.call_after_refresh(memory.trim)
        return cast(T, message.data)

    def failed(self, message: LiveFailed) -> str:
        """Record the token of a failed read (no retry until the file changes); the error."""
        self.token = message.token
        self._finished()
        return message.error
