"""Snapshots of the wallboard at 80x24 and 120x40, in Unicode and in ASCII.

Update with `pytest tests/snapshots/test_snapshots_wallboard.py --snapshot-update`, then
LOOK at every changed SVG in tests/snapshots/__snapshots__/ before accepting it.
"""

from __future__ import annotations

from collections.abc import Callable

from waiting import ready

from goaltui.app.wallboard import make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.core.wall_view import WallView
from goaltui.store.store import Store

SnapCompare = Callable[..., bool]
NARROW, WIDE = (80, 24), (120, 40)


def test_wallboard_80x24(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the heading "goaltui wallboard 11 goals updated Thu 26 Nov 09:30", seven
    count tiles with large digits (overdue 1 and behind 1 in red, at risk 3 and stale 1 in
    amber, on track 4 and achieved 1 in green, no data 0 greyed), then the eleven goals as
    rows, needs-attention first (kb-articles overdue to aht-maria achieved; fcr-billing
    "◌ stale", fcr-sam "66!→72%") with sparklines,
    now→target, progress bars, status and days left; all on one page, so no page line.
    """
    assert snap_compare(make_wallboard(demo_store, clock), terminal_size=NARROW, run_before=ready())


def test_wallboard_120x40(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see wider count tiles and the goal rows with title, owner and pace columns,
    the values in full ("534 s → 480 s", "66% → 72%"), wider sparklines and bars, and free
    space under the eleven rows.
    """
    assert snap_compare(make_wallboard(demo_store, clock), terminal_size=WIDE, run_before=ready())


def test_wallboard_ascii_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the same wallboard in plain characters: seven-segment digits made of
    _ and |, ASCII borders (+-|) round the tiles, sparklines of _.:-=+*# and bars of # and -.
    The status marks and arrows still read ✓ ● ▲ ▼ →: a snapshot is what Textual draws,
    before the ASCII driver turns them into v o ^ v > on the way to the terminal
    (tests/process/test_ascii_screens.py checks the terminal's bytes).
    """
    app = make_wallboard(demo_store, clock, ascii=True)
    assert snap_compare(app, terminal_size=NARROW, run_before=ready())


def test_wallboard_initials_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the demo's wallboard, 11 goals and the same counts as without the
    flag, with the agents' keys as initials: "fcr-s.o.", "adherence-s.o.", "aht-t.b.",
    "csat-p.s.", "aht-m.l." (no first name left); the team goals' keys unchanged. At 80
    columns there is no title or owner column (the Pilot test reads them at 120).
    """
    app = make_wallboard(demo_store, clock, view=WallView(initials=True))
    assert snap_compare(app, terminal_size=NARROW, run_before=ready())


def test_wallboard_teams_only_120x40(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see "6 goals (team goals)" in the heading, counts that add up to 6
    (overdue 1, at risk 2, stale 1 (fcr-billing), on track 2) and only the centre and
    billing team goals: no agent, no agent's name anywhere.
    """
    app = make_wallboard(demo_store, clock, view=WallView(teams_only=True))
    assert snap_compare(app, terminal_size=WIDE, run_before=ready())
