"""Snapshots of the check-in screen on the demo data (frozen clock).

Update with `pytest tests/snapshots/test_snapshots_checkin.py --snapshot-update`, then LOOK at
every changed SVG in tests/snapshots/__snapshots__/test_snapshots_checkin/ before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from screen_host import CheckInHost
from textual.pilot import Pilot
from waits import loaded, saves_settled

from goaltui.core.clock import FixedClock
from goaltui.store.store import Store

SnapCompare = Callable[..., bool]
NARROW, WIDE = (80, 24), (120, 40)
NEXT_MORNING = datetime(2026, 11, 27, 9, 30)  # Friday: nothing logged yet


def checkin_then(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Open the check-in, wait for its rows (read in a worker), press `keys`, and wait for
    the saves they make, so the screenshot never catches a read or a save half-way."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("c")
        await loaded(pilot)
        await pilot.press(*keys)
        await saves_settled(pilot)

    return run_before


@pytest.fixture
def next_morning(demo_path: Path) -> CheckInHost:
    clock = FixedClock(NEXT_MORNING)
    return CheckInHost(Store(demo_path, clock=clock, user="lead"), clock)


def test_checkin_80x24(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see "Check-in for Thu 26 Nov" and "9 of 10 logged" in the header; the ten
    active goals grouped by owner (Centre, Billing team, Priya Shah, Sam Okafor, Tom Becker,
    the owner named once per group) with goal key, yesterday's value, target, an 8-cell
    sparkline and "✓ value" under "Thu 26" (the demo logged today already; fcr-sam's "✓ 66!"
    carries the unusual mark); fcr-billing, not logged since 19 Nov ("73.7 19 Nov" as its
    last), highlighted in blue; the input titled "fcr-billing · FCR (%)" with "last 73.7% 19
    Nov · target 78% ..." as its hint; four overdue milestones with [ ] boxes; the footer:
    Save, Move, Confidence, Note, Day, Milestones, Close. No Metric column at this width.
    """
    assert snap_compare(
        CheckInHost(demo_store, clock), run_before=checkin_then(), terminal_size=NARROW
    )


def test_checkin_120x40(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the same ten rows with a Metric column ("CSAT %", "AHT s"), goal titles
    after the keys (cut with …), units on last, target and today's values ("80.9%",
    "✓ 81.5%": "%" sticks to the number, as everywhere), and 14-cell
    sparklines; the input and the milestone box right under the table, then empty space.
    """
    assert snap_compare(
        CheckInHost(demo_store, clock), run_before=checkin_then(), terminal_size=WIDE
    )


def test_checkin_next_morning_in_progress(
    snap_compare: SnapCompare, next_morning: CheckInHost
) -> None:
    """You should see "Check-in for Fri 27 Nov" and "2 of 10 logged": csat-centre "✓ 81",
    adherence-billing "✓ 89", then the cursor on aht-billing whose today cell shows a dim
    "risk" (set, not saved yet) and whose input is titled "aht-billing · AHT (s) · at risk"
    with the hint "last 473 s · target 420 s · value for Fri 27 Nov". Last values have no
    day (they are yesterday's) and the other today cells are empty.
    """
    keys = ["8", "1", "enter", "8", "9", "enter", "ctrl+t", "ctrl+t"]
    assert snap_compare(next_morning, run_before=checkin_then(*keys), terminal_size=NARROW)


def test_checkin_asks_about_an_implausible_value(
    snap_compare: SnapCompare, next_morning: CheckInHost
) -> None:
    """You should see a dialog over the check-in asking "8.1 is far from csat-centre's recent
    range 78.8-82.9%. Save anyway?" with the buttons "Fix it (n)" (focused) and "Save (y)"; behind
    it the table with nothing logged for Fri 27 Nov.
    """
    before = checkin_then("8", ".", "1", "enter")
    assert snap_compare(next_morning, run_before=before, terminal_size=NARROW)
