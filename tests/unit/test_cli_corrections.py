"""Mistakes undone from the shell: `unlog`, `close`, `demo`, and `log` / `import` holding to
the check-in screen's rules (no day before the start, no closed goal, --force for a value
that looks like a slip). Every refusal is one line on stderr, exit 1, the file unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from goaltui.cli import context as cli_context
from goaltui.cli import main as cli
from goaltui.core.clock import FixedClock
from goaltui.core.models import GoalStatus
from goaltui.formats.demo import DEMO_NOW
from goaltui.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = ROOT / "data" / "sample-import-platform.csv"
TODAY = DEMO_NOW.date()  # aht-tom: 8:54 today (by dana), 9:19 yesterday; target 8:00


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def refused(path: Path, *args: str | Path) -> str:
    """Run a command that must fail: one stderr line, exit 1, not a byte of `path` changed."""
    before = path.read_bytes()
    result = run(*args)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert path.read_bytes() == before
    return line.removeprefix("goaltui: error: ")


def value_on(path: Path, key: str, day: date) -> float | None:
    return next((c.value for c in Store(path).checkins(key) if c.day == day), None)


# -- unlog ----------------------------------------------------------------------------------


def test_unlog_removes_the_days_value_and_keeps_it_in_the_history(demo_path: Path) -> None:
    out = ok("unlog", "aht-tom", "--db", demo_path)
    assert out == f"Removed aht-tom = 8:54 for {TODAY} (kept in the history)\n"
    assert value_on(demo_path, "aht-tom", TODAY) is None
    [kept] = Store(demo_path).checkin_history("aht-tom")
    assert (kept.old.value, kept.old.by, kept.replaced_by, kept.removed) == (
        534,
        "dana",
        "lead",
        True,
    )
    assert "for 2026-11-25" in ok("unlog", "AHT-TOM", "--date", "yesterday", "--db", demo_path)


def test_unlog_with_nothing_to_remove_is_one_line(demo_path: Path) -> None:
    ok("unlog", "aht-tom", "--db", demo_path)
    line = refused(demo_path, "unlog", "aht-tom", "--db", demo_path)
    assert line == f"aht-tom has no value for {TODAY}: nothing to remove"
    assert "no goal with key 'nope'" in refused(demo_path, "unlog", "nope", "--db", demo_path)
    assert "in the future" in refused(
        demo_path, "unlog", "aht-tom", "--date", "+1d", "--db", demo_path
    )


def test_unlog_of_a_closed_goal_says_how_to_reopen_it(demo_path: Path) -> None:
    line = refused(demo_path, "unlog", "aht-maria", "--db", demo_path)
    assert line.startswith("aht-maria is closed as achieved")
    assert "goaltui close aht-maria active" in line


def test_unlog_as_a_process_loads_neither_textual_nor_pydantic(demo_path: Path) -> None:
    code = "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'pydantic', 'rich'}))"
    program = (
        "import sys\nfrom goaltui.cli.main import main\n"
        f"args = ['unlog', 'aht-tom', '--date', '2026-11-26', '--db', {str(demo_path)!r}]\n"
        "try:\n    main(args)\n"
        f"except SystemExit:\n    {code}\n    raise\n"
    )
    env = {**os.environ, "GOALTUI_USER": "cron"}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    removed, loaded = done.stdout.splitlines()
    assert removed.startswith("Removed aht-tom = 8:54") and loaded == "[]"
    assert Store(demo_path).checkin_history("aht-tom")[0].replaced_by == "cron"


# -- log: the check-in screen's rules ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("5340", "1:29:00 is far from aht-tom's recent range"),  # ten times off
        ("53.4", "53.4 is far from aht-tom's recent range"),
        ("2.1e9", "is far from aht-tom's recent range"),
        ("-5", "-0:05 is negative, but aht-tom's values never are"),
    ],
)
def test_log_refuses_a_value_that_looks_like_a_slip_unless_forced(
    demo_path: Path, value: str, why: str
) -> None:
    line = refused(demo_path, "log", "aht-tom", value, "--db", demo_path)
    assert why in line and line.endswith("use --force to log it anyway")
    ok("log", "aht-tom", value, "--force", "--db", demo_path)
    assert value_on(demo_path, "aht-tom", TODAY) == float(value)


def test_log_refuses_a_day_before_the_goal_starts(demo_path: Path) -> None:
    start = Store(demo_path).goal("aht-tom").start
    line = refused(demo_path, "log", "aht-tom", "560", "--date", "2026-01-01", "--db", demo_path)
    assert line == f"2026-01-01 is before aht-tom starts ({start})"


@pytest.mark.parametrize("status", ["achieved", "missed", "archived"])
def test_log_refuses_a_closed_goal_with_a_hint_to_reopen_it(demo_path: Path, status: str) -> None:
    Store(demo_path).set_status("aht-tom", GoalStatus(status))
    line = refused(demo_path, "log", "aht-tom", "530", "--db", demo_path)
    assert ("archived" if status == "archived" else f"closed as {status}") in line
    assert line.endswith("reopen it first (goaltui close aht-tom active, or x on the board)")
    ok("close", "aht-tom", "active", "--db", demo_path)
    assert "Logged aht-tom = 8:50" in ok("log", "aht-tom", "530", "--db", demo_path)


# -- close ------------------------------------------------------------------------------------


def test_close_as_achieved_short_of_the_target_needs_force(demo_path: Path) -> None:
    line = refused(demo_path, "close", "aht-tom", "achieved", "--db", demo_path)
    assert line == "aht-tom is at 8:54, short of 8:00: use --force to close it as achieved anyway"
    out = ok("close", "aht-tom", "achieved", "--force", "--db", demo_path)
    assert out == "Closed aht-tom as achieved (was active)\n"
    goal = Store(demo_path).goal("aht-tom")
    assert (goal.status, goal.updated_by) == (GoalStatus.ACHIEVED, "lead")


def test_close_reopen_archive_and_missed_say_what_changed(demo_path: Path) -> None:
    ok("log", "aht-tom", "478", "--db", demo_path)  # at the target: no question
    assert ok("close", "aht-tom", "achieved", "--db", demo_path) == (
        "Closed aht-tom as achieved (was active)\n"
    )
    assert (
        ok("close", "aht-tom", "active", "--db", demo_path) == "Reopened aht-tom (was achieved)\n"
    )
    assert (
        ok("close", "aht-tom", "missed", "--db", demo_path)
        == "Closed aht-tom as missed (was active)\n"
    )
    assert (
        ok("close", "aht-tom", "archived", "--db", demo_path) == "Archived aht-tom (was missed)\n"
    )
    before = demo_path.read_bytes()
    out = ok("close", "aht-tom", "archived", "--db", demo_path)
    assert out == "aht-tom is already archived: nothing changed\n"
    assert demo_path.read_bytes() == before


def test_close_refuses_unknown_goals_and_statuses(demo_path: Path) -> None:
    assert "no goal with key 'nope'" in refused(
        demo_path, "close", "nope", "missed", "--db", demo_path
    )
    assert "'done' is not one of" in refused(
        demo_path, "close", "aht-tom", "done", "--db", demo_path
    )


# -- demo -------------------------------------------------------------------------------------


def test_demo_writes_the_demo_data_ending_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = FixedClock(datetime(2027, 3, 1, 8, 0))
    monkeypatch.setattr(cli_context, "make_clock", lambda: later)
    path = tmp_path / "try.json"
    out = ok("demo", path)
    assert out.splitlines() == [
        f"Wrote the demo data (11 goals, ending 2027-03-01) to {path}",
        f"Try: goaltui --db {path} goals",
    ]
    assert Store(path).checkins("aht-tom")[-1].day == date(2027, 3, 1)
    assert "aht-tom" in ok("goals", "--db", path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob("goaltui-demo-*"))  # no temporary folder left behind


def test_demo_never_writes_over_a_file(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(b"my real data")
    assert (
        refused(path, "demo", path)
        == f"{path} already exists: the demo is written to a new file only"
    )
    result = run("demo", tmp_path / "no" / "such" / "demo.json")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert "no such folder" in result.stderr


# -- import: the same rules, all rows or none ----------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kpis.csv"
    path.write_text(text)
    return path


def test_import_refuses_the_whole_file_for_one_row_against_the_rules(
    demo_path: Path, tmp_path: Path
) -> None:
    rows = "date,goal,value\n2026-11-26,fcr-sam,67\n2026-11-26,aht-maria,440\n"
    rows += "2026-01-02,aht-tom,560\n2026-11-25,csat-priya,8.4\n"
    path = write(tmp_path, rows)
    line = refused(demo_path, "import", path, "--db", demo_path)
    wanted = [
        "line 3: aht-maria is closed as achieved",
        "line 4: 2026-01-02 is before aht-tom starts",
        "line 5: 8.4 is far from csat-priya's recent range",
        "use --force to import it",
        f"3 bad rows in {path}; nothing was imported",
    ]
    found = [line.find(part) for part in wanted]  # in the CLI's one line, in this order
    assert -1 not in found and found == sorted(found), line


def test_import_force_lets_a_checked_value_in(demo_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "date,goal,value\n2026-11-26,csat-priya,8.4\n")
    assert "added 0, changed 1" in ok("import", path, "--force", "--db", demo_path)
    assert value_on(demo_path, "csat-priya", TODAY) == 8.4


def test_platform_rows_of_a_closed_goal_are_skipped_and_reported(
    demo_path: Path, tmp_path: Path
) -> None:
    """A platform export lists every agent every day: Maria's closed goal takes no new row,
    and the other agents' values still come in."""
    rows = "Date;Agent;KPI;Value\n25/11/2026;Maria Lopez;AHT;450\n26/11/2026;Tom Becker;AHT;530\n"
    args = ["--metric-col", "KPI", "--owner-col", "Agent", "--db", str(demo_path)]
    out = ok("import", write(tmp_path, rows), *args)
    assert out == (
        "added 0, changed 1, skipped 0 unchanged; 1 row of closed goals not imported "
        "(aht-maria: reopen a goal to take its rows)\n"
    )
    assert value_on(demo_path, "aht-tom", TODAY) == 530
    assert value_on(demo_path, "aht-maria", date(2026, 11, 25)) == 436  # as it was
    # The shipped sample repeats Maria's stored values: nothing to refuse or report.
    out = ok("import", PLATFORM, *args, "--note-col", "Comment")
    assert "closed goals" not in out
