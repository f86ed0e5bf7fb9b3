"""`--ascii` at the terminal's door: every frame Textual writes is made plain ASCII.

The screens already draw ASCII bars, sparklines and borders under `--ascii`; this driver
guarantees the rest (Textual's own glyphs, a cut cell's "…", a co-user's accented name)
with core.ascii_cells, one cell for one cell, so the layout Textual computed still holds.
Escape sequences are ASCII already and pass through unchanged.
"""

from __future__ import annotations

from functools import cache

from rich.cells import get_character_cell_size
from textual.driver import Driver

from goaltui.core.ascii_cells import ascii_cells


@cache
def ascii_driver(base: type[Driver]) -> type[Driver]:
    """`base` (the Linux, web or Windows driver) writing only ASCII."""

    class AsciiDriver(base):  # type: ignore[valid-type,misc]  # a class made at run time
        def write(self, data: str) -> None:
            super().write(ascii_cells(data, get_character_cell_size))

    AsciiDriver.__name__ = AsciiDriver.__qualname__ = f"Ascii{base.__name__}"
    return AsciiDriver
