"""The UI never waits on the file: saves made while another process holds the data file's
lock wait in the app's save queue, the screen says so and keeps taking keys, and the
write lands once the lock is free. Quitting waits for queued saves (a second quit does not).

Another process is a real child process holding `flock` on `<data file>.lock`, as a cron
import or a co-user's save would. Nothing here sleeps: each step waits for a state.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from board_helpers import board, new_minutes, screen_text
from screen_host import ScreenHost, paste, paste_all, type_text
from textual.app import App
from textual.widgets import Input, Static
from waits import saves_settled, until

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.models import GoalStatus
from goaltui.store.store import Store
from goaltui.widgets.saves import saves_of
from screens.close_goal import CloseGoalScreen
from screens.dialogs import ConfirmScreen, TextPromptScreen
from screens.goal_form import GoalFormScreen
from screens.review import LeaveReviewScreen, ReviewScreen

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")

HOLD = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()  # released when the test closes our stdin
"""
KEY = "cut-aht-for-the-billing"


@contextmanager
def lock_held(data_file: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the data file's lock until the block ends (or `release`)."""
    lock = data_file.with_name(data_file.name + ".lock")  # goaltui/store/lock.py's name
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        yield child
    finally:
        release(child)


def release(child: subprocess.Popen[str]) -> None:
    if child.stdin is not None and not child.stdin.closed:
        child.stdin.close()
    child.wait(timeout=30)


def quick_store(path: Path, clock: FixedClock) -> Store:
    """A store that gives up on a held lock quickly, so the queue's retry path is taken."""
    return Store(path, clock=clock, user="lead", lock_timeout=0.3)


def notices(app: App[Any]) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def heading(app: App[Any]) -> str:
    return str(app.screen.query_one("#heading", Static).content)


async def fill_new_goal(pilot: Any) -> None:
    await paste_all(
        pilot,
        title="Cut AHT for the billing queue",
        metric="AHT",
        unit="s",
        baseline="480",
        target="400",
        due="eoq",
    )


async def test_a_goal_saved_while_the_lock_is_held_shows_saving_and_lands_after_release(
    tmp_path: Path, clock: FixedClock
) -> None:
    store = quick_store(tmp_path / "goals.json", clock)
    app = ScreenHost(GoalFormScreen(store, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await fill_new_goal(pilot)
        with lock_held(store.path) as child:
            await pilot.press("ctrl+s")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, GoalFormScreen) and form.saving
            assert "Saving" in heading(app)
            assert saves_of(app).pending == [f"goal {KEY}"]
            # The store gave up once (0.3 s): the queue keeps the save and says why.
            await until(pilot, lambda: "holds the data file's lock" in notices(app))
            # The form still takes keys: focus moves, and a second ctrl+s does not save twice.
            before = form.focused
            await pilot.press("tab")
            assert form.focused is not before
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Already saving" in {n.title for n in app._notifications}
            assert saves_of(app).pending == [f"goal {KEY}"]
            assert app.results == [] and store.goals() == []
            release(child)
            await until(pilot, lambda: app.results == [KEY])
        assert [g.key for g in store.goals()] == [KEY]
        assert "The data file is free again" in notices(app)


async def test_what_is_typed_while_saving_stays_in_the_form(
    tmp_path: Path, clock: FixedClock
) -> None:
    store = quick_store(tmp_path / "goals.json", clock)
    app = ScreenHost(GoalFormScreen(store, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await fill_new_goal(pilot)
        with lock_held(store.path) as child:
            await pilot.press("ctrl+s")
            await paste(pilot, "plan", "Coach the new agents")  # typed while it waits
            release(child)
            await until(pilot, lambda: store.goals() != [])
            await saves_settled(pilot)
        form = app.screen
        assert isinstance(form, GoalFormScreen), "not closed over the later typing"
        assert heading(app) == f"Edit goal {KEY}"
        assert form.query_one("#key", Input).disabled
        assert form.query_one("#plan", Input).value == "Coach the new agents"
        assert store.goal(KEY).plan == ""
        await pilot.press("ctrl+s")
        await saves_settled(pilot)
        assert app.results == [KEY]
        assert store.goal(KEY).plan == "Coach the new agents"


async def test_a_refused_save_keeps_the_form_open_as_typed(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(GoalFormScreen(demo_store, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await paste_all(pilot, key="aht-new", title="Cut AHT", metric="AHT", target="400")
        form = app.screen
        assert isinstance(form, GoalFormScreen)
        draft = form.refresh_checks().goal
        assert draft is not None
        Store(demo_store.path, clock=clock, user="sam").add_goal(draft)  # same key, meanwhile
        await pilot.press("ctrl+s")
        await saves_settled(pilot)
        assert app.screen is form and not form.saving
        assert heading(app) == "New goal"
        assert form.query_one("#title", Input).value == "Cut AHT"
        assert "already exists" in notices(app)
        assert app.results == []


async def test_quitting_with_a_pending_save_waits_for_it(tmp_path: Path, clock: FixedClock) -> None:
    store = quick_store(tmp_path / "goals.json", clock)
    seed = Store(store.path, clock=clock)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        seed_goal(seed, clock)
        board(app).reload()
        await saves_settled(pilot)
        with lock_held(store.path) as child:
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, CloseGoalScreen)
            await pilot.press("a", "y")  # achieved (with no check-in: it asks): queued
            await until(pilot, lambda: saves_of(app).pending == ["aht-q1 → achieved"])
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.return_code is None, "still running: the save is not written yet"
            assert "Saving 1 change first" in notices(app)
            assert "Quit again to leave now" in notices(app)
            release(child)
            await until(pilot, lambda: app.return_code is not None)
    assert store.goal("aht-q1").status is GoalStatus.ACHIEVED


async def test_a_second_quit_leaves_at_once(tmp_path: Path, clock: FixedClock) -> None:
    store = quick_store(tmp_path / "goals.json", clock)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        seed_goal(Store(store.path, clock=clock), clock)
        board(app).reload()
        await saves_settled(pilot)
        with lock_held(store.path):
            board(app).set_status("aht-q1", GoalStatus.ARCHIVED)
            await pilot.press("q")
            await pilot.pause()
            assert app.return_code is None
            await pilot.press("q")
            await until(pilot, lambda: app.return_code is not None)
            assert saves_of(app).pending, "left with the save still queued, as the notice said"


async def test_leaving_the_review_with_save_waits_for_the_minutes(
    demo_path: Path, clock: FixedClock
) -> None:
    store = quick_store(demo_path, clock)
    app = ScreenHost(ReviewScreen(store, clock, ["aht-maria", "fcr-sam"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        with lock_held(store.path) as child:
            await pilot.press("k", "escape")
            assert isinstance(app.screen, LeaveReviewScreen)
            await pilot.press("y")
            for text in ("Dana", ""):  # attendees, then the kind offered
                await pilot.pause()
                assert isinstance(app.screen, TextPromptScreen)
                await type_text(pilot, text)
                await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen), "the minutes are not written yet"
            assert "saving…" in screen_text(app)
            assert app.results == [] and new_minutes(store) == []
            await pilot.press("n")  # still turns pages while it waits
            assert app.screen.index == 1
            release(child)
            await until(pilot, lambda: app.results == [False])
    (minutes,) = new_minutes(store)
    assert minutes.attendees == ["Dana"]


def seed_goal(store: Store, clock: FixedClock) -> None:
    """One goal on the board, written directly (no lock is held yet)."""
    from goaltui.core.models import Goal, Metric

    store.add_goal(
        Goal(
            key="aht-q1",
            title="Cut AHT",
            metric=Metric(name="AHT", unit="s", baseline=480, target=400),
            start=clock.today(),
        )
    )


async def test_work_typed_while_a_quit_waits_for_the_save_is_asked_about(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Quitting waits for the form's save; what was typed after ctrl+s is in no save, so once
    the save lands the quit asks about it instead of dropping it."""
    store = quick_store(tmp_path / "goals.json", clock)
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await pilot.press("n")
        await saves_settled(pilot)
        await fill_new_goal(pilot)
        with lock_held(store.path) as child:
            await pilot.press("ctrl+s")
            await paste(pilot, "plan", "Coach the new agents")  # typed while it waits
            await pilot.press("ctrl+q")
            await until(pilot, lambda: "Saving 1 change first" in notices(app))
            release(child)
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.question == "Discard your changes to this goal?"
        assert app.return_code is None
        assert [g.key for g in store.goals()] == [KEY]
        await pilot.press("escape")  # keep editing: the plan is still there to save
        await saves_settled(pilot)
        assert isinstance(app.screen, GoalFormScreen)
        assert app.screen.query_one("#plan", Input).value == "Coach the new agents"
