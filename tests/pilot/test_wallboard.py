"""The wallboard (`goaltui wallboard`): counts, rotating pages, live refresh, q."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from board_helpers import screen_text
from textual.widgets import Digits
from waiting import press, run, settled, wait_until

from goaltui.app.wallboard import WallboardApp, make_wallboard
from goaltui.core.clock import FixedClock
from goaltui.core.progress import Status
from goaltui.formats.textboard import SPARK_UNICODE
from goaltui.store.store import Store
from screens.wallboard import CountTile, ascii_digits

SnapCompare = Callable[..., bool]
NARROW, WIDE = (80, 24), (120, 40)
DEMO_COUNTS: dict[Status | None, int] = {
    Status.OVERDUE: 1,
    Status.BEHIND: 1,
    Status.AT_RISK: 3,
    None: 1,  # "stale": the demo's fcr-billing, not counted as on track
    Status.ON_TRACK: 4,
    Status.ACHIEVED: 1,
    Status.NO_DATA: 0,
    Status.NOT_STARTED: 0,  # its tile is hidden while no goal waits to start
    Status.OUTSIDE: 0,  # hidden too while no band goal is outside its band
}


def counts(app: WallboardApp) -> dict[Status | None, int]:
    return {tile.status: tile.count for tile in app.wall.query(CountTile)}


async def test_counts_in_large_digits(demo_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(demo_store, clock)
    async with run(app, NARROW) as pilot:
        await settled(pilot)
        assert counts(app) == DEMO_COUNTS
        digits = app.wall.query_one("#count-at-risk", CountTile).query_one(Digits)
        assert digits.value == "3"
        assert len(app.wall.rows) == 11 and app.wall.page_count == 1
        text = screen_text(app)
        # 80 columns: the floor reads titles (the key and milestone columns make room).
        assert "11 goals" in text and "Publish 20 billing" in text and "Maria: bring AHT" in text
        assert "kb-articles" not in text


async def test_pages_rotate_when_the_goals_do_not_fit(demo_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(demo_store, clock, page_seconds=0.05)
    # Not `run`: with a page every 0.05 s the wallboard is never idle for long.
    async with app.run_test(size=(80, 14)) as pilot:  # room for 5 goal rows
        await wait_until(pilot, lambda: app.wall.page_count == 3, "three pages of goals")
        assert app.wall.page_size == 5
        seen = {app.wall.page}

        def every_page_seen() -> bool:
            seen.add(app.wall.page)
            return len(seen) == 3

        await wait_until(pilot, every_page_seen, lambda: f"pages seen: {sorted(seen)}")
        assert seen == {0, 1, 2}
        await wait_until(
            pilot,
            lambda: f"page {app.wall.page + 1}/3" in screen_text(app),
            lambda: f"the page line names page {app.wall.page + 1}:\n{screen_text(app)}",
        )


async def test_the_last_page_shows_the_last_goals(demo_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(demo_store, clock, page_seconds=3600)
    async with run(app, (80, 14)) as pilot:
        await settled(pilot)
        app.wall.page = 1
        app.wall.next_page()  # to page 3 of 3: goal 11
        await settled(pilot)
        text = screen_text(app)
        assert "page 3/3" in text and "Maria: bring AHT" in text and "Publish 20" not in text
        app.wall.next_page()  # wraps round
        assert app.wall.page == 0


async def test_refreshes_when_the_file_changes(
    demo_store: Store, demo_path: Path, clock: FixedClock
) -> None:
    app = WallboardApp(demo_store, clock, refresh_seconds=0.05)
    async with run(app, NARROW) as pilot:
        await settled(pilot)
        assert counts(app)[Status.ACHIEVED] == 1
        other = Store(demo_path, clock=clock, user="cron")
        other.log("aht-tom", 400.0, clock.today())  # well past the 480 s target
        # Nobody touches the wallboard: its poll notices the write and re-reads.
        await wait_until(
            pilot, lambda: counts(app)[Status.ACHIEVED] == 2, lambda: f"counts {counts(app)}"
        )
        assert counts(app)[Status.AT_RISK] == 2


async def test_q_quits(demo_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(demo_store, clock)
    async with run(app, NARROW) as pilot:
        await press(pilot, "q")
    assert app.return_code == 0 and not app.is_running


async def test_ascii_draws_no_block_or_box_glyphs(demo_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(demo_store, clock, ascii=True)
    async with run(app, NARROW) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert not set(text) & set(SPARK_UNICODE + "░╭╮╰╯━│─")
        assert "#" in text  # the bars


def test_ascii_digits() -> None:
    assert ascii_digits(10).splitlines() == ["    _ ", "  || |", "  ||_|"]


async def test_empty_file_says_so(empty_store: Store, clock: FixedClock) -> None:
    app = make_wallboard(empty_store, clock)
    async with run(app, NARROW) as pilot:
        await settled(pilot)
        assert "No goals yet." in screen_text(app)
        assert set(counts(app).values()) == {0}


async def test_a_broken_file_is_reported_and_the_last_board_stays(
    demo_store: Store, demo_path: Path, clock: FixedClock
) -> None:
    app = WallboardApp(demo_store, clock, refresh_seconds=0.05)
    async with run(app, NARROW) as pilot:
        await settled(pilot)
        demo_path.write_text("{ not json")
        await wait_until(pilot, lambda: app.wall.error, "the wallboard to notice the broken file")
        await settled(pilot)
        text = screen_text(app)
        assert "cannot read the data file" in text
        assert "Publish 20 billing" in text and counts(app) == DEMO_COUNTS
