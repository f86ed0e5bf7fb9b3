"""What the board shows of the rows it read: the sort, the filters, the selection and the
lines around the table. No store calls here: the rows come from the board's reader."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from goaltui.core.board_rows import (
    HORIZONS,
    SORT_LABELS,
    BoardFilter,
    BoardRow,
    SortKey,
    next_sort,
    statuses,
    visible_rows,
)
from goaltui.core.models import Level
from goaltui.core.progress import Status
from goaltui.widgets.board import BoardTable, FilterInput, StatusSummary, info_text

EMPTY_TEXT = "No goals yet \u2013 press [b]n[/b] to write your first SMART goal"
NO_MATCH_TEXT = "No goal matches the filter \u2013 press [b]escape[/b] to clear it"
LOADING_TEXT = "Reading the data file\u2026"
LEVELS: tuple[Level | None, ...] = (None, Level.CENTER, Level.TEAM, Level.AGENT)


class BoardFilters(Screen[None]):
    """The rows, how they are sorted and filtered, and the goal under the cursor."""

    _info_text: Text | None = None  # what the info line shows

    def __init__(self, sort: SortKey) -> None:
        super().__init__()
        self.sort: SortKey = sort
        self.board_filter = BoardFilter()
        self.rows: list[BoardRow] = []
        self.shown: list[BoardRow] = []
        self._today: date | None = None  # None until the first read arrived
        self._select: str | None = None  # put the cursor here once the goal shows

    def _render_rows(self) -> None:
        table = self.query_one(BoardTable)
        self.shown = visible_rows(self.rows, self.board_filter, self.sort)
        width = self.size.width or self.app.size.width
        table.show_rows(self.shown, width, fit=self.rows, select=self._select)
        if table.selected_key == self._select:
            self._select = None  # done; else kept until the goal shows (after a reload)
        self.set_class(not self.shown, "-empty")
        empty = self.query_one("#empty", Static)
        if self._today is None:
            empty.update(LOADING_TEXT)  # not "no goals": they have not been read yet
        else:
            empty.update(NO_MATCH_TEXT if self.rows else EMPTY_TEXT)
        self.query_one(StatusSummary).show(
            self.shown, len(self.rows), SORT_LABELS[self.sort], self.board_filter
        )
        self._update_info()
        self.refresh_bindings()

    def _refresh_in_place(self) -> bool:
        """After someone else's write: redraw only the rows that changed, in the order the
        lead sees (rows do not jump under the cursor; the next sort or filter re-orders).
        False when other goals are shown now, so the table must be rebuilt."""
        table = self.query_one(BoardTable)
        fresh = visible_rows(self.rows, self.board_filter, self.sort)
        order = table.order
        if {r.key for r in fresh} != set(order) or not table.fits(fresh):
            return False
        by_key = {r.key: r for r in fresh}
        self.shown = [by_key[k] for k in order]
        table.update_rows(self.shown)
        self.query_one(StatusSummary).show(
            self.shown, len(self.rows), SORT_LABELS[self.sort], self.board_filter
        )
        self._update_info()
        return True

    def on_resize(self, event: Resize) -> None:
        # Rebuilding throws away the table's row cache: only do it when the columns change.
        if self.rows and self.query_one(BoardTable).needs_layout(event.size.width, self.rows):
            self._render_rows()
        else:
            self.call_after_refresh(self._update_info)  # one line or two fits the new width

    # -- selection --------------------------------------------------------------------

    @property
    def selected(self) -> BoardRow | None:
        key = self.query_one(BoardTable).selected_key
        return next((r for r in self.shown if r.key == key), None)

    @on(DataTable.RowHighlighted)
    def _update_info(self) -> None:
        info = self.query_one("#info", Static)
        width = info.content_region.width or self.size.width - 2
        text = info_text(self.selected, self._today, width)
        if text != self._info_text:  # unchanged: no layout pass of the whole screen
            self._info_text = text
            info.update(text)

    # -- sort and filters -------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        self.set_sort(next_sort(self.sort))

    def set_sort(self, sort: SortKey) -> None:
        self.sort = sort
        self._render_rows()
        self.notify(f"Sorted by {SORT_LABELS[sort]}", timeout=2)

    def set_filter(self, board_filter: BoardFilter) -> None:
        self.board_filter = board_filter
        self._render_rows()

    def _show_filter_bar(self, shown: bool) -> None:
        # Hidden, the filter must not take the focus: keys typed before the first read
        # (or after escape) are the board's keys, not a filter text.
        self.query_one("#filter-bar").set_class(shown, "-shown")
        self.query_one("#filter", Input).can_focus = shown

    def action_filter_text(self) -> None:
        self._show_filter_bar(True)
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.set_filter(self.board_filter.with_(text=event.value))

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        if not self.query_one("#filter", Input).value.strip():
            self._show_filter_bar(False)
        self.query_one(BoardTable).focus()

    def action_filter_owner(self) -> None:
        row = self.selected
        if self.board_filter.owner is not None:
            self.set_filter(self.board_filter.with_(owner=None))
        elif row is not None:
            self.set_filter(self.board_filter.with_(owner=row.goal.owner))

    def action_filter_level(self) -> None:
        nxt = LEVELS[(LEVELS.index(self.board_filter.level) + 1) % len(LEVELS)]
        self.set_filter(self.board_filter.with_(level=nxt))

    def action_filter_horizon(self) -> None:
        nxt = HORIZONS[(HORIZONS.index(self.board_filter.horizon) + 1) % len(HORIZONS)]
        self.set_filter(self.board_filter.with_(horizon=nxt))

    def action_filter_status(self) -> None:
        cycle: list[Status | None] = [None, *statuses(self.rows)]
        current = self.board_filter.status if self.board_filter.status in cycle else None
        nxt = cycle[(cycle.index(current) + 1) % len(cycle)]
        self.set_filter(self.board_filter.with_(status=nxt))

    @on(FilterInput.Cleared)
    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        with field.prevent(Input.Changed):
            field.value = ""
        self._show_filter_bar(False)
        self.query_one(BoardTable).focus()
        if self.board_filter.active:
            self.set_filter(BoardFilter())
