"""User text made safe to show: no control characters, ever, on any output.

Titles, notes, names and metric names come from co-users, cron files and old data
files. A terminal obeys what it is sent, so an ESC in a title could clear a lead's
screen, set the window title or write the clipboard; a CR or BS overwrites a row; a
bidi override turns "aht" into "tha". `printable` is applied where text enters a
model and again where text leaves the program (CLI lines, exports, notices), so
neither an old file nor a forgotten path can let one through.
"""

from __future__ import annotations

# Bidi embeddings, overrides and isolates reorder what is shown ("Trojan source").
_BIDI = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_LINE_BREAKS = "\n"


def _is_unsafe(ch: str) -> bool:
    return (ch < " " or "\x7f" <= ch <= "\x9f") or ch in _BIDI or ch in "\u2028\u2029"


def printable(text: str, *, lines: bool = False) -> str:
    """`text` with every control character replaced by a space (line breaks kept when
    `lines`: a goal's details may have several); other text is returned as it is."""
    if text.isprintable() and not any(ch in _BIDI for ch in text):
        return text  # the common case, checked in C
    keep = _LINE_BREAKS if lines else ""
    return "".join(ch if ch in keep or not _is_unsafe(ch) else " " for ch in text)


def is_printable(text: str, *, lines: bool = False) -> bool:
    return printable(text, lines=lines) == text


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: one starting like a formula (=, +, -, @, or
    a tab/CR that some programs skip first) gets a leading apostrophe. Numbers written
    by goaltui itself ("-5", "+3") are left alone, so the values still read as numbers."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
