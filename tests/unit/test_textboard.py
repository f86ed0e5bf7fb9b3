"""`goaltui board` as text: fits the width, reads in any terminal, sorted like the board."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.core.models import Goal, GoalStatus, Metric
from goaltui.core.progress import STATUS_ORDER, Status
from goaltui.formats.demo import DEMO_TODAY
from goaltui.formats.textboard import cells, fit, render_board, sparkline
from goaltui.store.store import Snapshot, Store

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = [60, 80, 120, 200]
DEMO_KEYS = {
    "adherence-billing", "adherence-sam", "aht-billing", "aht-maria", "aht-tom",
    "callback-billing", "csat-centre", "csat-priya", "fcr-billing", "fcr-sam", "kb-articles",
}  # fmt: skip


@pytest.fixture
def snapshot(demo_store: Store) -> Snapshot:
    return demo_store.snapshot()


def goal_lines(board: str) -> list[str]:
    return [line for line in board.splitlines() if line.split(" ")[0] in DEMO_KEYS]


@pytest.mark.parametrize("ascii", [False, True], ids=["unicode", "ascii"])
@pytest.mark.parametrize("width", WIDTHS)
def test_board_fits_the_width_and_shows_every_goal(
    snapshot: Snapshot, width: int, ascii: bool
) -> None:
    board = render_board(snapshot, DEMO_TODAY, width, ascii=ascii)

    assert max(cells(line) for line in board.splitlines()) <= width
    assert board.splitlines()[0].startswith("11 goals: 1 overdue, 1 behind, 3 at risk")
    rows = goal_lines(board)
    assert {row.split(" ")[0] for row in rows} == DEMO_KEYS
    for status in ("overdue", "behind", "at risk", "on track", "achieved"):
        assert any(status in row for row in rows)
    assert "80%" in rows[0] and "13d late" in rows[0]  # kb-articles: overdue, first


@pytest.mark.parametrize("width", WIDTHS)
def test_ascii_board_is_printable_ascii_only(snapshot: Snapshot, width: int) -> None:
    board = render_board(snapshot, DEMO_TODAY, width, ascii=True)

    assert all(" " <= ch <= "~" for ch in board.replace("\n", ""))
    assert "->" in board


def test_goals_are_sorted_by_status_then_key(snapshot: Snapshot) -> None:
    board = render_board(snapshot, DEMO_TODAY, 120)
    words = [s.value for s in STATUS_ORDER]
    order = []
    for row in goal_lines(board):
        if "  stale  " in row:  # a stale goal on track sorts with the to-dos (no data)
            order.append((STATUS_ORDER[Status.NO_DATA], row.split(" ")[0]))
            continue
        status = next(w for w in words if f"  {w}  " in row or row.rstrip().endswith(w))
        order.append((STATUS_ORDER[Status(status)], row.split(" ")[0]))

    assert order == sorted(order)
    assert order[0][1] == "kb-articles" and order[-1][1] == "aht-maria"


def test_wide_board_shows_titles_sparklines_and_bars(snapshot: Snapshot) -> None:
    row = next(
        r for r in goal_lines(render_board(snapshot, DEMO_TODAY, 200)) if r.startswith("aht-tom")
    )

    assert "Tom: AHT to 480 s" in row
    assert "8:54 → 8:00" in row
    assert any(ch in row for ch in "▁▂▃▄▅▆▇█") and "░" in row
    assert "58%  at risk" in row and row.endswith("64d left")


def test_80_columns_drop_the_title_but_keep_keys_whole(snapshot: Snapshot) -> None:
    rows = goal_lines(render_board(snapshot, DEMO_TODAY, 80))

    assert all("…" not in row for row in rows)
    assert rows[2].startswith("adherence-billing ")
    assert "Keep billing" not in rows[2]


def test_narrow_board_keeps_key_percent_and_status(snapshot: Snapshot) -> None:
    rows = goal_lines(render_board(snapshot, DEMO_TODAY, 40))

    assert rows[1].split()[:1] == ["fcr-sam"] and "40%" in rows[1] and "behind" in rows[1]


def test_board_at_80_columns(snapshot: Snapshot) -> None:
    for ascii, name in ((False, "board-80.txt"), (True, "board-80-ascii.txt")):
        text = render_board(snapshot, DEMO_TODAY, 80, ascii=ascii)
        path = GOLDEN / name
        if os.environ.get("GOALTUI_UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(width=st.integers(min_value=1, max_value=260), ascii=st.booleans())
def test_no_line_is_ever_wider_than_asked(width: int, ascii: bool) -> None:
    board = render_board(_snapshot_with_odd_titles(), date(2026, 11, 26), width, ascii=ascii)

    assert all(cells(line) <= width for line in board.splitlines())


def _snapshot_with_odd_titles() -> Snapshot:
    def goal(key: str, title: str, unit: str, status: GoalStatus = GoalStatus.ACTIVE) -> Goal:
        metric = Metric(name="CSAT", unit=unit, baseline=70, target=85)
        return Goal(key=key, title=title, metric=metric, start=date(2026, 10, 1), status=status)

    goals = [
        goal("emoji", "Équipe 🎯 CSAT 日本語 support\tteam", "µs"),
        goal("a-very-long-goal-key-0123456789", "x" * 120, "%"),
        goal("old", "Archived goal", "%", GoalStatus.ARCHIVED),
    ]
    return Snapshot(goals, {}, {}, None)


def test_unusual_characters_fit_and_turn_into_ascii() -> None:
    snap = _snapshot_with_odd_titles()

    wide = render_board(snap, date(2026, 11, 26), 200)
    plain = render_board(snap, date(2026, 11, 26), 200, ascii=True)

    assert "Équipe 🎯 CSAT 日本語 support team" in wide  # the tab became a space
    assert "Equipe ? CSAT ??? support team" in plain and "-> 85 us" in plain
    assert "no data" in plain and " - -> 85 us" in plain  # "—" for no value, in ASCII


def test_archived_goals_only_on_request() -> None:
    snap = _snapshot_with_odd_titles()

    assert "old " not in render_board(snap, date(2026, 11, 26), 120)
    assert "archived" in render_board(snap, date(2026, 11, 26), 120, include_archived=True)


def test_no_goals() -> None:
    assert render_board(Snapshot([], {}, {}, None), DEMO_TODAY, 80) == "No goals yet.\n"


# -- pieces -----------------------------------------------------------------------------


def test_sparkline_scales_between_min_and_max() -> None:
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, 5, 5], 8, "_.:-=+*#") == "---"
    assert sparkline(range(100), 4) == "▁▃▆█"  # the last four values
    assert sparkline([], 8) == ""


def test_fit_truncates_with_an_ellipsis_by_cells() -> None:
    assert fit("Sam: lift first-call resolution", 10) == "Sam: lift…"
    assert fit("Sam: lift first-call resolution", 10, "...") == "Sam: li..."
    assert fit("日本語", 5) == "日本…"
    assert fit("42%", 5, align=">") == "  42%"
