"""Board widgets: one DataTable for all goals, the filter input, the status summary
and the info line.

Rows are lines in a single DataTable (never a widget per goal); what each cell shows
is in goaltui.widgets.board_cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.message import Message
from textual.widgets import Input, Static
from textual.widgets.data_table import ColumnKey, RowKey

from goaltui.core import formatting as fmt
from goaltui.core.attention import UNUSUAL_SHORT, UNUSUAL_WORDS, stale_words
from goaltui.core.board_rows import BoardFilter, BoardRow
from goaltui.core.progress import Status
from goaltui.core.status_words import STALE, shown_counts
from goaltui.widgets.board_cells import Palette, value_text
from goaltui.widgets.board_columns import Column, board_columns, row_cells
from goaltui.widgets.plain_table import PlainTable, plain

# Screens that use these widgets list this file in their CSS_PATH (live-reloaded with --dev).
STYLESHEET = Path(__file__).with_name("board.tcss")


class BoardTable(PlainTable[RenderableType]):
    """All goals as rows of one DataTable; keeps the cursor on the same goal across rebuilds."""

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Open",
            id="board.open",
            show=False,  # the footer's 80 columns go to the board's other keys; help lists it
            tooltip="Open the goal's detail view",
        ),
        Binding("home", "first", "First", id="board.first", show=False, tooltip="First goal"),
        Binding("end", "last", "Last", id="board.last", show=False, tooltip="Last goal"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id, cursor_type="row", zebra_stripes=True, cursor_foreground_priority="renderable"
        )
        self._columns: tuple[Column, ...] = ()
        self._shown: dict[str, BoardRow] = {}  # what each row shows now, by goal key
        self._order: list[str] = []

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))

    @property
    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def needs_layout(self, width: int, fit: Sequence[BoardRow]) -> bool:
        """True when `width` calls for other columns than those shown."""
        return self._columns != tuple(board_columns(width, fit))

    def show_rows(
        self,
        rows: Sequence[BoardRow],
        width: int,
        fit: Sequence[BoardRow] | None = None,
        select: str | None = None,
    ) -> None:
        """Replace the rows, keeping the cursor on the selected goal, or moving it to the
        goal `select` when that one is among `rows`.

        Columns are sized to `width` and to the `fit` rows (all goals, so filtering does
        not make the columns jump).
        """
        previous, index = self.selected_key, self.cursor_row
        columns = tuple(board_columns(width, rows if fit is None else fit))
        new_columns = columns != self._columns
        self.clear(columns=new_columns)
        if new_columns:
            for column in columns:
                label = Text(column.label, justify="right" if column.right else "left")
                self.add_column(label, width=column.width, key=column.key)
            self._columns = columns
        palette = Palette.from_app(self.app)
        for row in rows:
            self.add_row(*row_cells(row, columns, palette), key=row.key, height=1)
        self._shown = {row.key: row for row in rows}
        self._order = [row.key for row in rows]
        if not rows:
            return
        keys = [r.key for r in rows]
        keep = select if select in keys else previous
        target = keys.index(keep) if keep in keys else min(index, len(rows) - 1)
        self.move_cursor(row=target, animate=False, scroll=True)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Textual measures every cell of every new row to size auto-width columns: 10,000
        # cells at the first paint of a centre's board. The board's columns all have
        # fixed widths and its rows one line each, so there is nothing to measure.
        if not any(column.auto_width for column in self.columns.values()):
            new_rows = ()
        super()._update_dimensions(new_rows)

    def _put_row(self, key: str, cells: Sequence[tuple[str, RenderableType]]) -> None:
        """Replace one row's cells, re-rendering only that row.

        DataTable.update_cell bumps a table-wide counter that every render cache is keyed
        on, so one goal logged by a co-user re-rendered every visible row: most of an open
        board's CPU under a cron import. Here only this row's cached renders are dropped.
        It reaches into DataTable's caches (Textual is pinned exactly; the live-refresh
        tests show a stale cell at once).
        """
        row_key = RowKey(key)
        data = self._data[row_key]
        for column, cell in cells:
            data[ColumnKey(column)] = plain(cell)
        index = self._row_locations.get(row_key)
        caches: list[tuple[LRUCache[Any, Any], int, object]] = [
            (self._cell_render_cache, 0, row_key),
            (self._row_render_cache, 0, row_key),
            (self._row_renderable_cache, 1, index),
        ]
        for cache, at, wanted in caches:
            stale = [k for k in cache.keys() if k[at] == wanted]  # noqa: SIM118 (not iterable)
            for cache_key in stale:
                cache.discard(cache_key)
        top = self.header_height if self.show_header else 0  # line-cache keys count it
        lines = {top + y for y, (at, _) in enumerate(self._y_offsets) if at == row_key}
        stale_lines = [k for k in self._line_cache.keys() if k[0] in lines]  # noqa: SIM118
        for cache_key in stale_lines:
            self._line_cache.discard(cache_key)
        if index is not None:
            self.refresh_row(index)

    @property
    def order(self) -> list[str]:
        """The goal keys of the rows, top to bottom."""
        return list(self._order)

    def fits(self, rows: Sequence[BoardRow]) -> bool:
        """The rows that changed since they were drawn still fit the columns shown (a live
        refresh keeps the columns unless a new value would be cut)."""
        columns = {c.key: c for c in self._columns}
        for row in rows:
            if self._shown.get(row.key) is row:
                continue
            texts = {"key": row.key, "owner": row.goal.owner}
            if "value" in columns:
                texts["value"] = value_text(row, narrow=columns["value"].narrow)
            if any(k in columns and len(t) > columns[k].width for k, t in texts.items()):
                return False
        return True

    def update_rows(self, rows: Sequence[BoardRow]) -> int:
        """Redraw, in place, the rows whose goal changed; the rows and their order stay (a
        live refresh must not move the row under the lead's cursor). `rows` must be the
        goals shown now. Returns how many rows changed."""
        palette = Palette.from_app(self.app)
        changed = 0
        for row in rows:
            if self._shown.get(row.key) is row:
                continue
            cells = row_cells(row, self._columns, palette)
            self._put_row(row.key, list(zip((c.key for c in self._columns), cells, strict=True)))
            self._shown[row.key] = row
            changed += 1
        return changed


class FilterInput(Input):
    """The board's text filter; escape asks the board to clear every filter."""

    BINDINGS = [
        Binding("enter", "submit", "Keep filter", id="filter.keep", tooltip="Back to the board"),
        Binding("escape", "clear", "Clear", id="filter.clear", tooltip="Clear every filter"),
    ]

    class Cleared(Message):
        """The lead pressed escape in the filter."""

    def action_clear(self) -> None:
        self.post_message(self.Cleared())


class StatusSummary(Static):
    """The line above the board: how many goals in each status, the sort and the filter."""

    _shown_text: Text | None = None
    _shown_with: tuple[Sequence[BoardRow], int, str, BoardFilter] | None = None

    def show(
        self, shown: Sequence[BoardRow], total: int, sort_label: str, board_filter: BoardFilter
    ) -> None:
        self._shown_with = (shown, total, sort_label, board_filter)
        palette = Palette.from_app(self.app)
        head = Text()
        head.append(f"{len(shown)} goal{'s' if len(shown) != 1 else ''}", style="bold")
        if board_filter.active:
            head.append(f" of {total}")
        # By what the rows read: a stale goal that would read "on track" counts as stale.
        counts = [
            Text(f"{count} {STALE}", style=Style(bold=True, color=palette.warn))
            if status is None
            else Text(f"{count} {status.value}", style=palette.status_style(status))
            for status, count in shown_counts(row.progress for row in shown)
        ]
        details = Text(f"sort: {sort_label}", style="dim")
        if board_filter.active:
            details.append(f"   filter: {board_filter.describe()} (esc clears)")
        else:
            details.append("   ctrl+p: find a goal, filter, sort")
        text = Text("\n").join(summary_lines(head, counts, details, self.size.width))
        if text != self._shown_text:  # an unchanged line costs no layout pass of the screen
            self._shown_text = text
            self.update(text)

    def on_resize(self) -> None:
        if self._shown_with is not None:
            self.show(*self._shown_with)


def summary_lines(head: Text, counts: Sequence[Text], details: Text, width: int) -> list[Text]:
    """The counts after `head`, two spaces apart, then `details` on a line of its own. At 80
    columns a busy board's counts need more room: one space apart, and what still does not
    fit starts the second line, so no count is ever cut off ("1 achieved" included)."""
    for gap in ("  ", " "):
        line = Text(gap).join([head, *counts])
        if not width or line.cell_len <= width:
            return [line, details]
    first, rest = head.copy(), list(counts)
    while rest and first.cell_len + 1 + rest[0].cell_len <= width:
        first = Text(" ").join([first, rest.pop(0)])
    return [first, Text("   ").join([Text(" ").join(rest), details])]


def info_text(row: BoardRow | None, today: date | None = None, width: int = 0) -> Text:
    """About the highlighted goal: what the narrow board leaves out, and what its marks
    mean (stale since when, unusual which way). One line when it fits in `width` cells;
    else the title and owner, then the marks, pace, due date and forecast on a line of
    their own, so the figures are never the part cut off."""
    if row is None:
        return Text("")
    goal, progress = row.goal, row.progress
    who = [Text(goal.title, style="bold"), Text(f"{goal.owner} ({goal.level.value})")]
    marks, figures = [], []
    if progress.stale and progress.current_day is not None and today is not None:
        marks.append(Text(stale_words(progress.current_day, today, short=True), style="bold"))
    if progress.unusual:
        marks.append(Text(UNUSUAL_WORDS[progress.unusual], style="bold"))
    if progress.expected_percent is not None:
        figures.append(Text(f"pace {fmt.percent(progress.expected_percent)}"))
    if goal.due is not None:
        figures.append(Text(f"due {goal.due.isoformat()}"))
    if progress.forecast is not None and progress.status is not Status.ACHIEVED:
        figures.append(Text(f"forecast {progress.forecast.isoformat()}"))
    one_line = Text(" · ").join(who + marks + figures)
    if not width or one_line.cell_len <= width or not marks + figures:
        return one_line
    # Two lines: the marks go with the figures, or else with the title; if neither fits,
    # the marks are said short ("unusually good": the detail says more), never the
    # forecast cut off.
    for first, second in ((who, marks + figures), (who + marks, figures)):
        lines = [Text(" · ").join(first), Text(" · ").join(second)]
        if all(line.cell_len <= width for line in lines):
            return Text("\n").join(lines)
    if progress.unusual:
        marks[-1] = Text(UNUSUAL_SHORT[progress.unusual], style="bold")
    return Text("\n").join([Text(" · ").join(who), Text(" · ").join(marks + figures)])
