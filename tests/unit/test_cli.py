"""The `goaltui` command as scripts, cron jobs and leads use it: output, errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result

from goaltui.app import goal_app
from goaltui.cli import context as cli_context
from goaltui.cli import main as cli
from goaltui.core.clock import FixedClock
from goaltui.formats.demo import DEMO_NOW
from goaltui.store import quicklog
from goaltui.store.lock import LockFile
from goaltui.store.store import Store

ADD_AHT = ["add", "aht-maria", "Cut Maria's handle time", "--metric", "AHT", "--unit", "s"]
ADD_AHT += ["--baseline", "540", "--target", "-20%", "--due", "+3m", "--owner", "Maria"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "goals.json"


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args], env=env)


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def error(result: Result, code: int) -> str:
    """The one stderr line of a failed command."""
    assert result.exit_code == code, result.stdout + result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("goaltui: error: ")
    return line.removeprefix("goaltui: error: ")


@pytest.fixture
def with_goal(db: Path) -> Path:
    ok(*ADD_AHT, "--db", db)
    return db


# -- happy paths ----------------------------------------------------------------------------


def test_add_understands_relative_targets_and_dates_and_grades_the_goal(db: Path) -> None:
    out = ok(*ADD_AHT, "--db", db)
    added, kpi, smart = out.splitlines()
    assert added == "Added aht-maria: Cut Maria's handle time (AHT 9:00 -> 7:12 by 2027-02-26)"
    assert kpi == "AHT is Average handle time: best inside a band, typical 5:00..6:00"
    assert smart.startswith("SMART ") and "/5" in smart
    goal = Store(db).goal("aht-maria")
    assert (goal.metric.target, goal.due, goal.owner) == (
        432,
        DEMO_NOW.date().replace(year=2027, month=2),
        "Maria",
    )


def test_log_prints_what_it_stored_and_what_it_replaced(with_goal: Path) -> None:
    assert (
        ok("log", "aht-maria", "530", "--db", with_goal)
        == "Logged aht-maria = 8:50 for 2026-11-26\n"
    )
    out = ok(
        "--db", with_goal, "log", "aht-maria", "512", "--note", "coached", "--confidence", "at-risk"
    )
    assert out == "Logged aht-maria = 8:32 for 2026-11-26 (replaces 8:50)\n"
    [checkin] = Store(with_goal).checkins("aht-maria")
    assert (checkin.value, checkin.note, checkin.confidence, checkin.by) == (
        512,
        "coached",
        "at-risk",
        "lead",
    )


def test_log_takes_short_dates_and_negative_values(db: Path) -> None:
    nps = ["nps-team", "Lift NPS", "--metric", "NPS", "--baseline", "-12", "--target", "10"]
    ok("add", *nps, "--due", "+3m", "--start", "-1w", "--db", db)  # started a week ago
    assert "for 2026-11-25" in ok("log", "nps-team", "-5", "--date", "yesterday", "--db", db)
    assert [c.value for c in Store(db).checkins()] == [-5]


def test_goals_lists_latest_value_target_and_progress(with_goal: Path) -> None:
    ok("log", "aht-maria", "486", "--db", with_goal)
    header, row = ok("goals", "--db", with_goal).splitlines()
    assert header.split() == ["KEY", "TITLE", "OWNER", "LATEST", "TARGET", "PROGRESS", "STATUS"]
    assert row.split()[:1] == ["aht-maria"] and "Maria" in row
    assert "8:06" in row and "7:12" in row and "50%" in row


def test_goals_on_a_new_file_says_how_to_start_and_creates_nothing(db: Path) -> None:
    assert "No goals yet" in ok("goals", "--db", db)
    assert not db.exists()


def test_export_writes_the_full_data_set_as_json(with_goal: Path, tmp_path: Path) -> None:
    ok("log", "aht-maria", "530", "--db", with_goal)
    printed = json.loads(ok("export", "--format", "json", "--db", with_goal))
    assert printed == Store(with_goal, clock=FixedClock(DEMO_NOW)).export()
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    assert (
        ok("--db", with_goal, "export", "-o", target)
        == f"Exported 1 goals, 1 check-ins to {target}\n"
    )
    assert json.loads(target.read_text()) == printed
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_the_environment_names_the_file_when_no_db_option_is_given(with_goal: Path) -> None:
    result = run("log", "aht-maria", "530", env={"GOALTUI_DB": str(with_goal)})
    assert result.exit_code == 0, result.stderr


def test_shared_creates_a_group_shared_file(db: Path) -> None:
    ok("--shared", *ADD_AHT, "--db", db)
    assert db.stat().st_mode & 0o777 == 0o660


def test_demo_opens_a_temporary_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import goaltui.formats.demo

    made: list[Path] = []
    real = goaltui.formats.demo.make_demo_copy

    def copy_into_tmp(today: date) -> Path:
        made.append(real(today, tmp_path))
        return made[-1]

    monkeypatch.setattr(goaltui.formats.demo, "make_demo_copy", copy_into_tmp)
    assert "KEY" in ok("--demo", "goals")
    assert made and not made[0].exists()  # cleaned up afterwards


def test_without_a_command_the_board_opens_with_the_store_and_clock(
    monkeypatch: pytest.MonkeyPatch, with_goal: Path, frozen_clock: FixedClock
) -> None:
    calls: list[Any] = []

    class FakeApp:
        return_code: int | None = None  # ran to the end (cli/tui.py exits with it otherwise)

        def run(self, *, mouse: bool) -> None:
            calls.append(mouse)

    def fake_make_app(store: Store, clock: FixedClock) -> FakeApp:
        calls.extend([store.path, clock])
        return FakeApp()

    monkeypatch.setattr(goal_app, "make_app", fake_make_app)
    ok("--db", with_goal, "--no-mouse")
    assert calls == [with_goal, frozen_clock, False]


# -- user errors: exit 1 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,message",
    [
        (["log", "nope", "5"], "no goal with key 'nope' (see 'goaltui goals')"),
        (["log", "aht-maria", "fast"], "value must be a number, got 'fast'"),
        (["log", "aht-maria", "5", "--date", "2026-02-30"], "'2026-02-30' is not a date"),
        (["log", "aht-maria", "5", "--confidence", "meh"], "Invalid value for '--confidence'"),
        (["log", "aht-maria"], "Missing argument 'VALUE'. (see 'goaltui log --help')"),
        (["goals", "--colour"], "No such option '--colour'. (see 'goaltui goals --help')"),
        (["frobnicate"], "No such command 'frobnicate'"),
        ([*ADD_AHT[:3]], "Missing option '--metric'"),
        (ADD_AHT, "a goal with key 'aht-maria' already exists"),
        ([*ADD_AHT[:-2], "--owner", "x" * 41], "owner: at most 40 characters, got 41"),
        (["add", "Bad Key!", *ADD_AHT[2:]], "key: use 1-32 lower-case letters"),
        ([*ADD_AHT, "--baseline", "n/a"], "baseline must be a number, got 'n/a'"),
        ([*ADD_AHT, "--start", "2027-06-01"], "is before the start 2027-06-01"),
        (
            ["export", "-o", "/nonexistent/folder/x.json"],
            "/nonexistent/folder/x.json: cannot write",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_user_errors_are_one_line_and_exit_1(
    with_goal: Path, args: list[str], message: str
) -> None:
    before = with_goal.read_bytes()
    assert message in error(run(*args, "--db", with_goal), 1)
    assert with_goal.read_bytes() == before


# -- data-file problems: exit 2, file untouched -------------------------------------------------

BAD_FILES = {
    "empty": (b"", "the data file is empty"),
    "truncated": (b'{"_meta": {"1": {"schema": 1}}, "goals": {"aht-ma', "not valid JSON"),
    "not json": (b"<html>oops</html>", "not valid JSON"),
    "wrong types": (b'{"goals": [1, 2]}', "table 'goals' should be an object, got a list"),
    "unknown table": (b'{"_meta": {"1": {"schema": 1}}, "pets": {}}', "unknown table(s) pets"),
    "newer schema": (b'{"_meta": {"1": {"schema": 7}}}', "written by a newer goaltui (schema 7"),
}


@pytest.mark.parametrize("content,message", BAD_FILES.values(), ids=BAD_FILES.keys())
@pytest.mark.parametrize("command", [["log", "aht", "5"], ["goals"], ["export"], []])
def test_a_bad_data_file_exits_2_with_one_line_and_is_not_touched(
    db: Path, content: bytes, message: str, command: list[str]
) -> None:
    db.write_bytes(content)
    line = error(run("--db", db, *command), 2)
    assert line.startswith(f"{db}: ") and message in line
    assert db.read_bytes() == content


def test_a_folder_in_place_of_the_file_exits_2(db: Path) -> None:
    db.mkdir()
    assert error(run("log", "aht", "5", "--db", db), 2) == f"{db}: is a folder, not a data file"


def test_no_permission_exits_2(with_goal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores file modes, so the kernel's answer is simulated."""
    before = with_goal.read_bytes()
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    line = error(run("log", "aht-maria", "530", "--db", with_goal), 2)
    assert line == f"{with_goal}: no permission to write the data file"
    assert with_goal.read_bytes() == before


