"""The meetings screen: every saved meeting, newest first, and one opened read-only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from board_helpers import screen_text
from textual.pilot import Pilot
from textual.widgets import DataTable
from waits import loaded, saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.minutes import Minutes, Outcome, ReviewItem
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Store
from screens.meeting_view import MeetingScreen
from screens.meetings import MeetingsScreen
from screens.review import ReviewScreen

NARROW = (80, 24)


def adjusted_today(store: Store) -> None:
    """fcr-sam's target raised today with a reason, and a one-on-one that says "adjust"."""
    goal = store.goal("fcr-sam")
    metric = goal.metric.model_copy(update={"target": (goal.metric.target or 0) + 2})
    store.update_goal(goal.model_copy(update={"metric": metric}), reason="Sam asked [/] for more")
    store.save_minutes(
        Minutes(
            held_on=DEMO_TODAY,
            kind="one-on-one",
            attendees=["Dana", "Sam [bold]"],
            items=[
                ReviewItem(goal="fcr-sam", metric="FCR", unit="%", outcome=Outcome.ADJUST),
                ReviewItem(goal="adherence-sam", note="[red]hostile[/] note"),
            ],
        )
    )


def old_meeting(store: Store) -> None:
    store.save_minutes(
        Minutes(
            held_on=DEMO_TODAY - timedelta(days=30),
            kind="team meeting",
            attendees=["Dana"],
            items=[ReviewItem(goal="aht-billing", outcome=Outcome.KEEP)],
        )
    )


async def open_meetings(pilot: Pilot[Any]) -> MeetingsScreen:
    await saves_settled(pilot)
    await pilot.press("M")
    await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MeetingsScreen)
    return screen


async def test_lists_every_meeting_newest_first(demo_store: Store, clock: FixedClock) -> None:
    old_meeting(demo_store)
    adjusted_today(demo_store)
    app = make_app(demo_store, clock)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_meetings(pilot)
        days = [m.held_on for m in screen.meetings]
        assert days == sorted(days, reverse=True)
        assert len(screen.meetings) == len(demo_store.minutes())
        assert screen.meetings[0].held_on == DEMO_TODAY
        assert screen.query_one(DataTable).row_count == len(screen.meetings)
        text = screen_text(app)
        assert "Sam [bold]" in text  # user text shown as typed, never as markup
        assert DEMO_TODAY.isoformat() in text


async def test_enter_opens_one_read_only_with_what_adjust_changed(
    demo_store: Store, clock: FixedClock
) -> None:
    adjusted_today(demo_store)
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meetings(pilot)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, MeetingScreen)
        assert view.minutes.held_on == DEMO_TODAY
        text = screen_text(app)
        assert "adjust: target 72 → 74%: Sam" in text and "asked [/] for more" in text
        assert "[red]hostile[/] note" in text and "not discussed" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingsScreen)


async def test_no_meetings_yet(empty_store: Store, clock: FixedClock) -> None:
    app = make_app(empty_store, clock)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_meetings(pilot)
        assert screen.meetings == []
        assert "No meetings saved yet" in screen_text(app)
        await pilot.press("enter")  # nothing to open: stays
        await pilot.pause()
        assert app.screen is screen


async def test_from_review_and_palette(demo_store: Store, clock: FixedClock) -> None:
    old_meeting(demo_store)
    app = make_app(demo_store, clock)
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.press("r")
        await saves_settled(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("m")
        await loaded(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("M")  # not a second copy on the stack
        await pilot.pause()
        assert sum(isinstance(s, MeetingsScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
