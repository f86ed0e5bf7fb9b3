"""Which of the board's columns fit a terminal's width, and a row's cells in them.

The board and the wallboard use it; what each cell shows is board_cells.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text

from goaltui.core import formatting as fmt
from goaltui.core.board_rows import BoardRow
from goaltui.widgets.board_cells import (
    SPARK_MIN,
    STATUS_MARK,
    STATUS_WIDTH,
    Palette,
    bar_text,
    days_text,
    milestones_text,
    progress_status_text,
    sparkline,
    value_cell,
    value_text,
)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int  # content width; the table adds one cell of padding each side
    right: bool = False
    narrow: bool = False  # the cells take the formatter's narrow form (the value column)


_FIT: list[tuple[Sequence[BoardRow], tuple[int, int, int, int, int, int]]] = []


def _fit_widths(rows: Sequence[BoardRow]) -> tuple[int, int, int, int, int, int]:
    """Key, owner, narrow and full value, status and title widths that fit every row; the last
    answer is kept (a resize asks again for the same rows, and formatting 1,000 values
    twice is not free)."""
    if _FIT and _FIT[0][0] is rows:
        return _FIT[0][1]
    statuses = {r.progress.status for r in rows}
    widths = (
        min(max([len(r.key) for r in rows] + [4]), 20),
        min(max([len(r.goal.owner) for r in rows] + [5]), 14),
        min(max([len(value_text(r, narrow=True)) for r in rows] + [10]), 16),
        max([len(value_text(r)) for r in rows] + [10]),
        max([len(f"{STATUS_MARK[s]} {s.value}") for s in statuses] + [STATUS_WIDTH]),
        min(max([len(r.goal.title) for r in rows] + [16]), 120),
    )
    _FIT[:] = [(rows, widths)]
    return widths


def board_columns(width: int, rows: Sequence[BoardRow]) -> list[Column]:
    """Columns that fit `width` terminal cells.

    The core columns always show; then, while there is room and in this order: a title
    (at least 16 cells), the owner, a wider bar and title, the pace, the value in full
    ("473 s → 420 s" rather than "473→420 s"), a longer title, a wider sparkline, the
    whole of the longest title, then a sparkline of a cell a day and a longer bar.
    """
    key_w, owner_w, value_w, full_w, status_w, title_w = _fit_widths(rows)
    columns = [
        Column("key", "key", key_w),
        Column("spark", "30 days", 8),
        Column("value", "now→target", value_w, narrow=True),
        Column("progress", "progress", 9),
        Column("status", "status", status_w),
        Column("days", "left", 4, right=True),
        Column("milestones", "ms", 5, right=True),
    ]
    room = width - 1 - sum(c.width + 2 for c in columns)  # 1: the vertical scrollbar
    if room < 0:  # a wide status or band value ("5:24→5:00..6:00"): the sparkline gives way
        spark = max(SPARK_MIN, columns[1].width + room)
        label = "30 days" if spark >= len("30 days") else "30d"  # never a cut "30 da"
        columns[1] = replace(columns[1], label=label, width=spark)
        room = width - 1 - sum(c.width + 2 for c in columns)

    def index(key: str) -> int:
        return next(i for i, c in enumerate(columns) if c.key == key)

    def grow(key: str, most: int) -> None:
        nonlocal room
        i = index(key)
        extra = max(0, min(room, most - columns[i].width))
        columns[i] = replace(columns[i], width=columns[i].width + extra)
        room -= extra

    titled = room >= 18
    if titled:
        columns.insert(1, Column("title", "title", 16))
        room -= 18
    if room >= owner_w + 2:
        columns.insert(index("spark"), Column("owner", "owner", owner_w))
        room -= owner_w + 2
    # The title and the bar take spare width before the pace column does: the pace is on
    # the info line below the board whatever the width.
    grow("progress", 11)
    if titled:
        grow("title", 26)
    if room >= 6:
        columns.insert(index("status"), Column("pace", "pace", 4, right=True))
        room -= 6
    if room >= full_w - value_w:  # all or nothing: a half-widened column helps nobody
        grow("value", full_w)
        columns[index("value")] = replace(columns[index("value")], narrow=False)
    grow("progress", 13)
    if titled:
        grow("title", 32)
    grow("spark", 12)
    if titled:
        grow("title", title_w)
    # A wall-wide terminal: a day per sparkline cell, then a longer bar.
    grow("spark", 30)
    grow("progress", 24)
    return columns


def wall_columns(width: int, rows: Sequence[BoardRow]) -> list[Column]:
    """The board's columns for the wallboard: the floor knows a goal by its title, not
    its key, so where the board has no room for a title (80 columns) the title takes the
    key's and the milestones' place."""
    columns = board_columns(width, rows)
    if any(c.key == "title" for c in columns):
        return columns
    room = sum(c.width + 2 for c in columns if c.key in ("key", "milestones")) - 2
    kept = [c for c in columns if c.key not in ("key", "milestones")]
    return [Column("title", "goal", room), *kept]


def row_cells(row: BoardRow, columns: Sequence[Column], palette: Palette) -> list[RenderableType]:
    """One row's cells, in the order of `columns`."""
    # The bar takes the status colour only: reverse or dim would hide the blocks.
    bar_style = Style(color=palette.status_color(row.progress.status))
    cells: list[RenderableType] = []
    for column in columns:
        cell: RenderableType
        if column.key == "key":
            cell = Text(row.key, style="bold")
        elif column.key == "title":
            cell = Text(row.goal.title)
        elif column.key == "owner":
            cell = Text(row.goal.owner)
        elif column.key == "spark":
            cell = sparkline(row, column.width, palette)
        elif column.key == "value":
            cell = value_cell(row, column.narrow, palette)
        elif column.key == "progress":
            percent = row.progress.percent
            bar = bar_text(row.progress.fraction, column.width - 5, bar_style, palette.ascii)
            cell = bar + Text(" " + fmt.percent(percent).rjust(4))
        elif column.key == "pace":
            pace = fmt.percent(row.progress.expected_percent)
            cell = Text(pace, style="dim", justify="right")
        elif column.key == "status":
            cell = progress_status_text(row.progress, palette)
        elif column.key == "days":
            cell = days_text(row, palette)
            cell.justify = "right"
        else:
            cell = milestones_text(*row.milestones, palette)
            cell.justify = "right"
        if isinstance(cell, Text):
            cell.no_wrap = True
            cell.overflow = "ellipsis"
        cells.append(cell)
    return cells
