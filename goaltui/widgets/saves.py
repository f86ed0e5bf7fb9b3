"""Store writes off the UI thread: one queue per app, run one at a time, in order.

The UI thread never waits on the data file. A screen hands a write to the app's
queue and goes on; a thread worker runs the writes in the order they were made and
hands each result back on the UI thread:

    saves_of(self).submit(
        Save(f"{key} = {value}", lambda: store.log(key, value, day), done=self._logged,
             failed=self._not_logged, owner=self)
    )

While another process holds the lock (a cron import, a co-user's save) the write at
the head of the queue waits for it in the worker; when the store gives up
(`LockTimeout`) the lead gets one notice, the write stays queued with everything
behind it, and it is tried again. Nothing typed is lost and the order is kept.
A write the store refuses (an unknown goal, a bad value) is dropped and its
`failed` callback says why. Callbacks of a screen that has gone are skipped.

The queue lives as long as the app, not the screen, so leaving a screen with writes
still waiting does not drop them. When the app closes, what is still queued is tried
once more (a lock timeout then ends it), so a value typed just before quitting is kept.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary, WeakSet

from pydantic import ValidationError
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import get_current_worker

from goaltui.core.errors import LockTimeout
from goaltui.core.models import describe_error

T = TypeVar("T")
# Lock timeouts that come fast (a store with a tiny lock_timeout) must not spin the CPU
# or flood the file with lock attempts: wait a little between tries.
RETRY_PAUSE = 0.25


@dataclass
class Save(Generic[T]):
    """One write: `call` runs in the worker; `done` / `failed` run on the UI thread."""

    what: str  # for the lead: "aht-tom = 512", "goal aht-tom"
    call: Callable[[], T]
    done: Callable[[T], None] | None = None
    failed: Callable[[Exception], None] | None = None
    owner: DOMNode | None = None  # callbacks are skipped once it is unmounted
    tries: int = field(default=0, init=False)


class SaveQueue:
    """The app's writes, in order, in one thread worker at a time."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._jobs: deque[Save[Any]] = deque()
        self._lock = threading.Lock()
        self._running = False
        self._busy = False  # a lock timeout was reported and nothing saved since
        self._idle: list[Callable[[], None]] = []
        self.closing: WeakSet[Screen[Any]] = WeakSet()  # waiting to close (dismiss_when_saved)

    @property
    def pending(self) -> list[str]:
        """What is waiting to be saved, oldest first (the one being saved included)."""
        with self._lock:
            return [job.what for job in self._jobs]

    def waiting(self, node: DOMNode) -> int:
        """How many queued writes `node` or a widget inside it made (UI thread)."""
        with self._lock:
            owners = [job.owner for job in self._jobs]
        return sum(owner is not None and node in owner.ancestors_with_self for owner in owners)

    def submit(self, job: Save[Any]) -> None:
        """Queue a write (UI thread) and start the worker if it is not running."""
        with self._lock:
            self._jobs.append(job)
            if self._running:
                return
            self._running = True
        self.app.run_worker(self._drain, thread=True, group="saves", name="saves")

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call `callback` on the UI thread once nothing is waiting (now, if nothing is)."""
        with self._lock:
            if self._jobs:
                self._idle.append(callback)
                return
        callback()

    # -- the worker ---------------------------------------------------------------------

    def _drain(self) -> None:
        worker = get_current_worker()
        while True:
            closing = worker.is_cancelled  # the app is closing: try on until a lock timeout
            with self._lock:
                if not self._jobs:
                    self._running = False
                    idle, self._idle = self._idle, []
                    break
                job = self._jobs[0]
            job.tries += 1
            try:
                result = job.call()
            except LockTimeout:
                if closing:
                    with self._lock:
                        self._running = False
                    return
                self._to_ui(self._report_busy)
                worker.cancelled_event.wait(RETRY_PAUSE)  # the lock wait itself paces the rest
                continue
            except Exception as exc:  # refused (or a bug): say why and go on, never jam
                self._pop(job)
                self._to_ui(self._finish, job, None, exc)
            else:
                self._pop(job)
                self._to_ui(self._finish, job, result, None)
        for callback in idle:
            self._to_ui(callback)

    def _pop(self, job: Save[Any]) -> None:
        with self._lock:
            if self._jobs and self._jobs[0] is job:
                self._jobs.popleft()

    def _to_ui(self, callback: Callable[..., None], *args: Any) -> None:
        if not self.app.is_running:
            return  # the app has closed: nothing left to tell
        with contextlib.suppress(RuntimeError):  # it closed just now
            self.app.call_from_thread(callback, *args)

    # -- on the UI thread ---------------------------------------------------------------

    def _report_busy(self) -> None:
        if self._busy:
            return
        self._busy = True
        count = len(self.pending)
        self.app.notify(
            "Another session (an import, another lead's save) holds the data file's lock. "
            f"{count} change{'s are' if count != 1 else ' is'} kept and will be saved in "
            "order once it is free.",
            title="Data file busy",
            severity="warning",
            timeout=10,
        )

    def _finish(self, job: Save[Any], result: Any, error: Exception | None) -> None:
        if self._busy and error is None:
            self._busy = False
            self.app.notify("The data file is free again: queued changes saved.")
        gone = job.owner is not None and not job.owner.is_attached
        if error is not None:
            if job.failed is not None and not gone:
                job.failed(error)
            else:  # nobody else will say it was not saved
                self.app.notify(error_text(error), title=f"{job.what}: not saved", severity="error")
        elif job.done is not None and not gone:
            job.done(result)


def dismiss_when_saved(screen: Screen[T], result: Callable[[], T]) -> None:
    """Dismiss `screen` with `result()` once the writes it queued are saved, so its caller
    (the board) reads them and `goaltui checkin` does not end with values still queued.
    Called again while waiting (esc twice), it dismisses at once: the writes stay queued."""
    queue = saves_of(screen)
    waiting = queue.waiting(screen)

    def dismiss() -> None:
        if screen.is_attached and screen.app.screen is screen:  # not under a dialog, not gone
            screen.dismiss(result())

    if not waiting or screen in queue.closing:
        dismiss()
        return
    queue.closing.add(screen)
    screen.notify(
        f"Closing once {waiting} change{'s are' if waiting != 1 else ' is'} saved; "
        "esc again closes now.",
        title="Saving",
    )
    queue.when_idle(dismiss)


def error_text(error: Exception) -> str:
    """One line for the lead (a pydantic error is several)."""
    return describe_error(error) if isinstance(error, ValidationError) else str(error)


_QUEUES: WeakKeyDictionary[App[Any], SaveQueue] = WeakKeyDictionary()


def saves_of(node: DOMNode) -> SaveQueue:
    """The save queue of `node`'s app (made on first use)."""
    app = node.app
    queue = _QUEUES.get(app)
    if queue is None:
        queue = _QUEUES[app] = SaveQueue(app)
    return queue
