"""The progress board: the home screen, one row per goal in a single DataTable."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, Static

from goaltui.core.board_rows import (
    HORIZONS,
    SHORT_TERM_DAYS,
    SORT_LABELS,
    BoardFilter,
    BoardRow,
    SortKey,
    build_rows,
    next_sort,
    statuses,
    visible_rows,
)
from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.models import GoalStatus, Level
from goaltui.core.progress import Status
from goaltui.core.snapshot import Token
from goaltui.core.wins import Win
from goaltui.store import activity
from goaltui.store.store import Store
from goaltui.widgets import board as board_widgets
from goaltui.widgets.board import BoardTable, FilterInput, StatusSummary, info_text
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from screens.wins import celebrate, record_wins

EMPTY_TEXT = "No goals yet \u2013 press [b]n[/b] to write your first SMART goal"
NO_MATCH_TEXT = "No goal matches the filter \u2013 press [b]escape[/b] to clear it"
LEVELS: tuple[Level | None, ...] = (None, Level.CENTER, Level.TEAM, Level.AGENT)
FILTER = Binding.Group("Filter", compact=True)
VIEWS = Binding.Group("Views", compact=True)  # review, tree, wins: one footer entry


@dataclass(frozen=True)
class BoardData:
    """One read for the board: rows as of `today`, and others' changes since the last read."""

    rows: list[BoardRow]
    today: date
    token: Token | None
    changes: list[activity.Change]
    mark: activity.Mark


@dataclass
class WinsFound(Message):
    """The board's reader recorded new wins (issue 6): celebrate them."""

    wins: list[Win]


