"""The milestone checklist as a lead uses it: add, tick, edit, delete and undo, reorder."""

from __future__ import annotations

import pytest
from board_helpers import screen_text
from lock_holder import lock_held_elsewhere
from screen_host import ScreenHost, type_text
from textual.widgets import DataTable, Static
from waiting import press
from waits import loaded, saves_settled, until

from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.dialogs import MilestoneDialog
from screens.milestones import MilestonesScreen

GOAL = "fcr-billing"  # 5 milestones, 3 done, "Publish the knowledge-base articles" overdue


@pytest.fixture
def app(demo_store: Store, clock: FixedClock) -> ScreenHost:
    """The checklist of GOAL on the demo data."""
    return ScreenHost(MilestonesScreen(demo_store, clock, GOAL))


def summary(app: ScreenHost) -> str:
    return str(app.screen.query_one("#summary", Static).render())


def titles(store: Store, goal: str = GOAL) -> list[str]:
    return [m.title for m in store.milestones(goal)]


def row_text(app: ScreenHost, row: int) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(cell) for cell in table.get_row_at(row)]


async def test_add_a_milestone_with_a_short_form_date(app: ScreenHost, demo_store: Store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert summary(app) == "3 of 5 done · 1 overdue"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneDialog)
        await type_text(pilot, "Refund FAQ")
        await pilot.press("tab")
        await type_text(pilot, "+2w")
        await pilot.pause()
        assert "= 2026-12-10 (Thu)" in str(app.screen.query_one(".dialog-note", Static).render())
        await pilot.press("enter")
        await saves_settled(pilot)
        assert isinstance(app.screen, MilestonesScreen)
        assert summary(app) == "3 of 6 done · 1 overdue"
        table = app.screen.query_one(DataTable)
        assert row_text(app, table.cursor_row)[1:3] == ["Refund FAQ", "2026-12-10"]
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [True]
    added = demo_store.milestones(GOAL)[-1]
    assert (added.title, added.due and added.due.isoformat()) == ("Refund FAQ", "2026-12-10")


