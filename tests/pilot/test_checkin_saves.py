"""The check-in never waits on the file ("The UI never waits on the file").

Another process holds the data file's lock (tests/lock_holder.py); the lead goes on
typing, the rows show their saves pending, and once the lock is free the values are
in the file, in the order typed. Every wait is for a state, never for a time.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from lock_holder import lock_held_elsewhere
from screen_host import CheckInHost
from textual import events
from textual.pilot import Pilot
from waiting import screen_is
from waits import loaded, saves_settled, until

import screens.checkin as checkin_module
from goaltui.core.clock import FixedClock
from goaltui.core.models import CheckIn
from goaltui.store.store import Store
from goaltui.widgets.saves import saves_of
from screens.checkin import CheckInScreen
from screens.checkin_state import LiveCheckIn, read_checkin
from screens.dialogs import ConfirmScreen

NEXT_MORNING = datetime(2026, 11, 27, 9, 30)  # Friday on the demo data: nothing logged yet
SIZE = (80, 24)


class TickingClock(FixedClock):
    """Each `now()` is a second after the last, so the stamps show the order of the writes."""

    def __init__(self, now: datetime) -> None:
        super().__init__(now)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            moment = super().now()
            self.advance(seconds=1)
            return moment


def logged(path: Path, clock: FixedClock, *keys: str) -> list[CheckIn]:
    """The check-ins of NEXT_MORNING's day for `keys`, read by a fresh Store."""
    day = NEXT_MORNING.date()
    found = [c for c in Store(path, clock=clock).checkins() if c.day == day and c.goal in keys]
    return sorted(found, key=lambda c: keys.index(c.goal))


async def open_checkin(pilot: Pilot[Any]) -> CheckInScreen:
    await pilot.press("c")
    await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    return screen


def today(screen: CheckInScreen, key: str) -> str:
    return str(screen.table.get_cell(key, "today"))