class BoardScreen(Screen[None]):
    """Every goal at a glance: sparkline, value, progress, pace, status, days left, milestones."""

    BINDINGS = [
        Binding("n", "new_goal", "New", id="board.new", tooltip="Write a new SMART goal"),
        Binding("e", "edit_goal", "Edit", id="board.edit", tooltip="Edit the selected goal"),
        Binding(
            "m",
            "milestones",
            "Milestones",
            id="board.milestones",
            tooltip="Milestones of the selected goal",
        ),
        Binding(
            "c",
            "checkin",
            "Check-in",
            id="board.checkin",
            tooltip="Log today's values, goal by goal",
        ),
        Binding(
            "r",
            "review",
            "Review",
            id="board.review",
            group=VIEWS,
            tooltip="Review mode: the goals shown, one per page, with minutes",
        ),
        # Issue 6: the alignment tree and the wins list, grouped with review in the footer.
        Binding(
            "t",
            "tree",
            "Tree",
            id="board.tree",
            group=VIEWS,
            tooltip="Alignment tree with rolled-up progress",
        ),
        Binding(
            "w",
            "wins",
            "Wins",
            id="board.wins",
            group=VIEWS,
            tooltip="This week's wins and kudos for the huddle",
        ),
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            id="board.sort",
            tooltip="Sort by status, due date, progress, key",
        ),
        # Issue 6: the goal life cycle (in help `?`, not in the footer: 80 columns are full).
        Binding(
            "x",
            "close_goal",
            "Close",
            id="board.close",
            show=False,
            tooltip="Achieved, missed, archive or reactivate",
        ),
        Binding(
            "slash",
            "filter_text",
            "Filter",
            id="board.filter",
            group=FILTER,
            tooltip="Filter by text",
        ),
        Binding(
            "o",
            "filter_owner",
            "Owner",
            id="board.owner",
            group=FILTER,
            tooltip="Only the selected owner",
        ),
        Binding(
            "l",
            "filter_level",
            "Level",
            id="board.level",
            group=FILTER,
            tooltip="Cycle center/team/agent",
        ),
        Binding(
            "f",
            "filter_status",
            "Status",
            id="board.status",
            group=FILTER,
            tooltip="Cycle the statuses",
        ),
        Binding(
            "h",
            "filter_horizon",
            "Horizon",
            id="board.horizon",
            group=FILTER,
            tooltip=f"Cycle short-term (due in {SHORT_TERM_DAYS} days) / long-term",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear",
            id="board.clear",
            show=False,
            tooltip="Clear every filter",
        ),
        Binding("q", "app.quit", "Quit", id="board.quit", tooltip="Leave goaltui"),
    ]

    CSS_PATH = [board_widgets.STYLESHEET, "board.tcss"]

    def __init__(
        self, store: Store, clock: Clock, *, sort: SortKey = "status", refresh_seconds: float = 2.0
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.sort: SortKey = sort
        self.board_filter = BoardFilter()
        self.rows: list[BoardRow] = []
        self.shown: list[BoardRow] = []
        self._today: date | None = None
        self._mark: activity.Mark | None = None  # what others' writes are compared with
        self.live = LiveReader(
            self, store, self._read_live, stale=self._new_day, group="board-load"
        )
        self._select: str | None = None
        self._refresh_seconds = refresh_seconds

    def compose(self) -> ComposeResult:
        yield StatusSummary(id="summary")
        with Horizontal(id="filter-bar"):
            yield Label("filter:")
            yield FilterInput(placeholder="key, title or owner", id="filter")
        yield BoardTable(id="board")
        yield Static(EMPTY_TEXT, id="empty")
        yield Static(id="info")
        # ctrl+p is named on the summary line: the footer's room goes to the board's keys.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        # The first load is synchronous: the first painted frame already shows the goals
        # (no flash of the empty state, and a deterministic first frame for snapshots).
        before = self.store.change_token()
        self.run_worker(self._settle_in, thread=True, group="settle")
        try:
            self._apply(*self._read())
        except GoaltuiError as exc:
            self._apply([], self.clock.today(), before)
            self._report(str(exc))
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._render_rows())
        self.live.start(self.live.token, self._refresh_seconds)
        self.query_one(BoardTable).focus()

    # -- data -------------------------------------------------------------------------

    def _settle_in(self) -> None:
        """In a worker, off the first paint (both scan every record): record the wins from
        before this session without fanfare, and take the mark that others' later writes
        are compared with."""
        record_wins(self.store)
        with contextlib.suppress(GoaltuiError):
            _, mark = self.store.activity_since(None)
            self.app.call_from_thread(self._first_mark, mark)

    def _first_mark(self, mark: activity.Mark) -> None:
        if self._mark is None:  # a reload may have taken a newer one meanwhile
            self._mark = mark

    def reload(self, select: str | None = None) -> None:
        """Re-read the store in a worker; optionally put the cursor on `select` afterwards."""
        if select is not None:
            self._select = select
        self._load()

    def _poll(self) -> None:
        # One stat per tick: others (the CLI, a second session) may log check-ins.
        self.live.poll()

    def _new_day(self) -> bool:
        return self.clock.today() != self._today

    @property
    def _token(self) -> object:
        """The change token of what the board shows."""
        return self.live.token

    def _read(self) -> tuple[list[BoardRow], date, Token | None]:
        """Rows, the day they are as of, and the store's change token."""
        snapshot, today = self.store.snapshot(), self.clock.today()
        return build_rows(snapshot, today), today, snapshot.token

    def _load(self) -> None:
        self.live.load()

    def _read_live(self) -> BoardData:
        """In the worker: the rows, and what others changed since the last read."""
        if wins := record_wins(self.store):
            self.post_message(WinsFound(wins))
        rows, today, token = self._read()
        changes, mark = self.store.activity_since(self._mark)
        return BoardData(rows, today, token, changes, mark)

    @on(LiveLoaded)
    def _rows_loaded(self, message: LiveLoaded) -> None:
        data = self.live.take(message)
        self._apply(data.rows, data.today, data.token)
        self._mark = data.mark
        if lines := activity.describe(data.changes):
            self.notify("\n".join(lines), title="Changed by others", timeout=8)

    @on(WinsFound)
    def _wins_found(self, message: WinsFound) -> None:
        celebrate(self, message.wins)

    @on(LiveFailed)
    def _load_failed(self, message: LiveFailed) -> None:
        # The poll retries when the file changes again, not every tick with a new toast.
        self._report(self.live.failed(message))

    def _report(self, error: str) -> None:
        self.notify(error, title="Cannot read the data file", severity="error", timeout=30)

    def _apply(self, rows: list[BoardRow], today: date, token: Token | None) -> None:
        self.rows, self._today, self.live.token = rows, today, token
        self._render_rows()

    def _render_rows(self) -> None:
        table = self.query_one(BoardTable)
        self.shown = visible_rows(self.rows, self.board_filter, self.sort)
        width = self.size.width or self.app.size.width
        table.show_rows(self.shown, width, fit=self.rows, select=self._select)
        if table.selected_key == self._select:
            self._select = None  # done; else kept until the goal shows (after a reload)
        self.set_class(not self.shown, "-empty")
        empty = self.query_one("#empty", Static)
        empty.update(NO_MATCH_TEXT if self.rows else EMPTY_TEXT)
        self.query_one(StatusSummary).show(
            self.shown, len(self.rows), SORT_LABELS[self.sort], self.board_filter
        )
        self._update_info()
        self.refresh_bindings()

    def on_resize(self, event: Resize) -> None:
        # Rebuilding throws away the table's row cache: only do it when the columns change.
        if self.rows and self.query_one(BoardTable).needs_layout(event.size.width, self.rows):
            self._render_rows()

    # -- selection --------------------------------------------------------------------

    @property
    def selected(self) -> BoardRow | None:
        key = self.query_one(BoardTable).selected_key
        return next((r for r in self.shown if r.key == key), None)

    @on(DataTable.RowHighlighted)
    def _update_info(self) -> None:
        self.query_one("#info", Static).update(info_text(self.selected))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_goal(event.row_key.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"edit_goal", "milestones", "filter_owner", "close_goal"} and not self.shown:
            return None  # shown dimmed: there is no goal to act on
        return True

    # -- actions ----------------------------------------------------------------------

    def open_goal(self, key: str) -> None:
        from screens.detail import DetailScreen

        self.app.push_screen(
            DetailScreen(self.store, self.clock, key), lambda _changed: self.reload(key)
        )

    def edit_goal(self, key: str | None) -> None:
        """Open the goal form: `key` None writes a new goal."""
        from screens.goal_form import GoalFormScreen

        goal = None
        if key is not None:
            try:
                goal = self.store.goal(key)
            except GoaltuiError as exc:
                self.notify(str(exc), severity="error")
                return
        # The form dismisses with the saved goal's key (None when cancelled).
        self.app.push_screen(GoalFormScreen(self.store, self.clock, goal), self.reload)

    def open_milestones(self, key: str) -> None:
        from screens.milestones import MilestonesScreen

        self.app.push_screen(
            MilestonesScreen(self.store, self.clock, key), lambda _changed: self.reload(key)
        )

    def open_checkin(self) -> None:
        from screens.checkin import CheckInScreen

        self.app.push_screen(CheckInScreen(self.store, self.clock), lambda _changed: self.reload())

    def action_checkin(self) -> None:
        self.open_checkin()

    def action_review(self) -> None:
        """Review the goals the board shows, in its order (its filter picks them)."""
        from screens.review import ReviewScreen

        keys = [row.key for row in self.shown]
        self.app.push_screen(
            ReviewScreen(self.store, self.clock, keys), lambda _changed: self.reload()
        )

    def action_new_goal(self) -> None:
        self.edit_goal(None)

    def action_edit_goal(self) -> None:
        if (row := self.selected) is not None:
            self.edit_goal(row.key)

    def action_milestones(self) -> None:
        if (row := self.selected) is not None:
            self.open_milestones(row.key)

    def action_cycle_sort(self) -> None:
        self.set_sort(next_sort(self.sort))

    def set_sort(self, sort: SortKey) -> None:
        self.sort = sort
        self._render_rows()
        self.notify(f"Sorted by {SORT_LABELS[sort]}", timeout=2)

    def set_filter(self, board_filter: BoardFilter) -> None:
        self.board_filter = board_filter
        self._render_rows()

    def action_filter_text(self) -> None:
        self.query_one("#filter-bar").add_class("-shown")
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.set_filter(self.board_filter.with_(text=event.value))

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        if not self.query_one("#filter", Input).value.strip():
            self.query_one("#filter-bar").remove_class("-shown")
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

    def action_tree(self) -> None:
        from screens.tree import AlignmentScreen

        self.app.push_screen(AlignmentScreen(self.store, self.clock), lambda _c: self.reload())

    def action_wins(self) -> None:
        from screens.wins import WinsScreen

        self.app.push_screen(WinsScreen(self.store, self.clock), lambda _c: self.reload())

    def action_close_goal(self) -> None:
        from screens.close_goal import CloseGoalScreen

        row = self.selected
        if row is None:
            return
        key = row.key

        def chosen(status: GoalStatus | None) -> None:
            if status is None:
                return
            try:
                self.store.set_status(key, status)
            except GoaltuiError as exc:
                self.notify(str(exc), title=f"{key} not changed", severity="error")
                return
            self.notify(f"{key} is now {status.value}", timeout=3)
            self.reload()

        self.app.push_screen(CloseGoalScreen(key, row.goal.status), chosen)

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
        self.query_one("#filter-bar").remove_class("-shown")
        self.query_one(BoardTable).focus()
        if self.board_filter.active:
            self.set_filter(BoardFilter())