def test_a_lock_held_too_long_exits_2(with_goal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_context, "LOCK_TIMEOUT", 0.2)
    holder = LockFile(with_goal.with_name("goals.json.lock"), mode=0o600, gid=None)
    assert holder.acquire(1)
    try:
        line = error(run("log", "aht-maria", "5", "--db", with_goal), 2)
    finally:
        holder.release()
    assert "another goaltui session has held the lock for over 0.2 s" in line


# -- interruptions and surprises ------------------------------------------------------------------


def test_ctrl_c_exits_130_quietly(with_goal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(quicklog, "log_value", interrupted)
    result = run("log", "aht-maria", "5", "--db", with_goal)
    # click ends the terminal's "^C" line with a newline; nothing else is said
    assert (result.exit_code, result.stdout, result.stderr.strip()) == (130, "", "")


def test_a_bug_is_one_line_not_a_traceback(
    with_goal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise AttributeError("oops")

    monkeypatch.setattr(quicklog, "log_value", broken)
    line = error(run("log", "aht-maria", "5", "--db", with_goal), 1)
    assert line.startswith("unexpected AttributeError: oops")


def test_help_exits_0() -> None:
    assert "log" in ok("--help") and "--db" in ok("log", "--help")


# -- as a real process ----------------------------------------------------------------------------


def goaltui(*args: str | Path, code: str = "") -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter, then `code` (which may inspect sys.modules)."""
    program = (
        "import sys\nfrom goaltui.cli.main import main\n"
        f"try:\n    main({[str(a) for a in args]!r})\nexcept SystemExit as exit:\n"
        f"    {code or 'pass'}\n    raise\n"
    )
    env = {**os.environ, "GOALTUI_USER": "cron"}
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )


def test_goaltui_log_loads_neither_textual_nor_pydantic(with_goal: Path) -> None:
    """`goaltui log` must stay quick for cron jobs: no TUI and no model building."""
    code = "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'pydantic', 'rich'}))"
    done = goaltui("log", "aht-maria", "8:50", "--db", with_goal, code=code)  # a duration too
    assert done.returncode == 0, done.stderr
    logged, loaded = done.stdout.splitlines()
    assert logged.startswith("Logged aht-maria = 8:50 for ") and loaded == "[]"
    assert Store(with_goal).checkins()[0].value == 530
    assert Store(with_goal).checkins()[0].by == "cron"


def test_a_real_process_reports_a_bad_file_in_one_line(db: Path) -> None:
    db.write_bytes(b"{")
    done = goaltui("log", "aht", "5", "--db", db)
    assert done.returncode == 2
    assert done.stderr.startswith(f"goaltui: error: {db}: not valid JSON")
    assert len(done.stderr.splitlines()) == 1 and db.read_bytes() == b"{"


def test_the_exported_json_loads_anywhere(with_goal: Path) -> None:
    data = orjson.loads(goaltui("export", "--db", with_goal).stdout)
    assert data["goals"][0]["key"] == "aht-maria"


# -- durations and the KPI library ------------------------------------------------------------


def test_log_reads_a_duration_for_a_goal_in_seconds(with_goal: Path) -> None:
    assert ok("log", "aht-maria", "5:24", "--db", with_goal).startswith("Logged aht-maria = 5:24")
    assert ok("log", "aht-maria", "1:02:03", "--db", with_goal, "--force").startswith(
        "Logged aht-maria = 1:02:03 for 2026-11-26 (replaces 5:24)"
    )
    assert [c.value for c in Store(with_goal).checkins("aht-maria")] == [3723]


def test_log_refuses_a_mistyped_duration_in_one_line(with_goal: Path) -> None:
    line = error(run("log", "aht-maria", "5:75", "--db", with_goal), 1)
    assert line == "value '5:75': minutes and seconds run 00 to 59 (6:15, not 5:75)"
    assert Store(with_goal).checkins("aht-maria") == []


def test_log_refuses_a_duration_for_a_goal_not_in_seconds(db: Path) -> None:
    fcr = ["fcr-team", "Lift FCR", "--metric", "FCR", "--baseline", "70", "--target", "80"]
    ok("add", *fcr, "--due", "+3m", "--db", db)
    line = error(run("log", "fcr-team", "5:24", "--db", db), 1)
    assert line == ("value '5:24': m:ss is for a metric in seconds, this one is in '%'")
    unknown = error(run("log", "nobody", "5:24", "--db", db), 1)  # the goal first, then its unit
    assert unknown.startswith("no goal with key 'nobody'")


def test_add_fills_the_unit_of_a_library_kpi_and_reads_durations(db: Path) -> None:
    aht = ["aht-team", "Cut AHT", "--metric", "aht", "--baseline", "9:00", "--target", "7:30"]
    added, kpi, _smart = ok("add", *aht, "--due", "+3m", "--db", db).splitlines()
    assert added == "Added aht-team: Cut AHT (AHT 9:00 -> 7:30 by 2027-02-26)"  # one spelling
    assert kpi == (
        "AHT is Average handle time: best inside a band, typical 5:00..6:00; "
        "unit s from the KPI library"
    )
    metric = Store(db).goal("aht-team").metric
    assert (metric.name, metric.unit, metric.baseline, metric.target) == ("AHT", "s", 540, 450)


def test_add_keeps_a_unit_given_and_is_quiet_for_other_metrics(db: Path) -> None:
    calls = ["calls", "More calls", "--metric", "Calls", "--baseline", "40", "--target", "50"]
    added, _smart = ok("add", *calls, "--due", "+3m", "--db", db).splitlines()
    assert added.startswith("Added calls: More calls (Calls 40 -> 50 by")
    mins = ["acw", "ACW", "--metric", "ACW", "--unit", "min", "--baseline", "2", "--target", "1"]
    out = ok("add", *mins, "--due", "+3m", "--db", db)
    assert "(ACW 2 min -> 1 min by" in out and "from the KPI library" not in out
    assert Store(db).goal("acw").metric.unit == "min"
    bad = ["x", "X", "--metric", "ACW", "--unit", "min", "--baseline", "2:00", "--target", "1"]
    assert "m:ss is for a metric in seconds, this one is in 'min'" in error(
        run("add", *bad, "--due", "+3m"), 1
    )


def test_kpis_lists_the_library_one_line_each_within_80_columns() -> None:
    header, *lines = ok("kpis").splitlines()
    assert header.split() == ["KPI", "NAME", "UNIT", "BETTER", "TYPICAL", "NOTE"]
    assert len(lines) == 11 and max(len(line) for line in [header, *lines]) < 80
    assert lines[0].split()[:8] == [
        "AHT",
        "Average",
        "handle",
        "time",
        "s",
        "(m:ss)",
        "band",
        "5:00..6:00",
    ]
    assert any(line.split()[:1] == ["NPS"] and "points" in line and "+30" in line for line in lines)
