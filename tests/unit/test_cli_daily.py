"""`goaltui import`, `board` and `export --format md|csv` as a lead or a cron job runs them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from goaltui.cli import main as cli
from goaltui.core.clock import FixedClock
from goaltui.formats.demo import DEMO_NOW

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-import.csv"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def test_import_reports_what_it_did_and_a_second_run_changes_nothing(demo_path: Path) -> None:
    first = run("import", SAMPLE, "--db", demo_path)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("added 1, changed 1")
    after_first = demo_path.read_bytes()
    second = run("import", SAMPLE, "--db", demo_path)
    assert second.exit_code == 0
    assert "added 0, changed 0" in second.stdout
    assert demo_path.read_bytes() == after_first


def test_import_dry_run_writes_nothing(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    result = run("import", SAMPLE, "--dry-run", "--db", demo_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("would add 1, change 1")
    assert demo_path.read_bytes() == before


def test_a_bad_row_names_its_line_exits_1_and_imports_nothing(
    demo_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "kpis.csv"
    bad.write_text("date,goal,value\n2026-11-20,aht-tom,512\n2026-11-21,aht-tom,5x2\n")
    before = demo_path.read_bytes()
    result = run("import", bad, "--db", demo_path)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("goaltui: error: line 3: ")
    assert "nothing was imported" in line
    assert demo_path.read_bytes() == before


def test_board_prints_every_goal_within_the_width_in_plain_ascii(demo_path: Path) -> None:
    result = run("board", "--width", "60", "--ascii", "--db", demo_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("11 goals")
    assert all(len(line) <= 60 for line in lines)
    assert result.stdout.isascii()
    assert any(line.startswith("fcr-sam") and "behind" in line for line in lines)


def test_export_markdown_and_csv(demo_path: Path, tmp_path: Path) -> None:
    report = run("export", "--format", "md", "--db", demo_path)
    assert report.exit_code == 0
    assert report.stdout.startswith("# Goals report, 2026-11-26")
    out = tmp_path / "history.csv"
    saved = run("export", "--format", "csv", "-o", out, "--db", demo_path)
    assert saved.exit_code == 0
    rows = out.read_text().splitlines()
    assert rows[0].startswith("goal,date,value")
    assert len(rows) > 1000  # about six months of weekday values for 11 goals


def test_export_wins_lists_this_weeks_wins_for_the_huddle(demo_path: Path) -> None:
    result = run("export", "--format", "wins", "--db", demo_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Wins 2026-11-20 to 2026-11-26")


def test_export_minutes_needs_a_meeting_first_then_prints_the_latest(
    demo_path: Path, tmp_path: Path
) -> None:
    from goaltui.core.minutes import Minutes
    from goaltui.store.store import Store

    Store(tmp_path / "empty.json", clock=FixedClock(DEMO_NOW)).goals()
    none_yet = run("export", "--format", "minutes", "--db", tmp_path / "empty.json")
    assert none_yet.exit_code == 1
    assert "no meeting minutes yet" in none_yet.stderr
    store = Store(demo_path, clock=FixedClock(DEMO_NOW))
    store.save_minutes(
        Minutes(held_on=DEMO_NOW.date(), kind="one-on-one", attendees=["Dana", "Sam"], items=[])
    )
    result = run("export", "--format", "minutes", "--db", demo_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Minutes: one-on-one, 2026-11-26")
    assert "Dana, Sam" in result.stdout
