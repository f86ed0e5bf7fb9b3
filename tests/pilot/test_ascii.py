"""`goaltui --ascii`: the board and the check-in in plain characters (no block glyphs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from board_helpers import screen_text
from click.testing import CliRunner
from waits import saves_settled

from goaltui.app.goal_app import make_app
from goaltui.cli import main as cli
from goaltui.core.clock import FixedClock
from goaltui.core.wall_view import EVERY_GOAL
from goaltui.formats.textboard import SPARK_UNICODE
from goaltui.store.store import Store

BLOCKS = set(SPARK_UNICODE + "░▏▎▍▌▋▊▉▔▐")


async def test_ascii_board_has_plain_sparklines_and_bars(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert "kb-articles" in text and not BLOCKS & set(text)
        assert re.search(r"kb-articles .* #+-+ +80% ", text)  # a bar of # and -


async def test_ascii_checkin_has_plain_borders(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock, start="checkin", ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert not BLOCKS & set(text), text
        assert "+---" in text  # the value field's ASCII border


async def test_without_ascii_the_board_keeps_its_block_glyphs(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await pilot.pause()
        assert BLOCKS & set(screen_text(app))


# -- the command line hands the flags down ------------------------------------------------------


class _FakeApp:
    return_code: int | None = None  # ran to the end (cli/tui.py exits with it otherwise)

    def __init__(self, calls: list[object], *args: object, **kwargs: object) -> None:
        self.calls = calls
        calls.append((args, kwargs))

    def run(self, *, mouse: bool) -> None:
        self.calls.append(mouse)


def test_ascii_and_no_mouse_reach_the_app(monkeypatch: pytest.MonkeyPatch, demo_path: Path) -> None:
    import goaltui.app.goal_app

    calls: list[object] = []
    monkeypatch.setattr(goaltui.app.goal_app, "make_app", lambda *a, **k: _FakeApp(calls, *a, **k))
    for args in (["--ascii", "--no-mouse"], ["checkin", "--ascii"]):
        result = CliRunner().invoke(cli.main, ["--db", str(demo_path), *args])
        assert result.exit_code == 0, result.output
    assert calls[0][1] == {"ascii": True} and calls[1] is False  # type: ignore[index]
    assert calls[2][1] == {"start": "checkin", "ascii": True} and calls[3] is True  # type: ignore[index]


def test_wallboard_command_builds_the_wallboard(
    monkeypatch: pytest.MonkeyPatch, demo_path: Path
) -> None:
    import goaltui.app.wallboard

    calls: list[object] = []
    monkeypatch.setattr(
        goaltui.app.wallboard, "make_wallboard", lambda *a, **k: _FakeApp(calls, *a, **k)
    )
    args = ["--db", str(demo_path), "wallboard", "--page-seconds", "5", "--ascii", "--no-mouse"]
    result = CliRunner().invoke(cli.main, [*args, "--stale-days", "4"])
    assert result.exit_code == 0, result.output
    (store, _clock, seconds, ascii_only, view), kwargs = calls[0]  # type: ignore[misc]
    assert store.path == demo_path and (seconds, ascii_only) == (5.0, True)
    assert view == EVERY_GOAL  # no --teams-only, no --initials
    assert kwargs == {"stale_days": 4}
    assert calls[1] is False
