"""Status colours that keep their meaning on a 16- or 8-colour terminal.

Red means overdue or behind, amber at risk, green on track or achieved, on every screen.
On a 256-colour or truecolor terminal the theme's own colours are used as they are. With
`TERM=xterm` or `TERM=linux` (PuTTY's default too) Rich maps every colour to the nearest
of the 16 ANSI colours, and the themes' muted reds and greens land on white or grey
(textual-dark: "! overdue" white, "● on track" grey, "▲ at risk" yellow: at risk looked the
most alarming). Named colours ("red" in a Rich style) fare no better: Textual first turns
them into its Monokai RGB values, and Monokai's red is nearest to magenta.

So on such a terminal (and only there) both get exact ANSI colours: the theme's
success/warning/error variables (every `$text-error` in the .tcss files, Toasts and the
board's cells, which read the same variables) and the RGB Textual gives a named colour.
The values are the entries of Rich's own 16-colour palette, so the nearest-colour match
finds them exactly: SGR 31 red, 33 yellow, 32 green. They are the first eight, which the
Linux console's 8 colours have too. The accent becomes cyan (below). NO_COLOR is
untouched: it stays monochrome and the marks and words ("! overdue", "▲ at risk") carry the meaning.
"""

from __future__ import annotations

from rich._palettes import STANDARD_PALETTE
from rich.console import Console
from rich.terminal_theme import TerminalTheme

FEW_COLOUR_SYSTEMS = frozenset({"standard", "windows"})  # Rich's names for 16 colours


def _rgb(number: int) -> tuple[int, int, int]:
    red, green, blue = STANDARD_PALETTE[number]
    return red, green, blue


def _hex(number: int) -> str:
    return "#{:02x}{:02x}{:02x}".format(*_rgb(number))


RED, GREEN, YELLOW = _hex(1), _hex(2), _hex(3)

# Theme variables the status colours come from, and the ANSI colour each one keeps.
STATUS_VARIABLES = {
    "error": RED,
    "text-error": RED,
    "warning": YELLOW,
    "text-warning": YELLOW,
    "success": GREEN,
    "text-success": GREEN,
}

# The themes' accent (textual-dark's orange: footer keys, highlights) is nearest to bright
# red in 16 colours, so every key in the footer read like a warning: it becomes cyan, a
# colour no status uses.
CYAN, BRIGHT_CYAN = _hex(6), _hex(14)
ACCENT_VARIABLES = {
    "accent": BRIGHT_CYAN,
    **{f"accent-lighten-{n}": BRIGHT_CYAN for n in (1, 2, 3)},
    **{f"accent-darken-{n}": CYAN for n in (1, 2, 3)},
    "text-accent": BRIGHT_CYAN,
    "footer-key-foreground": BRIGHT_CYAN,
}

# Named colours map to themselves: "red" is SGR 31 again once matched to the 16 colours.
_COLOURS = [_rgb(i) for i in range(16)]
FEW_COLOUR_ANSI = TerminalTheme(_COLOURS[0], _COLOURS[7], _COLOURS[:8], _COLOURS[8:])


def few_colours(console: Console) -> bool:
    """Does `console` draw in 16 (or 8) colours? Rich reads TERM and COLORTERM for it;
    textual-serve sets TEXTUAL_COLOR_SYSTEM=truecolor, so a browser never is."""
    return console.color_system in FEW_COLOUR_SYSTEMS


def status_variables(variables: dict[str, str], few: bool) -> dict[str, str]:
    """The theme's CSS variables, with exact ANSI status colours when `few`."""
    return {**variables, **STATUS_VARIABLES, **ACCENT_VARIABLES} if few else variables
