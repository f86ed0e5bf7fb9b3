"""One truth per goal: every demo goal (and one that has not started yet) reads the same
progress, status and numbers on the board, the detail, the tree, the review, the
wallboard, the text board, `goaltui goals`, the Markdown report and the minutes.

The truth is `evaluate` on the store's snapshot, formatted by core/formatting.py; each
surface is read as the lead sees it (the screen's text, the export's lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from board_helpers import board, screen_text
from textual.widgets import Digits, Static, Tree
from textual.widgets.tree import TreeNode
from waiting import press, run, screen_is, wait_until
from waits import saves_settled

from goaltui.app.goal_app import make_app
from goaltui.app.wallboard import make_wallboard
from goaltui.core import formatting as fmt
from goaltui.core.board_rows import build_rows
from goaltui.core.clock import FixedClock
from goaltui.core.minutes import minutes_markdown
from goaltui.core.models import Goal, Level, Metric
from goaltui.core.progress import Status, evaluate
from goaltui.core.status_words import status_words
from goaltui.formats.demo import DEMO_TODAY
from goaltui.formats.exporters import export_markdown
from goaltui.formats.table import goal_rows
from goaltui.formats.textboard import render_board
from goaltui.store.store import Store
from goaltui.widgets.board_cells import (
    UNUSUAL_MARK,
    Palette,
    progress_status_text,
)
from goaltui.widgets.board_columns import board_columns
from screens.detail import DetailScreen
from screens.review import ReviewScreen
from screens.review_minutes import MinutesDraft, minutes_from
from screens.tree import AlignmentScreen
from screens.wallboard import CountTile

WIDE = (160, 48)  # every column and every goal on one screen
PALETTE = Palette(None, None, None)  # only the text of a status cell is compared
LATER = "qa-next"  # starts next week: "not started"


@dataclass(frozen=True)
class Truth:
    percent: str  # "47%", or "—" without progress
    status: Status
    now: str  # "473 s"
    target: str  # "420 s"
    now_number: str  # "473", "7:53": the narrow board column puts the unit once, after the target
    board_status: str  # as every screen reads it: "◌ stale"
    words: str  # as the text board and `goaltui goals` read it: "stale", "behind, stale"
    mark: str  # "!" after an unusual latest value on the board, wallboard and detail

    @property
    def pair(self) -> str:
        return f"{self.now} {fmt.ARROW} {self.target}"


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo, plus a goal that starts next week (no value yet: a day before a goal's
    start is refused, core/value_rules.py)."""
    demo_store.add_goal(
        Goal(
            key=LATER,
            title="QA score to 90 on the new form",
            owner="Billing team",
            level=Level.TEAM,
            parent="csat-centre",
            metric=Metric(name="QA", unit="%", baseline=82, target=90),
            start=DEMO_TODAY + timedelta(days=7),
            due=DEMO_TODAY + timedelta(days=97),
        )
    )
    return demo_store


def truths(store: Store) -> dict[str, Truth]:
    snapshot = store.snapshot()
    out = {}
    for goal in snapshot.goals:
        p = evaluate(goal, snapshot.series.get(goal.key, []), DEMO_TODAY)
        unit = goal.metric.unit
        out[goal.key] = Truth(
            fmt.percent(p.percent),
            p.status,
            fmt.value(p.current, unit),
            fmt.value(goal.metric.target, unit),
            fmt.bare(p.current, unit),  # the number as a narrow column shows it
            progress_status_text(p, PALETTE).plain,
            status_words(p),
            UNUSUAL_MARK if p.unusual else "",
        )
    assert out[LATER].status is Status.NOT_STARTED and out[LATER].percent == fmt.MISSING
    # The demo's marks (core/attention.py): one stale goal, one unusual latest value.
    assert out["fcr-billing"].board_status == "◌ stale" and out["fcr-billing"].words == "stale"
    assert [k for k, t in out.items() if t.mark] == ["fcr-sam"]
    return out


def line_of(text: str, key: str) -> str:
    found = [line for line in text.splitlines() if line.strip().startswith(f"{key} ")]
    assert len(found) == 1, f"one line for {key} in:\n{text}"
    return found[0]


def all_labels(node: TreeNode[Any]) -> list[str]:
    """Every label under `node`, folded branches included, as plain text."""
    return [text for child in node.children for text in (str(child.label), *all_labels(child))]


def check_row(line: str, truth: Truth, *, marks: bool = True) -> None:
    status = truth.board_status if marks else truth.words
    assert status in line, line
    assert f" {truth.percent}" in line, line
    assert truth.now_number in line and truth.target in line, line


# -- the TUI ----------------------------------------------------------------------------


