"""Pilot tests: review's `c` (celebrate) thanks the goal's owner with a kudos, saved with the
minutes, listed on the wins screen and in the wins export; an unticked milestone's win
leaves the wins screen."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from board_helpers import board, new_minutes, screen_text
from screen_host import type_text
from waiting import press, run, screen_is
from waits import loaded, saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.wins import Win, kudos_text
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY, make_demo_copy
from goaltui.formats.exporters import export
from goaltui.store.store import Store
from screens.dialogs import TextPromptScreen
from screens.milestones import MilestonesScreen
from screens.review import ReviewScreen
from screens.wins import WinsScreen

THANKS = "Kudos for Maria Lopez (aht-maria): Celebrated in the team meeting of 2026-11-26"


async def test_celebrate_records_a_kudos_for_the_owner(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app, (120, 40)) as pilot:
        await saves_settled(pilot)
        await press(pilot, "r")
        review = await screen_is(pilot, ReviewScreen)
        while review.key != "aht-maria":
            await press(pilot, "n")
        await saves_settled(pilot)
        await press(pilot, "c")
        assert "★ celebrate (kudos on save)" in screen_text(app)
        assert demo_store.kudos() == []  # only once the minutes are saved
        await press(pilot, "ctrl+s")
        await screen_is(pilot, TextPromptScreen)
        await type_text(pilot, "Dana")
        await press(pilot, "enter", "enter")
        await saves_settled(pilot)
        assert "Kudos for Maria Lopez." in "\n".join(str(n.message) for n in app._notifications)
        [kudos] = demo_store.kudos()
        assert kudos_text(kudos) == f"{THANKS} (from lead)"
        await press(pilot, "escape")  # saved: leaves without a question
        await press(pilot, "w")
        await screen_is(pilot, WinsScreen)
        await loaded(pilot)
        assert THANKS in screen_text(app)
    assert THANKS in export(demo_store, "wins", DEMO_TODAY)


async def test_taking_celebrate_back_and_saving_again_withdraws_the_kudos(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with run(app) as pilot:
        await saves_settled(pilot)
        await press(pilot, "r")
        review = await screen_is(pilot, ReviewScreen)
        await saves_settled(pilot)
        owner = demo_store.goal(review.key or "").owner
        await press(pilot, "c", "ctrl+s")
        await type_text(pilot, "Dana")
        await press(pilot, "enter", "enter")
        await saves_settled(pilot)
        assert [k.agent for k in demo_store.kudos()] == [owner]
        await press(pilot, "ctrl+s")  # saved again unchanged: still one kudos
        await saves_settled(pilot)
        assert len(demo_store.kudos()) == 1
        await press(pilot, "c", "ctrl+s")  # c again takes the outcome back
        await saves_settled(pilot)
        assert demo_store.kudos() == []
        assert len(new_minutes(demo_store)) == 1


async def test_unticking_a_milestone_takes_its_win_off_the_wins_screen(
    demo_store: Store, clock: FixedClock
) -> None:
    """fcr-billing's fourth milestone, ticked by mistake and unticked: the board records
    the win when the checklist closes, the untick withdraws it."""
    app = make_app(demo_store, clock)
    done = "Milestone done for fcr-billing: Publish the knowledge-base articles"
    async with run(app, (120, 40)) as pilot:
        await saves_settled(pilot)
        for untick in (False, True):
            board(app).open_milestones("fcr-billing")
            await screen_is(pilot, MilestonesScreen)
            await loaded(pilot)
            await press(pilot, "down", "down", "down", "space")  # the overdue one
            await saves_settled(pilot)
            await press(pilot, "escape")
            await saves_settled(pilot)
            await press(pilot, "w")
            await screen_is(pilot, WinsScreen)
            await loaded(pilot)
            assert (done in screen_text(app)) is not untick
            await press(pilot, "escape")
            await saves_settled(pilot)
    assert all(w.text != done for w in demo_store.wins())


async def test_a_shifted_demo_lists_each_win_once(tmp_path: Path) -> None:
    """`goaltui --demo` three days after the demo's own today: a value logged for Sam (from
    another session, as `goaltui log` does) makes the board detect his wins again; the
    wins screen and the wins export still list each win once."""
    today = DEMO_TODAY + timedelta(days=3)
    clock = FixedClock(datetime.combine(today, DEMO_NOW.time()))
    store = Store(make_demo_copy(today, tmp_path), clock=clock, user="lead")
    Store(store.path, clock=clock, user="sam").log("fcr-sam", 65.5, today)
    app = make_app(store, clock)
    async with run(app, (120, 40)) as pilot:
        await saves_settled(pilot)
        await press(pilot, "w")
        wins = await screen_is(pilot, WinsScreen)
        await loaded(pilot)
        texts = [item.text for item in wins.items if isinstance(item, Win)]
        assert len(texts) == len(set(texts)) == 6
        assert "Personal best for Sam Okafor: FCR 66%" in texts
    lines = export(store, "wins", today).splitlines()
    assert sum("Personal best for Sam Okafor: FCR 66%" in line for line in lines) == 1
    assert sum("beat its target 3 check-ins in a row" in line for line in lines) == 1
