"""Waiting for state, never for time: the one way tests let the app (or a process) run.

A test never sleeps, never asserts how fast something happened, and never reads the
screen right after a key press hoping the app kept up. It waits for a state:

    async with run(app, (80, 24)) as pilot:           # started, settled, painted
        await press(pilot, "c")                        # each key handled in full
        checkin = await screen_is(pilot, CheckInScreen)
        ...
        await wait_until(pilot, lambda: "sam logged" in notices(app))  # the next poll

`settled` is what `pilot.pause()` guesses at from CPU time (a guess that fails when both
cores are busy): every message queued anywhere in the app handled, every screen and
widget mounted, no worker running and the top screen painted, seen twice in a row.
Timers are not part of "settled" (the live refresh polls forever); whatever a timer
brings about (a live refresh, the form's debounced grading: screen_host.graded, a
wallboard page) is waited for with `wait_until` and a condition.

Every wait has a timeout far above what it takes on a loaded machine: a guard that turns
a hang into a failure that says what it was waiting for, never a check of speed.

The busy check reads a few Textual internals (message queues, the screen's repaint
flags). Textual is pinned in pyproject.toml; if an upgrade renames them, every Pilot
test fails here at once with an AttributeError, never quietly.
"""

from __future__ import annotations

import asyncio
import os
import select
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

T = TypeVar("T")
S = TypeVar("S", bound=Screen[Any])
A = TypeVar("A", bound=App[Any])

TIMEOUT = 30.0  # seconds: a guard against hanging, not a measure of speed
PROCESS_TIMEOUT = 60.0  # a real program in tmux or a browser, started per test


class NotReached(AssertionError):
    """A waited-for state did not come about within the guard timeout."""


def _describe(what: str | Callable[[], str]) -> str:
    return what() if callable(what) else what


async def wait_until(
    pilot: Pilot[Any],
    condition: Callable[[], T],
    what: str | Callable[[], str] = "",
    *,
    timeout: float = TIMEOUT,
) -> T:
    """Let the app run until `condition()` is true; returns its value.

    `what` (a text, or a function giving one, e.g. the screen's text) goes into the
    failure message.
    """
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise NotReached(f"not reached within {timeout:g} s: {_describe(what) or condition}")
        _check_running(pilot.app)
        if pilot.app._exit or not pilot.app.is_running:
            raise NotReached(f"the app stopped first: {_describe(what) or condition}")
        await pilot.pause()
    return result


def busy(app: App[Any]) -> str:
    """What the app still has to do, in words ("" when there is nothing)."""
    if app._batch_count:
        return "a batch update is in progress"
    if app.animator._animations or app.animator._scheduled:
        return "an animation is running"
    for worker in app.workers:
        # The save queue's worker may be waiting for another process's lock on purpose:
        # waits.saves_settled is what waits for saves.
        if not worker.is_finished and worker.group != "saves":
            return f"worker {worker.name!r} ({worker.group}) is {worker.state.name.lower()}"
    nodes: list[Any] = [app]
    for screen in app.screen_stack:
        if not screen.is_mounted:
            return f"{screen!r} is being mounted"
        nodes.extend(screen.walk_children(with_self=True))
    for node in nodes:
        if node.message_queue_size or node._next_callbacks:
            return f"{node!r} has messages to handle"
        if isinstance(node, Widget) and not node.is_mounted:
            return f"{node!r} is being mounted"
    top = app.screen
    if (
        top._layout_required
        or top._scroll_required
        or top._repaint_required
        or top._recompose_required
        or top._dirty_widgets
        or top._callbacks
    ):
        return f"{top!r} is not painted yet"
    return ""


def _check_running(app: App[Any]) -> None:
    if app._exception is not None:
        raise AssertionError(f"the app crashed: {app._exception!r}") from app._exception


async def settled(pilot: Pilot[Any], *, timeout: float = TIMEOUT) -> None:
    """Wait until the app has handled everything it was asked to do and painted it.

    Returns at once when the app has stopped (a key quit it).
    """
    app = pilot.app
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2:  # quiet on two looks, with a turn of the event loop between them
        if app._exit or not app.is_running:
            return
        _check_running(app)
        await pilot.pause()
        if app._exit or not app.is_running:
            return
        reason = busy(app)
        quiet = 0 if reason else quiet + 1
        if reason and time.monotonic() > deadline:
            raise NotReached(f"the app did not settle within {timeout:g} s: {reason}")


def key_event(key: str) -> events.Key:
    """The Key event a terminal sends for `key` ("a", "enter", "ctrl+s", "?" ...), built as
    `Pilot.press` builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one by one, each handled in full (screens it opens mounted and painted).

    Like `Pilot.press`, but it waits for `settled` after each key instead of for the
    process to look idle by its CPU time.
    """
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
        await settled(pilot)


async def screen_is(pilot: Pilot[Any], kind: type[S], *, timeout: float = TIMEOUT) -> S:
    """Wait until a mounted `kind` is the top screen, and return it."""

    def top() -> S | None:
        screen = pilot.app.screen
        return screen if isinstance(screen, kind) and screen.is_mounted else None

    found = await wait_until(
        pilot,
        top,
        lambda: f"a {kind.__name__} on top (the top is {type(pilot.app.screen).__name__})",
        timeout=timeout,
    )
    assert found is not None
    await settled(pilot, timeout=timeout)
    return found


@asynccontextmanager
async def run(app: A, size: tuple[int, int] = (80, 24)) -> AsyncIterator[Pilot[Any]]:
    """`app.run_test(size=size)`, yielding once the app has started and settled."""
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        yield pilot


RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def ready(*keys: str, before: RunBefore | None = None) -> RunBefore:
    """A `run_before` for `snap_compare`: settle, run `before`, press `keys`, settle.

    Use it instead of `snap_compare(press=...)`, whose presses are followed by a guess
    at idleness, so every screenshot is taken of a settled, fully painted app.
    """

    async def run_before(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        if before is not None:
            await before(pilot)
        await press(pilot, *keys)
        await settled(pilot)

    return run_before


# -- processes (tmux, browsers, writers) -------------------------------------------------------


def poll_until(check: Callable[[], T], timeout: float = PROCESS_TIMEOUT, step: float = 0.05) -> T:
    """Poll `check()` until it is true and return its value; the last value after `timeout`.

    For process tests only (a pane's text, a file, a pid): there is no event to wait on.
    `step` is the polling interval, not a wait for anything.
    """
    deadline = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(step)
    return result


async def async_poll_until(
    check: Callable[[], Awaitable[T]], timeout: float = PROCESS_TIMEOUT, step: float = 0.05
) -> T:
    """`poll_until` for coroutine checks (a browser's page state)."""
    deadline = time.monotonic() + timeout
    while not (result := await check()) and time.monotonic() < deadline:
        await asyncio.sleep(step)
    return result


def read_lines(fd: int, count: int, timeout: float = PROCESS_TIMEOUT) -> tuple[list[bytes], bytes]:
    """Read `fd` (a pipe from a child process) until `count` whole lines have come.

    Returns those lines and whatever came after them. Fails after `timeout` seconds or
    when the pipe closes first, instead of blocking for good.
    """
    deadline = time.monotonic() + timeout
    data = b""
    while data.count(b"\n") < count:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise NotReached(f"{count} lines not read within {timeout:g} s: {data!r}")
        chunk = os.read(fd, 65536)
        if not chunk:
            raise NotReached(f"the pipe closed before {count} lines came: {data!r}")
        data += chunk
    *lines, rest = data.split(b"\n", count)
    return lines, rest