async def test_a_bad_date_keeps_the_dialog_open(app: ScreenHost, demo_store: Store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await type_text(pilot, "Refund FAQ")
        await pilot.press("tab", "s", "o", "o", "n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneDialog)
        error = str(app.screen.query_one(".dialog-error", Static).render())
        assert "'soon' is not a date" in error
        await pilot.press("escape")
        await pilot.pause()
    assert len(demo_store.milestones(GOAL)) == 5


async def test_space_toggles_done_and_the_count_follows(app: ScreenHost, demo_store: Store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "down", "down")  # the overdue one
        assert row_text(app, 3)[0] == "[ ]"
        assert row_text(app, 3)[3] == "13d late"
        await pilot.press("space")
        await saves_settled(pilot)
        assert summary(app) == "4 of 5 done"
        assert row_text(app, 3)[0] == "[x]"
        assert row_text(app, 3)[3] == "done 2026-11-26 by lead"
        await pilot.press("space")
        await saves_settled(pilot)
        assert summary(app) == "3 of 5 done · 1 overdue"
        await pilot.press("space", "escape")
        await saves_settled(pilot)
    assert app.results == [True]
    assert [m.done for m in demo_store.milestones(GOAL)] == [True, True, True, True, False]


async def test_delete_and_undo_restores_the_milestone(app: ScreenHost, demo_store: Store) -> None:
    before = demo_store.milestones(GOAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "d")
        await saves_settled(pilot)
        assert summary(app) == "2 of 4 done · 1 overdue"
        assert "Give agents refund authority up to 50 EUR" not in titles(demo_store)
        await pilot.press("u")
        await saves_settled(pilot)
        assert summary(app) == "3 of 5 done · 1 overdue"
        assert row_text(app, app.screen.query_one(DataTable).cursor_row)[1].startswith(
            "Give agents"
        )
    assert demo_store.milestones(GOAL) == before, "same id, order, done stamp"


async def test_reorder_persists(app: ScreenHost, demo_store: Store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("shift+down", "shift+down")
        await saves_settled(pilot)
        assert app.screen.query_one(DataTable).cursor_row == 2, "the cursor moves with it"
        await pilot.press("shift+up")
        await saves_settled(pilot)
    assert titles(demo_store)[:3] == [
        "Give agents refund authority up to 50 EUR",
        "Map the 20 most common repeat-call reasons",
        "Weekly case review in the huddle",
    ]


async def test_enter_edits_the_selected_milestone(app: ScreenHost, demo_store: Store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneDialog)
        await pilot.press("tab")  # to the due date, its text selected
        await type_text(pilot, "2027-02-15")
        await pilot.press("enter")
        await saves_settled(pilot)
    last = demo_store.milestones(GOAL)[-1]
    assert last.title == "Review FCR with the quality team"
    assert last.due is not None and last.due.isoformat() == "2027-02-15"


async def test_empty_state_and_back_without_changes(demo_store: Store, clock: FixedClock) -> None:
    app = ScreenHost(MilestonesScreen(demo_store, clock, "adherence-billing"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        assert str(empty.render()) == "No milestones yet: press a to add one."
        await pilot.press("space", "d", "escape")  # nothing to act on: no crash, no change
        await pilot.pause()
    assert app.results == [False]


async def test_a_refused_change_is_named_and_the_list_ends_up_as_the_file_has_it(
    app: ScreenHost, demo_store: Store, clock: FixedClock
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        first = demo_store.milestones(GOAL)[0]
        Store(demo_store.path, clock=clock, user="sam").delete_milestone(first.id)  # meanwhile
        await pilot.press("space")  # tick the one sam just deleted: the store refuses
        await saves_settled(pilot)
        await until(pilot, lambda: len(app.screen.milestones) == 4, "the list read again")
        assert isinstance(app.screen, MilestonesScreen)
        assert any(
            n.title == f"Not saved: untick {first.title!r}" and n.severity == "error"
            for n in app._notifications
        )
        assert [m.id for m in app.screen.milestones] == [m.id for m in demo_store.milestones(GOAL)]
        assert summary(app) == "2 of 4 done · 1 overdue"
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [False]


async def test_a_tick_while_another_process_holds_the_lock_shows_saving_then_saved(
    app: ScreenHost, demo_store: Store
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        with lock_held_elsewhere(demo_store.path) as lock:
            await pilot.press("down", "down", "down", "space")  # the overdue one
            await pilot.pause()
            assert row_text(app, 3)[0] == "[x]"
            assert row_text(app, 3)[3] == "saving…"
            assert summary(app) == "4 of 5 done · 1 saving"
            await pilot.press("up")  # the list still takes keys
            assert app.screen.query_one(DataTable).cursor_row == 2
            lock.release()
            await until(pilot, lambda: lock.released, "the other process to let go")
            await saves_settled(pilot)
        assert row_text(app, 3)[3] == "done 2026-11-26 by lead"
        assert summary(app) == "4 of 5 done"
    assert [m.done for m in demo_store.milestones(GOAL)] == [True, True, True, True, False]


async def test_home_and_end_go_to_the_first_and_last_milestone(app: ScreenHost) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one(DataTable)
        await press(pilot, "end")
        assert table.cursor_row == 4
        assert row_text(app, table.cursor_row)[1] == "Review FCR with the quality team"
        await press(pilot, "home")
        assert table.cursor_row == 0
        await press(pilot, "down", "down", "home")
        assert table.cursor_row == 0


async def test_the_highlighted_milestone_reads_in_full_under_the_table(app: ScreenHost) -> None:
    """At 80 columns the title column cuts "Publish the knowledge-base articles": the line
    under the table gives the highlighted one whole, with what its date means."""
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        info = app.screen.query_one("#info", Static)
        await press(pilot, "down", "down", "down")
        await until(pilot, lambda: "Publish" in str(info.render()))
        assert str(info.render()) == "Publish the knowledge-base articles · 13d late"
        assert "Publish the knowledge-base artic… " in screen_text(app)  # cut in the table
