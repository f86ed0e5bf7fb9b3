"""Snapshots at 160x45, a wall-sized terminal: the board, the goal detail and the
wallboard use the width and height they get (80x24 and 120x40 are in the other files).

Update with `pytest tests/snapshots/test_snapshots_sizes.py --snapshot-update`, then LOOK
at every changed SVG in tests/snapshots/__snapshots__/test_snapshots_sizes/.
"""

from __future__ import annotations

from collections.abc import Callable

from test_snapshots_board import open_goal
from waiting import ready
from waits import settled_then

from goaltui.app.goal_app import make_app
from goaltui.app.wallboard import make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store

SnapCompare = Callable[..., bool]
TV = (160, 45)


def test_board_160x45(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see every column: key, the whole title of every goal (none cut with
    "…"), owner, a wider sparkline, now → target in full ("8:54 → 8:00"), a progress bar
    of 8 cells with its %, pace, status, days left and milestones; and the highlighted
    goal's title, owner, pace and due date on one line under the table.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=TV, run_before=settled_then())


def test_detail_160x45(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see aht-tom's detail: a head of three unwrapped lines (AHT now 8:54 →
    target 8:00, 58% of the way, pace 74%; baseline, first target, due date and forecast
    on the third), the tabs, and the chart filling the screen with the 7-day average,
    target, pace and first-target lines and axis labels in m:ss.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=TV, run_before=open_goal("aht-tom"))


def test_wallboard_160x45(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the count tiles with their counts drawn in a large block font five
    rows tall (1 overdue and 1 behind in red, 3 at risk and 1 stale in amber, 4 on track
    and 1 achieved in green, 0 no data grey), then the eleven goals with key, whole
    title, owner, sparkline, values, bar, pace, status, days and milestones, with two
    blank lines between rows.
    """
    app = make_wallboard(demo_store, clock)
    assert snap_compare(app, terminal_size=TV, run_before=ready())
