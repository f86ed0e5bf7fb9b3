"""Snapshots of the goal form, the milestone checklist and the reason dialog.

Each at 80x24 (SSH) and 120x40 (projector), on the demo data with a frozen clock.
"""

from __future__ import annotations

from typing import Any

import pytest
from screen_host import ScreenHost, paste, paste_all
from textual.pilot import Pilot
from waits import loaded, saves_settled

from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.goal_form import GoalFormScreen
from screens.milestones import MilestonesScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SETTLE = GoalFormScreen.REGRADE_DELAY + 0.15


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the form's read of the goals, then its debounced SMART grading."""
    await saves_settled(pilot)
    await pilot.pause(SETTLE)


@pytest.mark.parametrize("size", SIZES)
def test_new_goal_form_empty(
    snap_compare: Any, demo_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see "New goal", the S section first with the cursor in Title, Start
    pre-filled with 2026-11-26, Private "no: on the wallboards" under Level, no error
    messages yet, and the SMART panel (below the form at 80 columns, beside it at 120)
    grading S, M, R and T "✗ fail" and A "! warn" with a hint for each."""
    app = ScreenHost(GoalFormScreen(demo_store, clock))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_new_goal_form_partly_filled(
    snap_compare: Any, demo_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see the title "Cut AHT for the billing queue" with its key
    cut-aht-for-the-billing made from it, AHT in s from 480 to "-25%" with the note
    "= 360 s", the due date "soon" marked "✗ 'soon' is not a date: use YYYY-MM-DD ...",
    the cursor in Due, and the SMART panel: S warns (no details), M passes
    (AHT: 480 s -> 360 s.), T fails for lack of a due date."""

    async def fill(pilot: Pilot[Any]) -> None:
        await saves_settled(pilot)
        await paste_all(
            pilot,
            title="Cut AHT for the billing queue",
            metric="AHT",
            unit="s",
            baseline="480",
            target="-25%",
            due="soon",
        )
        await pilot.pause(SETTLE)

    app = ScreenHost(GoalFormScreen(demo_store, clock))
    assert snap_compare(app, terminal_size=size, run_before=fill)


@pytest.mark.parametrize("size", SIZES)
def test_edit_goal_form(
    snap_compare: Any, demo_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see "Edit goal aht-billing" with its fields filled in (AHT 520 -> 420 s,
    supports "csat-centre · Raise centre CSAT to 85%", due 2027-02-26, status active),
    the key marked "fixed: scripts use it", and all five SMART letters "✓ pass"."""
    app = ScreenHost(GoalFormScreen(demo_store, clock, demo_store.goal("aht-billing")))
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_reason_dialog_on_target_change(
    snap_compare: Any, demo_store: Store, clock: FixedClock
) -> None:
    """You should see the edit form dimmed behind a dialog asking
    "Why change aht-billing: target 420 s -> 400 s?" with an empty reason field and
    the dialog's keys (esc Cancel, enter OK) in the footer."""

    async def change_target(pilot: Pilot[Any]) -> None:
        await saves_settled(pilot)
        await paste(pilot, "target", "400")
        await pilot.press("ctrl+s")
        await pilot.pause()

    app = ScreenHost(GoalFormScreen(demo_store, clock, demo_store.goal("aht-billing")))
    assert snap_compare(app, terminal_size=(80, 24), run_before=change_target)


@pytest.mark.parametrize("size", SIZES)
def test_milestone_checklist(
    snap_compare: Any, demo_store: Store, clock: FixedClock, size: tuple[int, int]
) -> None:
    """You should see "Milestones · fcr-billing · Resolve more billing calls first time",
    "3 of 5 done · 1 overdue", and five rows: three "[x]" with their done dates and who
    ticked them ("done 2026-07-14 by dana"), the
    overdue "Publish the knowledge-base articles" (due 2026-11-13, "13d late",
    highlighted) and "Review FCR with the quality team" due "50d left"; the cursor on
    the first row; the footer lists a, e, space, d, ⇧↑⇧↓ and esc."""
    app = ScreenHost(MilestonesScreen(demo_store, clock, "fcr-billing"))
    assert snap_compare(app, terminal_size=size, run_before=loaded)


def test_milestone_checklist_with_thresholds(
    snap_compare: Any, demo_store: Store, clock: FixedClock
) -> None:
    """You should see a Reach column: "≥ 74%" on "FCR 74% by the quarter" ([x], done
    2026-11-26 by dana: her 74.5% ticked it) and "≥ 78%" on the open "FCR 78% by
    January"; the other milestones' Reach cells empty; "4 of 7 done · 1 overdue"."""
    demo_store.add_milestone("fcr-billing", "FCR 74% by the quarter", threshold=74)
    demo_store.add_milestone("fcr-billing", "FCR 78% by January", threshold=78)
    Store(demo_store.path, clock=clock, user="dana").log("fcr-billing", 74.5)
    app = ScreenHost(MilestonesScreen(demo_store, clock, "fcr-billing"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_milestone_checklist_empty(snap_compare: Any, demo_store: Store, clock: FixedClock) -> None:
    """You should see "No milestones yet: press a to add one." and "no milestones"."""
    app = ScreenHost(MilestonesScreen(demo_store, clock, "adherence-billing"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_milestone_add_dialog(snap_compare: Any, demo_store: Store, clock: FixedClock) -> None:
    """You should see the "New milestone" dialog over the checklist with the title
    "Refund FAQ", the due date "+2w" resolved to "= 2026-12-10 (Thu)", an empty field
    under "Threshold in % (optional)" with its hint "e.g. 22.5: reaching it ticks the
    milestone", and the dialog's keys (⏎ Save, esc Cancel) in the footer."""
    app = ScreenHost(MilestonesScreen(demo_store, clock, "fcr-billing"))
    keys = ["a", *"Refund", "space", *"FAQ", "tab", "plus", "2", "w"]
    assert snap_compare(app, terminal_size=(80, 24), press=keys, run_before=loaded)


def test_discard_question(snap_compare: Any, demo_store: Store, clock: FixedClock) -> None:
    """You should see "Discard your changes to this goal?" with "Keep editing (n)"
    focused and "Discard (y)", over the new-goal form whose title reads "Half"."""
    app = ScreenHost(GoalFormScreen(demo_store, clock))
    assert snap_compare(app, terminal_size=(80, 24), press=[*"Half", "escape"])


def test_new_owner_question_80x24(snap_compare: Any, demo_store: Store, clock: FixedClock) -> None:
    """You should see, over the form, "'Maria Lopes' is new. Did you mean Maria Lopez?" and
    three choices, the first highlighted: "u  Use Maria Lopez", "k  Keep Maria Lopes as a new
    agent", "b  Back to the form (escape)"; the footer lists u Use it, k New agent, esc Back."""

    async def ask(pilot: Pilot[Any]) -> None:
        await saves_settled(pilot)
        await paste_all(
            pilot,
            title="Cut Maria's AHT",
            owner="Maria Lopes",
            metric="AHT",
            unit="s",
            baseline="480",
            target="400",
            due="eoq",
        )
        await pilot.press("ctrl+s")
        await saves_settled(pilot)

    app = ScreenHost(GoalFormScreen(demo_store, clock))
    assert snap_compare(app, terminal_size=(80, 24), run_before=ask)
