"""The goal detail's check-in log as a lead corrects it: enter edits the highlighted value,
d deletes it, u undoes; every change is saved by the save queue, kept in the history."""

from __future__ import annotations

from datetime import date

import pytest
from lock_holder import lock_held_elsewhere
from screen_host import ScreenHost, type_text
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from textual.widgets._footer import FooterKey
from waiting import press, screen_is
from waits import saves_settled, until

from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.detail import DetailScreen
from screens.detail_checkins import CheckInLog, ValuePromptScreen
from screens.dialogs import ConfirmScreen
from screens.help import key_rows

GOAL = "aht-tom"  # newest value 8:54 (534 s) on 2026-11-26, by dana; 9:19 the day before
DAY = date(2026, 11, 26)


def host(store: Store, clock: FixedClock, goal: str = GOAL) -> ScreenHost:
    return ScreenHost(DetailScreen(store, clock, goal))


async def on_the_log(pilot: Pilot[None]) -> DetailScreen:
    """Wait for the detail's first read, then show the check-in tab."""
    detail = await screen_is(pilot, DetailScreen)
    await until(pilot, lambda: detail.data is not None, "the detail's read")
    await press(pilot, "2")
    return detail


def first_row(detail: DetailScreen) -> list[str]:
    log = detail.query_one("#checkin-log", DataTable)
    return [str(cell) for cell in log.get_row_at(log.cursor_row)][:2]


def values(store: Store) -> dict[date, float]:
    return {c.day: c.value for c in store.checkins(GOAL)}


@pytest.fixture
def app(demo_store: Store, clock: FixedClock) -> ScreenHost:
    return host(demo_store, clock)


async def test_d_deletes_the_highlighted_value_into_the_history_and_u_brings_it_back(
    app: ScreenHost, demo_store: Store
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await on_the_log(pilot)
        log = detail.query_one("#checkin-log", DataTable)
        assert app.focused is log  # the arrows work at once on the log
        assert first_row(detail) == ["2026-11-26", "8:54"]
        await press(pilot, "d")
        assert first_row(detail) == ["2026-11-25", "9:19"]  # shown at once
        await saves_settled(pilot)
        assert DAY not in values(demo_store)
        [kept] = demo_store.checkin_history(GOAL)
        assert (kept.old.value, kept.old.by, kept.replaced_by, kept.removed) == (
            534,
            "dana",
            "lead",
            True,
        )
        await press(pilot, "u")
        await saves_settled(pilot)
        assert first_row(detail) == ["2026-11-26", "8:54"]
        [back] = [c for c in demo_store.checkins(GOAL) if c.day == DAY]
        assert (back.value, back.by) == (534, "dana")  # as it was, its author kept
        assert detail.check_action("undo_value", ()) is False  # nothing left to undo
        await press(pilot, "escape")
        await saves_settled(pilot)
    assert app.results == [True]  # the board reads its figures again


async def test_enter_edits_the_value_and_u_restores_the_old_one(
    app: ScreenHost, demo_store: Store
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await on_the_log(pilot)
        await press(pilot, "enter")
        prompt = await screen_is(pilot, ValuePromptScreen)
        assert prompt.query_one(Input).value == "8:54"  # prefilled, as AHT is written
        assert prompt.prompt_title.endswith("(m:ss)")
        await press(pilot, "ctrl+u")
        await type_text(pilot, "8:50")
        await press(pilot, "enter")
        await saves_settled(pilot)
        assert app.screen is detail and first_row(detail) == ["2026-11-26", "8:50"]
        [edited] = [c for c in demo_store.checkins(GOAL) if c.day == DAY]
        assert (edited.value, edited.by) == (530, "lead")
        assert [r.old.value for r in demo_store.checkin_history(GOAL)] == [534]
        await press(pilot, "u")
        await saves_settled(pilot)
        assert values(demo_store)[DAY] == 534 and first_row(detail)[1] == "8:54"
        assert [r.old.value for r in demo_store.checkin_history(GOAL)] == [534, 530]


async def test_a_value_ten_times_off_asks_first_and_a_bad_number_is_explained(
    app: ScreenHost, demo_store: Store
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await on_the_log(pilot)
        await press(pilot, "enter", "ctrl+u")
        await type_text(pilot, "5.3.4")
        await press(pilot, "enter")
        prompt = await screen_is(pilot, ValuePromptScreen)
        assert "must be a number" in str(prompt.query_one(".dialog-error", Static).render())
        await press(pilot, "ctrl+u")
        await type_text(pilot, "5340")
        await press(pilot, "enter")
        question = await screen_is(pilot, ConfirmScreen)
        assert "far from aht-tom's recent range" in question.question
        await press(pilot, "n")
        await saves_settled(pilot)
        assert app.screen is detail and values(demo_store)[DAY] == 534
        await press(pilot, "enter", "ctrl+u")
        await type_text(pilot, "5340")
        await press(pilot, "enter")
        await screen_is(pilot, ConfirmScreen)
        await press(pilot, "y")
        await saves_settled(pilot)
        assert values(demo_store)[DAY] == 5340


async def test_the_keys_are_for_the_check_in_tab_and_open_goals(
    demo_store: Store, clock: FixedClock
) -> None:
    app = host(demo_store, clock, "aht-maria")  # achieved: its values are final
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await screen_is(pilot, DetailScreen)
        await until(pilot, lambda: detail.data is not None, "the detail's read")
        assert detail.check_action("delete_value", ()) is False  # the chart tab
        await press(pilot, "2")
        assert detail.check_action("delete_value", ()) is True
        before = demo_store.checkins("aht-maria")
        await press(pilot, "d")
        await saves_settled(pilot)
        assert demo_store.checkins("aht-maria") == before
        [notice] = list(app._notifications)
        assert "closed as achieved" in notice.message and "Reopen it" in notice.message


async def test_a_delete_shows_at_once_while_the_lock_is_held_and_is_saved_after(
    app: ScreenHost, demo_store: Store
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await on_the_log(pilot)
        with lock_held_elsewhere(demo_store.path) as lock:
            await press(pilot, "d")
            assert first_row(detail) == ["2026-11-25", "9:19"]
            assert DAY in values(demo_store)  # not written yet: the lock is someone else's
            await press(pilot, "down")  # the log still takes keys
            lock.release()
            await until(pilot, lambda: lock.released, "the other process to let go")
            await saves_settled(pilot)
        assert DAY not in values(demo_store)
        assert first_row(detail)[0] == "2026-11-24"  # the cursor stayed where it was moved


def test_the_log_keys_have_ids_descriptions_and_tooltips() -> None:
    for binding in [*CheckInLog.BINDINGS, *DetailScreen.BINDINGS]:
        assert isinstance(binding, Binding)
        assert binding.id and binding.description and binding.tooltip, binding


async def test_the_footer_and_help_list_the_log_keys(app: ScreenHost) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await on_the_log(pilot)

        def footer() -> set[str]:
            return {str(key.description) for key in detail.query(FooterKey)}

        await until(pilot, lambda: {"Value", "Delete"} <= footer(), lambda: f"footer {footer()}")
        assert "Undo" not in footer()  # until there is something to undo
        rows = key_rows(detail.active_bindings, app.get_key_display)
        ids = {row.ident for row in rows}
        assert {"detail.value.edit", "detail.value.delete"} <= ids