async def test_two_check_ins_typed_while_another_process_holds_the_lock_are_saved_in_order(
    demo_path: Path,
) -> None:
    clock = TickingClock(NEXT_MORNING)
    app = CheckInHost(Store(demo_path, clock=clock, user="lead"), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        first, second = screen.rows[0].key, screen.rows[1].key
        with lock_held_elsewhere(demo_path) as lock:
            await pilot.press("8", "1", "enter", "8", "9", "enter")
            await pilot.pause()

            # The screen took both: pending on their rows, the cursor on the third goal,
            # the input empty and ready for the next value.
            assert today(screen, first).startswith("saving 81")
            assert today(screen, second).startswith("saving 89")
            assert screen.table.cursor_row == 2
            assert screen.value_input.value == ""
            assert screen.value_input.has_focus
            assert screen.sub_title == "0 of 10 logged · 2 saving"
            assert saves_of(app).pending == [f"{first} = 81%", f"{second} = 89%"]
            assert logged(demo_path, clock, first, second) == []

            await pilot.press("7")  # still typing: the input takes it
            assert screen.value_input.value == "7"
            lock.release()
            await until(pilot, lambda: lock.released, "the other process to let go")
            await saves_settled(pilot)

        assert today(screen, first).startswith("✓ 81")
        assert today(screen, second).startswith("✓ 89")
        assert screen.sub_title == "2 of 10 logged"
        assert screen.value_input.value == "7", "what was being typed stays"
    a, b = logged(demo_path, clock, first, second)
    assert (a.goal, a.value, b.goal, b.value) == (first, 81.0, second, 89.0)
    assert a.at is not None and b.at is not None and a.at < b.at, "saved in the order typed"


async def test_a_short_lock_timeout_says_busy_keeps_the_values_and_saves_after_release(
    demo_path: Path,
) -> None:
    clock = FixedClock(NEXT_MORNING)
    app = CheckInHost(Store(demo_path, clock=clock, user="lead", lock_timeout=0.2), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        first, second = screen.rows[0].key, screen.rows[1].key
        with lock_held_elsewhere(demo_path) as lock:
            await pilot.press("8", "1", "enter", "8", "9", "enter")
            await until(
                pilot,
                lambda: any("kept and will be saved in order" in m for m, _ in app.messages),
                "the busy notice",
            )
            busy = [m for m, severity in app.messages if "holds the data file's lock" in m]
            assert len(busy) == 1, "one notice, not one per retry"
            assert saves_of(app).pending == [f"{first} = 81%", f"{second} = 89%"]
            assert today(screen, first).startswith("saving 81")
            assert today(screen, second).startswith("saving 89")
            assert logged(demo_path, clock, first, second) == []
            lock.release()
            await until(pilot, lambda: lock.released, "the other process to let go")
            await saves_settled(pilot)

        assert today(screen, first).startswith("✓ 81")
        assert today(screen, second).startswith("✓ 89")
        assert ("The data file is free again: queued changes saved.", "information") in (
            app.messages
        )
    assert [c.value for c in logged(demo_path, clock, first, second)] == [81.0, 89.0]


async def test_escape_with_saves_waiting_closes_once_they_are_saved(demo_path: Path) -> None:
    clock = FixedClock(NEXT_MORNING)
    app = CheckInHost(Store(demo_path, clock=clock, user="lead"), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        first = screen.rows[0].key
        with lock_held_elsewhere(demo_path) as lock:
            await pilot.press("8", "1", "enter", "escape")
            await pilot.pause()
            assert app.screen is screen, "still open: the value is not in the file yet"
            assert any(m.startswith("Closing once 1 change is saved") for m, _ in app.messages)
            lock.release()
            await until(pilot, lambda: app.results == [True], "the check-in to close")
        assert app.screen is not screen
    assert [c.value for c in logged(demo_path, clock, first)] == [81.0]


async def test_values_typed_before_the_rows_are_read_land_on_the_goals_in_order(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A burst typed ahead ("81⏎89⏎") while the first read is still running."""
    clock = FixedClock(NEXT_MORNING)
    go = threading.Event()

    def slow_read(store: Store, day: Any, now: Any) -> LiveCheckIn:
        go.wait(timeout=30)  # the test lets the read finish
        return read_checkin(store, day, now)

    monkeypatch.setattr(checkin_module, "read_checkin", slow_read)
    app = CheckInHost(Store(demo_path, clock=clock, user="lead"), clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen) and not screen.loaded
        assert screen.value_input.border_title == "Reading the goals…"
        await pilot.press("8", "1", "enter", "8", "9", "enter")
        assert screen.value_input.value == ""
        go.set()
        await loaded(pilot)
        await saves_settled(pilot)
        first, second = screen.rows[0].key, screen.rows[1].key
        assert screen.table.cursor_row == 2
    assert [c.value for c in logged(demo_path, clock, first, second)] == [81.0, 89.0]


async def test_a_burst_of_keys_in_one_read_lands_where_it_was_typed(demo_path: Path) -> None:
    """ "81⏎89⏎7" arriving at once (a laggy link, a paste), while the lock is held: each
    Enter acts before the keys behind it are typed, so the values go to two goals."""
    clock = FixedClock(NEXT_MORNING)
    app = CheckInHost(Store(demo_path, clock=clock, user="lead"), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        first, second = screen.rows[0].key, screen.rows[1].key
        with lock_held_elsewhere(demo_path) as lock:
            for key in ["8", "1", "enter", "8", "9", "enter", "7"]:  # all queued, no waiting
                app.post_message(events.Key(key, "\r" if key == "enter" else key))
            await until(pilot, lambda: screen.value_input.value == "7", "the burst typed")
            assert screen.table.cursor_row == 2
            assert today(screen, first).startswith("saving 81")
            assert today(screen, second).startswith("saving 89")
            lock.release()
            await until(pilot, lambda: lock.released, "the other process to let go")
            await saves_settled(pilot)
    assert [c.value for c in logged(demo_path, clock, first, second)] == [81.0, 89.0]


@pytest.mark.parametrize("answer", ["y", "n"])
async def test_keys_typed_behind_a_question_are_kept_for_the_next_goals(
    demo_path: Path, answer: str
) -> None:
    """ "8⏎82⏎8" in one read, where 8 is far from the first goal's range: the question is
    about 8 alone (not "882"), and what followed is neither the answer nor merged into it.
    Save: 82 goes to the next goal and "8" waits in the input. Fix it: 8 is back to fix,
    and the lead is told that 82 was not taken."""
    clock = FixedClock(NEXT_MORNING)
    app = CheckInHost(Store(demo_path, clock=clock, user="lead"), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        first, second = screen.rows[0].key, screen.rows[1].key
        for key in ["8", "enter", "8", "2", "enter", "8"]:  # all queued, no waiting
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        dialog = await screen_is(pilot, ConfirmScreen)
        assert "8 is far from" in dialog.question
        await pilot.press(answer)
        await saves_settled(pilot)
        notices = " ".join(n.message for n in app._notifications)
        if answer == "y":
            assert today(screen, first).startswith("✓ 8")
            assert today(screen, second).startswith("✓ 82")
            assert screen.value_input.value == "8" and screen.table.cursor_row == 2
        else:
            assert screen.value_input.value == "8" and screen.table.cursor_row == 0
            assert "82, 8" in notices
    expected = [8.0, 82.0] if answer == "y" else []
    assert [c.value for c in logged(demo_path, clock, first, second)] == expected
