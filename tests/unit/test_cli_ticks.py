"""`goaltui log` and `goaltui import` tick a milestone whose threshold the value reaches;
`log` says so in a line of its own, and stays free of pydantic doing it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from goaltui.cli import main as cli
from goaltui.store.store import Store

ADD = ["add", "crt-team", "Call back sooner", "--metric", "Call return", "--unit", "h"]
ADD += ["--baseline", "30", "--target", "20", "--due", "+3m", "--start", "2026-11-01"]


def ok(*args: str | Path) -> str:
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "goals.json"
    ok(*ADD, "--db", path)
    Store(path).add_milestone("crt-team", "Q1: call return time <= 22.5 h", threshold=22.5)
    return path


def test_log_says_when_it_ticks_a_milestone(db: Path) -> None:
    assert ok("log", "crt-team", "24", "--db", db) == "Logged crt-team = 24 h for 2026-11-26\n"
    out = ok("log", "crt-team", "22.5", "--db", db)
    assert out.splitlines() == [
        "Logged crt-team = 22.5 h for 2026-11-26 (replaces 24 h)",
        "Milestone ticked: Q1: call return time <= 22.5 h (threshold 22.5 h reached)",
    ]
    [milestone] = Store(db).milestones("crt-team")
    assert milestone.done and milestone.done_by == "lead"
    # Done now: the next value leaves it alone, and says nothing about it.
    assert "Milestone" not in ok("log", "crt-team", "21", "--db", db)


def test_log_ticks_without_loading_pydantic(db: Path) -> None:
    code = "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'pydantic', 'rich'}))"
    program = (
        "import sys\nfrom goaltui.cli.main import main\n"
        f"try:\n    main(['log', 'crt-team', '22', '--db', {str(db)!r}])\n"
        f"except SystemExit:\n    {code}\n    raise\n"
    )
    env = {**os.environ, "GOALTUI_USER": "cron"}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "Milestone ticked: Q1: call return time <= 22.5 h (threshold 22.5 h reached)",
        "[]",
    ]
    assert Store(db).milestones("crt-team")[0].done_by == "cron"


def test_import_ticks_the_milestone(db: Path, tmp_path: Path) -> None:
    csv = tmp_path / "export.csv"
    csv.write_text("goal,date,value\ncrt-team,2026-11-24,25\ncrt-team,2026-11-25,21.5\n")
    out = ok("import", csv, "--db", db)
    assert out.splitlines()[1:] == ["  milestone ticked: crt-team: Q1: call return time <= 22.5 h"]
    [milestone] = Store(db).milestones("crt-team")
    assert milestone.done and str(milestone.reached_on) == "2026-11-25"