async def test_board_tree_detail_and_review_agree(store: Store, clock: FixedClock) -> None:
    expected = truths(store)
    app = make_app(store, clock)
    async with run(app, WIDE) as pilot:
        await saves_settled(pilot)
        text = screen_text(app)
        for key, truth in expected.items():
            check_row(line_of(text, key), truth)

        await press(pilot, "t")
        tree_screen = await screen_is(pilot, AlignmentScreen)
        await saves_settled(pilot)
        labels = all_labels(tree_screen.query_one(Tree).root)
        for key, truth in expected.items():
            [label] = [x for x in labels if x.startswith(f"{key}  ")]
            # The goal's own figures come first, exactly as on the board; a roll-up may follow.
            assert label.startswith(f"{key}  {truth.percent:>4}  {truth.board_status}"), label
        await press(pilot, "escape")

        for key, truth in expected.items():
            board(app).open_goal(key)
            detail = await screen_is(pilot, DetailScreen)
            await wait_until(pilot, lambda d=detail: d.data is not None, f"the detail of {key}")
            await saves_settled(pilot)
            head = str(detail.query_one("#head", Static).content)
            assert truth.board_status in head, head
            assert f"now {truth.now}{truth.mark} {fmt.ARROW} target {truth.target}" in head, head
            if truth.percent != fmt.MISSING:
                assert f"{truth.percent} of the way" in head, head
            else:
                assert "of the way" not in head and "pace" not in head, head
            await press(pilot, "escape")

        await press(pilot, "r")
        review = await screen_is(pilot, ReviewScreen)
        assert set(review.goal_keys) == set(expected)
        for n, key in enumerate(review.goal_keys):
            await saves_settled(pilot)
            truth = expected[key]
            head = str(review.query_one("#head", Static).content)
            assert head.startswith(f"{key}  {truth.board_status}"), head
            shown = review.query_one("#fig-progress Digits", Digits).value
            assert shown == ("--" if truth.percent == fmt.MISSING else truth.percent)
            now = review.query_one("#fig-now Digits", Digits).value
            unit = store.goal(key).metric.unit
            # Digits cannot draw "—": a missing value is "--" there.
            plain_now = truth.now if unit == "%" else truth.now_number  # unit in the label
            assert now == ("--" if plain_now == fmt.MISSING else plain_now)
            if n + 1 < len(review.goal_keys):
                await press(pilot, "n")


async def test_the_wallboard_agrees(store: Store, clock: FixedClock) -> None:
    expected = truths(store)
    app = make_wallboard(store, clock)
    async with run(app, WIDE) as pilot:
        await saves_settled(pilot)
        assert app.wall.page_count == 1
        text = screen_text(app)
        for key, truth in expected.items():
            check_row(line_of(text, key), truth)
        tile = app.wall.query_one("#count-not-started", CountTile)
        assert tile.display and tile.count == 1  # shown while a goal waits to start


# -- text outputs -------------------------------------------------------------------------


def test_the_text_board_agrees(store: Store) -> None:
    expected = truths(store)
    text = render_board(store.snapshot(), DEMO_TODAY, 200)
    for key, truth in expected.items():
        line = line_of(text, key)
        check_row(line, truth, marks=False)
        assert truth.pair in line, line


def test_the_markdown_report_agrees(store: Store) -> None:
    expected = truths(store)
    lines = export_markdown(store, DEMO_TODAY).splitlines()
    for key, truth in expected.items():
        head = next(n for n, line in enumerate(lines) if line.startswith(f"`{key}` "))
        progress = lines[head + 2]
        assert progress.startswith(f"- Progress: {truth.pair}"), progress
        assert f"**{truth.words}**" in progress, progress  # "stale", as the board reads
        if truth.percent != fmt.MISSING:
            assert f"{truth.percent} of the way" in progress, progress
        else:
            assert "of the way" not in progress and "expected by now" not in progress
    [later] = [line for line in lines if line.startswith(f"- Progress: {expected[LATER].pair}")]
    assert "starts " in later and "forecast" not in later


def test_the_minutes_agree(store: Store) -> None:
    expected = truths(store)
    draft = MinutesDraft("m1", list(expected), "team meeting")
    text = minutes_markdown(minutes_from(store, draft, DEMO_TODAY))
    for key, truth in expected.items():
        [row] = [line for line in text.splitlines() if line.startswith(f"| {key} |")]
        figures = row.split(" | ")[2]
        metric = store.goal(key).metric.name
        assert figures.startswith(f"{metric} {truth.pair}"), figures
        parts = figures.split(" · ")
        assert truth.words in parts, figures
        assert (truth.percent in parts) == (truth.percent != fmt.MISSING), figures


def test_not_started_fits_the_board_at_80_columns(store: Store) -> None:
    rows = build_rows(store.snapshot(), DEMO_TODAY)
    columns = board_columns(80, rows)
    assert sum(c.width + 2 for c in columns) + 1 <= 80  # 1: the scrollbar
    status = next(c for c in columns if c.key == "status")
    assert status.width >= len("○ not started")


def test_goaltui_goals_agrees(store: Store) -> None:
    expected = truths(store)
    for row in goal_rows(store.snapshot(), DEMO_TODAY, include_archived=True):
        truth = expected[row[0]]
        assert row[3:] == (truth.now, truth.target, truth.percent, truth.words), row
