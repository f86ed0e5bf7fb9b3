"""Board benchmark: cold start, cursor move and memory, against a minimal Textual baseline.

Not a test: it prints figures and ratios measured in one run, because these machines
are noisy. Run from the repository root:

    python benchmarks/bench_board.py            # 100 and 1,000 goals, 5 runs each
    python benchmarks/bench_board.py --runs 9 --goals 100

Each cold start is a fresh subprocess (interpreter start, imports, reading the data file,
first frame) timed from spawn until the child reports that the table holds every row and
a frame was rendered. The baseline is a minimal Textual app showing a DataTable with the
same number of rows (10 short text columns) and no data file. Both run headless at 120x40
and are interleaved so drift hits both alike. Peak memory is the child's ru_maxrss at
that moment. The cursor figure is the time from a "down" key press to the end of the
next screen update, on the 1,000-goal board, median of 60 presses.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30)
SIZE = (120, 40)
DAYS = 365
PRESSES = 60
TARGETS = {"start_100": 1.5, "start_1000": 2.0, "cursor_ms": 16.0, "rss_mb": 120.0}


# -- data ----------------------------------------------------------------------------------


def make_data(goals: int) -> Path:
    """A data file with `goals` goals and a year of daily check-ins each, through the Store.

    Cached in benchmarks/out/ (git-ignored): building 1,000 goals takes a while.
    """
    from goaltui.core.clock import FixedClock
    from goaltui.core.models import CheckIn, Goal, Level, Metric
    from goaltui.store.store import Store

    path = OUT / f"board-{goals}x{DAYS}.json"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building.json")
    tmp.unlink(missing_ok=True)
    store = Store(tmp, clock=FixedClock(NOW), user="bench")
    rng = random.Random(goals)
    kpis = [("AHT", "s", 520.0, 420.0), ("FCR", "%", 68.0, 78.0), ("CSAT", "%", 78.0, 86.0)]
    start = TODAY - timedelta(days=DAYS - 1)
    checkins: list[CheckIn] = []
    for n in range(goals):
        name, unit, baseline, target = kpis[n % len(kpis)]
        key = f"{name.lower()}-{n:04d}"
        level = (Level.CENTER, Level.TEAM, Level.AGENT)[min(2, n % 7)]
        due = TODAY + timedelta(days=rng.randint(-20, 200))
        store.add_goal(
            Goal(
                key=key,
                title=f"{name} goal number {n} for the benchmark board",
                owner=f"Agent {n % 40:02d}",
                level=level,
                metric=Metric(name=name, unit=unit, baseline=baseline, target=target),
                start=start,
                due=due,
                why="benchmark",
            )
        )
        reach, noise = rng.uniform(0.2, 1.1), abs(target - baseline) / 8
        for day in range(DAYS):
            value = baseline + (target - baseline) * reach * day / DAYS + rng.gauss(0, noise)
            when = start + timedelta(days=day)
            checkins.append(CheckIn(goal=key, day=when, value=round(value, 1)))
    store.log_many(checkins)
    tmp.replace(path)
    for leftover in OUT.glob(f"{tmp.name}.*"):  # the Store's lock file and day backup
        leftover.unlink()
    return path


# -- children ------------------------------------------------------------------------------


def _report(**figures: object) -> None:
    # Written to fd 1 directly: Textual captures sys.stdout while an app runs.
    line = " ".join(f"{k}={v}" for k, v in figures.items())
    os.write(1, f"{line}\n".encode())


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _on_first_frame(app: Any, ready: Any, then: Any) -> None:
    """Call `then()` once the first frame rendered with `ready()` true has been produced.

    Hooks App._display, which the screen calls with every rendered update (headless
    mode renders the frame and then discards it, as a terminal write would take it).
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


def child_board(path: str, goals: int, cursor: bool) -> None:
    from goaltui.app.goal_app import make_app
    from goaltui.core.clock import FixedClock
    from goaltui.store.store import Store
    from goaltui.widgets.board import BoardTable

    clock = FixedClock(NOW)
    app = make_app(Store(path, clock=clock, user="bench"), clock)

    def ready() -> bool:
        tables = app.screen.query(BoardTable)
        return bool(tables) and tables.first().row_count >= goals

    _run(app, ready, lambda: app.screen.query_one(BoardTable), cursor)


