"""The whole of a row cut to the width with "…": enter on a ledger change or a win opens it.

At 80 columns a ledger reason or a kudos note is cut; `FullTextTable` keeps, per row,
what its dialog shows, and enter (or a click on the highlighted row) opens
`FullTextScreen`, read-only, closed with escape or enter. User text stays plain Text,
never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import CellDoesNotExist

from goaltui.core.text import printable
from goaltui.widgets.plain_table import PlainTable
from screens.dialogs import Dialog


@dataclass(frozen=True)
class FullText:
    """What the dialog shows for one row: a title and labelled lines (the last may be long)."""

    title: str
    lines: Sequence[tuple[str, str]]  # (label, text)

    def body(self) -> Table:
        """Label and text side by side; a long text wraps under itself, not the label."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        for label, text in self.lines:
            grid.add_row(Text(label), Text(printable(text)))
        return grid


class FullTextScreen(Dialog[None]):
    """One row in full, read-only."""

    BINDINGS = [
        Binding("escape,enter", "close", "Close", id="full_text.close", tooltip="Back to the list"),
    ]

    def __init__(self, text: FullText) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="full-text"):
            yield Static(self.text.title, classes="dialog-title", markup=False)
            with VerticalScroll() as scroll:
                scroll.can_focus = True  # the arrows scroll a text taller than the box
                yield Static(self.text.body(), id="full-text-body", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class FullTextTable(PlainTable[Any]):
    """A table whose rows open in full: fill `full_texts` (row key -> FullText) as the rows
    go in; a subclass names the enter binding (its id, for the keymap)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.full_texts: dict[str, FullText] = {}

    def highlighted_text(self) -> FullText | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None
        return self.full_texts.get(key or "")

    def action_read(self) -> None:
        text = self.highlighted_text()
        if text is not None:
            self.app.push_screen(FullTextScreen(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "read":  # dimmed on an empty list ("no target changes yet")
            return True if self.highlighted_text() is not None else None
        return True

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        if event.data_table is self:  # a click on the highlighted row (enter is bound)
            self.action_read()
