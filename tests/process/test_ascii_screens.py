"""`--ascii` means ASCII: every screen of the real program, in tmux, shows only printable
ASCII (PuTTY with a legacy code page, a font without box drawing, a serial console).

Each step presses keys, waits until the screen it leads to is drawn (a text only that
screen shows), then checks every character on the pane.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_pane import TmuxPane
from waiting import poll_until

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a pty"),
]

GOALTUI = [sys.executable, "-m", "goaltui"]

# (what, keys, a text the screen shows once it is drawn, a text that must be gone by then)
BOARD_WALK: list[tuple[str, list[str], str, str]] = [
    ("board", [], "kb-articles", ""),
    ("goal detail: chart", ["Enter"], "1 Chart", ""),
    ("detail: check-in log", ["2"], "confidence", ""),
    ("detail: milestones", ["3"], "Article template agreed", ""),
    ("detail: ledger", ["4"], "no target changes yet", ""),
    ("detail: SMART", ["5"], "SMART score", ""),
    ("detail: chart again", ["1"], "target 20", "SMART score"),
    ("back to the board", ["Escape"], "kb-articles", "1 Chart"),
    ("check-in", ["c"], "Check-in for", ""),
    ("board after the check-in", ["Escape"], "kb-articles", "Check-in for"),
    ("goal form", ["n"], "New goal", ""),
    ("board after the form", ["Escape"], "kb-articles", "New goal"),
    ("milestones", ["m"], "2 of 3 done", ""),
    ("board after milestones", ["Escape"], "kb-articles", "2 of 3 done"),
    ("review", ["r"], "Review  1 /", ""),
    ("board after review", ["Escape"], "kb-articles", "Review  1 /"),
    ("alignment tree", ["t"], "Alignment:", ""),
    ("board after the tree", ["Escape"], "kb-articles", "Alignment:"),
    ("wins", ["w"], "Wins and kudos", ""),
    ("board after wins", ["Escape"], "kb-articles", "Wins and kudos"),
    ("meetings", ["M"], "Meetings: 3 saved", ""),
    ("one meeting", ["Enter"], "attendees:", "Meetings: 3 saved"),
    ("meetings again", ["Escape"], "Meetings: 3 saved", "attendees:"),
    ("board after meetings", ["Escape"], "kb-articles", "Meetings: 3 saved"),
    ("scorecard", ["a"], "Scorecard 1/", ""),
    ("board after the scorecard", ["Escape"], "kb-articles", "Scorecard 1/"),
    ("side by side", ["v"], "side by side", ""),
    ("board after side by side", ["Escape"], "kb-articles", "side by side"),
    ("help", ["?"], "Help: ", ""),
    ("board after help", ["Escape"], "kb-articles", "Help: "),
    ("close dialog", ["x"], "Leave it as it is", ""),
    ("board after the dialog", ["Escape"], "kb-articles", "Leave it as it is"),
    ("command palette", ["C-p"], "Search for commands", ""),
    ("palette finds goals", ["a", "h", "t"], "aht-tom", ""),
    ("board after the palette", ["Escape"], "kb-articles", "Search for commands"),
    ("goal form to type in", ["n"], "New goal", ""),
    ("a title typed", ["A", "H", "T", "x"], "AHTx", ""),
    ("discard question", ["Escape"], "Discard your changes", ""),
    ("back in the form", ["n"], "AHTx", "Discard your changes"),
]


@pytest.fixture
def pane(request: pytest.FixtureRequest) -> Iterator[TmuxPane]:
    server = TmuxPane(f"goaltui-ascii-{os.getpid()}-{request.node.name[-24:]}", 80, 24)
    yield server
    server.kill()


def words(screen: str) -> set[str]:
    """The texts a wallboard check waits for, where they are on `screen`."""
    return {w for w in ("on track", "|_|", "+--") if w in screen}


def not_ascii(screen: str) -> set[str]:
    return {ch for ch in screen.replace("\n", "") if not " " <= ch <= "~"}


def test_every_screen_of_the_board_app_is_plain_ascii(pane: TmuxPane, today_demo: Path) -> None:
    pane.start([*GOALTUI, "--db", str(today_demo), "--ascii"])
    for what, keys, shown, gone in BOARD_WALK:
        if keys:
            pane.keys(*keys)

        def drawn(shown: str = shown, gone: str = gone) -> bool:
            screen = pane.screen()
            return shown in screen and not (gone and gone in screen)

        assert poll_until(drawn), f"{what}: never drawn\n{pane.screen()}"
        screen = pane.screen()
        assert not not_ascii(screen), f"{what}: {sorted(not_ascii(screen))}\n{screen}"


def test_the_wallboard_is_plain_ascii(pane: TmuxPane, today_demo: Path) -> None:
    pane.start([*GOALTUI, "--db", str(today_demo), "wallboard", "--ascii"])
    # The counts in plain seven-segment digits, under the tiles' plain borders.
    assert poll_until(lambda: {"on track", "|_|", "+--"} <= set(words(pane.screen())))
    screen = pane.screen()
    assert not not_ascii(screen), screen


def test_without_ascii_the_same_screens_use_their_glyphs(pane: TmuxPane, today_demo: Path) -> None:
    """The check above would catch a screen that falls back to ASCII by itself."""
    pane.start([*GOALTUI, "--db", str(today_demo)])
    assert poll_until(lambda: "kb-articles" in pane.screen()), pane.screen()
    assert {"→", "█"} <= not_ascii(pane.screen())
