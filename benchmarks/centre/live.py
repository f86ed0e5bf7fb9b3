"""Measure 3, and the board helpers of measure 4: the real board open in tmux (120x40)
while another process logs values.

The board runs as a lead would run it (`goaltui --db FILE`, GOALTUI_USER=lead) on a copy of
the cached file; the writes are `goaltui log KEY VALUE --db FILE` with GOALTUI_USER=cron, so
the board sees another user's writes. Before a window starts, the board has painted and
its CPU has gone quiet (its start-up workers are done).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from centre import heavy
from centre.common import Row
from centre.data import KPIS, DataSet
from centre.procs import bench_child, child_env, cpu_seconds, goaltui_command, status_mb, wait_for
from centre.tmuxpane import Pane

READY_TIMEOUT = 180.0
SETTLE_TIMEOUT = 90.0
SPACING = 2.0  # seconds between writes
RSS_CAP_MB = 8000.0  # a board past this is stopped: the machine is shared


def board_copy(ds: DataSet, folder: Path) -> Path:
    """A copy for a board on the system clock, with the wins it would record on opening."""
    copy = folder / ds.path.name
    shutil.copyfile(ds.path, copy)
    heavy.run("wins", str(copy), "system")
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


def rss(pid: int) -> float:
    """VmRSS in MB; NaN once the process is gone (the notes then say it died)."""
    try:
        return status_mb(pid)
    except (FileNotFoundError, ProcessLookupError, KeyError):
        return float("nan")


def cpu_or_nan(pid: int) -> float:
    try:
        return cpu_seconds(pid)
    except (FileNotFoundError, ProcessLookupError):
        return float("nan")


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

    def sample_until(moment: float) -> bool:
        """Track the peak RSS until `moment`; False when the board passed RSS_CAP_MB."""
        while (now := time.monotonic()) < moment:
            for k, p in pids.items():
                peak[k] = max(peak[k], rss(p))
            if peak["goaltui"] > RSS_CAP_MB:
                return False
            time.sleep(min(0.25, moment - now))
        return True

    half: dict[str, float] = {}
    capped = False
    for n in range(writes):
        late += time.monotonic() > start + n * SPACING + 0.5
        if not sample_until(start + n * SPACING):
            capped = True
            break
        if n == writes // 2:
            half = {k: rss(p) for k, p in pids.items()}
        log_value(copy, key, _value_for(key, n), folder)
    capped = capped or not sample_until(start + writes * SPACING)
    wall = time.monotonic() - start
    cpu = {k: (cpu_or_nan(p) - cpu0[k]) / wall * 100 for k, p in pids.items()}
    rss1 = {k: rss(p) for k, p in pids.items()}
    half = half or rss0
    growth = {k: rss1[k] - rss0[k] for k in pids}
    notes = [f"settled {settled:.0f} s before the window; window {wall:.0f} s"]
    if capped:
        notes.append(f"stopped early: the board's RSS passed {RSS_CAP_MB / 1000:g} GB")
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
