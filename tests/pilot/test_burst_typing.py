"""Keys that arrive in one read (a paste, a laggy SSH link) act in the order they were typed:
Tab moves on before the keys behind it, Enter saves all the keys before it.

Each test posts the keys to the app all at once, with no waiting between them, as a
terminal that sends a line in one read does (Pilot's `press` waits after every key).
"""

from __future__ import annotations

from typing import Any

from screen_host import ScreenHost
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input
from waits import saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Store
from screens.dialogs import MilestoneDialog, ReasonScreen
from screens.goal_form import GoalFormScreen
from screens.meeting_view import MeetingScreen
from screens.meetings import MeetingsScreen

_CHARACTERS = {"tab": "\t", "enter": "\r", "space": " ", "down": None}


def burst(pilot: Pilot[Any], *parts: str) -> None:
    """Post `parts` as keys in one go: plain text letter by letter, key names as keys."""
    for part in parts:
        if part in _CHARACTERS:
            pilot.app.post_message(events.Key(part, _CHARACTERS[part]))
            continue
        for ch in part:
            name = "space" if ch == " " else ch
            pilot.app.post_message(events.Key(name, ch))


def field(screen: Any, name: str) -> str:
    return str(screen.query_one(f"#{name}", Input).value)


async def test_a_line_with_tabs_fills_the_goal_form_field_by_field(
    empty_store: Store, clock: FixedClock
) -> None:
    host = ScreenHost(GoalFormScreen(empty_store, clock))
    async with host.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        form = host.screen
        burst(pilot, "Cut AHT", "tab", "aht-q1", "tab", "Billing queue")
        await saves_settled(pilot)
        assert field(form, "title") == "Cut AHT"
        # The key typed is kept: the title's change, handled after it, does not redo it.
        assert field(form, "key") == "aht-q1"
        assert field(form, "details") == "Billing queue"


async def test_the_key_is_still_made_from_a_title_typed_in_a_burst(
    empty_store: Store, clock: FixedClock
) -> None:
    host = ScreenHost(GoalFormScreen(empty_store, clock))
    async with host.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        burst(pilot, "Cut AHT", "tab", "tab", "Billing queue")
        await saves_settled(pilot)
        assert field(host.screen, "key") == "cut-aht"
        assert field(host.screen, "details") == "Billing queue"


async def test_a_reason_typed_with_its_enter_in_one_read_is_saved_whole() -> None:
    host = ScreenHost(ReasonScreen("Why did the target change?"))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(pilot, "Budget cut", "enter")
        await saves_settled(pilot)
    assert host.results == ["Budget cut"]  # not "", not "A reason is required"


async def test_a_second_enter_in_the_same_read_saves_once() -> None:
    host = ScreenHost(ReasonScreen("Why did the target change?"))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(pilot, "Budget cut", "enter", "enter")
        await saves_settled(pilot)
        assert host.results == ["Budget cut"]
        assert not isinstance(host.screen, ReasonScreen)


async def test_a_milestone_typed_in_one_read_keeps_its_title_and_date() -> None:
    host = ScreenHost(MilestoneDialog(DEMO_TODAY))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(pilot, "Refund FAQ", "tab", "2026-12-10", "enter")
        await saves_settled(pilot)
    [(title, due, threshold)] = host.results
    assert (title, str(due), threshold) == ("Refund FAQ", "2026-12-10", None)


async def test_arrows_then_enter_in_one_read_open_the_meeting_they_reached(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await pilot.press("M")
        await saves_settled(pilot)
        meetings = app.screen
        assert isinstance(meetings, MeetingsScreen) and len(meetings.meetings) >= 2
        burst(pilot, "down", "enter")
        await saves_settled(pilot)
        view = app.screen
        assert isinstance(view, MeetingScreen)
        assert view.minutes == meetings.meetings[1]


async def test_a_kpi_typed_in_a_burst_still_fills_its_unit(
    empty_store: Store, clock: FixedClock
) -> None:
    """ "AHT⇥⇥6:40⇥5:00..6:00" in one read: AHT's change reaches the form after the focus
    moved on, and is still the lead's typing, so the unit is filled and 6:40 is read."""
    host = ScreenHost(GoalFormScreen(empty_store, clock))
    async with host.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        form = host.screen
        form.query_one("#metric", Input).focus()
        await saves_settled(pilot)
        burst(pilot, "AHT", "tab", "tab", "6:40", "tab", "5:00..6:00")
        await saves_settled(pilot)
        assert (field(form, "metric"), field(form, "unit")) == ("AHT", "s")
        assert (field(form, "baseline"), field(form, "target")) == ("6:40", "5:00..6:00")
        assert isinstance(form, GoalFormScreen)
        result = form.refresh_checks()
        assert "baseline" not in result.errors and "target" not in result.errors, result.errors
        assert result.draft is not None and result.draft.metric.baseline == 400
        assert result.draft.metric.band == (300, 360)
