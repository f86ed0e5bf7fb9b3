"""Centre-scale benchmark: each goaltui figure beside a floor measured in the same run.

Not a timed test: these machines are shared and noisy, so read the ratios, not the
milliseconds. Prints a Markdown table (measure | goaltui | floor | ratio | target | met)
and writes it, with the raw samples, to benchmarks/out/bench_centre-<time>.{md,json}.

    python benchmarks/bench_centre.py                      # 100 and 1,000 goals x 1 and 3 years
    python benchmarks/bench_centre.py --goals 1000 --years 1 --only paint log
    python benchmarks/bench_centre.py --goals 50 --years 1 --runs 2 --quick   # a smoke run

Data: one file per size, built through the public Store API (add_goal per goal, one
log_many with every check-in) and cached in benchmarks/out/, named by size and by a
fingerprint of goaltui/store's source, so a storage change rebuilds it. Whatever writes
(the board records wins, `goaltui log`, `goaltui import`) works on a copy.

The measures (--only NAME picks some):

paint    First paint: a fresh headless child at 120x40 (`--child paint ...`), timed from
         spawn until it reports that its table holds every row and a frame was rendered;
         the floor is a minimal Textual app with a DataTable of as many rows. Interleaved,
         alternating order, after a warm-up run of each. Targets: <= 1.5x at 1,000 goals,
         <= 1.3x below. Also each child's OWN memory at that moment: VmRSS from
         /proc/self/status and ru_maxrss of RUSAGE_SELF (target <= 120 MB). On Linux a
         child's ru_maxrss starts at its parent's peak, so this script never loads a data
         file itself (centre/heavy.py does that work in children); VmHWM is in the notes.
cursor   Cursor down one row: a "down" key event to the end of the next screen update,
         median of 60 per child, pooled over up to 3 children (target < 16 ms), beside the
         floor app's cursor.
log      `goaltui log KEY VALUE --db FILE` as a whole process on every centre file and on
         a 75,000-check-in file, beside `python -c "import tinydb, pydantic, click"`;
         interleaved, first round not counted. Targets: <= 1.5x up to 75k check-ins, else 2x.
live     The real board in tmux at 120x40 (`goaltui --db FILE`) while another user logs a
         value every 2 s for 40 s (20 writes): the board's utime+stime from /proc/PID/stat
         over the window as % of one core (targets <= 5 % at 1,000 goals, <= 1 % below) and
         its VmRSS growth (<= +10 MB). The floor is the minimal app open in a second tmux
         pane over the same window. The window starts once both have gone quiet.
foreign  A 1,000-goal board in tmux while another user logs 30 values 2 s apart on goals of
         the first screen, each a distinctive whole number; capture-pane every 100 ms looks
         for it on the goal's row. Counts those shown within 4 s of the write (target 30 of
         30), with the median and max latency; the floor is one Store.snapshot() read.
import   `goaltui import FILE.csv` (date,goal,value) of 365,000 and 1,000,000 rows into a
         goals-only centre file while an observer process tries flock(LOCK_EX | LOCK_NB) on
         FILE.lock every ~1 ms, releasing at once, and records the longest stretch it could
         not get it; reported per 365k rows (target <= 1 s), beside the hold of one
         `goaltui log` on the imported file; and the import's total time beside a plain
         csv.reader pass over the file.

--quick shortens the windows (5 and 6 writes instead of 20 and 30) and the imports (36,500
and 100,000 rows).
Every wait has a deadline; children and tmux servers are ended on exit, Ctrl-C included.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from centre.common import Options, Row


def main() -> int:
    if sys.argv[1:2] == ["--child"]:  # before any heavy import: children pay only their own
        from centre.children import main as child_main

        child_main(sys.argv[2], sys.argv[3:])
        return 0
    return run()


def run() -> int:
    import argparse
    import compileall
    import os
    import time
    from datetime import datetime

    from centre import report
    from centre.common import ROOT, Options, log
    from centre.procs import cleanup, terminate_as_exit

    measures = ("paint", "cursor", "log", "live", "foreign", "import")
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        epilog="See the module docstring for how each figure is measured.",
    )
    parser.add_argument("--goals", type=int, nargs="+", default=[100, 1000], metavar="N")
    parser.add_argument("--years", type=int, nargs="+", default=[1, 3], metavar="Y")
    parser.add_argument("--runs", type=int, default=5, help="first-paint and log runs (5)")
    parser.add_argument("--quick", action="store_true", help="short windows and imports")
    parser.add_argument(
        "--only", nargs="+", choices=measures, default=[], metavar="MEASURE",
        help=f"some of: {', '.join(measures)}",
    )  # fmt: skip
    parser.add_argument(
        "--import-rows", type=int, nargs="+", metavar="ROWS",
        help="rows per import (365000 1000000; quick: 36500 100000)",
    )  # fmt: skip
    args = parser.parse_args()
    rows_default = [36_500, 100_000] if args.quick else [365_000, 1_000_000]
    opts = Options(
        goals=tuple(args.goals),
        years=tuple(args.years),
        runs=max(1, args.runs),
        quick=args.quick,
        only=frozenset(args.only),
        import_rows=tuple(args.import_rows or rows_default),
    )
    terminate_as_exit()
    info: dict[str, object] = report.machine()
    info["started"] = datetime.now().isoformat(timespec="seconds")
    info["load_start"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    rows: list[Row] = []
    code = 0
    started = time.monotonic()
    try:
        for package in ("goaltui", "screens"):  # children use the .pyc files, not the sources
            compileall.compile_dir(ROOT / package, quiet=1)
        _measure(opts, rows)
    except KeyboardInterrupt:
        log("interrupted: the table below has what was measured so far")
        code = 130
    finally:
        cleanup()
    info["load_end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    info["parent_peak_mb"] = report.machine()["parent_peak_mb"]
    info["seconds"] = round(time.monotonic() - started)
    print(report.markdown(rows, opts, info))
    log(f"\nwritten: {report.write(rows, opts, info)} (and .md)")
    return code


def _measure(opts: Options, rows: list[Row]) -> None:
    from centre import commands, foreign, live, paint
    from centre.common import Row, log
    from centre.data import DataSet, centre_file
    from centre.procs import scratch

    sets: dict[tuple[int, int], DataSet] = {}

    def data(goals: int, years: int) -> DataSet:
        if (goals, years) not in sets:
            sets[goals, years] = centre_file(goals, 365 * years)
        return sets[goals, years]

    def step(name: str, title: str, measure: Callable[..., list[Row] | Row], *args: Any) -> None:
        """Run `measure(*args, folder)` in a scratch folder; a failure becomes a row."""
        log(f"{name}: {title}")
        try:
            with scratch(name) as folder:
                got = measure(*args, folder)
            rows.extend(got if isinstance(got, list) else [got])
        except (RuntimeError, OSError, ValueError, KeyError) as exc:
            log(f"  failed: {exc}")
            rows.append(Row(f"{name}, {title}: FAILED", None, None, "", "—", False,
                            notes=[str(exc)[-600:]]))  # fmt: skip

    small_years = min(opts.years)
    biggest = max(opts.goals)
    if opts.wants("paint"):
        for goals, years in opts.sizes:
            ds = data(goals, years)
            step("paint", ds.label, paint.first_paint, ds, opts.runs)
    if opts.wants("cursor"):
        for goals in sorted(opts.goals):
            ds = data(goals, small_years)
            step("cursor", ds.label, paint.cursor, ds, opts.runs)
    if opts.wants("log"):
        files = [data(g, y) for g, y in opts.sizes] + [centre_file(200, 375)]  # 75,000 check-ins
        step("log", "goaltui log", commands.log_process, files, opts.runs)
    live_writes, foreign_writes = (5, 6) if opts.quick else (20, 30)
    if opts.wants("live"):
        for goals, years in opts.sizes:
            ds = data(goals, years)
            step("live", ds.label, live.cpu_while_logging, ds, live_writes)
    if opts.wants("foreign"):
        for years in sorted(opts.years):
            ds = data(biggest, years)
            step("foreign", ds.label, foreign.foreign_writes, ds, foreign_writes)
    if opts.wants("import"):
        step("import", f"{biggest} goals", commands.import_lock, biggest, list(opts.import_rows))


if __name__ == "__main__":
    sys.exit(main())
