"""The goal detail's board keys: c logs a value for this goal (the check-in, this goal only)
and x closes it (the board's close dialog); both save through the save queue and the detail
shows the result."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from screen_host import ScreenHost, type_text
from textual.pilot import Pilot
from waiting import press, screen_is
from waits import saves_settled, until

from goaltui.core.clock import FixedClock
from goaltui.core.models import GoalStatus
from goaltui.store.store import Store
from screens.checkin import CheckInScreen
from screens.close_goal import CloseGoalScreen
from screens.detail import DetailScreen

NEXT_MORNING = datetime(2026, 11, 27, 9, 30)  # Friday on the demo data: nothing logged yet


async def opened(pilot: Pilot[None]) -> DetailScreen:
    detail = await screen_is(pilot, DetailScreen)
    await until(pilot, lambda: detail.data is not None, "the detail's read")
    return detail


def notices(app: ScreenHost) -> list[str]:
    return [n.message for n in app._notifications]


async def test_c_logs_a_value_for_this_goal_and_comes_back_to_it(demo_path: Path) -> None:
    clock = FixedClock(NEXT_MORNING)
    store = Store(demo_path, clock=clock, user="lead")
    app = ScreenHost(DetailScreen(store, clock, "aht-tom"))
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await opened(pilot)
        await press(pilot, "c")
        checkin = await screen_is(pilot, CheckInScreen)
        await until(pilot, lambda: checkin.loaded, "the check-in's read")
        assert [row.key for row in checkin.rows] == ["aht-tom"], "this goal only"
        await type_text(pilot, "521")
        await press(pilot, "enter")
        await saves_settled(pilot)
        assert await screen_is(pilot, DetailScreen) is detail, "back once it is written"
        await until(
            pilot,
            lambda: detail.data is not None and detail.data.checkins[-1].value == 521,
            "the detail to show the new value",
        )
        assert "aht-tom: logged for Fri 27 Nov." in notices(app)
        assert detail.changed, "the board reads its figures again"
    assert store.checkins("aht-tom")[-1].day == date(2026, 11, 27)
    assert store.checkins("aht-tom")[-1].value == 521


async def test_c_on_a_closed_goal_says_how_to_reopen_it(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(DetailScreen(demo_store, clock, "aht-maria"))  # achieved
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await press(pilot, "c")
        await saves_settled(pilot)
        assert isinstance(pilot.app.screen, DetailScreen)
        [notice] = notices(app)
        assert "closed as achieved" in notice and "x reopens it" in notice


async def test_x_closes_the_goal_from_its_detail(demo_store: Store, clock: FixedClock) -> None:
    app = ScreenHost(DetailScreen(demo_store, clock, "aht-tom"))
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await opened(pilot)
        await press(pilot, "x")
        dialog = await screen_is(pilot, CloseGoalScreen)
        assert dialog.current is GoalStatus.ACTIVE
        await press(pilot, "m")  # missed
        await saves_settled(pilot)
        assert await screen_is(pilot, DetailScreen) is detail
        await until(
            pilot,
            lambda: detail.data is not None and detail.data.goal.status is GoalStatus.MISSED,
            "the detail to read the new status",
        )
        assert "aht-tom is now missed" in notices(app)
        assert detail.changed
        # and x again reopens it
        await press(pilot, "x")
        await screen_is(pilot, CloseGoalScreen)
        await press(pilot, "o")
        await saves_settled(pilot)
    assert demo_store.goal("aht-tom").status is GoalStatus.ACTIVE


async def test_escape_in_the_close_dialog_changes_nothing(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(DetailScreen(demo_store, clock, "aht-tom"))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await press(pilot, "x")
        await screen_is(pilot, CloseGoalScreen)
        await press(pilot, "escape")
        await saves_settled(pilot)
        assert isinstance(pilot.app.screen, DetailScreen)
    assert demo_store.goal("aht-tom").status is GoalStatus.ACTIVE
