"""Status colours on 16- and 8-colour terminals: exact ANSI red, yellow and green."""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import ANSIToTruecolor
from textual.theme import BUILTIN_THEMES

from goaltui.widgets.status_colours import FEW_COLOUR_ANSI, few_colours, status_variables

SGR = {"text-error": "31", "text-warning": "33", "text-success": "32"}


def sgr(colour: RichColor) -> str:
    """The SGR foreground code a 16-colour terminal gets for `colour`."""
    return ";".join(colour.downgrade(ColorSystem.STANDARD).get_ansi_codes())


@pytest.mark.parametrize(
    "env,few",
    [
        ({"TERM": "xterm"}, True),
        ({"TERM": "linux"}, True),
        ({"TERM": "screen"}, True),
        ({"TERM": "xterm-256color"}, False),
        ({"TERM": "xterm", "COLORTERM": "truecolor"}, False),
    ],
)
def test_16_colour_terminals_are_told_apart_by_term_and_colorterm(
    env: dict[str, str], few: bool
) -> None:
    assert few_colours(Console(force_terminal=True, _environ=env)) is few


@pytest.mark.parametrize("theme", sorted(BUILTIN_THEMES))
def test_every_theme_gives_red_amber_green_in_16_colours(theme: str) -> None:
    built = BUILTIN_THEMES[theme]
    variables = {**built.to_color_system().generate(), **built.variables}
    few = status_variables(variables, few=True)
    assert {name: sgr(Color.parse(few[name]).rich_color) for name in SGR} == SGR
    # The borders ($error...) keep the same meaning as the words.
    assert sgr(Color.parse(few["error"]).rich_color) == "31"
    assert sgr(Color.parse(few["success"]).rich_color) == "32"


def test_256_colour_and_truecolor_terminals_keep_the_theme() -> None:
    variables = {"text-error": "#ff0000", "primary": "#0178d4"}
    assert status_variables(variables, few=False) == variables


@pytest.mark.parametrize(
    "name,code", [("red", "31"), ("yellow", "33"), ("green", "32"), ("bright_red", "91")]
)
def test_named_colours_stay_themselves(name: str, code: str) -> None:
    """Textual turns "red" into RGB through an ANSI theme before the 16-colour match;
    through its default (Monokai) red comes out magenta and yellow bright red."""
    black = Color(0, 0, 0)
    [segment] = ANSIToTruecolor(FEW_COLOUR_ANSI).apply([Segment("x", Style(color=name))], black)
    assert segment.style is not None and segment.style.color is not None
    assert sgr(segment.style.color) == code
