"""The progress board and the goal detail, driven with Textual's Pilot on the demo data."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from board_helpers import board, reloaded, screen_text
from textual.widgets import DataTable, Input
from waits import saves_settled, until

from goaltui.app.goal_app import GoalApp, make_app
from goaltui.core.board_rows import SORT_KEYS, BoardFilter, build_rows, visible_rows
from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, Level, Metric
from goaltui.core.progress import Status
from goaltui.core.snapshot import Snapshot
from goaltui.store.store import Store
from goaltui.widgets.board import BoardTable
from goaltui.widgets.board_columns import board_columns
from screens import goal_form, milestones
from screens.board import BoardScreen
from screens.detail import DetailScreen

SIZE = (80, 24)


def shown_keys(app: GoalApp) -> list[str]:
    table = app.screen.query_one(BoardTable)
    return [str(row.key.value) for row in table.ordered_rows]


def selected(app: GoalApp) -> str | None:
    return app.screen.query_one(BoardTable).selected_key


async def test_board_shows_every_goal_in_one_table(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        keys = shown_keys(app)
        assert sorted(keys) == [g.key for g in demo_store.goals()]
        assert len(app.screen.query(DataTable)) == 1
        # No widget per goal: the whole screen stays a handful of widgets.
        assert len(list(app.screen.walk_children())) < 40
        text = screen_text(app)
        assert f"{len(keys)} goals" in text
        for status in {r.progress.status for r in board(app).rows}:
            assert status.value in text


async def test_sort_key_cycles_status_due_progress_key(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        rows = board(app).rows
        orders = {
            sort: [r.key for r in visible_rows(rows, BoardFilter(), sort)] for sort in SORT_KEYS
        }
        assert shown_keys(app) == orders["status"]
        seen = [shown_keys(app)]
        for expected in ("due", "progress", "key", "status"):
            await pilot.press("s")
            assert board(app).sort == expected
            assert shown_keys(app) == orders[expected]
            seen.append(shown_keys(app))
        assert orders["key"] == sorted(orders["key"])
        assert len({tuple(order) for order in seen}) >= 3, "sorting must change the row order"
        first = orders["status"][0]
        assert board(app).rows and next(r for r in rows if r.key == first).progress.status in {
            Status.OVERDUE,
            Status.BEHIND,
        }


async def test_slash_filter_narrows_rows_and_escape_clears(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        everything = shown_keys(app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"sam")
        narrowed = shown_keys(app)
        assert narrowed and len(narrowed) < len(everything)
        for row in board(app).shown:
            assert "sam" in f"{row.key} {row.goal.title} {row.goal.owner}".lower()
        assert "of 11" in screen_text(app) or f"of {len(everything)}" in screen_text(app)
        await pilot.press("enter")  # keeps the filter, back to the table
        assert isinstance(app.focused, BoardTable)
        assert shown_keys(app) == narrowed
        await pilot.press("escape")
        assert shown_keys(app) == everything


async def test_typing_q_or_question_mark_in_the_filter_does_not_quit_or_open_help(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("slash", "q", "question_mark")
        assert app.is_running
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.query_one("#filter", Input).value == "q?"


async def test_owner_level_and_status_filters(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        everything = shown_keys(app)
        owner = board(app).shown[0].goal.owner
        await pilot.press("o")
        assert {r.goal.owner for r in board(app).shown} == {owner}
        await pilot.press("o")
        assert shown_keys(app) == everything
        await pilot.press("l")
        assert board(app).board_filter.level is Level.CENTER
        assert {r.goal.level for r in board(app).shown} == {Level.CENTER}
        await pilot.press("l", "l", "l")
        assert board(app).board_filter.level is None
        await pilot.press("f")
        status = board(app).board_filter.status
        assert status is not None
        assert {r.progress.status for r in board(app).shown} == {status}
        assert "filter: status=" in screen_text(app)
        await pilot.press("escape")
        assert shown_keys(app) == everything


async def test_filter_without_match_says_how_to_clear(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("slash", *"zzz", "enter")
        assert shown_keys(app) == []
        assert "No goal matches the filter" in screen_text(app)


async def test_empty_file_shows_a_friendly_empty_state(
    empty_store: Store, clock: FixedClock
) -> None:
    app = make_app(empty_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        text = screen_text(app)
        assert "No goals yet" in text and "press n" in text
        await pilot.press("e", "m", "enter", "s")  # nothing to act on: nothing breaks
        assert isinstance(app.screen, BoardScreen)


async def test_enter_opens_the_detail_of_the_highlighted_goal(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("down", "down", "down")
        key = selected(app)
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.goal_key == key
        assert key is not None and key in screen_text(app)
        await pilot.press("escape")
        await reloaded(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert selected(app) == key


async def test_cursor_stays_on_the_same_goal_after_a_refresh(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("end")  # last row in status order
        key = selected(app)
        index = app.screen.query_one(BoardTable).cursor_row
        # Someone else adds a goal with no check-ins: "no data" sorts above the selected goal.
        demo_store.add_goal(
            Goal(
                key="aaa-new",
                title="Answer calls within 20 s",
                metric=Metric(name="SL", unit="%", baseline=70, target=80),
                start=clock.today(),
                due=date(2027, 3, 31),
            )
        )
        board(app).reload()
        await reloaded(pilot)
        assert "aaa-new" in shown_keys(app)
        assert selected(app) == key
        assert app.screen.query_one(BoardTable).cursor_row == index + 1


async def test_a_check_in_logged_elsewhere_shows_up_on_the_next_poll(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        before = next(r for r in board(app).rows if r.key == "aht-tom").progress.current
        other = Store(demo_store.path, clock=clock, user="other-lead")
        other.log("aht-tom", 470.0, clock.today())
        board(app)._poll()
        await reloaded(pilot)
        after = next(r for r in board(app).rows if r.key == "aht-tom").progress.current
        assert (before, after) != (470.0, 470.0) and after == 470.0


async def test_new_and_edit_open_the_goal_form(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, goal_form.GoalFormScreen)
        app.screen.dismiss(None)
        await saves_settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        key = selected(app)
        await pilot.press("e")
        await saves_settled(pilot)
        assert isinstance(app.screen, goal_form.GoalFormScreen)
        app.screen.dismiss(key)
        await saves_settled(pilot)
        await reloaded(pilot)
        assert selected(app) == key


async def test_m_opens_the_milestones_of_the_highlighted_goal(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        key = selected(app)
        await pilot.press("m")
        assert isinstance(app.screen, milestones.MilestonesScreen)
        assert key is not None
        done, total = demo_store.snapshot().milestones.get(key, (0, 0))
        app.screen.dismiss(False)
        await saves_settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        row = next(r for r in board(app).rows if r.key == key)
        assert row.milestones == (done, total)


@pytest.mark.parametrize("width", [80, 100, 120, 160, 200])
def test_columns_fit_the_terminal(demo_store: Store, clock: FixedClock, width: int) -> None:
    rows = build_rows(demo_store.snapshot(), clock.today())
    columns = board_columns(width, rows)
    used = sum(c.width + 2 for c in columns) + 1
    keys = {c.key for c in columns}
    widths = {c.key: c.width for c in columns}
    assert used <= width
    assert {"key", "spark", "value", "progress", "status", "days", "milestones"} <= keys
    assert ("title" in keys) == (width >= 100)
    assert ("owner" in keys) == (width >= 120)
    # The title and the bar get spare width before the pace (the info line shows it).
    assert ("pace" in keys) == (width >= 140)
    if width == 120:
        assert widths["title"] >= 22 and widths["progress"] >= 11  # a bar of 6 cells
    if width >= 160:  # wide: every title whole
        assert widths["title"] >= max(len(r.goal.title) for r in rows)
    if width == 200:
        assert widths["spark"] == 30  # a cell a day


async def test_detail_shows_log_milestones_ledger_and_smart(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        board(app).open_goal("aht-tom")
        await saves_settled(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        log = screen.query_one("#checkin-log", DataTable)
        assert log.row_count == len(demo_store.checkins("aht-tom"))
        ledger = screen.query_one("#ledger-log", DataTable)
        changes = demo_store.target_changes("aht-tom")
        assert changes and ledger.row_count == len(changes)
        assert "first target" in screen_text(app)
        await pilot.press("4")
        assert changes[0].reason[:30] in screen_text(app)
        await pilot.press("5")
        assert "SMART score" in screen_text(app)
        await pilot.press("3")
        milestones = demo_store.milestones("aht-tom")
        assert milestones[0].title[:30] in screen_text(app)


async def test_detail_edit_and_milestones_return_to_a_refreshed_detail(
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
        await pilot.press("3", "e")
        await saves_settled(pilot)
        assert isinstance(app.screen, goal_form.GoalFormScreen)
        app.screen.dismiss("aht-tom")
        await saves_settled(pilot)
        await pilot.pause()
        assert app.screen is detail and detail.changed
        assert detail.query_one("TabbedContent").active == "milestones"  # tab kept
        await pilot.press("m")
        assert isinstance(app.screen, milestones.MilestonesScreen)
        app.screen.dismiss(False)
        await saves_settled(pilot)
        await pilot.pause()
        assert app.screen is detail
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_detail_of_a_goal_that_cannot_be_read_says_so_and_keeps_running(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        board(app).open_goal("no-such-goal")  # e.g. deleted by another session meanwhile
        await saves_settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("2", "5")  # no tabs to switch to: nothing breaks
        assert app.is_running and isinstance(app.screen, DetailScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_a_broken_data_file_is_reported_once_and_retried_when_it_changes(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await app.workers.wait_for_complete()  # the start-up wins worker may write the file
        keys = shown_keys(app)
        good = demo_store.path.read_bytes()
        demo_store.path.write_text("{broken", encoding="utf-8")
        for _ in range(3):  # three poll ticks, one read of the broken file, one toast
            board(app)._poll()
            await reloaded(pilot)
        assert len(app._notifications) == 1
        assert shown_keys(app) == keys  # the last good rows stay on the wallboard
        demo_store.path.write_bytes(good)
        board(app)._poll()
        await reloaded(pilot)
        assert board(app)._token == demo_store.change_token()  # read again
        assert shown_keys(app) == keys and len(app._notifications) == 1


async def test_keys_typed_before_the_first_read_are_board_keys(
    demo_store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow first read (a big file, a busy box): "s" sorts, it is not typed into the
    hidden filter; the table takes the focus once the goals arrive."""
    gate = threading.Event()
    original = demo_store.snapshot

    def slow(**options: bool) -> Snapshot:
        gate.wait(30)
        return original(**options)

    monkeypatch.setattr(demo_store, "snapshot", slow)
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        gate.set()
        await until(pilot, lambda: bool(board(app).rows), "the first read")
        await pilot.pause()
        assert board(app).sort == "due"
        assert board(app).board_filter.text == ""
        assert isinstance(app.focused, BoardTable)
        field = board(app).query_one("#filter", Input)
        assert not field.can_focus  # hidden: a key typed during start-up cannot land in it
        await pilot.press("slash", "x")
        assert field.can_focus and field.value == "x"
        await pilot.press("escape")
        assert not field.can_focus and isinstance(app.focused, BoardTable)
