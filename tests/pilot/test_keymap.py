"""Keys remapped through `keymap` in settings.json: applied, shown in help, typos reported."""

from __future__ import annotations

from board_helpers import board, screen_text
from textual.pilot import Pilot

from goaltui.app.goal_app import GoalApp
from goaltui.app.keymap import binding_ids
from goaltui.app.settings import Settings, load_settings, save_settings, settings_path
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.help import HelpScreen


async def until_screen(pilot: Pilot[None], kind: type) -> None:
    for _ in range(200):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause()
    raise AssertionError(f"{kind.__name__} never opened")


def app_with(store: Store, clock: FixedClock, keymap: dict[str, str]) -> GoalApp:
    return GoalApp(store, clock, settings=Settings(keymap=keymap))


async def test_a_remapped_key_does_the_action_and_the_old_one_does_not(
    demo_store: Store, clock: FixedClock
) -> None:
    app = app_with(demo_store, clock, {"board.sort": "S"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert board(app).sort == "status"
        await pilot.press("s")
        await pilot.pause()
        assert board(app).sort == "status"  # s is no longer the sort key
        await pilot.press("S")
        await pilot.pause()
        assert board(app).sort == "due"


async def test_help_shows_the_remapped_key_and_the_ids(
    demo_store: Store, clock: FixedClock
) -> None:
    app = app_with(demo_store, clock, {"board.sort": "S"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await until_screen(pilot, HelpScreen)
        await pilot.pause()
        sort_line = next(line for line in screen_text(app).splitlines() if "board.sort" in line)
        assert sort_line.replace("│", " ").split()[:2] == ["S", "Sort"]
        await pilot.press("end")  # the note is at the bottom of the help
        for _ in range(100):
            if '"keymap"' in screen_text(app):
                break
            await pilot.pause()
        assert '"keymap": {"<id>": "<keys>"}' in screen_text(app)


async def test_an_unknown_id_is_reported_not_ignored(demo_store: Store, clock: FixedClock) -> None:
    app = app_with(demo_store, clock, {"board.sorrt": "S", "board.sort": "S"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("board.sorrt" in m and "board.sort," not in m for m in messages), messages


def test_the_keymap_is_read_from_settings_json_and_bad_entries_are_dropped() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"theme": "nord", "keymap": {"board.sort": "S", "board.new": 5}}')
    settings = load_settings()
    assert settings.theme == "nord" and settings.keymap == {"board.sort": "S"}
    save_settings(settings)
    assert load_settings().keymap == {"board.sort": "S"}


def test_every_board_and_checkin_action_can_be_remapped() -> None:
    import goaltui.app.goal_app  # noqa: F401  (imports every screen)

    assert {"board.sort", "board.new", "board.checkin", "app.help"} <= binding_ids()
