"""Measures 6 and 7: `goaltui log` as a whole process, and the lock held by a large import.

Both write, so they run on copies of the cached files in a scratch folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from centre import heavy
from centre.common import Row, log, median
from centre.data import DataSet, centre_file
from centre.procs import (
    bench_child,
    child_env,
    figures,
    finish,
    goaltui_command,
    read_line,
    spawn,
    status_mb,
    timed_run,
)

IMPORT_FLOOR = [sys.executable, "-c", "import tinydb, pydantic, click"]
CSV_FLOOR = "import csv, sys\nfor _ in csv.reader(open(sys.argv[1], newline='')): pass"
HOLD_TARGET_S = 1.0  # per 365k rows
IMPORT_TIMEOUT = 3600.0


def log_process(sets: list[DataSet], runs: int, folder: Path) -> list[Row]:
    """`goaltui log KEY VALUE --db FILE` per file, and the import floor, runs interleaved;
    the first round (page cache, the day's backup) is not counted."""
    env = child_env(folder, GOALTUI_USER="cron")
    commands: dict[str, list[str]] = {"floor": IMPORT_FLOOR}
    for ds in sets:
        copy = folder / f"log-{ds.path.name}"
        shutil.copyfile(ds.path, copy)
        key = next(k for k in ds.keys if k.startswith("aht-"))
        commands[ds.label] = [*goaltui_command(), "log", key, "{value}", "--db", str(copy)]
    samples: dict[str, list[float]] = {label: [] for label in commands}
    for n in range(runs + 1):
        for label, command in commands.items():
            argv = [a.format(value=470 + n) for a in command]
            elapsed = timed_run(argv, env, timeout=300) * 1000
            if n:
                samples[label].append(elapsed)
    floor = median(samples.pop("floor"))
    rows = []
    for ds in sets:
        limit = 1.5 if ds.checkins <= 75_000 else 2.0
        board = median(samples[ds.label])
        rows.append(
            Row(
                f"`goaltui log` process, {ds.label} ({ds.checkins:,} check-ins); "
                'floor: `python -c "import tinydb, pydantic, click"`',
                board,
                floor,
                "ms",
                f"≤ {limit:g}x",
                board / floor <= limit,
                extra={"samples_ms": samples[ds.label]},
            )
        )
    return rows


def _observe(lock: Path) -> tuple[subprocess.Popen[bytes], float]:
    proc = spawn(bench_child("observer", str(lock)), child_env(lock.parent),
                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
    if "ready=1" not in read_line(proc, time.monotonic() + 60):
        finish(proc, 5)
        raise RuntimeError("the lock observer did not start")
    return proc, time.monotonic()


def _observed(proc: subprocess.Popen[bytes]) -> dict[str, str]:
    assert proc.stdin is not None
    proc.stdin.close()  # the observer stops at EOF
    line = read_line(proc, time.monotonic() + 30)
    finish(proc, 10)
    return figures(line)


def _run_watched(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds of one process and its peak RSS (its own VmHWM, read until it exits)."""
    start = time.perf_counter()
    proc = spawn(argv, env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    deadline = time.monotonic() + IMPORT_TIMEOUT
    while proc.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError, KeyError, ProcessLookupError):
            peak = max(peak, status_mb(proc.pid, "VmHWM"))
        time.sleep(0.05)
    code, _ = finish(proc, 1)
    elapsed = time.perf_counter() - start
    if code != 0:
        raise RuntimeError(f"{argv[-4:]} failed ({code})")
    return elapsed, peak


def import_lock(goals: int, row_counts: list[int], folder: Path) -> list[Row]:
    """`goaltui import` of each row count into a goals-only centre file, watched by the
    observer; the floor is the longest hold of one `goaltui log` on the imported file."""
    days = max(-(-rows // goals) for rows in row_counts)
    base = centre_file(goals, 0, history=days)
    env = child_env(folder, GOALTUI_USER="cron")
    rows = []
    for count in row_counts:
        target = folder / f"import-{count}.json"
        shutil.copyfile(base.path, target)
        lock = target.with_name(target.name + ".lock")  # goaltui/store/lock.py's name
        os.close(os.open(lock, os.O_RDWR | os.O_CREAT, target.stat().st_mode & 0o777))
        source = folder / f"import-{count}.csv"
        made = heavy.run("csv", str(source), str(count), str(base.last_day), *base.keys)
        span = made["days"]
        log(f"    importing {count:,} rows ({span} days x {goals} goals) ...")
        read_s = timed_run([sys.executable, "-c", CSV_FLOOR, str(source)], env, timeout=600)
        observer, _ = _observe(lock)
        try:
            total_s, peak_mb = _run_watched(
                [*goaltui_command(), "import", str(source), "--db", str(target)], env
            )
        finally:
            held = _observed(observer)
        observer, _ = _observe(lock)
        try:
            timed_run([*goaltui_command(), "log", base.keys[0], "1", "--db", str(target)], env, 300)
        finally:
            floor = _observed(observer)
        longest = float(held["longest_ms"])
        per_365k = longest / (count / 365_000)
        notes = [
            f"longest hold {longest:.0f} ms in all; observer's longest gap between tries "
            f"{held['max_gap_ms']} ms; held in {held['stretches']} stretch(es)",
            f"import's peak RSS {peak_mb:.0f} MB",
        ]
        rows.append(
            Row(
                f"lock held by `goaltui import` of {count:,} rows, per 365k rows; "
                "floor: the hold of one `goaltui log` on the imported file",
                per_365k,
                float(floor["longest_ms"]),
                "ms",
                f"≤ {HOLD_TARGET_S * 1000:.0f} ms per 365k",
                per_365k <= HOLD_TARGET_S * 1000,
                notes=notes,
                extra={"observer": held, "floor_observer": floor},
            )
        )
        rows.append(
            Row(
                f"`goaltui import` of {count:,} rows, whole process; floor: a csv.reader pass",
                total_s,
                read_s,
                "s",
                "—",
                None,
            )
        )
        target.unlink()
        source.unlink()
    return rows
