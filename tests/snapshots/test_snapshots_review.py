"""Snapshots of review mode on the demo data (frozen clock).

Update with `pytest tests/snapshots/test_snapshots_review.py --snapshot-update`, then LOOK at
every changed SVG in tests/snapshots/__snapshots__/test_snapshots_review/ before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from board_helpers import board
from textual.pilot import Pilot
from waits import saves_settled, settled_then

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.minutes import Minutes, Outcome, ReviewItem
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Store
from screens.review import ReviewScreen

SnapCompare = Callable[..., bool]
NARROW, WIDE = (80, 24), (120, 40)
SAM = ["fcr-sam", "adherence-sam"]


def review(keys: list[str], *press: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await saves_settled(pilot)
        the_board = board(pilot.app)
        pilot.app.push_screen(ReviewScreen(the_board.store, the_board.clock, keys))
        await saves_settled(pilot)
        if press:
            await pilot.press(*press)
        await saves_settled(pilot)

    return run_before


def last_week(store: Store) -> None:
    """Minutes of a one-on-one with Sam a week before the demo's today."""
    store.save_minutes(
        Minutes(
            held_on=DEMO_TODAY - timedelta(days=7),
            kind="one-on-one",
            attendees=["Dana", "Sam"],
            items=[
                ReviewItem(goal="fcr-sam", outcome=Outcome.KEEP, note="Shadow Priya twice"),
                ReviewItem(goal="adherence-sam"),
            ],
        )
    )


def test_review_80x24(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see `r` pressed on the board: "Review 1 / 11 · 0 decided", the board's first
    goal kb-articles (! overdue, Publish 20 billing knowledge-base articles), large digits for
    the current value 16 (label "Articles now · target 20"), progress 80% and 13 days overdue;
    the plotext history chart on the left; on the right "Notes from last time: none yet",
    milestones 2/3 with the open one, the why and recent check-in notes; the outcome line "not
    yet (k keep · a adjust · c celebrate)" and every review key in the footer.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=settled_then("r"))


def test_review_120x40(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the same first page with all four figures drawn large (now, target,
    progress, days overdue), a taller and wider chart and a wider side panel.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=settled_then("r"))


def test_review_outcome_note_and_last_time_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see Sam's one-on-one, page "1 / 2 · 1 decided": fcr-sam (▼ behind), the side
    panel's "Last time · 2026-11-19 one-on-one" with "keep: Shadow Priya twice" at the top, and
    the outcome line "Outcome: ★ celebrate (kudos on save)   Note: Escalations down" after
    pressing c and o.
    """
    last_week(demo_store)
    press = ["c", "o", *"Escalations", "space", *"down", "enter"]
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=review(SAM, *press))


def test_review_leave_asks_to_save_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the "Save the minutes?" box over the review (after k, then escape), with
    "escape goes back to the review." and the buttons "Don't save (n)" and "Save (y)", Save
    focused, and the dialog's keys y Save, n Don't save, esc Stay in its footer.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=review(SAM, "k", "escape"))


def test_review_attendees_prompt_120x40(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see, over adherence-sam's page (2 / 2, ● keep), the prompt "Attendees,
    comma-separated" holding "Dana, Sam", asked by the first ctrl+s.
    """
    press = ["n", "k", "ctrl+s", *"Dana,", "space", *"Sam"]
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=review(SAM, *press))
