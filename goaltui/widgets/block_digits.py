"""Counts drawn large enough to read across a call-centre floor.

Textual's Digits are three rows tall whatever the screen. On a TV-sized terminal
(160x45 and up) the wallboard draws its counts in a 3x5 pixel font instead, each pixel
`scale` cells wide and `scale` half-rows tall (half blocks: two pixels a cell, so the
digits keep their shape). Under `--ascii` a pixel is "#", a full row each.
"""

from __future__ import annotations

# Each digit as five rows of three pixels.
_PIXELS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
}
_BLANK = ("...",) * 5
_HALVES = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def _pixel_rows(text: str, scale: int) -> list[list[bool]]:
    """The whole number as rows of pixels, scaled, with a pixel's gap between digits."""
    rows: list[list[bool]] = []
    for row in range(5):
        line: list[bool] = []
        for i, ch in enumerate(text):
            if i:
                line += [False] * scale
            for pixel in _PIXELS.get(ch, _BLANK)[row]:
                line += [pixel == "#"] * scale
        rows += [line] * scale
    return rows


def block_digits(text: str, scale: int, ascii: bool = False) -> str:
    """`text` (digits) as lines of block glyphs, 5 * scale / 2 rows tall (ASCII: 5 rows,
    a pixel `scale` characters wide)."""
    if ascii:
        rows = _pixel_rows(text, scale)[::scale]  # one text row per pixel row
        return "\n".join("".join("#" if p else " " for p in row) for row in rows)
    rows = _pixel_rows(text, scale)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    pairs = zip(rows[::2], rows[1::2], strict=True)
    return "\n".join(
        "".join(_HALVES[a, b] for a, b in zip(up, down, strict=True)) for up, down in pairs
    )


def wall_scale(width: int, height: int) -> int:
    """How large the counts are drawn for a screen: 1 means Textual's own Digits."""
    if width >= 200 and height >= 60:
        return 3
    if width >= 140 and height >= 40:
        return 2
    return 1
