"""A DataTable whose text cells are plain text, never markup.

Textual's DataTable parses every `str` cell as Rich markup: an owner "Sam [/]" raised
MarkupError and "Reduce AHT [billing]" lost its last word. Cells here are mostly
user text (titles, owners, units, notes, who logged a value), so every str cell and
column label becomes a `Text` as it goes in; renderables pass through unchanged.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey

from goaltui.core.text import printable


def plain(cell: Any) -> Any:
    return Text(printable(cell)) if isinstance(cell, str) else cell


class PlainTable(DataTable[CellType]):
    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> RowKey:
        return super().add_row(
            *(plain(c) for c in cells), height=height, key=key, label=plain(label)
        )

    def add_column(
        self,
        label: Any,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
    ) -> ColumnKey:
        return super().add_column(plain(label), width=width, key=key, default=plain(default))

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: CellType,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, plain(value), update_width=update_width)

    def update_cell_at(
        self, coordinate: Coordinate, value: CellType, *, update_width: bool = False
    ) -> None:
        super().update_cell_at(coordinate, plain(value), update_width=update_width)
