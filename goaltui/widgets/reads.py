"""One-off store reads off the UI thread: the read a key press needs (open a form, turn a page).

Polling goes through `LiveReader`; this is for a single read. It runs in a thread
worker, and its result is posted back to `node` as a Textual `Callback` event
(`post_message` is the thread-safe way in), so `done` runs on the UI thread in
the node's own message loop:

    read_then(self, lambda: self.store.goal(key), self._open_form, group="open-form")

A newer read of the same group on the same node replaces an older one (the older
result is dropped), and a node that has closed gets nothing: a screen left while
its read ran is never touched. Like LiveReader, the worker never touches widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from pydantic import ValidationError
from textual import events
from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from goaltui.core.errors import GoaltuiError
from goaltui.core.models import describe_error

T = TypeVar("T")
READ_ERRORS = (GoaltuiError, OSError, ValueError)  # ValueError: a bad document


def read_then(
    node: DOMNode,
    read: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[str], None] | None = None,
    *,
    group: str,
    title: str = "Cannot read the data file",
) -> Worker[None]:
    """Run `read` in a thread worker, then `done(result)` on the UI thread.

    When the store cannot be read, `failed(error)` runs instead (one line for the
    lead); without `failed` the app shows the error under `title`.
    """

    def report(error: str) -> None:
        node.app.notify(error, title=title, severity="error", timeout=10)

    def work() -> None:
        try:
            data = read()
        except READ_ERRORS as exc:
            text = describe_error(exc) if isinstance(exc, ValidationError) else str(exc)
            outcome: Callable[[], None] = partial(failed or report, text)
        else:
            outcome = partial(done, data)
        # A thread cannot be stopped: a read replaced by a newer one just says nothing.
        if not get_current_worker().is_cancelled:
            node.post_message(events.Callback(callback=outcome))

    return node.run_worker(work, thread=True, exclusive=True, group=group, name=group)
