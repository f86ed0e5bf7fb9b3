"""What runs in the benchmark's child processes (`bench_centre.py --child MODE ...`).

Kept free of heavy imports at module level: a child pays only for what it runs.

- `paint board PATH GOALS MORNING [cursor]` / `paint floor GOALS [cursor]`: a headless app
  at 120x40 that reports, at the first frame rendered with every row in its table, its own
  VmRSS (/proc/self/status) and its own ru_maxrss (RUSAGE_SELF); with `cursor`, then 60
  cursor moves. The floor is a minimal Textual app with one DataTable of GOALS rows.
- `tui-floor GOALS`: the same minimal app on a real terminal (the tmux floor).
- `heavy MODE ...`: building and reading data files (see heavy.py).
- `observer LOCKFILE`: tries flock(LOCK_EX | LOCK_NB) about every millisecond until stdin
  closes, and reports the longest stretch it could not get the lock.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

SIZE = (120, 40)
PRESSES = 60


def report(**values: object) -> None:
    # fd 1 directly: Textual captures sys.stdout while an app runs.
    os.write(1, (" ".join(f"{k}={v}" for k, v in values.items()) + "\n").encode())


def own_memory() -> dict[str, str]:
    """VmRSS and VmHWM of this process, and its ru_maxrss (RUSAGE_SELF), in MB.

    ru_maxrss starts at the spawning parent's peak (see heavy.py); VmHWM is the peak of
    this program's own memory map only.
    """
    with open("/proc/self/status") as status:
        kb = {k: int(v.split()[0]) for k, _, v in (line.partition(":") for line in status)
              if k in ("VmRSS", "VmHWM")}  # fmt: skip
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    return {
        "vmrss_mb": f"{kb['VmRSS'] / 1024:.1f}",
        "vmhwm_mb": f"{kb['VmHWM'] / 1024:.1f}",
        "maxrss_mb": f"{peak_kb / 1024:.1f}",
    }


def main(mode: str, args: list[str]) -> None:
    if mode == "paint":
        kind, *rest = args
        cursor = rest[-1:] == ["cursor"]
        if kind == "board":
            path, goals, morning = rest[0], int(rest[1]), rest[2]
            _paint(_board_app(path, morning), goals, cursor)
        else:
            _paint(_floor_app(int(rest[0])), int(rest[0]), cursor)
    elif mode == "tui-floor":
        _floor_app(int(args[0])).run()
    elif mode == "observer":
        observe(args[0])
    elif mode == "heavy":
        from centre import heavy

        heavy.main(args[0], args[1:])
    else:
        raise SystemExit(f"unknown child mode {mode!r}")


# -- apps ------------------------------------------------------------------------------------


def _board_app(path: str, morning: str) -> Any:
    from datetime import datetime

    from goaltui.app.goal_app import make_app
    from goaltui.core.clock import FixedClock
    from goaltui.store.store import Store

    clock = FixedClock(datetime.fromisoformat(morning))
    return make_app(Store(path, clock=clock, user="bench"), clock)


def _floor_app(rows: int) -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Floor(App[None]):
        """A minimal app: one DataTable of `rows` rows, 10 short text columns, no file."""

        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*(f"col {c}" for c in range(10)))
            table.add_rows([f"r{r} c{c}" for c in range(10)] for r in range(rows))
            table.focus()

    return Floor()


def _the_table(app: Any) -> Any:
    from textual.widgets import DataTable

    tables = app.screen.query(DataTable)  # the board's BoardTable is a DataTable too
    return tables.first() if tables else None


def _paint(app: Any, rows: int, cursor: bool) -> None:
    def ready() -> bool:
        table = _the_table(app)
        return table is not None and table.row_count >= rows

    def painted() -> None:
        report(painted=1, **own_memory())
        if cursor:  # a worker is a task of its own: the message loop stays free for the keys
            app.run_worker(_cursor_moves(app, _the_table(app)))
        else:  # not from inside the frame: let the mount in progress finish first
            app.call_later(app.exit)

    _on_first_frame(app, ready, painted)
    app.run(headless=True, size=SIZE)
    if app.return_code:
        raise SystemExit(app.return_code)


def _on_first_frame(app: Any, ready: Callable[[], bool], then: Callable[[], None]) -> None:
    """Call `then()` once a frame rendered with `ready()` true has been produced.

    Hooks App._display, which the screen calls with every rendered update (headless mode
    renders the frame and then discards it, as a terminal write would take it).
    """
    original = app._display
    done = False

    def display(screen: Any, renderable: Any) -> None:
        nonlocal done
        original(screen, renderable)
        if not done and renderable is not None and ready():
            done = True
            then()

    app._display = display


async def _cursor_moves(app: Any, table: Any) -> None:
    """Move down PRESSES times: a key event in, wait until the app handled it and the
    messages it caused, then render the screen update (as the 60 fps timer would)."""
    import asyncio

    from textual import events

    # The first frame can come before the board has focused its table: wait for it (and
    # for the start-up work the first frame set going), as a lead's first key would.
    deadline = time.monotonic() + 30
    while not table.has_focus and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.5)
    samples = []
    for _ in range(PRESSES):
        if table.cursor_row >= table.row_count - 1:  # a short table: back to the top, untimed
            table.move_cursor(row=0, animate=False)
            for _ in range(5):
                await asyncio.sleep(0)
            app.screen._on_timer_update()
        row = table.cursor_row
        start = time.perf_counter()
        app.post_message(events.Key("down", None))
        while table.cursor_row == row:
            if time.perf_counter() - start > 10:
                report(cursor_error="the cursor did not move within 10 s")
                app.exit(return_code=3)
                return
            await asyncio.sleep(0)
        for _ in range(5):  # let RowHighlighted and friends be handled
            await asyncio.sleep(0)
        app.screen._on_timer_update()
        samples.append((time.perf_counter() - start) * 1000)
    report(
        cursor_ms=f"{statistics.median(samples):.3f}",
        cursor_max_ms=f"{max(samples):.3f}",
        cursor_samples=",".join(f"{s:.3f}" for s in samples),
    )
    app.exit()


# -- the lock observer -----------------------------------------------------------------------


def observe(lock_path: str) -> None:
    """Report the longest stretch (ms) that flock(LOCK_EX | LOCK_NB) kept failing.

    Each attempt that succeeds releases at once. `max_gap_ms` is the longest time between
    two attempts: on a busy machine the observer itself may not run for a while, and a
    stretch is only known to that precision.
    """
    import fcntl
    import select

    fd = os.open(lock_path, os.O_RDWR | os.O_CLOEXEC)
    blocked_since: float | None = None
    longest = total = max_gap = 0.0
    stretches = attempts = 0
    last = time.perf_counter()
    report(ready=1)
    while True:
        readable, _, _ = select.select([0], [], [], 0.001)
        if readable and not os.read(0, 1024):
            break  # the parent closed our stdin: stop
        if os.stat(lock_path).st_ino != os.fstat(fd).st_ino:  # the lock file was replaced
            os.close(fd)
            fd = os.open(lock_path, os.O_RDWR | os.O_CLOEXEC)
        now = time.perf_counter()
        max_gap, last = max(max_gap, now - last), now
        attempts += 1
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if blocked_since is None:
                blocked_since = now
            continue
        fcntl.flock(fd, fcntl.LOCK_UN)
        if blocked_since is not None:
            stretch = now - blocked_since
            longest, total, stretches = max(longest, stretch), total + stretch, stretches + 1
            blocked_since = None
    still = blocked_since is not None
    if still:
        assert blocked_since is not None
        longest = max(longest, time.perf_counter() - blocked_since)
    report(
        longest_ms=f"{longest * 1000:.1f}",
        total_blocked_ms=f"{total * 1000:.1f}",
        stretches=stretches,
        attempts=attempts,
        max_gap_ms=f"{max_gap * 1000:.1f}",
        blocked_at_end=int(still),
    )
