"""Status colours on a 16- or 8-colour terminal, read from the real program in tmux.

With `TERM=xterm` or `TERM=linux` (PuTTY's default, a lead over SSH) overdue and behind
must be red, at risk yellow, on track and achieved green, on the board and on the
wallboard. `capture-pane -e` gives the screen with its SGR colour codes; each cell's
foreground is read from them. NO_COLOR stays monochrome and the marks carry the meaning.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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
# SGR foreground codes of the 16 colours (and their 256-colour numbers) by name.
_NAMES = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_FG16 = {30 + i: n for i, n in enumerate(_NAMES)} | {90 + i: n for i, n in enumerate(_NAMES)}
_FG256 = dict(enumerate(_NAMES)) | {8 + i: n for i, n in enumerate(_NAMES)}
CHROMATIC = {"red", "green", "yellow", "blue", "magenta", "cyan"}
# The demo's goals at 120 columns, one of each status, and the colour each must have.
ROWS = {
    "kb-articles": ("! overdue", "red"),
    "fcr-sam": ("▼ behind", "red"),
    "aht-tom": ("▲ at risk", "yellow"),
    "csat-priya": ("● on track", "green"),
    "aht-maria": ("✓ achieved", "green"),
}
TILES = {"overdue": "red", "behind": "red", "at risk": "yellow", "on track": "green"}
TILES["achieved"] = "green"
SGR = re.compile(r"\x1b\[([0-9;]*)m|([^\x1b]+)")


def cells(line: str) -> list[tuple[str, str | None]]:
    """A captured line as (character, foreground colour name or None for the default)."""
    out: list[tuple[str, str | None]] = []
    fg: str | None = None
    for match in SGR.finditer(line):
        if match.group(2) is not None:
            out += [(ch, fg) for ch in match.group(2)]
            continue
        codes = [int(c) if c else 0 for c in match.group(1).split(";")]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (0, 39):
                fg = None
            elif code in _FG16:
                fg = _FG16[code]
            elif code in (38, 48) and codes[i + 1] == 5:
                fg = _FG256.get(codes[i + 2], f"256:{codes[i + 2]}") if code == 38 else fg
                i += 2
            elif code in (38, 48) and codes[i + 1] == 2:
                fg = f"rgb:{codes[i + 2 : i + 5]}" if code == 38 else fg
                i += 4
            i += 1
    return out


def colour_of(line: list[tuple[str, str | None]], text: str, after: int = 0) -> set[str | None]:
    """The foreground colours of `text`'s visible characters, its first time from `after`."""
    plain = "".join(ch for ch, _ in line)
    at = plain.index(text, after)
    return {fg for ch, fg in line[at : at + len(text)] if not ch.isspace()}


class Pane(TmuxPane):
    """One private tmux server with one 120x40 pane, read with its colours."""

    def __init__(self, name: str) -> None:
        super().__init__(name, 120, 40)

    def start_term(self, command: list[str], term: str, env: dict[str, str]) -> None:
        # COLORTERM would mean truecolor whatever TERM says; over SSH it is usually not sent.
        # COLUMNS and LINES (set while pytest runs) would win over the pane's 120x40.
        unset = ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES")
        self.start(command, {"TERM": term, **env}, unset)

    def lines(self) -> list[list[tuple[str, str | None]]]:
        return [cells(line) for line in self.screen(colours=True).split("\n")]


def text_of(lines: list[list[tuple[str, str | None]]]) -> str:
    return "\n".join("".join(ch for ch, _ in line) for line in lines)


@pytest.fixture
def pane(request: pytest.FixtureRequest) -> Iterator[Pane]:
    name = re.sub(r"\W", "-", request.node.name.removeprefix("test_"))
    server = Pane(f"goaltui-colours-{os.getpid()}-{name}")
    yield server
    server.kill()


def shown(pane: Pane, *texts: str) -> list[list[tuple[str, str | None]]]:
    """The screen once every one of `texts` is on it (the colours are set before the first
    paint, so no wait for them)."""

    def check() -> list[list[tuple[str, str | None]]]:
        lines = pane.lines()
        return lines if all(t in text_of(lines) for t in texts) else []

    lines = poll_until(check)
    assert lines, text_of(pane.lines())
    return lines


def status_rows(lines: list[list[tuple[str, str | None]]]) -> dict[str, set[str | None]]:
    """The colour of each demo row's status word, by goal key."""
    found = {}
    for line in lines:
        plain = "".join(ch for ch, _ in line)
        for key, (status, _) in ROWS.items():
            if f" {key} " in plain and status in plain:
                found[key] = colour_of(line, status, plain.index(f" {key} "))
    return found


