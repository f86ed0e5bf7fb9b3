"""Work that needs memory (building a file, a full read), done in a child process.

Why: on Linux a child's ru_maxrss starts at its parent's *peak* RSS (fork copies the
memory map with its high-water mark, and exec keeps that mark). A benchmark parent that
had parsed a 50 MB file once would hand every later child, the floor app included, a
ru_maxrss of 500 MB. So the parent never imports goaltui: each piece of work below runs
in `bench_centre.py --child heavy MODE ...` and answers with one JSON line.

- `build PATH GOALS DAYS HISTORY LAST_DAY`: a centre file through the Store API.
- `wins PATH MORNING|system`: record the wins the board would record when it opens.
- `read PATH KEY...`: three timed Store.snapshot() reads; the latest value and target of KEYs.
- `csv PATH ROWS LAST_DAY KEY...`: a date,goal,value export.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from centre.common import ROOT
from centre.procs import bench_child


def run(*args: str, timeout: float = 3600.0) -> dict[str, Any]:
    """Run one piece of work in a child; its JSON answer."""
    done = subprocess.run(
        bench_child("heavy", *args), cwd=ROOT, capture_output=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"heavy {args[0]} failed: {done.stderr.decode()[-1500:]}")
    answer: dict[str, Any] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return answer


def main(mode: str, args: list[str]) -> None:
    from centre import data

    answer: dict[str, Any]
    if mode == "build":
        path, goals, days, history, last = args
        keys, checkins = data.build(
            Path(path), int(goals), int(days), int(history), date.fromisoformat(last)
        )
        answer = {"keys": keys, "checkins": checkins}
    elif mode == "wins":
        answer = {"wins": _record_wins(Path(args[0]), args[1])}
    elif mode == "read":
        answer = _read(Path(args[0]), args[1:])
    elif mode == "csv":
        path, rows, last, *keys = args
        span = data.write_csv(Path(path), tuple(keys), int(rows), date.fromisoformat(last))
        answer = {"days": span}
    else:
        raise SystemExit(f"unknown heavy mode {mode!r}")
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
    os._exit(0)  # the big tables need no tidy teardown


def _record_wins(path: Path, morning: str) -> int:
    from goaltui.core.clock import FixedClock
    from goaltui.store.store import Store

    clock = None if morning == "system" else FixedClock(datetime.fromisoformat(morning))
    return len(Store(path, clock=clock, user="bench").record_new_wins())


def _read(path: Path, keys: list[str]) -> dict[str, Any]:
    from goaltui.store.store import Store

    reads = []
    for _ in range(3):
        started = time.perf_counter()
        snapshot = Store(path, user="bench").snapshot()  # a fresh Store: a full read
        reads.append((time.perf_counter() - started) * 1000)
    targets = {g.key: g.metric.target for g in snapshot.goals}
    latest = {k: snapshot.series[k][-1].value for k in keys if snapshot.series.get(k)}
    return {"read_ms": reads, "latest": latest, "target": {k: targets.get(k) for k in keys}}
