"""The check-in screen driven with keys, as a lead would: what is saved, where the cursor goes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from board_helpers import screen_text
from screen_host import CheckInHost
from textual.pilot import Pilot
from waits import loaded, saves_settled, until

from goaltui.core.clock import FixedClock
from goaltui.core.errors import DataFileError
from goaltui.core.models import Confidence, Goal, Level, Metric
from goaltui.store.store import Store
from screens.checkin import CheckInScreen
from screens.dialogs import ConfirmScreen, TextPromptScreen

TODAY = date(2026, 11, 26)


def add_goal(
    store: Store, key: str, owner: str, level: Level, recent: list[float], *, unit: str = "s"
) -> None:
    """A goal whose last values (the last one yesterday) define its recent range."""
    baseline, target = recent[0] * 1.1, recent[0] * 0.9
    metric = Metric(
        name=key.split("-", maxsplit=1)[0].upper(), unit=unit, baseline=baseline, target=target
    )
    store.add_goal(
        Goal(
            key=key,
            title=f"Goal {key}",
            owner=owner,
            level=level,
            metric=metric,
            start=date(2026, 6, 1),
        )
    )
    for age, value in enumerate(reversed(recent), start=1):
        store.log(key, value, TODAY - timedelta(days=age))


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Store:
    """Three goals in board order: a team goal, then agents Amy and Bob; one overdue milestone."""
    store = Store(tmp_path / "goals.json", clock=clock, user="lead")
    add_goal(store, "aht-team", "Team", Level.TEAM, [450, 470, 460])
    add_goal(store, "fcr-amy", "Amy", Level.AGENT, [72, 74, 73], unit="%")
    add_goal(store, "csat-bob", "Bob", Level.AGENT, [81, 83, 82], unit="%")
    store.add_milestone("fcr-amy", "Refund training", due=TODAY - timedelta(days=3))
    store.add_milestone("fcr-amy", "Next quarter review", due=TODAY + timedelta(days=30))
    return store


@pytest.fixture
def app(store: Store, clock: FixedClock) -> CheckInHost:
    return CheckInHost(store, clock)


def today_values(store: Store, day: date = TODAY) -> dict[str, float]:
    return {c.goal: c.value for c in store.checkins() if c.day == day}


async def open_checkin(pilot: Pilot[Any]) -> CheckInScreen:
    await pilot.press("c")
    await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    return screen


@asynccontextmanager
async def checkin(app: CheckInHost) -> AsyncIterator[tuple[Pilot[None], CheckInScreen]]:
    """Run the board at 80x24 and open the check-in on it."""
    async with app.run_test(size=(80, 24)) as pilot:
        yield pilot, await open_checkin(pilot)


async def enter_value(pilot: Pilot[Any], text: str) -> None:
    """Type a value and Enter, then wait for the save (it runs in a worker)."""
    await pilot.press(*text, "enter")
    await saves_settled(pilot)


# -- the keystroke budget -------------------------------------------------------------


async def test_ten_goals_take_twelve_keystrokes_besides_the_values(
    tmp_path: Path, clock: FixedClock
) -> None:
    store = Store(tmp_path / "team.json", clock=clock, user="lead")
    owners = ["Team", "Ann", "Ben", "Cat", "Dan"]
    for n in range(10):
        level = Level.TEAM if n < 2 else Level.AGENT
        add_goal(store, f"aht-{n}", owners[n % 5], level, [440 + n, 460])
    values = [f"{450 + n}" for n in range(10)]
    app = CheckInHost(store, clock)
    presses = 0

    async with app.run_test(size=(80, 24)) as pilot:

        async def command(key: str) -> None:  # a non-value key: these are the ones counted
            nonlocal presses
            presses += 1
            await pilot.press(key)
            await pilot.pause()

        await command("c")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        order = [row.key for row in screen.rows]  # grouped by owner, as the lead sees them
        for value in values:
            await pilot.press(*value)  # the value's characters are not counted
            await command("enter")
        await command("escape")  # closes once the values are saved

        assert presses == 12  # c + 10 x enter + escape
        await until(pilot, lambda: app.results == [True], "the close")
        assert not isinstance(app.screen, CheckInScreen)
    assert today_values(store) == {key: float(v) for key, v in zip(order, values, strict=True)}


# -- saving and moving ----------------------------------------------------------------


async def test_enter_saves_the_value_and_moves_to_the_next_goal(
    app: CheckInHost, store: Store
) -> None:
    async with checkin(app) as (pilot, screen):
        assert screen.value_input.has_focus
        assert screen.value_input.border_title == "aht-team · AHT (m:ss)"
        assert "last 7:40" in str(screen.value_input.placeholder)

        await enter_value(pilot, "455")

        assert today_values(store) == {"aht-team": 455.0}
        assert screen.table.cursor_row == 1
        assert screen.value_input.value == ""
        assert str(screen.value_input.border_title).startswith("fcr-amy")
        assert "✓ 7:35" in str(screen.table.get_cell("aht-team", "today"))
        assert screen.sub_title == "1 of 3 logged"


async def test_tab_skips_a_goal_without_saving_and_shift_tab_goes_back(
    app: CheckInHost, store: Store
) -> None:
    async with checkin(app) as (pilot, screen):
        await pilot.press("tab")
        assert screen.table.cursor_row == 1
        await enter_value(pilot, "75")
        assert today_values(store) == {"fcr-amy": 75.0}

        await pilot.press("shift+tab", "shift+tab")
        assert screen.table.cursor_row == 0
        await pilot.press("down", "down", "down", "up")  # up/down stop at the ends
        assert screen.table.cursor_row == 1


async def test_a_duration_is_typed_as_m_ss_and_a_mistyped_one_is_explained(
    tmp_path: Path, clock: FixedClock
) -> None:
    store = Store(tmp_path / "aht.json", clock=clock, user="lead")
    add_goal(store, "aht-team", "Team", Level.TEAM, [330, 320, 325])
    add_goal(store, "fcr-amy", "Amy", Level.AGENT, [72, 74, 73], unit="%")
    async with checkin(CheckInHost(store, clock)) as (pilot, screen):
        await enter_value(pilot, "5:75")
        assert "minutes and seconds run 00 to 59" in str(screen.value_input.border_subtitle)
        assert today_values(store) == {}
        await pilot.press("ctrl+u")
        await enter_value(pilot, "5:24")
        assert today_values(store) == {"aht-team": 324.0}
        assert "✓ 5:24" in str(screen.table.get_cell("aht-team", "today"))
        await enter_value(pilot, "1:14")  # FCR is in %: a duration is a slip
        said = "m:ss is for a metric in seconds, this one is in '%'"
        assert said in str(screen.value_input.border_subtitle)
        # The first save landing, and the next poll of the file, redraw the screen: the
        # message stays until the lead types again.
        await saves_settled(pilot)
        screen.live.load()
        await saves_settled(pilot)
        assert said in str(screen.value_input.border_subtitle)
        assert today_values(store) == {"aht-team": 324.0}
        await pilot.press("backspace")
        assert str(screen.value_input.border_subtitle) == ""


async def test_a_band_target_reads_whole_in_m_ss_at_80_columns(
    tmp_path: Path, clock: FixedClock
) -> None:
    store = Store(tmp_path / "band.json", clock=clock, user="lead")
    add_goal(store, "aht-team", "Team", Level.TEAM, [330, 320, 325])
    band = Metric(name="AHT", unit="s", baseline=430, target=300, band=(300, 360))
    store.add_goal(
        Goal(
            key="aht-amy",
            title="AHT in band",
            owner="Amy",
            level=Level.AGENT,
            metric=band,
            start=date(2026, 6, 1),
        )
    )
    async with checkin(CheckInHost(store, clock)) as (pilot, screen):
        await until(pilot, lambda: screen.table.row_count == 2, "both rows")
        [row] = [line for line in screen_text(screen.app).splitlines() if " aht-amy " in line]
        assert " 5:00..6:00 " in row  # the column widens for it: never "300..3…"


async def test_moving_away_drops_a_half_typed_value(app: CheckInHost, store: Store) -> None:
    async with checkin(app) as (pilot, screen):
        await pilot.press("4", "5", "down")
        assert screen.value_input.value == ""
        assert today_values(store) == {}


async def test_a_bad_number_shows_a_message_and_saves_nothing(
    app: CheckInHost, store: Store
) -> None:
    async with checkin(app) as (pilot, screen):
        await enter_value(pilot, "abc")
        assert "must be a number" in str(screen.value_input.border_subtitle)
        assert screen.table.cursor_row == 0
        assert today_values(store) == {}
        await pilot.press("backspace")  # typing again clears the message
        assert screen.value_input.border_subtitle == ""


async def test_enter_on_an_empty_input_asks_for_a_value(app: CheckInHost) -> None:
    async with checkin(app) as (pilot, screen):
        await pilot.press("enter")
        assert "tab to skip" in str(screen.value_input.border_subtitle)
        assert screen.table.cursor_row == 0


# -- plausibility ---------------------------------------------------------------------


async def test_an_implausible_value_asks_first_and_no_keeps_it_for_fixing(
    app: CheckInHost, store: Store
) -> None:
    async with checkin(app) as (pilot, screen):
        await enter_value(pilot, "46")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert question == "0:46 is far from aht-team's recent range 7:30-7:50. Save anyway?"

        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is screen  # back on the check-in
        assert screen.value_input.value == "46"
        assert screen.value_input.has_focus
        assert today_values(store) == {}

        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await saves_settled(pilot)
        assert today_values(store) == {"aht-team": 46.0}
        assert screen.table.cursor_row == 1


# -- back-fill, confidence, note ------------------------------------------------------


async def test_back_fill_logs_to_the_chosen_day(app: CheckInHost, store: Store) -> None:
    async with checkin(app) as (pilot, screen):
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, TextPromptScreen)
        await pilot.press("ctrl+u", *"-5d", "enter")  # replace the suggested "yesterday"
        await loaded(pilot)
        assert screen.title == "Check-in for Sat 21 Nov"
        assert screen.sub_title == "back-fill · 0 of 3 logged"

        await enter_value(pilot, "458")
        assert today_values(store, date(2026, 11, 21)) == {"aht-team": 458.0}
        assert today_values(store) == {}


async def test_back_fill_refuses_a_future_day(app: CheckInHost) -> None:
    async with checkin(app) as (pilot, screen):
        await pilot.press("ctrl+d", "ctrl+u", *"tomorrow", "enter")
        await pilot.pause()
        assert screen.title == "Check-in for Thu 26 Nov"
        assert any("in the future" in message for message, _ in app.messages)


async def test_confidence_and_note_are_saved_with_the_value(app: CheckInHost, store: Store) -> None:
    async with checkin(app) as (pilot, screen):
        await pilot.press("ctrl+t", "ctrl+t")
        assert "at risk" in str(screen.value_input.border_title)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, TextPromptScreen)
        await pilot.press(*"two agents off sick".replace(" ", "_"), "enter")
        await pilot.pause()
        assert today_values(store) == {}  # nothing is saved until the value is

        await enter_value(pilot, "462")
        [saved] = [c for c in store.checkins("aht-team") if c.day == TODAY]
        assert (saved.value, saved.confidence, saved.note) == (
            462.0,
            Confidence.AT_RISK,
            "two_agents_off_sick",
        )


async def test_confidence_and_note_update_a_check_in_saved_today(
    app: CheckInHost, store: Store
) -> None:
    store.log("aht-team", 455, TODAY)
    async with checkin(app) as (pilot, screen):
        assert screen.table.cursor_row == 1  # starts on the first goal not logged yet
        await pilot.press("up", "ctrl+t")
        await pilot.pause()
        await pilot.press("ctrl+n", *"late", "enter")
        await saves_settled(pilot)
        [saved] = [c for c in store.checkins("aht-team") if c.day == TODAY]
        assert (saved.value, saved.confidence, saved.note) == (455.0, Confidence.ON_TRACK, "late")


# -- milestones -----------------------------------------------------------------------


async def test_a_due_milestone_can_be_ticked(app: CheckInHost, store: Store) -> None:
    async with checkin(app) as (pilot, screen):
        assert [item.label for item in screen.milestone_list.items] == [
            "fcr-amy: Refund training (3 days overdue)"  # not the one due next month
        ]
        await pilot.press("ctrl+l")
        assert screen.milestone_list.has_focus
        await pilot.press("space")
        await saves_settled(pilot)
        assert "saving…" not in str(screen.milestone_list.get_option_at_index(0).prompt)
        done = {m.title: m.done for m in store.milestones("fcr-amy")}
        assert done == {"Refund training": True, "Next quarter review": False}

        await pilot.press("escape")  # back to the values, not out of the screen
        assert app.screen is screen
        assert screen.value_input.has_focus


# -- errors and closing ---------------------------------------------------------------


async def test_a_store_error_is_a_notification_not_a_crash(
    app: CheckInHost, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise DataFileError("goals.json: locked by another session for too long")

    monkeypatch.setattr(store, "log_ticking", broken)  # the check-in's writer
    async with checkin(app) as (pilot, screen):
        await enter_value(pilot, "455")
        assert ("goals.json: locked by another session for too long", "error") in app.messages
        assert app.screen is screen
        assert screen.table.cursor_row == 1, "the lead went on while it was being saved"
        cell = str(screen.table.get_cell("aht-team", "today"))
        assert "✓" not in cell
        assert cell.startswith("✗ 7:35")  # "not saved", cut at 80 columns
        assert screen.sub_title == "0 of 3 logged"

        await pilot.press("up")  # back on the row: the refused value is offered again
        assert screen.value_input.value == "7:35"  # as a duration is typed
        assert "not saved: goals.json: locked" in str(screen.value_input.border_subtitle)


async def test_escape_closes_and_reports_whether_anything_was_saved(app: CheckInHost) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [False]
        await open_checkin(pilot)
        await enter_value(pilot, "455")
        await pilot.press("escape")
        await saves_settled(pilot)
        assert app.results == [False, True]


async def test_narrow_screens_drop_the_metric_column(app: CheckInHost) -> None:
    async with checkin(app) as (pilot, screen):
        assert "metric" not in {str(key.value) for key in screen.table.columns}
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "metric" in {str(key.value) for key in screen.table.columns}
        assert screen.table.cursor_row == 0
