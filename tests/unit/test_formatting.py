"""The one formatter: its rule, and the same value reading the same on every surface."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.text import Text

from goaltui.cli import context as cli_context
from goaltui.cli import main as cli
from goaltui.core import formatting as fmt
from goaltui.core.board_rows import build_rows
from goaltui.core.checkin_logic import build_rows as checkin_rows
from goaltui.core.checkin_logic import input_hint
from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, Metric
from goaltui.core.numbers import parse_value
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY
from goaltui.formats.exporters import export_csv, export_markdown
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette
from goaltui.widgets.board_columns import board_columns, row_cells
from screens.checkin_table import row_cells as checkin_cells

# -- the rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234.5, "1,234.5"),
        (85.0, "85"),
        (85, "85"),  # an int reads like the float
        (0.5, "0.5"),
        (6.25, "6.25"),  # below 10: two decimals
        (88.64, "88.6"),  # from 10 up: one
        (0.125, "0.13"),  # halves round up, on the typed digits
        (2.675, "2.68"),  # (binary 2.67499... would give 2.67)
        (1234.45, "1,234.5"),
        (9.996, "10"),  # rounding never leaves a trailing .0
        (0.0062, "0.0062"),  # small but not zero: two significant digits
        (-12.0, "-12"),
        (-1234.56, "-1,234.6"),
        (-0.004, "-0.004"),
        (0.0, "0"),
        (-0.0, "0"),
        (2_500_000.0, "2,500,000"),  # never scientific
        (1e20, "100,000,000,000,000,000,000"),
        (1234567.891, "1,234,567.9"),
        (None, "—"),
    ],
)
def test_number(value: float | None, text: str) -> None:
    assert fmt.number(value) == text


def test_units_percent_sticks_anything_else_follows_a_space() -> None:
    assert fmt.value(85, "%") == "85%"
    assert fmt.value(85.5, "%") == "85.5%"
    assert fmt.value(24, "h") == "24 h"
    assert fmt.value(1234.5, "calls") == "1,234.5 calls"
    assert fmt.value(3.5) == "3.5"
    assert fmt.value(None, "s") == "—"  # no unit after a missing value
    assert fmt.percent(85) == "85%"
    assert fmt.percent(None) == "—"


def test_durations_read_as_people_write_them() -> None:
    """A seconds metric (AHT) reads m:ss or h:mm:ss, without the unit."""
    assert fmt.value(324, "s") == "5:24"
    assert fmt.value(3723, "s") == "1:02:03"
    assert fmt.value(540, "sec") == "9:00"
    assert fmt.value(7.5, "seconds") == "0:07.5"
    assert fmt.value(59.96, "s") == "1:00"  # rounds to the tenth, carrying into the minute
    assert fmt.value(-90, "s") == "-1:30"
    assert fmt.value(None, "s") == "—"
    assert fmt.bare(473, "s") == "7:53"
    assert fmt.bare(473, "calls") == "473"
    assert fmt.unit_label("s") == "m:ss"
    assert fmt.unit_label("%") == "%"


def test_now_and_target_full_and_narrow() -> None:
    assert fmt.pair(473, 420, "s") == "7:53 → 7:00"
    assert fmt.pair(85, 90, "%") == "85% → 90%"
    assert fmt.pair(12, 15, "calls") == "12 calls → 15 calls"
    assert fmt.pair(473, 420, "s", narrow=True) == "7:53→7:00"
    assert fmt.pair(1234.5, 1300, "calls", narrow=True) == "1,234.5→1,300 calls"
    assert fmt.pair(None, None, "s") == "— → —"


def test_days() -> None:
    assert [fmt.days(n) for n in (64, 1, 0, -1, -13, None)] == [
        "64 days left",
        "1 day left",
        "due today",
        "1 day overdue",
        "13 days overdue",
        "—",
    ]
    assert [fmt.days(n, "short") for n in (64, 0, -13)] == ["64d left", "due today", "13d late"]
    assert [fmt.days(n, "cell") for n in (64, 0, -13, 1500)] == ["64d", "0d", "-13d", "1,500d"]


def test_a_change_never_reads_as_no_change() -> None:
    assert fmt.distinct(473, 480, "s") == ("7:53", "8:00")
    assert fmt.distinct(473.41, 473.44, "s") == ("7:53.41", "7:53.44")
    assert fmt.distinct(473.41, 473.44, "calls") == ("473.41 calls", "473.44 calls")
    assert fmt.distinct(85, 85, "%") == ("85%", "85%")


def test_machine_text_is_exact_and_reads_back() -> None:
    for value in (1234.5, 85.0, 0.1 + 0.2, -0.004, 1e20, 2_500_000.0):
        assert float(fmt.plain(value)) == value
    # what the goal form puts back in its fields to edit: as a lead would type it
    assert [fmt.plain(v) for v in (360.0, 0.5, 1234567.5, 7, None)] == [
        "360",
        "0.5",
        "1234567.5",
        "7",
        "",
    ]


def test_a_field_to_edit_holds_a_duration_as_m_ss_and_reads_back_exactly() -> None:
    assert [fmt.editable(v, "s") for v in (324, 3723, 324.37, None)] == [
        "5:24",
        "1:02:03",
        "5:24.37",
        "",
    ]
    assert fmt.editable(-90, "s") == "-90"  # a duration is typed without a sign
    assert fmt.editable(85.5, "%") == "85.5"
    for seconds in (324.37, 0.1 + 0.2, 473.41, 59.999, 86399.5, 1e-7, 123456789.123):
        assert parse_value(fmt.editable(seconds, "s"), "s") == seconds


def test_text_kept_in_the_ledger_reads_like_any_value() -> None:
    assert fmt.from_text("1234.5", "calls") == "1,234.5 calls"
    assert fmt.from_text("1e+06", "calls") == "1,000,000 calls"  # written with :g before
    assert fmt.from_text("324", "s") == "5:24"
    assert fmt.from_text("2026-12-31", "s") == "2026-12-31"
    assert fmt.from_text("", "s") == "—"


# -- one value, every surface -------------------------------------------------------------

YESTERDAY = DEMO_TODAY - timedelta(days=1)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Goals whose latest values are 1,234.5 calls, 85% and 473 s (AHT), logged yesterday."""
    store = Store(tmp_path / "goals.json", clock=FixedClock(DEMO_NOW), user="lead")
    for key, unit, baseline, target, latest in (
        ("calls", "calls", 1000.0, 1300.0, 1234.5),
        ("fcr", "%", 70.0, 90.0, 85.0),
        ("aht", "s", 540.0, 420.0, 473.0),
    ):
        metric = Metric(name=key.upper(), unit=unit, baseline=baseline, target=target)
        store.add_goal(
            Goal(
                key=key,
                title=f"Goal {key}",
                metric=metric,
                start=date(2026, 10, 1),
                due=date(2027, 1, 29),
            )
        )
        store.log(key, baseline + 10, YESTERDAY - timedelta(days=1))
        store.log(key, latest, YESTERDAY)
    return store


