"""Snapshots of the board, goal detail and help on the demo data (frozen clock).

Update with `pytest tests/snapshots/test_snapshots_board.py --snapshot-update`, then LOOK at
every changed SVG in tests/snapshots/__snapshots__/test_snapshots_board/ before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from board_helpers import board
from textual.pilot import Pilot
from waits import saves_settled, settled_then

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store

SnapCompare = Callable[..., bool]
NARROW, WIDE = (80, 24), (120, 40)


def open_goal(key: str, tab: str = "") -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await saves_settled(pilot)
        board(pilot.app).open_goal(key)
        await saves_settled(pilot)
        if tab:
            await pilot.press(tab)
        await pilot.pause()

    return run_before


def test_board_80x24(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the summary line (11 goals: 1 overdue, 1 behind, 3 at risk, 1 stale
    in amber, 4 on track, 1 achieved) and "sort: status", then one row per goal sorted by
    status with kb-articles (! overdue, -13d) first, fcr-sam's value "66!→72%" (the "!" in
    green: unusually good), fcr-billing "◌ stale" in amber after the goals at risk, and
    aht-maria (✓ achieved) last; columns key, 30-day sparkline,
    now→target, bar with %, status word, days left and milestones done/total (no title, owner
    or pace at this width); the highlighted goal's full title, owner and due date in the line
    under the table, and every board key in the footer.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=settled_then())


def test_board_120x40(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the same board with title, owner and pace columns added, wider
    sparklines and progress bars, and free space below the eleven rows.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=settled_then())


def test_board_filtered_by_text_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the filter input under the summary holding "sam", only Sam Okafor's two
    goals (fcr-sam behind, adherence-sam on track), "2 goals of 11" and the filter described
    as text='sam' with "(esc clears)".
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=settled_then("slash", "s", "a", "m"))


def test_empty_board_80x24(
    snap_compare: SnapCompare, empty_store: Store, clock: FixedClock
) -> None:
    """You should see "0 goals" and, centred, "No goals yet \u2013 press n to write your first
    SMART goal", with the footer keys (Edit and Milestones dimmed: nothing to act on).
    """
    app = make_app(empty_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=settled_then())


def test_empty_board_120x40(
    snap_compare: SnapCompare, empty_store: Store, clock: FixedClock
) -> None:
    """You should see the same friendly empty state, centred in the larger terminal."""
    app = make_app(empty_store, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=settled_then())


def test_detail_chart_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see aht-tom's head (Tom: AHT to 480 s, Tom Becker · agent; ▲ at risk, now
    534 s → target 480 s, 58% of the way, pace 74%; baseline 610 s, first target 450 s, due
    2027-01-29 (64d left)), the tabs 1 Chart … 5 SMART with Chart active, and a plotext chart
    with the AHT history (braille), the target 480 line (-), the pace line (·) falling from
    610 to 480, and the first target 450 (:); footer: esc Back, e Edit, c Check-in,
    m Milestones, 12345 Tabs.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=open_goal("aht-tom"))


def test_detail_of_a_stale_goal_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see fcr-billing's head with "◌ stale" in amber where the status goes,
    "FCR now 73.7% → target 78%", and a fourth line in amber "◌ stale: no value since Thu
    19 Nov (4 working days); on track on that value", then the chart tab.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=open_goal("fcr-billing"))


def test_detail_chart_120x40(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the same detail with the forecast date in the head and a taller,
    wider chart.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=open_goal("aht-tom"))


def test_detail_checkin_log_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the Check-ins tab of aht-tom: day, value, confidence, by and note,
    newest first (2026-11-26 534 s, highlighted: the log has the focus), with notes such as
    "Heavy queue after the billing run"; the footer adds ⏎ Value and d Delete.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=open_goal("aht-tom", "2"))


def test_detail_ledger_and_smart_120x40(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the Ledger tab of aht-tom, its table focused with the cursor on the one
    change: 2026-09-14, target, 450 s → 480 s, by dana, and the reason "New product launch
    lengthens billing calls"; the footer starts with ⏎ Read (the change in full).
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=open_goal("aht-tom", "4"))


def test_detail_smart_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see kb-articles' SMART tab: a score out of 5 and one line per letter with
    pass / warn / fail in words; T warns that the due date passed 13 days ago, with its hint
    on the next line after an arrow.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=open_goal("kb-articles", "5"))


def test_help_80x24(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the help box over the board titled "Help: board", listing the board's
    own keys first (⏎ Open, n New, e Edit, m Milestones, s Sort, / Filter, o Owner, l Level,
    f Status, esc Clear, q Quit) with their details, and "escape closes" on its bottom edge.
    """
    assert snap_compare(
        make_app(demo_store, clock), terminal_size=NARROW, run_before=settled_then("question_mark")
    )


def test_help_120x40(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the board's help with every key, then the notes on columns, status
    words and filters below the key table.
    """
    assert snap_compare(
        make_app(demo_store, clock), terminal_size=WIDE, run_before=settled_then("question_mark")
    )


def test_close_dialog_on_an_achieved_goal_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see "Close aht-maria (now achieved)" over the board, the highlight on
    "Leave it as it is (escape)", "a  Achieved (it is already)" dimmed, Missed, Archive
    and Reactivate enabled, and under them "aht-maria is achieved already." (`a` was pressed).
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=settled_then("end", "x", "a"))