def child_baseline(goals: int, cursor: bool, path: str | None = None) -> None:
    """The minimal app; with `path` it first reads the data file as the board does
    (imports, store snapshot, progress maths), to split the board's time in two."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            if path is not None:
                from goaltui.core.board_rows import build_rows
                from goaltui.core.clock import FixedClock
                from goaltui.store.store import Store

                build_rows(Store(path, clock=FixedClock(NOW)).snapshot(), TODAY)
            table = self.query_one(DataTable)
            table.add_columns(*(f"col {c}" for c in range(10)))
            table.add_rows([f"r{r} c{c}" for c in range(10)] for r in range(goals))
            table.focus()

    app = Minimal()

    def ready() -> bool:
        tables = app.screen.query(DataTable)
        return bool(tables) and tables.first().row_count >= goals

    _run(app, ready, lambda: app.query_one(DataTable), cursor)


def _run(app: Any, ready: Any, table: Any, cursor: bool) -> None:
    def painted() -> None:
        _report(painted=1, rss_mb=f"{_rss_mb():.1f}")
        if cursor:
            # A worker is a task of its own: the app's message loop stays free for the keys.
            app.run_worker(_cursor_moves(app, table()))
        else:
            app.exit()

    _on_first_frame(app, ready, painted)
    app.run(headless=True, size=SIZE)


async def _cursor_moves(app: Any, table: Any) -> None:
    """Move down PRESSES times: a key event in, wait until the app handled it and the
    messages it caused, then render the screen update (as the 60 fps timer would)."""
    import asyncio

    from textual import events

    samples = []
    for _ in range(PRESSES):
        row = table.cursor_row
        t0 = time.perf_counter()
        app.post_message(events.Key("down", None))
        while table.cursor_row == row:
            await asyncio.sleep(0)
        for _ in range(5):  # let RowHighlighted and friends be handled
            await asyncio.sleep(0)
        app.screen._on_timer_update()
        samples.append((time.perf_counter() - t0) * 1000)
    _report(cursor_ms=f"{statistics.median(samples):.2f}", cursor_max_ms=f"{max(samples):.2f}")
    app.exit()


# -- parent --------------------------------------------------------------------------------


def run_child(args: list[str]) -> tuple[float, dict[str, str]]:
    """Spawn one child with a fresh, empty config folder (removed when the child is done)."""
    with tempfile.TemporaryDirectory(prefix="bench-cfg-") as config:
        env = dict(os.environ, GOALTUI_CONFIG_DIR=config)
        env.pop("TEXTUAL_THEME", None)
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, env=env, cwd=ROOT
        )
        assert proc.stdout is not None
        first = proc.stdout.readline().decode()
        elapsed = time.perf_counter() - t0
        rest = proc.stdout.read().decode()
        code = proc.wait()
    if code != 0 or "painted=1" not in first:
        raise SystemExit(f"child {args} failed: {first!r} {rest!r}")
    figures = dict(item.split("=", 1) for item in f"{first} {rest}".split() if "=" in item)
    return elapsed, figures


def cold_start(goals: int, runs: int) -> dict[str, float]:
    path = make_data(goals)
    kinds = {
        "baseline": ["baseline", str(goals)],
        "read": ["baseline+read", str(path), str(goals)],
        "board": ["board", str(path), str(goals)],
    }
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    rss: dict[str, list[float]] = {kind: [] for kind in kinds}
    for args in kinds.values():  # warm the OS file cache and .pyc files for all
        run_child(args)
    for _ in range(runs):
        for kind, args in kinds.items():
            elapsed, figures = run_child(args)
            times[kind].append(elapsed)
            rss[kind].append(float(figures["rss_mb"]))
    median = {kind: statistics.median(values) for kind, values in times.items()}
    return {
        "board_s": median["board"],
        "baseline_s": median["baseline"],
        "read_s": median["read"],
        "ratio": median["board"] / median["baseline"],
        "rss_mb": max(rss["board"]),
        "baseline_rss_mb": max(rss["baseline"]),
        "read_rss_mb": max(rss["read"]),
        "size_mb": path.stat().st_size / 2**20,
    }


def cursor(goals: int) -> tuple[float, float]:
    path = make_data(goals)
    _, board = run_child(["board", str(path), str(goals), "cursor"])
    _, base = run_child(["baseline", str(goals), "cursor"])
    return float(board["cursor_ms"]), float(base["cursor_ms"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--goals", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        want_cursor = rest[-1] == "cursor"
        if kind == "board":
            child_board(rest[0], int(rest[1]), want_cursor)
        elif kind == "baseline+read":
            child_baseline(int(rest[1]), want_cursor, rest[0])
        else:
            child_baseline(int(rest[0]), want_cursor)
        return

    rows = []
    for goals in args.goals:
        print(f"building/timing {goals} goals x {DAYS} days ...", file=sys.stderr)
        result = cold_start(goals, args.runs)
        target = TARGETS["start_100"] if goals <= 100 else TARGETS["start_1000"]
        rows.append(
            (
                f"cold start, {goals} goals x {DAYS} check-ins ({result['size_mb']:.0f} MB file)",
                f"{result['board_s'] * 1000:.0f} ms",
                f"{result['baseline_s'] * 1000:.0f} ms",
                f"{result['read_s'] * 1000:.0f} ms",
                f"{result['ratio']:.2f}x",
                f"≤ {target}x",
                "yes" if result["ratio"] <= target else "NO",
            )
        )
        rows.append(
            (
                f"peak memory (ru_maxrss), {goals} goals",
                f"{result['rss_mb']:.0f} MB",
                f"{result['baseline_rss_mb']:.0f} MB",
                f"{result['read_rss_mb']:.0f} MB",
                f"{result['rss_mb'] / result['baseline_rss_mb']:.2f}x",
                f"< {TARGETS['rss_mb']:.0f} MB",
                "yes" if result["rss_mb"] < TARGETS["rss_mb"] else "NO",
            )
        )
    most = max(args.goals)
    board_ms, base_ms = cursor(most)
    rows.append(
        (
            f"cursor down one row, {most} goals (median of {PRESSES})",
            f"{board_ms:.2f} ms",
            f"{base_ms:.2f} ms",
            "",
            f"{board_ms / base_ms:.2f}x",
            f"< {TARGETS['cursor_ms']:.0f} ms",
            "yes" if board_ms < TARGETS["cursor_ms"] else "NO",
        )
    )
    print(f"\nmedians of {args.runs} runs; Python {sys.version.split()[0]}, {SIZE[0]}x{SIZE[1]}\n")
    print(
        "| measure | goaltui board | minimal DataTable | minimal DataTable + store read "
        "| ratio board/minimal | target | met |"
    )
    print("|---|---:|---:|---:|---:|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
