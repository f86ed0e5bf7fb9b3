"""Snapshots of the agent scorecard and the side-by-side view on the demo data (frozen clock),
with a one-on-one of Sam's saved today (tests/scorecard_data.py).

Update with `pytest tests/snapshots/test_snapshots_scorecard.py --snapshot-update`, then LOOK
at every changed SVG in tests/snapshots/__snapshots__/test_snapshots_scorecard/.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scorecard_data import add_one_on_one
from waits import settled_then

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_scorecard_of_sam(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see "Scorecard 5/6: Sam Okafor · 2 goals: 1 behind, 1 on track"; under
    Goals fcr-sam (▼ behind in red, 66% → 72% · 40% · 64d left · milestones 1/3) and
    adherence-sam (● on track), each with a dim line "↗ improving · team … (Billing team) ·
    centre —"; Wins and kudos (last 30 days) with the kudos first; "Last meeting:
    one-on-one, 2026-11-26 (Sam Okafor, lead)" with "fcr-sam: keep · shadow Maria on
    [billing] calls" and a dim "adherence-sam: not discussed"; the footer ← Previous
    → Next esc Back.
    """
    add_one_on_one(demo_store)
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=size, run_before=settled_then("down", "a"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_side_by_side_aht(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see "AHT side by side: 2 agent goals · needs attention first", then
    aht-tom (Tom Becker, 534 s, sparkline, 54 s to go, ▲ at risk, 64d) above aht-maria
    (Maria Lopez, 441 s, met by 9 s, ✓ achieved, 64d); every column visible at 80 columns
    (wider names and sparkline at 120); the footer esc Back.
    """
    app = make_app(demo_store, clock)
    keys = ("down", "down", "down", "v")  # kb-articles, fcr-sam, adherence-billing, aht-tom
    assert snap_compare(app, terminal_size=size, run_before=settled_then(*keys))
