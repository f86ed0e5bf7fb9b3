"""The wallboard screen: a read-only, full-screen board for a TV on the call-centre floor.

Large status counts on top, then the goals as rows (the board's own cells: sparkline,
now→target, bar, status, days left), a page at a time when there are more goals than fit;
the pages rotate every `page_seconds`. The data file is polled like the board does (one
stat every couple of seconds) and re-read in a thread worker when someone wrote it.
No key is needed after start; `q` quits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Digits, Label, Static

from goaltui.core.attention import STALE_DAYS
from goaltui.core.board_rows import BoardFilter, BoardRow, RowCache, build_rows, visible_rows
from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.models import GoalStatus
from goaltui.core.progress import Status
from goaltui.core.status_words import STALE, shown_counts
from goaltui.core.wall_view import EVERY_GOAL, WallView, shown_on_wall
from goaltui.store.store import Store
from goaltui.widgets.ascii_digits import ascii_rows
from goaltui.widgets.block_digits import block_digits, wall_scale
from goaltui.widgets.board_cells import Palette
from goaltui.widgets.board_columns import row_cells, wall_columns
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader

# The count tiles, in board order; the tone picks the tile's colour.
# None is "stale": the goals that would read on track or achieved on a value nobody renewed.
TILES: tuple[tuple[Status | None, str], ...] = (
    (Status.OVERDUE, "bad"),
    (Status.BEHIND, "bad"),
    (Status.OUTSIDE, "warn"),  # shown only while some band goal is outside its band
    (Status.AT_RISK, "warn"),
    (None, "warn"),  # shown only while some goal reads stale
    (Status.ON_TRACK, "good"),
    (Status.ACHIEVED, "good"),
    (Status.NO_DATA, "none"),
    (Status.NOT_STARTED, "none"),  # shown only while some goal has not started yet
)
_ONLY_WHEN_SEEN = frozenset({Status.NOT_STARTED, Status.OUTSIDE, None})


def ascii_digits(number: int) -> str:
    """`number` three lines tall in plain ASCII."""
    return "\n".join(ascii_rows(str(number)))


def wall_rows(rows: list[BoardRow], view: WallView = EVERY_GOAL) -> list[BoardRow]:
    """What the wall shows: every goal but the archived and private ones (and what `view`
    leaves off), needs-attention first."""
    live = [r for r in rows if r.goal.status is not GoalStatus.ARCHIVED]
    return shown_on_wall(visible_rows(live, BoardFilter(), "status"), view)


class CountTile(Vertical):
    """One status: its count in large digits and its name."""

    def __init__(self, status: Status | None, tone: str, ascii: bool) -> None:
        name = "stale" if status is None else status.name.lower().replace("_", "-")
        super().__init__(classes=f"-{tone}", id=f"count-{name}")
        self.status = status
        self.ascii = ascii
        self.count = 0
        self.scale = 1  # set by the screen: 1 is Digits' three rows, more on a TV
        self.display = status not in _ONLY_WHEN_SEEN

    def compose(self) -> ComposeResult:
        yield Static(ascii_digits(0), classes="digits", markup=False) if self.ascii else Digits("0")
        yield Static(classes="big-digits", markup=False)
        yield Label(STALE if self.status is None else self.status.value, markup=False)

    def show(self, count: int, scale: int | None = None) -> None:
        self.count = count
        self.scale = scale or self.scale
        self.set_class(count == 0, "-zero")
        self.set_class(self.scale > 1, "-big")
        if self.scale > 1:
            big = block_digits(str(count), self.scale, self.ascii)
            self.query_one(".big-digits", Static).update(big)
        elif self.ascii:
            self.query_one(".digits", Static).update(ascii_digits(count))
        else:
            self.query_one(Digits).update(str(count))
        if self.status in _ONLY_WHEN_SEEN:
            self.display = count > 0


@dataclass(frozen=True)
class WallData:
    """One read of the store: the wall's rows as of `today`, read at `at`."""

    rows: list[BoardRow]
    today: date
    at: datetime


