"""Snapshots of the meetings screen: the list and one meeting opened (frozen clock).

The minutes are written here, on an empty file, so these pictures do not move with the demo.
Update with `pytest tests/snapshots/test_snapshots_meetings.py --snapshot-update`, then LOOK
at every changed SVG in tests/snapshots/__snapshots__/test_snapshots_meetings/.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from waits import settled_then

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.minutes import Minutes, Outcome, ReviewItem
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Store

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


def item(goal: str, metric: str, unit: str, now: float, target: float, **kw: Any) -> ReviewItem:
    return ReviewItem(goal=goal, metric=metric, unit=unit, current=now, target=target, **kw)


def three_meetings(store: Store) -> None:
    store.save_minutes(
        Minutes(
            held_on=DEMO_TODAY - timedelta(days=14),
            kind="team meeting",
            attendees=["Dana", "Maria Lopez", "Sam Okafor", "Priya Shah"],
            items=[
                item("aht-billing", "AHT", "s", 498, 420, percent=52, status="at risk",
                     outcome=Outcome.KEEP),
                item("fcr-team", "FCR", "%", 74, 80, percent=60, status="on track"),
                item("csat-priya", "CSAT", "%", 88, 85, percent=100, status="achieved",
                     outcome=Outcome.CELEBRATE, note="Best month on the queue"),
            ],
        )
    )  # fmt: skip
    store.save_minutes(
        Minutes(
            held_on=DEMO_TODAY - timedelta(days=7),
            kind="one-on-one",
            attendees=["Dana", "Sam Okafor"],
            items=[
                item("fcr-sam", "FCR", "%", 68, 78, percent=40, status="behind",
                     outcome=Outcome.ADJUST, note="Target set too high for a new agent [sic]"),
                item("adherence-sam", "Adherence", "%", 91, 92, percent=80, status="on track"),
            ],
        )
    )  # fmt: skip
    store.save_minutes(
        Minutes(
            held_on=DEMO_TODAY - timedelta(days=7),
            kind="one-on-one",
            attendees=["Dana", "Maria Lopez"],
            items=[item("aht-maria", "AHT", "s", 473, 420, percent=55, days_left=34,
                        outcome=Outcome.KEEP, note="Shadows Sam on refunds")],
        )
    )  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_meetings_list(
    snap_compare: SnapCompare, empty_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see "Meetings: 3 saved, newest first" and three rows: the two one-on-ones
    of a week ago (Dana with Sam Okafor, then Dana with Maria Lopez) above the team meeting of two
    weeks ago; columns date, kind, attendees and goals covered ("3 goals: aht-billing,
    fcr-team, csat-priya"), long cells cut with "…"; the footer shows enter Open, esc Back.
    """
    three_meetings(empty_store)
    app = make_app(empty_store, clock)
    assert snap_compare(app, terminal_size=size, run_before=settled_then("M"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_meeting_opened(
    snap_compare: SnapCompare, empty_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see the team meeting read-only: "team meeting, <date> · attendees: Dana,
    Maria Lopez, Sam Okafor, Priya Shah · recorded by lead", then one row per goal: its
    figures at the time ("AHT 498 s → 420 s · 52% · at risk"), the outcome (keep, not
    discussed, celebrate) and the note "Best month on the queue"; esc Back in the footer.
    """
    three_meetings(empty_store)
    app = make_app(empty_store, clock)
    run = settled_then("M", "down", "down", "enter")
    assert snap_compare(app, terminal_size=size, run_before=run)
