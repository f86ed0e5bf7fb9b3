"""How fast goaltui saves a check-in, next to stock TinyDB, measured in the same run.

    python benchmarks/bench_store.py                 # 18k and 75k check-ins, 15 repeats
    python benchmarks/bench_store.py --repeat 31 --sizes 18000 75000 200000

Prints a Markdown table:

1. the median time of one check-in save through goaltui's Store (a lead's open
   session: the parsed file is cached between saves) next to stock TinyDB's
   JSONStorage doing the same insert on a file of the same size;
2. the median wall time of `goaltui log` as a whole process next to
   `python -c "import tinydb, pydantic, click"` (the import floor), runs interleaved.

Targets (issue 3): a save at 75k check-ins at most 1/5 of stock TinyDB's time;
`goaltui log` at most 2x the import floor. This is a script, not a timed test:
machines are noisy, so compare the ratios, not the milliseconds.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import orjson
from tinydb import TinyDB

import goaltui
from goaltui.store.store import Store

FIRST_DAY = date(2020, 1, 1)
FLOOR = [sys.executable, "-c", "import tinydb, pydantic, click"]


def build(size: int) -> tuple[dict[str, dict[str, dict[str, object]]], int]:
    """goaltui tables with `size` daily check-ins spread over goals of one year each."""
    goals = max(1, size // 365)
    tables: dict[str, dict[str, dict[str, object]]] = {
        "_meta": {"1": {"schema": 1}},
        "goals": {},
        "checkins": {},
    }
    for g in range(goals):
        key = f"aht-agent-{g:04d}"
        tables["goals"][key] = {
            "key": key,
            "title": f"Cut handle time for agent {g}",
            "owner": f"agent {g}",
            "level": "agent",
            "metric": {"name": "AHT", "unit": "s", "baseline": 540.0, "target": 420.0},
            "start": FIRST_DAY.isoformat(),
            "due": (FIRST_DAY + timedelta(days=400)).isoformat(),
            "status": "active",
        }
    for n in range(size):
        key = f"aht-agent-{n % goals:04d}"
        day = (FIRST_DAY + timedelta(days=n // goals)).isoformat()
        tables["checkins"][f"{key}@{day}"] = {
            "goal": key,
            "day": day,
            "value": 500.0 + n % 37,
            "note": "",
            "confidence": None,
            "by": "lead",
            "at": f"{day}T09:30:00Z",
        }
    return tables, goals


def stock_tables(tables: dict[str, dict[str, dict[str, object]]]) -> dict[str, object]:
    """The same documents in stock TinyDB's own layout (integer document ids)."""
    return {
        name: {str(i): doc for i, doc in enumerate(table.values(), start=1)}
        for name, table in tables.items()
        if name != "_meta"
    }


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def time_calls(call: Callable[[int], object], repeat: int) -> list[float]:
    call(-1)  # warm-up: first parse, today's backup
    samples = []
    for n in range(repeat):
        start = time.perf_counter()
        call(n)
        samples.append(time.perf_counter() - start)
    return samples


def bench_save(folder: Path, size: int, repeat: int) -> tuple[float, float, int]:
    tables, goals = build(size)
    ours = folder / f"goaltui-{size}.json"
    ours.write_bytes(orjson.dumps(tables))
    stock = folder / f"tinydb-{size}.json"
    stock.write_text(json.dumps(stock_tables(tables)))
    last = FIRST_DAY + timedelta(days=size // goals + 1)

    store = Store(ours, user="bench")
    key = next(iter(tables["goals"]))
    ours_samples = time_calls(lambda n: store.log(key, 480.0, last + timedelta(days=n + 1)), repeat)

    db = TinyDB(stock)
    checkins = db.table("checkins")

    def stock_insert(n: int) -> None:
        day = (last + timedelta(days=n + 1)).isoformat()
        checkins.insert({"goal": key, "day": day, "value": 480.0, "note": "", "confidence": None})

    stock_samples = time_calls(stock_insert, repeat)
    db.close()
    return median_ms(ours_samples), median_ms(stock_samples), ours.stat().st_size


def goaltui_command() -> list[str]:
    script = Path(sys.executable).with_name("goaltui")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from goaltui.cli.main import main; main()"]


def bench_processes(files: dict[str, Path], repeat: int) -> dict[str, float]:
    """Median wall time per command; all commands interleaved so noise hits them alike."""
    # Installed packages ship compiled bytecode; make sure goaltui's is there too
    # (environments with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every run).
    compileall.compile_dir(Path(goaltui.__file__).parent, quiet=1)
    commands = {"floor": FLOOR}
    for label, path in files.items():
        commands[label] = [
            *goaltui_command(),
            "log",
            "{key}",
            "480",
            "--date",
            "{day}",
            "--db",
            str(path),
        ]
    samples: dict[str, list[float]] = {label: [] for label in commands}
    day = date(2030, 1, 1)
    for n in range(repeat + 1):
        for label, command in commands.items():
            argv = [a.format(key="aht-agent-0000", day=day + timedelta(days=n)) for a in command]
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            if n:  # the first round warms the page cache
                samples[label].append(time.perf_counter() - start)
    return {label: median_ms(values) for label, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[18_000, 75_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the data files")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="goaltui-bench-"))
    try:
        rows = []
        for size in args.sizes:
            ours, stock, nbytes = bench_save(folder, size, args.repeat)
            rows.append((size, nbytes, ours, stock))
        small = folder / "small.json"
        small.write_bytes(orjson.dumps(build(30)[0]))
        files = {"small": small} | {
            f"{s // 1000}k": folder / f"goaltui-{s}.json" for s in args.sizes
        }
        walls = bench_processes(files, args.repeat)
    finally:
        if args.keep:
            print(f"data files kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)

    print(
        f"goaltui {goaltui.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"median of {args.repeat}\n"
    )
    print(
        "| check-ins | file | goaltui Store save | stock TinyDB insert | ratio (target <= 0.20) |"
    )
    print("|---:|---:|---:|---:|---:|")
    for size, nbytes, ours, stock in rows:
        print(
            f"| {size:,} | {nbytes / 1e6:.1f} MB | {ours:.1f} ms | {stock:.1f} ms | "
            f"{ours / stock:.2f} (1/{stock / ours:.0f}) |"
        )
    floor = walls.pop("floor")
    print("\n| command | median wall | ratio to floor (target <= 2.0) |")
    print("|---|---:|---:|")
    print(f'| `python -c "import tinydb, pydantic, click"` | {floor:.0f} ms | 1.00 |')
    for label, wall in walls.items():
        what = "30 check-ins" if label == "small" else f"{label} check-ins"
        print(f"| `goaltui log` ({what}) | {wall:.0f} ms | {wall / floor:.2f} |")


if __name__ == "__main__":
    main()
