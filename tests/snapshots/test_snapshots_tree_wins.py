"""Snapshots of the alignment tree and the wins list on the demo data (frozen clock).

Update with `pytest tests/snapshots/test_snapshots_tree_wins.py --snapshot-update`, then LOOK at
every changed SVG in tests/snapshots/__snapshots__/test_snapshots_tree_wins/ before accepting it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from waits import loaded, saves_settled, settled_then

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store

SnapCompare = Callable[..., bool]
NARROW, WIDE = (80, 24), (120, 40)


async def open_wins(pilot: Pilot[Any]) -> None:
    """`w` once the board has read and settled (its first look records wins), then wait
    for the wins, read in a worker, and for anything that read set off."""
    await saves_settled(pilot)
    await pilot.press("w")
    await loaded(pilot)
    await saves_settled(pilot)


def test_tree_80x24(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see "Alignment: centre objectives → team goals → agent goals", then
    csat-centre highlighted with its own figures as on the board (50% ● on track) and,
    beside them, "· roll-up 61% ! overdue"; its team goals under it (aht-billing 47% at
    risk · roll-up 68% at risk, with aht-maria 100% achieved and aht-tom 58% at risk;
    callback-billing 69% on track; csat-priya 59% on track; fcr-billing 57% on track ·
    roll-up 59% overdue (the tree keeps the status of the last value: stale shows on the
    board), with fcr-sam 40% behind and kb-articles 80% overdue), then
    "Not aligned to anything (2)" with adherence-billing 57% at risk · roll-up 67% at risk
    and adherence-sam 78% on track; the titles in dim as far as they fit. The line under
    the tree reads "50% on track · roll-up of 9 goals 61% overdue · Centre (center) · ...",
    the footer lists ⏎ Open, space Fold, esc Back, + Expand, - Collapse and ? Help. Long
    lines are cut at the edge without a horizontal scrollbar.
    """
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=NARROW, run_before=settled_then("t"))


def test_tree_120x40(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the same tree with the full titles and free space below it."""
    app = make_app(demo_store, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=settled_then("t"))


def test_wins_80x24(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see "Wins and kudos Fri 20 Nov to Thu 26 Nov: 6 wins, 0 kudos" and a table
    (day, what, text) newest day first, the first row highlighted: Thu 26 "★ best" Personal
    best for Sam Okafor: FCR 66%; Tue 24 "◎ target" adherence-sam reached its target,
    "» streak" aht-maria beat its target 3 check-ins in a row, "★ best" Sam's adherence;
    Mon 23 "◎ target" callback-billing and "★ best" Priya's CSAT 87.2%. Long texts end in
    "…" (no horizontal scrollbar); the footer lists ⏎ Read (the row in full), esc Back,
    k Kudos, d Remove and ? Help.
    """
    assert snap_compare(make_app(demo_store, clock), run_before=open_wins, terminal_size=NARROW)


def test_wins_120x40(snap_compare: SnapCompare, demo_store: Store, clock: FixedClock) -> None:
    """You should see the same list with the full win texts and free space below it."""
    assert snap_compare(make_app(demo_store, clock), run_before=open_wins, terminal_size=WIDE)


def test_wins_full_text_80x24(
    snap_compare: SnapCompare, demo_store: Store, clock: FixedClock
) -> None:
    """You should see, over the wins list, a box titled "Kudos, Thu 26 Nov 2026" with the
    labels for, goal, from and note in bold beside Sam Okafor, fcr-sam, lead and the whole
    note, wrapped under itself over three lines and ending "… [bold]this[/] week" exactly as
    typed (never as markup); the footer reads esc Close."""
    note = (
        "Stayed late three evenings to clear the refund backlog, coached two new starters "
        "on the billing system and still hit every quality check [bold]this[/] week"
    )
    demo_store.add_kudos("Sam Okafor", note, "fcr-sam")

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_wins(pilot)
        await pilot.press("enter")
        await saves_settled(pilot)

    app = make_app(demo_store, clock)
    assert snap_compare(app, run_before=run_before, terminal_size=NARROW)