class WallboardScreen(Screen[None]):
    """Counts, goal rows and rotating pages; polls the store through a LiveReader."""

    HELP_TITLE = "wallboard"

    CSS_PATH = "wallboard.tcss"

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        page_seconds: float = 15.0,
        refresh_seconds: float = 2.0,
        ascii: bool = False,
        view: WallView = EVERY_GOAL,
        stale_days: int = STALE_DAYS,
    ) -> None:
        super().__init__()
        self.store = store
        self.view = view
        self.stale_days = stale_days  # working days without a value before "stale"
        self.clock = clock
        self.page_seconds = page_seconds
        self.refresh_seconds = refresh_seconds
        self.ascii = ascii
        self.rows: list[BoardRow] = []
        self._row_cache = RowCache()  # a refresh evaluates only the goals that changed
        self.page = 0
        self.error = ""
        self._today: date | None = None
        self._loaded_at: datetime | None = None
        self.live: LiveReader[WallData] = LiveReader(
            self, store, self._read, stale=self._new_day, group="wall-load"
        )

    def compose(self) -> ComposeResult:
        yield Static(id="heading", markup=False)
        with Horizontal(id="counts"):
            for status, tone in TILES:
                yield CountTile(status, tone, self.ascii)
        yield Static(id="goals", markup=False)
        yield Static(id="pages", markup=False)

    def on_mount(self) -> None:
        # The first read is synchronous, so the first frame already shows the goals.
        before = self.store.change_token()
        try:
            self._apply(self._read())
        except GoaltuiError as exc:
            self.error, self._today = str(exc), self.clock.today()  # retried on the next write
        self.live.start(before, self.refresh_seconds)
        self.set_interval(self.page_seconds, self.next_page)
        self.call_after_refresh(self.show_page)

    # -- data -------------------------------------------------------------------------

    def _read(self) -> WallData:
        today = self.clock.today()
        snapshot = self.store.snapshot()
        rows = wall_rows(build_rows(snapshot, today, self._row_cache, self.stale_days), self.view)
        return WallData(rows, today, self.clock.now())

    def _new_day(self) -> bool:
        return self.clock.today() != self._today

    @on(LiveLoaded)
    def _loaded(self, message: LiveLoaded) -> None:
        self._apply(self.live.take(message))
        self.show_page()

    @on(LiveFailed)
    def _failed(self, message: LiveFailed) -> None:
        self.error, self._today = self.live.failed(message), self.clock.today()
        self.show_page()

    def _apply(self, data: WallData) -> None:
        self.rows, self._today, self._loaded_at = data.rows, data.today, data.at
        self.error = ""
        counts: dict[Status | None, int] = {status: 0 for status, _ in TILES}
        for status, count in shown_counts(row.progress for row in self.rows):
            if status in counts:
                counts[status] = count
        for tile in self.query(CountTile):
            tile.show(counts[tile.status])

    # -- pages ------------------------------------------------------------------------

    @property
    def page_size(self) -> int:
        """Goal rows that fit under the table's header line."""
        return max(1, self.query_one("#goals").size.height - 1)

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self.rows) / self.page_size))

    def next_page(self) -> None:
        self.page = (self.page + 1) % self.page_count
        self.show_page()

    def on_resize(self, event: Resize) -> None:
        scale = wall_scale(event.size.width, event.size.height)
        for tile in self.query(CountTile):
            if tile.scale != scale:
                tile.show(tile.count, scale)
        self.call_after_refresh(self.show_page)

    def show_page(self) -> None:
        """Draw the heading, the current page of goals and the page line."""
        self.page = min(self.page, self.page_count - 1)
        heading = Text.assemble(("goaltui wallboard", "bold"), f"   {len(self.rows)} goals")
        if self.view.teams_only:  # so nobody on the floor wonders where their goal went
            heading.append(" (team goals)")
        if self.error:  # before the time, so a narrow screen still shows it
            heading.append(f"   cannot read the data file: {self.error}", style="bold red")
        if self._loaded_at is not None:
            heading.append(f"   updated {self._loaded_at:%a %d %b %H:%M}", style="dim")
        self.query_one("#heading", Static).update(heading)
        goals = self.query_one("#goals", Static)
        start = self.page * self.page_size
        shown = self.rows[start : start + self.page_size]
        goals.update(self._table(shown) if self.rows else Text("No goals yet.", style="italic"))
        pages = f"page {self.page + 1}/{self.page_count}" if self.page_count > 1 else ""
        self.query_one("#pages", Static).update(pages)

    def _table(self, shown: list[BoardRow]) -> Table:
        width = self.query_one("#goals").size.width or self.size.width
        columns = wall_columns(width + 1, self.rows)  # +1: no scrollbar here
        palette = Palette.from_app(self.app)
        # A TV is read from afar: blank lines between rows when the page has the room
        # (two on a tall screen).
        height = self.query_one("#goals").size.height
        leading = min(2, (height - 1) // max(1, len(shown)) - 1) if len(shown) > 1 else 0
        table = Table(box=None, padding=(0, 1), header_style="bold", show_edge=False)
        for column in columns:
            table.add_column(
                column.label,
                width=column.width,
                justify="right" if column.right else "left",
                no_wrap=True,
            )
        for i, row in enumerate(shown):
            for _ in range(leading if i else 0):
                table.add_row()  # Rich draws `leading` only between boxed rows
            table.add_row(*row_cells(row, columns, palette))
        return table
