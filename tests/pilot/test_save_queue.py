"""The app's save queue (goaltui/widgets/saves.py) on a tiny app, with stand-in writes.

A "write" here is a function that records its name, or raises: LockTimeout the first
times (the lock is busy), a GoaltuiError (refused), or a bug.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static
from waits import saves_settled, until

from goaltui.core.errors import LockTimeout, UserError
from goaltui.widgets.saves import Save, dismiss_when_saved, saves_of


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("host")


class Editor(Screen[str]):
    def compose(self) -> ComposeResult:
        yield Static("editor")


def write(log: list[str], name: str, *, busy: int = 0) -> Callable[[], str]:
    """A write that times out on the lock `busy` times, then records `name`."""
    tries = 0

    def call() -> str:
        nonlocal tries
        tries += 1
        if tries <= busy:
            raise LockTimeout("held by another session")
        log.append(name)
        return name

    return call


def notices(app: App[Any]) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_writes_run_in_order_and_a_lock_timeout_keeps_them_queued() -> None:
    app, log, done = Host(), [], []
    async with app.run_test() as pilot:
        queue = saves_of(app)
        queue.submit(Save("first", write(log, "first", busy=2), done=done.append))
        queue.submit(Save("second", write(log, "second"), done=done.append))
        queue.submit(Save("third", write(log, "third"), done=done.append))
        await saves_settled(pilot)
        assert log == done == ["first", "second", "third"]
        busy = [n for n in notices(app) if n.startswith("Data file busy")]
        assert len(busy) == 1, "one notice per busy spell"
        assert "changes are kept and will be saved in order" in busy[0]
        assert any(
            n.endswith(": The data file is free again: queued changes saved.") for n in notices(app)
        )


async def test_a_refused_write_or_a_bug_is_reported_and_the_rest_still_run() -> None:
    app, log, failed = Host(), [], []

    def refused() -> str:
        raise UserError("no goal with key 'x'")

    def bug() -> str:
        raise KeyError("metric")

    async with app.run_test() as pilot:
        queue = saves_of(app)
        queue.submit(Save("x = 1", refused, failed=failed.append))
        queue.submit(Save("y = 2", bug))  # no `failed`: the queue says it
        queue.submit(Save("z = 3", write(log, "z")))
        await saves_settled(pilot)
        assert log == ["z"]
        assert [str(e) for e in failed] == ["no goal with key 'x'"]
        assert "y = 2: not saved: 'metric'" in notices(app)


async def test_callbacks_of_a_screen_that_has_gone_are_skipped() -> None:
    app, log, called = Host(), [], []
    async with app.run_test() as pilot:
        editor = Editor()
        await app.push_screen(editor)
        queue = saves_of(app)
        queue.submit(Save("a", write(log, "a", busy=1), done=called.append, owner=editor))
        await app.pop_screen()
        await saves_settled(pilot)
        assert log == ["a"], "the write is still made"
        assert called == [], "but the screen that asked is not called"


async def test_dismiss_when_saved_waits_for_the_screens_writes() -> None:
    app, log, results = Host(), [], []
    async with app.run_test() as pilot:
        editor = Editor()
        await app.push_screen(editor, results.append)
        queue = saves_of(app)
        queue.submit(Save("a", write(log, "a", busy=2), owner=editor))
        assert queue.waiting(editor) == 1
        dismiss_when_saved(editor, lambda: "closed after " + ",".join(log))
        assert app.screen is editor
        await until(pilot, lambda: results == ["closed after a"], "the editor to close")
        assert app.screen is not editor
