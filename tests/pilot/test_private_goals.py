"""Private goals and the wall's choices (issue 14): the form's Private field, and the
wallboard leaving private goals (and, on request, agents' goals and names) off."""

from __future__ import annotations

from board_helpers import screen_text
from screen_host import ScreenHost
from textual.widgets import Select
from waiting import press, run, settled
from waits import saves_settled

from goaltui.app.wallboard import make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.core.wall_view import WallView
from goaltui.store.store import Store
from screens.goal_form import GoalFormScreen
from screens.wallboard import CountTile

NARROW, WIDE = (80, 24), (120, 40)


def make_private(store: Store, key: str) -> None:
    goal = store.goal(key)
    store.update_goal(goal.model_copy(update={"private": True}), base=goal)


async def test_the_form_marks_a_goal_private_from_the_keyboard(
    demo_store: Store, clock: FixedClock
) -> None:
    host = ScreenHost(GoalFormScreen(demo_store, clock, demo_store.goal("fcr-sam")))
    async with host.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        private = host.screen.query_one("#private", Select)
        assert private.value == "no"
        host.screen.query_one("#level", Select).focus()
        await press(pilot, "tab")  # the field after Level, in the S section
        assert host.screen.focused is private
        await press(pilot, "enter", "down", "enter")
        assert private.value == "yes"
        await press(pilot, "ctrl+s")
        await saves_settled(pilot)
    assert host.results == ["fcr-sam"]  # no reason asked: privacy is not a target change
    assert demo_store.goal("fcr-sam").private is True


async def test_the_form_shows_a_private_goal_as_private_and_can_make_it_public(
    demo_store: Store, clock: FixedClock
) -> None:
    make_private(demo_store, "fcr-sam")
    host = ScreenHost(GoalFormScreen(demo_store, clock, demo_store.goal("fcr-sam")))
    async with host.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        private = host.screen.query_one("#private", Select)
        assert private.value == "yes"
        private.value = "no"
        await press(pilot, "ctrl+s")
        await saves_settled(pilot)
    assert demo_store.goal("fcr-sam").private is False


async def test_a_private_goal_never_reaches_the_wallboard(
    demo_store: Store, clock: FixedClock
) -> None:
    make_private(demo_store, "fcr-sam")
    app = make_wallboard(demo_store, clock)
    async with run(app, WIDE) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "10 goals" in text and "fcr-sam" not in text and "lift first-call" not in text
        assert "adherence-sam" in text  # Sam's other goal is not private


async def test_teams_only_and_initials_on_the_wallboard(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_wallboard(demo_store, clock, view=WallView(teams_only=True))
    async with run(app, WIDE) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "6 goals (team goals)" in text
        assert "aht-billing" in text and "aht-maria" not in text and "Sam" not in text
        assert sum(tile.count for tile in app.wall.query(CountTile)) == 6

    app = make_wallboard(demo_store, clock, view=WallView(initials=True))
    async with run(app, WIDE) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "11 goals" in text and "S.O.: lift" in text
        assert "fcr-s.o." in text and "M.L." in text
        for name in ("Sam", "Okafor", "Maria", "Lopez", "Priya", "Tom Becker"):
            assert name not in text
        assert "Billing team" in text
