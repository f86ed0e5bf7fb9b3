"""Measures 3 and 4: the real board open in tmux (120x40) while another process logs values.

The board runs as a lead would run it (`goaltui --db FILE`, GOALTUI_USER=lead) on a copy of
the cached file; the writes are `goaltui log KEY VALUE --db FILE` with GOALTUI_USER=cron, so
the board sees another user's writes. Before a window starts, the board has painted and
its CPU has gone quiet (its start-up workers are done).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from centre.common import Row, log, median
from centre.data import KPIS, PERCENT_KPIS, DataSet
from centre.procs import bench_child, child_env, cpu_seconds, goaltui_command, status_mb, wait_for
from centre.tmuxpane import Pane

READY_TIMEOUT = 180.0
SETTLE_TIMEOUT = 90.0
SPACING = 2.0  # seconds between writes
SHOWN_WITHIN = 4.0  # a foreign write counts as shown when it is on screen this soon
GIVE_UP = 10.0  # stop looking for a write this long after it


def board_copy(ds: DataSet, folder: Path) -> Path:
    """A copy for a board on the system clock, with the wins it would record on opening."""
    from goaltui.store.store import Store

    copy = folder / ds.path.name
    shutil.copyfile(ds.path, copy)
    Store(copy, user="bench").record_new_wins()
    return copy


def open_board(ds: DataSet, copy: Path, folder: Path, name: str) -> Pane:
    config = folder / f"config-{name}"
    config.mkdir(exist_ok=True)
    pane = Pane(name, child_env(config))
    pane.start(
        [*goaltui_command(), "--db", str(copy)],
        {"GOALTUI_CONFIG_DIR": str(config), "GOALTUI_USER": "lead"},
    )
    if not pane.wait_screen(f"{ds.goals} goal", READY_TIMEOUT):
        raise RuntimeError(f"the board did not show {ds.goals} goals:\n{pane.screen()}")
    return pane


def settle(pids: list[int], timeout: float = SETTLE_TIMEOUT) -> float:
    """Wait until every process has used under 10 % of a core in each of two seconds in a
    row (the board's start-up workers are done); the seconds waited."""
    start = time.monotonic()
    quiet_seconds = 0

    def quiet() -> bool:
        nonlocal quiet_seconds
        before = [cpu_seconds(p) for p in pids]
        time.sleep(1.0)
        calm = all(cpu_seconds(p) - b < 0.1 for p, b in zip(pids, before, strict=True))
        quiet_seconds = quiet_seconds + 1 if calm else 0
        return quiet_seconds >= 2

    wait_for(quiet, timeout, every=0)
    return time.monotonic() - start


def log_value(copy: Path, key: str, value: float, folder: Path) -> None:
    env = child_env(folder, GOALTUI_USER="cron")
    argv = [*goaltui_command(), "log", key, f"{value:g}", "--db", str(copy)]
    done = subprocess.run(argv, env=env, capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"goaltui log failed: {done.stderr.decode()}")


def _value_for(key: str, n: int) -> float:
    kpi = next(k for k in KPIS if k.key == key.split("-", 1)[0])
    return round(kpi.target + (kpi.baseline - kpi.target) * (0.3 + 0.02 * n), kpi.decimals)


# -- measure 3 ------------------------------------------------------------------------------


def cpu_while_logging(ds: DataSet, writes: int, folder: Path) -> list[Row]:
    copy = board_copy(ds, folder)
    board = open_board(ds, copy, folder, "board")
    floor = Pane("floor", child_env(folder))
    floor.start(bench_child("tui-floor", str(ds.goals)), {"GOALTUI_CONFIG_DIR": str(folder)})
    if not floor.wait_screen("r0 c0", READY_TIMEOUT):
        raise RuntimeError(f"the floor app did not start:\n{floor.screen()}")
    pids = {"goaltui": board.pid, "floor": floor.pid}
    settled = settle(list(pids.values()))
    key = ds.keys[len(ds.keys) // 2]
    start = time.monotonic()
    cpu0 = {k: cpu_seconds(p) for k, p in pids.items()}
    rss0 = {k: status_mb(p) for k, p in pids.items()}
    peak = dict(rss0)
    late = 0

    def sample_until(moment: float) -> None:
        while (now := time.monotonic()) < moment:
            for k, p in pids.items():
                peak[k] = max(peak[k], status_mb(p))
            time.sleep(min(0.25, moment - now))

    half: dict[str, float] = {}
    for n in range(writes):
        late += time.monotonic() > start + n * SPACING + 0.5
        sample_until(start + n * SPACING)
        if n == writes // 2:
            half = {k: status_mb(p) for k, p in pids.items()}
        log_value(copy, key, _value_for(key, n), folder)
    sample_until(start + writes * SPACING)
    wall = time.monotonic() - start
    cpu = {k: (cpu_seconds(p) - cpu0[k]) / wall * 100 for k, p in pids.items()}
    rss1 = {k: status_mb(p) for k, p in pids.items()}
    growth = {k: rss1[k] - rss0[k] for k in pids}
    notes = [f"settled {settled:.0f} s before the window; window {wall:.0f} s"]
    if late:
        notes.append(f"{late} writes started late (a `goaltui log` took over {SPACING:g} s)")
    if board.dead():
        notes.append("the board died: " + board.screen().strip()[-300:])
    screen = board.screen()
    board.kill()
    floor.kill()
    what = f"{writes} values logged {SPACING:g} s apart by another user, {ds.label}"
    limit = 5.0 if ds.goals >= 1000 else 1.0
    return [
        Row(
            f"board CPU while {what} (% of one core)",
            cpu["goaltui"],
            cpu["floor"],
            "%",
            f"≤ {limit:g} %",
            cpu["goaltui"] <= limit,
            notes=notes,
            extra={"rss_start_mb": rss0, "rss_peak_mb": peak, "last_screen": screen},
        ),
        Row(
            f"board RSS growth over that window, {ds.label}",
            growth["goaltui"],
            growth["floor"],
            "MB",
            "≤ +10 MB",
            growth["goaltui"] <= 10,
            ratio=float("nan"),
            notes=[
                f"goaltui: {rss0['goaltui']:.0f} MB at the start, peak {peak['goaltui']:.0f} MB,"
                f" {rss1['goaltui'] - half['goaltui']:+.1f} MB in the second half"
            ],
        ),
    ]


# -- measure 4 ------------------------------------------------------------------------------


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
    """The row shows `value` as its latest value ("71→78%"; any standalone 71 without →)."""
    tail = "→" if "→" in line else r"(?![\d.,:])"
    return re.search(rf"(?<![\d.,:]){value}{tail}", line) is not None


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
    from goaltui.store.store import Store

    copy = board_copy(ds, folder)
    reads = []
    for _ in range(3):  # the floor: one full read of the file, as a refresh must do
        started = time.perf_counter()
        snapshot = Store(copy, user="bench").snapshot()
        reads.append((time.perf_counter() - started) * 1000)
    board = open_board(ds, copy, folder, "foreign")
    settled = settle([board.pid])
    screen = board.screen()
    keys = pick_goals(screen, ds)
    if not keys:
        raise RuntimeError(f"no goal of the data set on the first screen:\n{screen}")
    latest = {k: snapshot.series[k][-1].value for k in keys}
    targets = {g.key: g.metric.target or 0.0 for g in snapshot.goals}
    plan: list[Write] = []
    for n in range(writes):
        key = keys[n % len(keys)]
        earlier = {w.value for w in plan if w.key == key}
        value = choose_value(row_of(screen, key), latest[key], targets[key], earlier)
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
            f"write to screen latency, median (max {max(latencies, default=float('nan')):.0f} ms)"
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
