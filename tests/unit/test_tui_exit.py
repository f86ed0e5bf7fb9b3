"""A TUI that stops on an unexpected error never exits 0 (issue 12: every open board died
with MarkupError, and the shell saw success)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App

from goaltui.cli.tui import run_tui


class Crashes(App[None]):
    def on_mount(self) -> None:
        raise RuntimeError("boom")


class Quits(App[None]):
    def on_mount(self) -> None:
        self.exit()


def headless(app: App[Any]) -> App[Any]:
    run = app.run
    app.run = lambda **kwargs: run(headless=True, **kwargs)  # type: ignore[method-assign]
    return app


def test_a_crash_exits_1_with_a_last_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_tui(headless(Crashes()), mouse=False)
    assert stopped.value.code == 1
    assert capsys.readouterr().err.splitlines()[-1].startswith("goaltui: error: ")


def test_a_normal_quit_returns() -> None:
    run_tui(headless(Quits()), mouse=False)