def _cli(store: Store, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setattr(cli_context, "make_clock", lambda: FixedClock(DEMO_NOW))
    result = CliRunner().invoke(cli.main, [*args, "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _board_cells(store: Store, width: int) -> dict[str, str]:
    rows = build_rows(store.snapshot(), DEMO_TODAY)
    columns = board_columns(width, rows)
    palette = Palette(None, None, None)
    return {
        row.key: "  ".join(
            cell.plain for cell in row_cells(row, columns, palette) if isinstance(cell, Text)
        )
        for row in rows
    }


def _checkin_text(store: Store) -> dict[str, str]:
    texts = {}
    for row in checkin_rows(store.snapshot(), DEMO_TODAY):
        cells = checkin_cells(row, DEMO_TODAY, wide=True)
        shown = [c.plain for c in cells.values() if isinstance(c, Text)]
        texts[row.key] = "  ".join([*shown, input_hint(row, DEMO_TODAY)])
    return texts


def test_one_value_reads_the_same_everywhere(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    board = _board_cells(store, 160)  # room for the full "now → target"
    text_board = _cli(store, monkeypatch, "board", "--width", "120")
    goals = _cli(store, monkeypatch, "goals")
    checkin = _checkin_text(store)
    report = export_markdown(store, DEMO_TODAY)

    cases = (
        ("calls", "1,234.5 calls", "1,300 calls"),
        ("fcr", "85%", "90%"),
        ("aht", "7:53", "7:00"),
    )
    for key, now, target in cases:
        both = f"{now} → {target}"
        assert both in board[key]
        assert both in next(line for line in text_board.splitlines() if line.startswith(key))
        goals_line = next(line for line in goals.splitlines() if line.startswith(key))
        assert now in goals_line and target in goals_line
        assert f"last {now} · target {target}" in checkin[key]
        assert f"- Progress: {both} ·" in report
    assert "473 s" not in report + text_board + goals + checkin["aht"]


def test_a_narrow_board_keeps_the_number_and_drops_the_repeated_unit(store: Store) -> None:
    board = _board_cells(store, 80)
    assert "85→90%" in board["fcr"]
    assert "1,234.5→1,300" in board["calls"]  # cut to the column after that, never rounded
    assert "7:53→7:00" in board["aht"]


def test_csv_keeps_machine_numbers(store: Store) -> None:
    assert "calls,2026-11-25,1234.5," in export_csv(store)
    assert "aht,2026-11-25,473," in export_csv(store)  # seconds, so the file re-imports
