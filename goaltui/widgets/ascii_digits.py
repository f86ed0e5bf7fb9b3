"""Large digits in plain characters, for `--ascii` (Textual's Digits draws box glyphs).

Seven segments of "_" and "|", three rows tall, like a calculator: the review's figures
and the wallboard's counts read from across the room on any terminal.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widgets import Digits

# Each glyph as its three rows; every row of a glyph has the same width.
_FONT: dict[str, tuple[str, str, str]] = {
    "0": (" _ ", "| |", "|_|"),
    "1": ("   ", "  |", "  |"),
    "2": (" _ ", " _|", "|_ "),
    "3": (" _ ", " _|", " _|"),
    "4": ("   ", "|_|", "  |"),
    "5": (" _ ", "|_ ", " _|"),
    "6": (" _ ", "|_ ", "|_|"),
    "7": (" _ ", "  |", "  |"),
    "8": (" _ ", "|_|", "|_|"),
    "9": (" _ ", "|_|", " _|"),
    "-": ("   ", " _ ", "   "),
    "+": ("   ", "_|_", " | "),
    "%": ("o /", " / ", "/ o"),
    ".": (" ", " ", "."),
    ",": (" ", " ", ","),
    ":": (" ", ".", "."),
    " ": (" ", " ", " "),
}


def ascii_rows(value: str) -> list[str]:
    """`value` as three rows; a character the font lacks sits on the bottom row."""
    glyphs = [_FONT.get(ch, (" ", " ", ch)) for ch in value]
    return ["".join(g[row] for g in glyphs) for row in range(3)]


class AsciiDigits(Digits):
    """Digits that draw with ASCII only; update() and value work as Digits' do."""

    def render(self) -> RenderResult:
        text = Text("\n".join(ascii_rows(self.value)), style=self.rich_style, no_wrap=True)
        align = self.styles.text_align
        method = align if align in {"left", "center", "right"} else "left"
        return Align(text, method, self.rich_style)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(ascii_rows(self.value)[0])


def big_digits(value: str, ascii: bool, *, classes: str | None = None) -> Digits:
    """Textual's Digits, or AsciiDigits under `--ascii`."""
    return AsciiDigits(value, classes=classes) if ascii else Digits(value, classes=classes)
