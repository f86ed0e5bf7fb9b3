"""The app shell: factory, bindings, footer, help, command palette, themes and settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from board_helpers import board, screen_text
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets._footer import FooterKey, FooterLabel
from waiting import press, run, screen_is, wait_until
from waits import saves_settled

from goaltui.app import settings as settings_module
from goaltui.app.commands import GoalCommands
from goaltui.app.goal_app import GoalApp, make_app
from goaltui.app.settings import Settings, load_settings, save_settings, settings_path
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.board import BoardScreen
from screens.checkin import CheckInScreen
from screens.detail import DetailScreen
from screens.help import HelpScreen

SIZE = (80, 24)


async def test_make_app_hands_store_and_clock_down(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    assert isinstance(app, GoalApp)
    assert app.store is demo_store and app.clock is clock
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert screen.store is demo_store and screen.clock is clock


@pytest.mark.parametrize("owner", [GoalApp, BoardScreen, DetailScreen, HelpScreen])
def test_every_binding_has_an_id_a_description_and_a_tooltip(owner: type) -> None:
    bindings = [b for b in owner.BINDINGS if isinstance(b, Binding)]
    assert bindings
    for binding in bindings:
        assert binding.id and binding.description and binding.tooltip, binding


async def test_footer_shows_the_board_keys(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with run(app, SIZE) as pilot:
        # The footer recomposes whenever the bindings change: wait for the board's keys.
        def shown() -> set[str]:
            keys = {str(key.description) for key in app.screen.query(FooterKey)}
            return keys | {str(label.content) for label in app.screen.query(FooterLabel)}

        # enter (Open) and x (Close) are in help only: the 80-column footer is full (issue 6).
        # The filter keys (/ o l f h) share one "Filter" label (a compact group).
        wanted = {"New", "Edit", "Milestones", "Sort", "Quit", "Help", "Filter"}
        await wait_until(pilot, lambda: wanted <= shown(), lambda: f"footer shows {shown()}")
        footer_line = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await wait_until(pilot, lambda: "Filter" in footer_line(), footer_line)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_lists_the_keys_of_the_current_screen(
    demo_store: Store, clock: FixedClock, key: str
) -> None:
    app = make_app(demo_store, clock)
    async with run(app, (120, 40)) as pilot:
        await press(pilot, key)
        help_screen = await screen_is(pilot, HelpScreen)
        described = {row.description for row in help_screen.rows}
        assert {"Open", "New", "Edit", "Milestones", "Sort", "Filter", "Quit", "Clear"} <= described
        assert "Sort by status, due date, progress, key" in screen_text(app)
        await press(pilot, "escape")
        await screen_is(pilot, BoardScreen)
        board(app).open_goal(board(app).rows[0].key)
        await screen_is(pilot, DetailScreen)
        await press(pilot, key)
        help_screen = await screen_is(pilot, HelpScreen)
        assert {"Back", "Edit", "Milestones"} <= {row.description for row in help_screen.rows}
        await press(pilot, key)  # the same key closes it again
        await screen_is(pilot, DetailScreen)


async def test_theme_is_remembered_across_app_instances(
    demo_store: Store, clock: FixedClock
) -> None:
    first = make_app(demo_store, clock)
    async with first.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        first.theme = "nord"
        await pilot.pause()
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["theme"] == "nord"
    second = make_app(demo_store, clock)
    async with second.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        assert second.theme == "nord"


async def test_textual_theme_variable_wins_over_the_saved_theme(
    demo_store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(theme="nord"))
    monkeypatch.setenv("TEXTUAL_THEME", "gruvbox")
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        assert app.theme != "nord"


def test_settings_folder_is_created_only_when_saving(tmp_path: Path) -> None:
    folder = settings_path().parent
    assert not folder.exists()
    assert load_settings() == Settings()
    assert not folder.exists()
    save_settings(Settings(theme="dracula", board_sort="due"))
    assert load_settings().theme == "dracula" and load_settings().board_sort == "due"


def test_a_broken_settings_file_falls_back_to_defaults() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()
    path.write_text('{"board_sort": "sideways"}', encoding="utf-8")
    assert load_settings() == Settings()


def test_every_settings_field_has_a_docstring() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"Settings.{name} needs a docstring"
    assert settings_module.config_dir().name == "config"  # GOALTUI_CONFIG_DIR from conftest


async def test_palette_finds_goals_by_key_title_and_owner(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        provider = GoalCommands(app.screen)
        for query, expected in [
            ("aht-maria", "goal: Open aht-maria"),
            ("Maria Lopez", "goal: Open aht-maria"),
            ("bring AHT under", "goal: Open aht-maria"),
        ]:
            hits = [hit async for hit in provider.search(query)]
            titles = [hit.text for hit in sorted(hits, reverse=True)]
            assert expected in titles, (query, titles[:5])
        titles = {hit.text async for hit in provider.search("board")}
        assert "board: Sort by due" in titles
        assert any(str(t).startswith("board: Filter by owner ") for t in titles)
        assert "board: Filter status behind" in titles or "board: Filter status on track" in titles
        assert "goal: Edit aht-maria" in {h.text async for h in provider.search("edit aht-maria")}
        assert "goal: Milestones aht-tom" in {
            h.text async for h in provider.search("milestones tom")
        }


async def test_palette_command_opens_a_goal(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"open aht-maria")
        palette = app.screen
        await wait_until(
            pilot, lambda: "aht-maria" in screen_text(app), "the palette to list aht-maria"
        )
        assert app.screen is palette
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.goal_key == "aht-maria"


async def test_palette_filter_and_sort_commands_drive_the_board(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        provider = GoalCommands(app.screen)
        hits = {hit.text: hit async for hit in provider.search("filter by owner sam okafor")}
        hits["board: Filter by owner Sam Okafor"].command()
        await pilot.pause()
        assert {r.goal.owner for r in board(app).shown} == {"Sam Okafor"}
        hits = {hit.text: hit async for hit in provider.search("sort by key")}
        hits["board: Sort by key"].command()
        await pilot.pause()
        assert board(app).sort == "key"


async def test_no_color_still_shows_status_words(
    demo_store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        assert app.no_color
        text = screen_text(app)
        for row in board(app).shown:
            assert row.progress.status.value in text


async def test_c_opens_the_check_in_and_start_checkin_opens_it_directly(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CheckInScreen)
        app.screen.dismiss(False)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    direct = make_app(demo_store, clock, start="checkin")
    async with direct.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.pause()
        assert isinstance(direct.screen, CheckInScreen)
        direct.screen.dismiss(False)  # closing the check-in ends `goaltui checkin`
        await pilot.pause()
        assert direct.return_code == 0
