"""Any text as printable ASCII of the same width, for terminals that show nothing else.

`goaltui --ascii` promises that every screen is plain ASCII: PuTTY with a legacy code
page, a serial console, a font without box drawing. The screens choose ASCII spellings
of their own where layout allows ("#" and "-" bars, "+--+" borders); this table is the
last word at the terminal's door, so a glyph no screen thought of (Textual's own
scrollbars, the "…" of a cut cell, a co-user's "Müller") never reaches the terminal.

Each character keeps its width in cells: one-cell glyphs become one ASCII character and
wide (CJK) ones two, so columns drawn by Textual stay aligned. Pure Python.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

# Glyphs the screens use, spelled as a reader of plain text would expect.
_SPELLING = {
    # marks and arrows
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "●": "o", "○": "o", "◉": "o", "•": "*",
    "·": ".", "★": "*", "☆": "*", "✦": "*", "◆": "*", "◇": "*", "■": "#", "□": "o",
    "▲": "^", "△": "^", "▴": "^", "▼": "v", "▽": "v", "▾": "v", "▶": ">", "►": ">",
    "▸": ">", "◀": "<", "◄": "<", "◂": "<", "→": ">", "←": "<", "↑": "^", "↓": "v",
    "↗": "/", "↘": "\\", "⇒": ">", "»": ">", "«": "<", "⚠": "!", "⏎": "<", "⇤": "<",
    "⇥": ">", "⇧": "^", "◎": "o", "⭘": "o", "☐": "-", "☑": "v", "☒": "x", "◌": "~",
    # punctuation and signs
    "—": "-", "–": "-", "‐": "-", "−": "-", "…": ".", "‘": "'", "’": "'", "“": '"',
    "”": '"', "×": "x", "÷": "/", "±": "+", "≤": "<", "≥": ">", "≠": "#", "≈": "~",
    "µ": "u", "μ": "u", "°": "o", "€": "E", "£": "L", "\u00a0": " ", "ß": "s",
    # block elements: shades and full blocks solid, the rest by where the ink is
    "█": "#", "▓": "#", "▒": "#", "░": "-", "▀": '"', "▔": '"', "▐": "|", "▕": "|",
    "▁": "_", "▂": "_", "▃": ".", "▄": "o", "▅": "o", "▆": "O", "▇": "#",
    "▏": "|", "▎": "|", "▍": "|", "▌": "#", "▋": "#", "▊": "#", "▉": "#",
    "▖": ".", "▗": ".", "▘": "'", "▝": "'", "▚": ":", "▞": ":", "▙": "#", "▛": "#",
    "▜": "#", "▟": "#",
}  # fmt: skip

_BRAILLE = range(0x2800, 0x2900)
_BRAILLE_TOP = 0b00011011  # dots 1, 2, 4, 5: the upper half of the cell
_BRAILLE_LOW = 0b11100100  # dots 3, 6, 7, 8: the lower half


def _braille(code: int) -> str:
    """A braille chart cell by where its dots are: ' upper, . lower, : both."""
    dots = code - _BRAILLE.start
    top, low = bool(dots & _BRAILLE_TOP), bool(dots & _BRAILLE_LOW)
    return ":" if top and low else "'" if top else "." if low else " "


def _box(ch: str) -> str:
    """Box drawing by its name: lines stay lines, corners, tees and crosses become "+"."""
    name = unicodedata.name(ch, "")
    if "DIAGONAL" in name:
        return "X" if "CROSS" in name else "/" if "UPPER RIGHT" in name else "\\"
    across = "HORIZONTAL" in name or "LEFT" in name or "RIGHT" in name
    down = "VERTICAL" in name or " UP" in name or "DOWN" in name
    if across and down:
        return "+"
    if across:
        return "=" if "DOUBLE HORIZONTAL" in name else "-"
    return "|"


def east_asian_cells(ch: str) -> int:
    """Cells one character takes, by the Unicode tables (wide CJK two, marks none)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


Width = Callable[[str], int]


@lru_cache(maxsize=4096)
def ascii_char(ch: str, width: Width = east_asian_cells) -> str:
    """One character as ASCII of the same cell width ("" for a zero-width mark).

    `width` is the renderer's own measure (the TUI passes Rich's), so a character keeps
    exactly the cells the layout gave it."""
    if ch < "\x80":
        return ch
    code = ord(ch)
    if ch in _SPELLING:
        spelled = _SPELLING[ch]
    elif code in _BRAILLE:
        spelled = _braille(code)
    elif 0x2500 <= code <= 0x257F:
        spelled = _box(ch)
    else:
        spelled = "".join(c for c in unicodedata.normalize("NFKD", ch) if " " <= c <= "~")
    cells = width(ch)
    if len(spelled) == cells:
        return spelled  # é -> e; a wide character or a zero-width one falls through
    return "?" * cells


def ascii_cells(text: str, width: Width = east_asian_cells) -> str:
    """`text` with every character made ASCII, keeping each one's width in cells."""
    if text.isascii():
        return text
    return "".join(ascii_char(ch, width) for ch in text)
