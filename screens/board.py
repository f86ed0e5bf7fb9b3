"""The progress board: the home screen, one row per goal in a single DataTable.

Every read runs in a thread worker (the board's LiveReader, which also polls); the
screen applies what it posts. Until the first read arrives the board says it is
reading, not that there are no goals. Sorting and filters are in board_filters.py,
what the keys open and change in board_actions.py, the keys in board_keys.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Label, Static

from goaltui.core.attention import STALE_DAYS
from goaltui.core.board_rows import BoardRow, RowCache, SortKey, build_rows
from goaltui.core.clock import Clock
from goaltui.core.snapshot import Token
from goaltui.core.wins import Win
from goaltui.store import activity
from goaltui.store.store import Store
from goaltui.widgets import board as board_widgets
from goaltui.widgets.board import BoardTable, FilterInput, StatusSummary
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from goaltui.widgets.notice_batch import NoticeBatch
from goaltui.widgets.reads import read_then
from screens.board_actions import BoardActions
from screens.board_filters import EMPTY_TEXT, LOADING_TEXT, NO_MATCH_TEXT
from screens.board_keys import BOARD_BINDINGS
from screens.wins import celebrate, record_wins

__all__ = ["EMPTY_TEXT", "NO_MATCH_TEXT", "BoardData", "BoardScreen"]


@dataclass(frozen=True)
class BoardData:
    """One read for the board: rows as of `today`, and others' changes since the last read
    (`mark` None: the board has not settled in yet, so there is nothing to compare with)."""

    rows: list[BoardRow]
    today: date
    token: Token | None
    changes: list[activity.Change]
    mark: activity.Mark | None


@dataclass
class WinsFound(Message):
    """The board's reader recorded new wins (issue 6): celebrate them."""

    wins: list[Win]


class BoardScreen(BoardActions):
    """Every goal at a glance: sparkline, value, progress, pace, status, days left, milestones."""

    HELP_TITLE = "board"

    BINDINGS = BOARD_BINDINGS
    CSS_PATH = [board_widgets.STYLESHEET, "board.tcss"]

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        sort: SortKey = "status",
        refresh_seconds: float = 2.0,
        stale_days: int = STALE_DAYS,
    ) -> None:
        super().__init__(sort)
        self.store = store
        self.clock = clock
        self._mark: activity.Mark | None = None  # what others' writes are compared with
        self.live = LiveReader(
            self, store, self._read_live, stale=self._new_day, group="board-load"
        )
        self._refresh_seconds = refresh_seconds
        self.stale_days = stale_days  # working days without a value before "stale"
        self._row_cache = RowCache()  # a refresh evaluates only the goals that changed
        self._changes = NoticeBatch(self, "Changed by others")  # one toast per burst

    def compose(self) -> ComposeResult:
        yield StatusSummary(id="summary")
        with Horizontal(id="filter-bar"):
            yield Label("filter:", markup=False)
            field = FilterInput(placeholder="key, title or owner", id="filter")
            # Hidden, it must not take the focus (keys typed while the app starts are
            # board keys); "/" shows it and makes it focusable.
            field.can_focus = False
            yield field
        yield BoardTable(id="board")
        yield Static(LOADING_TEXT, id="empty")  # our own markup only
        yield Static(id="info", markup=False)
        # ctrl+p is named on the summary line: the footer's room goes to the board's keys.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._render_rows()  # "reading the data file" until the first read arrives
        self.live.load()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._render_rows())
        self.live.start(None, self._refresh_seconds)
        self.query_one(BoardTable).focus()

    # -- data -------------------------------------------------------------------------

    def _settle_in(self) -> activity.Mark:
        record_wins(self.store)
        _, mark = self.store.activity_since(None)
        return mark

    def _first_mark(self, mark: activity.Mark) -> None:
        if self._mark is None:  # a reload may have taken a newer one meanwhile
            self._mark = mark

    def reload(self, select: str | None = None) -> None:
        """Re-read the store in a worker; optionally put the cursor on `select` afterwards."""
        if select is not None:
            self._select = select
        self.live.load()

    def _poll(self) -> None:
        # One stat per tick: others (the CLI, a second session) may log check-ins.
        self.live.poll()

    def _new_day(self) -> bool:
        return self._today is not None and self.clock.today() != self._today

    @property
    def _token(self) -> object:
        """The change token of what the board shows."""
        return self.live.token

    def _read_live(self) -> BoardData:
        """In the worker: the rows, and what others changed since the last read."""
        settled = self._mark is not None  # before that, old wins are the settle's to record
        if settled and (wins := record_wins(self.store)):
            self.post_message(WinsFound(wins))
        snapshot, today = self.store.snapshot(), self.clock.today()
        rows = build_rows(snapshot, today, self._row_cache, self.stale_days)
        if not settled:
            return BoardData(rows, today, snapshot.token, [], None)
        changes, mark = self.store.activity_since(self._mark)
        return BoardData(rows, today, snapshot.token, changes, mark)

    @on(LiveLoaded)
    def _rows_loaded(self, message: LiveLoaded) -> None:
        data = self.live.take(message)
        first, new_day = self._today is None, data.today != self._today
        self.rows, self._today = data.rows, data.today
        if first or new_day or self._select is not None or not self._refresh_in_place():
            self._render_rows()
        if first:
            # After the first paint, not beside it (both want the CPU): record the wins from
            # before this session without fanfare, and take the mark that others' later
            # writes are compared with.
            read_then(self, self._settle_in, self._first_mark, lambda _error: None, group="settle")
            if not self.query_one("#filter-bar").has_class("-shown"):
                # The table was hidden behind "reading" and could not take the focus on
                # mount (unless the lead already opened the filter to type in it).
                self.query_one(BoardTable).focus()
        if data.mark is not None:
            self._mark = data.mark
        self._changes.add(activity.describe(data.changes))

    @on(WinsFound)
    def _wins_found(self, message: WinsFound) -> None:
        celebrate(self, message.wins)

    @on(LiveFailed)
    def _load_failed(self, message: LiveFailed) -> None:
        # The poll retries when the file changes again, not every tick with a new toast.
        error = self.live.failed(message)
        if self._today is None:  # the first read: show an empty board, not "reading" for good
            self._today = self.clock.today()
            self._render_rows()
        self.notify(error, title="Cannot read the data file", severity="error", timeout=30)
