"""What co-users type reaches no terminal raw, and no value is read ten times too big
(issue 12): the CLI's lines, the exports, and `goaltui log`'s dates and numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile import ESCAPES, make_hostile

from goaltui.cli import main as cli
from goaltui.core.text import is_printable


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def plain_output(result: Result) -> str:
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert is_printable(text, lines=True), [c for c in text if not is_printable(c, lines=True)]
    return text


@pytest.mark.parametrize(
    "args",
    [["goals"], ["board"], ["export", "--format", "md"], ["export", "--format", "wins"]],
    ids=" ".join,
)
def test_escape_sequences_in_user_text_never_reach_the_terminal(
    demo_path: Path, args: list[str]
) -> None:
    make_hostile(demo_path)
    out = plain_output(run(*args, "--db", demo_path))
    assert "[/]" in out or "\\[/\\]" in out  # shown, as text


def test_the_csv_export_is_plain_and_runs_no_formula(demo_path: Path) -> None:
    make_hostile(demo_path)
    run("log", "aht-tom", "500", "--note", '=HYPERLINK("http://evil")', "--db", demo_path)
    out = plain_output(run("export", "--format", "csv", "--db", demo_path))
    notes = [row["note"] for row in csv.DictReader(io.StringIO(out))]
    assert '\'=HYPERLINK("http://evil")' in notes
    assert not any(n.startswith(("=", "+", "@")) for n in notes)


def test_a_title_with_escapes_is_added_without_them(tmp_path: Path) -> None:
    db = tmp_path / "g.json"
    args = ["add", "esc", f"Escalations {ESCAPES}", "--metric", "Escalations [/ week]"]
    args += ["--baseline", "9", "--target", "5", "--due", "+3m", "--db", str(db)]
    out = plain_output(run(*args))
    assert "Escalations [/ week]" in out
    assert "\\u001b" not in db.read_text() and "\x1b" not in db.read_text()


@pytest.mark.parametrize("day", ["tomorrow", "+1d", "9999-12-31"])
def test_log_refuses_a_day_in_the_future(demo_path: Path, day: str) -> None:
    before = demo_path.read_bytes()
    result = run("log", "aht-tom", "500", "--date", day, "--db", demo_path)
    assert result.exit_code == 1 and "in the future" in result.stderr
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize("typed", ["1,5", "6,2"])
def test_log_refuses_a_decimal_comma_rather_than_reading_it_ten_times_too_big(
    demo_path: Path, typed: str
) -> None:
    before = demo_path.read_bytes()
    result = run("log", "kb-articles", typed, "--db", demo_path)
    assert result.exit_code == 1 and "ambiguous" in result.stderr
    assert demo_path.read_bytes() == before
