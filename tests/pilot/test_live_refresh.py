"""Live refresh (issue 7): several leads on one file see each other's writes.

Two app instances run on one data file in the same test; a second Store stands in
for another lead or a cron job. Assertions are on what the lead sees.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from board_helpers import board, reloaded, screen_text
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from waiting import wait_until
from waits import loaded, saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.errors import EditConflict
from goaltui.store.activity import describe
from goaltui.store.store import Store
from screens.checkin import CheckInScreen
from screens.detail import DetailScreen
from screens.dialogs import ChoiceScreen, ConfirmScreen, ReasonScreen
from screens.goal_form import GoalFormScreen
from screens.milestones import MilestonesScreen

SIZE = (100, 30)


def sam(store: Store, clock: FixedClock) -> Store:
    """Another lead on the same file."""
    return Store(store.path, clock=clock, user="sam")


def fast_app(store: Store, clock: FixedClock) -> App[None]:
    app = make_app(store, clock)
    app.settings.refresh_seconds = 0.5  # type: ignore[attr-defined]
    return app


async def until(pilot: Pilot[Any], check: Callable[[], bool]) -> None:
    """Let the app run (real timers: the 0.5 s poll) until `check()` holds."""
    await wait_until(pilot, check, "the other session's write to show")


def notices(app: App[Any]) -> str:
    """The notifications the app shows (toasts are not drawn by run_test's headless screen)."""
    return "\n".join(str(n.message) for n in app._notifications)


def demo_store_value(path: Path, clock: FixedClock, key: str) -> float:
    return Store(path, clock=clock).checkins(key)[-1].value


def current_value(app: App[Any], key: str) -> float | None:
    return next(r for r in board(app).rows if r.key == key).progress.current


# -- two instances ---------------------------------------------------------------------------


async def test_a_check_in_saved_in_one_app_shows_on_the_others_board(
    demo_path: Path, clock: FixedClock
) -> None:
    lead_app = fast_app(Store(demo_path, clock=clock, user="lead"), clock)
    sam_app = fast_app(Store(demo_path, clock=clock, user="sam"), clock)
    async with lead_app.run_test(size=SIZE) as lead, sam_app.run_test(size=SIZE) as sam_pilot:
        await sam_pilot.press("c")  # sam's daily check-in, cursor on the first open goal
        await loaded(sam_pilot)
        checkin = sam_app.screen
        assert isinstance(checkin, CheckInScreen) and checkin.current is not None
        key = checkin.current.key
        assert current_value(lead_app, key) != 82.0
        await sam_pilot.press("8", "2", "enter")
        if isinstance(sam_app.screen, ConfirmScreen):  # "replace today's value?"
            await sam_pilot.press("y")
        await saves_settled(sam_pilot)
        assert demo_store_value(demo_path, clock, key) == 82.0

        await until(lead, lambda: current_value(lead_app, key) == 82.0)
        assert f"sam logged a value for {key}" in notices(lead_app)
        assert "lead" not in notices(sam_app)  # nobody else wrote: sam's own log is no news


async def test_own_writes_refresh_but_make_no_notice(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        demo_store.log("aht-tom", 471.0)  # this lead, e.g. `goaltui log` in another window
        board(app)._poll()
        await reloaded(pilot)
        assert current_value(app, "aht-tom") == 471.0
        assert "logged" not in notices(app)


async def test_the_notice_names_who_changed_what(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        other = sam(demo_store, clock)
        for key, value in (("aht-tom", 470.0), ("fcr-sam", 71.0), ("csat-priya", 88.0)):
            other.log(key, value)
        priya = Store(demo_store.path, clock=clock, user="priya")
        goal = priya.goal("aht-billing")
        priya.update_goal(goal.model_copy(update={"plan": "Pair new agents with seniors"}))
        dana = Store(demo_store.path, clock=clock, user="dana")
        milestone = next(m for m in dana.milestones("fcr-sam") if not m.done)
        dana.set_milestone_done(milestone.id, True)
        board(app)._poll()
        await reloaded(pilot)
        text = notices(app)
        assert "sam logged 3 values (aht-tom, csat-priya, fcr-sam)" in text
        assert "priya edited aht-billing" in text
        assert "dana ticked a milestone of fcr-sam" in text


# -- open screens refresh themselves -----------------------------------------------------


async def test_the_detail_shows_a_check_in_logged_elsewhere(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        board(app).open_goal("aht-tom")
        await saves_settled(pilot)
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        await pilot.press("2")  # the check-in log tab
        sam(demo_store, clock).log("aht-tom", 455.0, note="new script")
        detail.live.poll()
        await reloaded(pilot)
        log = detail.query_one("#checkin-log", DataTable)
        newest = [str(cell) for cell in log.get_row_at(0)]
        assert newest[0] == clock.today().isoformat()
        assert "7:35" in newest[1] and newest[3] == "sam" and newest[4] == "new script"
        assert "7:35" in screen_text(app)
        assert app.screen is detail  # still open, on the same tab
        assert detail.query_one("TabbedContent").active == "checkins"  # type: ignore[attr-defined]


async def test_the_check_in_keeps_what_the_lead_is_typing(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("c")
        await loaded(pilot)
        checkin = app.screen
        assert isinstance(checkin, CheckInScreen)
        await pilot.press("down")
        here = checkin.current
        assert here is not None
        await pilot.press("4", "5")  # half typed
        other_key = next(r.key for r in checkin.rows if r.key != here.key)
        sam(demo_store, clock).log(other_key, 77.0)
        checkin.live.poll()
        await reloaded(pilot)
        assert checkin.value_input.value == "45"
        assert checkin.value_input.has_focus
        assert checkin.current is not None and checkin.current.key == here.key
        other = next(r for r in checkin.rows if r.key == other_key)
        assert other.value == 77.0
        await pilot.press("6", "enter")  # the lead finishes typing: the value is saved
        if isinstance(app.screen, ConfirmScreen):  # "456 is far from the last value?"
            await pilot.press("y")
        await saves_settled(pilot)
        assert demo_store.checkins(here.key)[-1].value == 456.0


async def test_the_milestone_list_refreshes_and_keeps_the_cursor(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    key = "fcr-sam"
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        board(app).open_milestones(key)
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, MilestonesScreen) and len(screen.milestones) >= 2
        await pilot.press("down")
        kept = screen.current_id
        first = screen.milestones[0]
        other = sam(demo_store, clock)
        other.set_milestone_done(first.id, not first.done)
        other.add_milestone(key, "Coach on the new refund rules")
        screen.live.poll()
        await reloaded(pilot)
        assert screen.current_id == kept
        assert screen.milestones[0].done is not first.done
        assert "Coach on the new refund rules" in screen_text(app)


# -- editing a goal someone else changed ---------------------------------------------------


async def open_form(app: App[Any], pilot: Pilot[Any], key: str) -> GoalFormScreen:
    board(app).edit_goal(key)
    await saves_settled(pilot)
    await pilot.pause()
    form = app.screen
    assert isinstance(form, GoalFormScreen)
    return form


def set_field(form: GoalFormScreen, name: str, value: str) -> None:
    form.query_one(f"#{name}", Input).value = value


async def test_a_conflict_asks_and_reload_shows_theirs(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        form = await open_form(app, pilot, "aht-tom")
        set_field(form, "title", "Mine: Tom's handle time")
        other = sam(demo_store, clock)
        theirs = other.goal("aht-tom")
        other.update_goal(theirs.model_copy(update={"plan": "Theirs: shadow a senior agent"}))
        await pilot.press("ctrl+s")
        await saves_settled(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "aht-tom was changed by sam at 09:30" in screen_text(app)
        await pilot.press("r")
        await saves_settled(pilot)
        assert app.screen is form
        assert form.query_one("#plan", Input).value == "Theirs: shadow a senior agent"
        assert form.query_one("#title", Input).value == theirs.title
        assert demo_store.goal("aht-tom").title == theirs.title  # nothing of mine saved


async def test_keep_mine_saves_over_theirs_through_the_ledger(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        form = await open_form(app, pilot, "aht-tom")
        set_field(form, "title", "Mine: Tom's handle time")
        set_field(form, "target", "465")
        other = sam(demo_store, clock)
        theirs = other.goal("aht-tom")
        other.update_goal(theirs.model_copy(update={"plan": "Theirs: shadow a senior agent"}))
        other.log("aht-tom", 458.0, note="sam's value")
        await pilot.press("ctrl+s")
        await saves_settled(pilot)
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"agreed in 1:1", "enter")
        await saves_settled(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("k")
        await saves_settled(pilot)
        assert app.screen is not form  # saved and closed
        saved = demo_store.goal("aht-tom")
        assert saved.title == "Mine: Tom's handle time" and saved.metric.target == 465.0
        assert saved.plan == "Theirs: shadow a senior agent"  # a field I did not touch
        assert saved.updated_by == "lead"
        ledger = demo_store.target_changes("aht-tom")[-1]
        assert (ledger.field, ledger.new, ledger.reason, ledger.by) == (
            "target",
            "465",
            "agreed in 1:1",
            "lead",
        )
        today = demo_store.checkins("aht-tom")[-1]
        assert (today.value, today.by, today.note) == (458.0, "sam", "sam's value")


def test_update_goal_refuses_a_stale_base_and_writes_nothing(
    demo_store: Store, clock: FixedClock
) -> None:
    loaded = demo_store.goal("aht-tom")
    sam(demo_store, clock).update_goal(loaded.model_copy(update={"owner": "Tom B."}))
    token = demo_store.change_token()
    with pytest.raises(EditConflict, match="aht-tom was changed by sam at 09:30"):
        demo_store.update_goal(loaded.model_copy(update={"title": "Mine"}), base=loaded)
    assert demo_store.change_token() == token
    fresh = demo_store.goal("aht-tom")
    assert demo_store.update_goal(fresh.model_copy(update={"title": "Mine"}), base=fresh)


def test_a_goal_save_never_loses_check_ins_or_milestones_of_others(
    demo_store: Store, clock: FixedClock
) -> None:
    loaded = demo_store.goal("fcr-sam")  # the lead opens the form ...
    other = sam(demo_store, clock)
    other.log("fcr-sam", 74.0, note="from sam")  # ... meanwhile sam logs and ticks
    milestone = other.add_milestone("fcr-sam", "Refund rules quiz")
    other.set_milestone_done(milestone.id, True)
    edited = loaded.model_copy(update={"title": "First-call resolution for Sam's queue"})
    demo_store.update_goal(edited, base=loaded)  # no conflict: sam did not touch the goal
    assert demo_store.checkins("fcr-sam")[-1].note == "from sam"
    kept = next(m for m in demo_store.milestones("fcr-sam") if m.id == milestone.id)
    assert kept.done and kept.done_by == "sam"


# -- the activity lines ------------------------------------------------------------------------


def test_activity_lines_group_by_person_and_skip_my_own(
    demo_store: Store, clock: FixedClock
) -> None:
    _, mark = demo_store.activity_since(None)
    other = sam(demo_store, clock)
    for key in ("aht-tom", "fcr-sam", "csat-priya", "aht-billing"):
        other.log(key, 80.0)
    demo_store.log("csat-centre", 81.0)  # mine
    goal = other.goal("aht-tom")
    other.update_goal(goal.model_copy(update={"metric": goal.metric.model_copy(
        update={"target": 460.0})}), reason="new script")  # fmt: skip
    changes, mark = demo_store.activity_since(mark)
    assert describe(changes) == [
        "sam logged 4 values (aht-billing, aht-tom, csat-priya, …)",
        "sam changed the target of aht-tom",
    ]
    assert demo_store.activity_since(mark)[0] == []  # nothing new since


async def test_the_notice_comes_while_another_screen_is_open(
    demo_store: Store, clock: FixedClock
) -> None:
    app = fast_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        board(app).open_goal("csat-priya")
        await saves_settled(pilot)
        await pilot.pause()
        sam(demo_store, clock).log("csat-priya", 90.0)
        await until(pilot, lambda: "sam logged a value for csat-priya" in notices(app))
        assert isinstance(app.screen, DetailScreen)
        log = app.screen.query_one("#checkin-log", DataTable)
        await until(pilot, lambda: "90" in str(log.get_row_at(0)[1]))


async def test_escape_on_the_conflict_question_goes_back_to_the_form_unsaved(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        form = await open_form(app, pilot, "aht-tom")
        set_field(form, "title", "Mine: Tom's handle time")
        other = sam(demo_store, clock)
        other.update_goal(other.goal("aht-tom").model_copy(update={"owner": "Tom B."}))
        await pilot.press("ctrl+s")
        await saves_settled(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#title", Input).value == "Mine: Tom's handle time"
        assert demo_store.goal("aht-tom").owner == "Tom B."
