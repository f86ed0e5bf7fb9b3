"""Measure 4: foreign writes shown by an open board (tmux, 120x40).

Another user logs one value every 2 s on goals of the board's first screen, each a
distinctive whole number; capture-pane every 100 ms looks for it on that goal's row.
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from centre import heavy
from centre.common import Row, log, median
from centre.data import PERCENT_KPIS, DataSet
from centre.live import RSS_CAP_MB, SPACING, board_copy, log_value, open_board, rss, settle
from centre.tmuxpane import Pane
from goaltui.core.durations import clock

SHOWN_WITHIN = 4.0  # a foreign write counts as shown when it is on screen this soon
GIVE_UP = 10.0  # stop looking for a write this long after it
CATCH_UP = 30.0  # after the writes, how long to wait for a board that fell behind


@dataclass
class Write:
    n: int
    key: str
    value: int
    done: float = 0.0  # monotonic time the `goaltui log` returned
    seen: float | None = None
    superseded: bool = False


def row_of(screen: str, key: str) -> str:
    pattern = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])")
    return next((line for line in screen.splitlines() if pattern.search(line)), "")


def shows(line: str, value: int) -> bool:
    """The row shows `value` as its latest value: "71→78%" (narrow) or "71% → 78%" / "12 calls
    → 15 calls" (the full form the one formatter uses where the column has room), a duration
    as "8:04→7:00"; any standalone 71 where the row has no arrow."""
    tail = r"(?:%| \w+)? ?→" if "→" in line else r"(?![\d.,:])"
    return any(
        re.search(rf"(?<![\d.,:]){re.escape(text)}{tail}", line) is not None
        for text in (str(value), clock(value))
    )


def pick_goals(screen: str, ds: DataSet, want: int = 10) -> list[str]:
    """Goals on the upper part of the first screen (toasts stack up from the bottom),
    percent KPIs first: their values stay plain numbers in any format."""
    lines = screen.splitlines()[:16]
    visible = [k for k in ds.keys if row_of("\n".join(lines), k)]
    visible.sort(key=lambda k: ds.kpi(k) not in PERCENT_KPIS)
    return visible[:want]


def choose_value(line: str, latest: float, target: float, taken: set[int]) -> int:
    """A whole number near the latest value, not on the row yet, not used before for this
    goal, and short of the target (reaching it would change the status, and move the row)."""
    base = round(latest)
    below = latest < target
    for step in range(1, 50):
        for value in (base + step, base - step):
            short = value < target if below else value > target
            fresh = value not in taken and not re.search(rf"(?<!\d){value}(?!\d)", line)
            if value > 0 and short and fresh:
                return value
    raise RuntimeError(f"no distinctive value for {line!r}")


def foreign_writes(ds: DataSet, writes: int, folder: Path) -> list[Row]:
    copy = board_copy(ds, folder)
    board = open_board(ds, copy, folder, "foreign")
    screen = board.screen()
    keys = pick_goals(screen, ds)
    if not keys:
        raise RuntimeError(f"no goal of the data set on the first screen:\n{screen}")
    # The floor: a full read of the file (three, in a child), as a refresh must do; it
    # also gives the latest value and the target of the goals picked.
    got = heavy.run("read", str(copy), *keys, timeout=600)
    reads, latest, targets = got["read_ms"], got["latest"], got["target"]
    settled = settle([board.pid])
    plan: list[Write] = []
    for n in range(writes):
        key = keys[n % len(keys)]
        earlier = {w.value for w in plan if w.key == key}
        value = choose_value(row_of(screen, key), latest[key], float(targets[key] or 0), earlier)
        plan.append(Write(n, key, value))
    log(f"    writing to {', '.join(keys)}")
    errors: list[str] = []
    writer = threading.Thread(target=_write_all, args=(plan, copy, folder, errors), daemon=True)
    start = time.monotonic()
    writer.start()
    _watch(board, plan, start + writes * SPACING + GIVE_UP)
    writer.join(timeout=60)
    latencies = [(w.seen - w.done) * 1000 for w in plan if w.seen is not None]
    shown = sum(1 for w in plan if w.seen is not None and w.seen - w.done <= SHOWN_WITHIN)
    notes = [f"goals written: {', '.join(keys)}; settled {settled:.0f} s before"]
    notes += errors
    if missed := [f"{w.key}={w.value}" for w in plan if w.seen is None]:
        notes.append(f"never shown within {GIVE_UP:g} s: {', '.join(missed[:8])}")
    if board.dead():
        notes.append("the board died")
    elif catch_up := _catch_up(board, plan):
        notes.append(catch_up)
    last = board.screen()
    board.kill()
    label = f"{ds.label} ({writes} writes {SPACING:g} s apart)"
    return [
        Row(
            f"foreign writes shown within {SHOWN_WITHIN:g} s, {label}",
            float(shown),
            None,
            "count",
            f"{writes} of {writes}",
            shown == writes,
            notes=notes,
            extra={"plan": [w.__dict__ for w in plan], "last_screen": last},
        ),
        Row(
            f"write to screen latency, median (max {_ms(max(latencies, default=None))})"
            f"; floor: one Store.snapshot() read, {ds.label}",
            median(latencies),
            median(reads),
            "ms",
            "—",
            None,
            extra={"latencies_ms": latencies, "read_ms": reads},
        ),
    ]


def _write_all(plan: list[Write], copy: Path, folder: Path, errors: list[str]) -> None:
    start = time.monotonic()
    for write in plan:
        time.sleep(max(0.0, start + write.n * SPACING - time.monotonic()))
        try:
            log_value(copy, write.key, write.value, folder)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            errors.append(f"write {write.n} failed: {exc}")
        write.done = time.monotonic()
        for earlier in plan[: write.n]:
            if earlier.key == write.key and earlier.seen is None:
                earlier.superseded = True


def _watch(board: Pane, plan: list[Write], deadline: float) -> None:
    """Poll the pane every 100 ms; note when each written value appears on its goal's row."""

    def check(w: Write) -> bool:
        waiting = w.done > 0 and w.seen is None and not w.superseded
        return waiting and time.monotonic() - w.done < GIVE_UP

    while time.monotonic() < deadline:
        if not rss(board.pid) <= RSS_CAP_MB:  # past the cap, or gone
            return
        tick = time.monotonic()
        pending = [w for w in plan if check(w)]
        if pending:
            screen = board.screen()
            now = time.monotonic()
            for write in pending:
                if shows(row_of(screen, write.key), write.value):
                    write.seen = now
        elif all(w.done > 0 and w.seen is not None for w in plan):
            return
        time.sleep(max(0.0, tick + 0.1 - time.monotonic()))


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def _catch_up(board: Pane, plan: list[Write]) -> str:
    """When the last value of some goal never showed: does the board catch up once the
    writes stop? (A refresh slower than the poll interval can be restarted for ever.)"""
    last = {w.key: w for w in plan}  # the final value of each goal written
    waiting = [w for w in last.values() if w.seen is None]
    if not waiting:
        return ""
    start = time.monotonic()
    while time.monotonic() - start < CATCH_UP:
        screen = board.screen()
        if any(shows(row_of(screen, w.key), w.value) for w in waiting):
            took = time.monotonic() - start
            return f"after the writes stopped, the board caught up in {took:.0f} s"
        time.sleep(0.5)
    return f"{len(waiting)} final values still not shown {CATCH_UP:g} s after the writes stopped"
