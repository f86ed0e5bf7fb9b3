"""Measures 1, 2 and 5: first paint, memory at first paint, cursor down, in headless children.

Each run is a fresh subprocess timed from spawn until it reports that its table holds
every row and a frame was rendered. goaltui's board and the floor app (one DataTable with
the same number of rows) run interleaved, alternating which goes first, after one warm-up
run each (page cache, .pyc files).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import time
from pathlib import Path

from centre import heavy
from centre.common import Row, log, median
from centre.data import DataSet
from centre.procs import bench_child, child_env, figures, finish, read_line, spawn

PAINT_TIMEOUT = 180.0  # a 3-year, 1,000-goal file on a busy machine is slow, not stuck
RSS_TARGET_MB = 120.0
CURSOR_TARGET_MS = 16.0


def working_copy(ds: DataSet, folder: Path) -> Path:
    """A copy the board may write to (it records wins); the cache stays as built."""
    copy = folder / ds.path.name
    shutil.copyfile(ds.path, copy)
    # Record the wins the board would record on its first open, so every run starts alike.
    heavy.run("wins", str(copy), ds.morning.isoformat())
    return copy


def run_paint(argv: list[str], folder: Path) -> tuple[float, dict[str, str]]:
    """Seconds from spawn to the child's first line, and everything it reported."""
    config = folder / f"config-{time.monotonic_ns()}"
    config.mkdir()
    start = time.perf_counter()
    proc = spawn(argv, child_env(config), stdout=subprocess.PIPE)
    first = read_line(proc, time.monotonic() + PAINT_TIMEOUT)
    elapsed = time.perf_counter() - start
    code, rest = finish(proc, PAINT_TIMEOUT)
    shutil.rmtree(config, ignore_errors=True)
    if "painted=1" not in first or code != 0:
        raise RuntimeError(f"child {argv[3:]} failed (exit {code}): {first!r} {rest[-2000:]!r}")
    return elapsed, figures(f"{first} {rest}")


def _commands(ds: DataSet, copy: Path, *extra: str) -> dict[str, list[str]]:
    morning = ds.morning.isoformat()
    return {
        "goaltui": bench_child("paint", "board", str(copy), str(ds.goals), morning, *extra),
        "floor": bench_child("paint", "floor", str(ds.goals), *extra),
    }


def first_paint(ds: DataSet, runs: int, folder: Path) -> list[Row]:
    copy = working_copy(ds, folder)
    commands = _commands(ds, copy)
    for argv in commands.values():
        run_paint(argv, folder)  # warm-up
    times: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, list[float]] = {k: [] for k in commands}
    peak: dict[str, list[float]] = {k: [] for k in commands}
    hwm: dict[str, list[float]] = {k: [] for k in commands}
    for n in range(runs):
        order = list(commands) if n % 2 == 0 else list(reversed(commands))
        for kind in order:
            elapsed, got = run_paint(commands[kind], folder)
            times[kind].append(elapsed * 1000)
            rss[kind].append(float(got["vmrss_mb"]))
            peak[kind].append(float(got["maxrss_mb"]))
            hwm[kind].append(float(got["vmhwm_mb"]))
        log(f"    run {n + 1}/{runs}: goaltui {times['goaltui'][-1]:.0f} ms, "
            f"floor {times['floor'][-1]:.0f} ms")  # fmt: skip
    limit = 1.5 if ds.goals >= 1000 else 1.3
    size_mb = ds.path.stat().st_size / 2**20
    paint = Row(
        f"first paint, {ds.label} ({size_mb:.0f} MB file)",
        median(times["goaltui"]),
        median(times["floor"]),
        "ms",
        f"≤ {limit}x",
        None,
        extra={"samples_ms": times},
    )
    paint.met = paint.ratio is not None and paint.ratio <= limit
    rows = [paint]
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for label, values in (("VmRSS after first paint", rss), ("peak RSS (ru_maxrss)", peak)):
        board = median(values["goaltui"])
        rows.append(
            Row(
                f"{label}, {ds.label} (own figure of each child)",
                board,
                median(values["floor"]),
                "MB",
                f"≤ {RSS_TARGET_MB:.0f} MB",
                board <= RSS_TARGET_MB,
                extra={"samples_mb": values, "vmhwm_mb": hwm},
            )
        )
    rows[-1].notes.append(
        f"VmHWM (peak of the child's own memory map): goaltui {median(hwm['goaltui']):.0f} MB, "
        f"floor {median(hwm['floor']):.0f} MB; ru_maxrss is at least the spawning parent's "
        f"peak, {parent:.0f} MB here"
    )
    return rows


def cursor(ds: DataSet, runs: int, folder: Path) -> Row:
    """Median of 60 presses per child, pooled over a few children of each kind."""
    copy = working_copy(ds, folder)
    commands = _commands(ds, copy, "cursor")
    samples: dict[str, list[float]] = {k: [] for k in commands}
    worst: dict[str, float] = dict.fromkeys(commands, 0.0)
    for n in range(max(1, min(3, runs))):
        order = list(commands) if n % 2 == 0 else list(reversed(commands))
        for kind in order:
            _, got = run_paint(commands[kind], folder)
            if "cursor_samples" not in got:
                raise RuntimeError(f"{kind}: {got.get('cursor_error', 'no cursor figures')}")
            samples[kind] += [float(s) for s in got["cursor_samples"].split(",")]
            worst[kind] = max(worst[kind], float(got["cursor_max_ms"]))
    board = median(samples["goaltui"])
    return Row(
        f"cursor down one row, {ds.label} (median of {len(samples['goaltui'])} presses)",
        board,
        median(samples["floor"]),
        "ms",
        f"< {CURSOR_TARGET_MS:.0f} ms",
        board < CURSOR_TARGET_MS,
        notes=[f"slowest press: goaltui {worst['goaltui']:.1f} ms, floor {worst['floor']:.1f} ms"],
        extra={"samples_ms": samples},
    )