@pytest.mark.parametrize("term", ["xterm", "linux"])
def test_the_board_says_red_amber_green_in_16_colours(
    pane: Pane, today_demo: Path, term: str
) -> None:
    pane.start_term([*GOALTUI, "--db", str(today_demo)], term, {})
    lines = shown(pane, *ROWS, "✓ achieved")
    assert status_rows(lines) == {key: {colour} for key, (_, colour) in ROWS.items()}
    summary = next(line for line in lines if "11 goals" in "".join(ch for ch, _ in line))
    for words, colour in [("1 overdue", "red"), ("1 behind", "red"), ("3 at risk", "yellow")]:
        assert colour_of(summary, words) == {colour}, words
    assert colour_of(summary, "1 stale") == {"yellow"}  # fcr-billing, not logged for days
    assert colour_of(summary, "4 on track") == colour_of(summary, "1 achieved") == {"green"}
    # The progress bar of the overdue goal is red too (its blocks, not the shade after them).
    row = next(line for line in lines if " kb-articles " in "".join(ch for ch, _ in line))
    assert {fg for ch, fg in row if ch == "█"} == {"red"}
    # The footer's keys take no status colour: a red "q" would read as a warning.
    footer = next(line for line in reversed(lines) if " Quit" in "".join(ch for ch, _ in line))
    for key in ("n", "e", "q"):
        assert colour_of(footer, f"{key} ") == {"cyan"}, key


@pytest.mark.parametrize("term", ["xterm", "linux"])
def test_the_wallboard_says_red_amber_green_in_16_colours(
    pane: Pane, today_demo: Path, term: str
) -> None:
    pane.start_term([*GOALTUI, "--db", str(today_demo), "wallboard"], term, {})
    lines = shown(pane, *ROWS, "✓ achieved", "no data", "╰─", "┴")  # tiles drawn whole
    assert status_rows(lines) == {key: {colour} for key, (_, colour) in ROWS.items()}
    # Each count tile: its border (the "│" left of its name) and its big digits.
    text = ["".join(ch for ch, _ in line) for line in lines]
    labels = next(lines[i] for i, t in enumerate(text) if "│" in t and "overdue" in t)
    plain = "".join(ch for ch, _ in labels)
    digits = lines[lines.index(labels) - 2]
    for name, colour in {**TILES, "stale": "yellow"}.items():
        left = plain.rindex("│", 0, plain.index(name))
        right = plain.index("│", left + 1)  # the tile's own right border
        assert labels[left][1] == colour, name
        tile = {fg for ch, fg in digits[left + 1 : right] if not ch.isspace()}
        assert tile == {colour}, name


@pytest.mark.parametrize("screen", ["board", "wallboard"])
def test_no_color_stays_monochrome_and_the_marks_say_it(
    pane: Pane, today_demo: Path, screen: str
) -> None:
    command = [*GOALTUI, "--db", str(today_demo)] + (["wallboard"] if screen == "wallboard" else [])
    pane.start_term(command, "xterm", {"NO_COLOR": "1"})
    lines = shown(pane, *ROWS, "✓ achieved")
    used = {fg for line in lines for ch, fg in line if not ch.isspace()}
    assert not used & CHROMATIC, used
    for key, (status, _) in ROWS.items():
        row = next(line for line in lines if f" {key} " in "".join(ch for ch, _ in line))
        assert status in "".join(ch for ch, _ in row)
        # Readable: never black, the colour of the background (a red turned grey is).
        assert "black" not in colour_of(row, status), key


def test_the_check_in_says_confidence_in_red_amber_green_in_16_colours(
    pane: Pane, today_demo: Path
) -> None:
    """The check-in's colours are named ones ("red" in a Rich style), which Textual turns
    into RGB first: Monokai's red came out magenta and its yellow bright red."""
    logs = [("aht-tom", "534", "at-risk"), ("fcr-sam", "66", "off-track")]
    logs.append(("csat-priya", "84.7", "on-track"))
    for key, value, confidence in logs:
        log = [*GOALTUI, "--db", str(today_demo), "log", key, value, "--confidence", confidence]
        done = subprocess.run(log, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    pane.start_term([*GOALTUI, "--db", str(today_demo), "checkin"], "xterm", {})
    lines = shown(pane, "✓ 8:54 at risk", "✓ 66%! off track", "✓ 84.7% on track")
    wanted = {"aht-tom": ("at risk", "yellow"), "fcr-sam": ("off track", "red")}
    wanted["csat-priya"] = ("on track", "green")
    for key, (words, colour) in wanted.items():
        row = next(line for line in lines if f" {key} " in "".join(ch for ch, _ in line))
        assert colour_of(row, words) == {colour}, key
        assert colour_of(row, "✓") == {"green"}, key  # the saved value


def test_the_tree_keeps_the_colours_on_the_highlighted_goal(pane: Pane, today_demo: Path) -> None:
    """The tree opens on the centre goal: its own status and its branch's roll-up keep
    their colours under the cursor, as the board's highlighted row does."""
    pane.start_term([*GOALTUI, "--db", str(today_demo)], "xterm", {})
    shown(pane, *ROWS)
    pane.keys("t")
    lines = shown(pane, "Alignment", "roll-up 61% ! overdue")
    row = next(line for line in lines if "csat-centre" in "".join(ch for ch, _ in line))
    assert colour_of(row, "● on track") == {"green"}
    assert colour_of(row, "! overdue") == {"red"}
