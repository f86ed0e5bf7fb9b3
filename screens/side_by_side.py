"""Side by side (`v` on the board): every agent's goal on the highlighted goal's metric,
what needs attention first. For the lead's eyes: the floor has the wallboard.

Read in a worker (LiveReader); owners, keys and units go in as plain text (PlainTable).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from goaltui.core import formatting as fmt
from goaltui.core.board_rows import BoardRow, build_rows
from goaltui.core.clock import Clock
from goaltui.core.side_by_side import distance_text, side_by_side
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette, days_text, progress_status_text, sparkline
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from goaltui.widgets.plain_table import PlainTable

WIDE = 100  # from this many columns the names and the sparkline get more room


class SideBySideScreen(Screen[bool]):
    """One metric, every agent: latest value, 30-day sparkline, distance, status, days left."""

    HELP_TITLE = "side by side"

    BINDINGS = [
        Binding("escape", "back", "Back", id="side.back", tooltip="Back to the board"),
    ]

    CSS_PATH = "side_by_side.tcss"

    def __init__(self, store: Store, clock: Clock, metric: str, key: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.metric = metric
        self.key = key  # the board's goal: the cursor starts on it when it is listed
        self.rows: list[BoardRow] = []
        self.loaded = False
        self.live: LiveReader[list[BoardRow]] = LiveReader(
            self, store, self._read, group="side-load"
        )

    def compose(self) -> ComposeResult:
        yield Static("Reading…", id="side-head", markup=False)
        yield PlainTable(
            id="side",
            cursor_type="row",
            zebra_stripes=True,
            cursor_foreground_priority="renderable",  # status colours on the highlighted row too
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.live.start(None)
        self.live.load()
        self.query_one(DataTable).focus()

    def _read(self) -> list[BoardRow]:
        today = self.clock.today()
        return side_by_side(build_rows(self.store.snapshot(), today), self.metric)

    @on(LiveLoaded)
    def _loaded(self, message: LiveLoaded) -> None:
        self.rows, self.loaded = self.live.take(message), True
        self._show()

    @on(LiveFailed)
    def _failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Cannot read the data file", severity="error")

    def _show(self) -> None:
        count = len(self.rows)
        head = f"{self.metric} side by side: {count} agent goal{'s' if count != 1 else ''}"
        self.query_one("#side-head", Static).update(Text(f"{head} · needs attention first"))
        table = self.query_one(PlainTable)
        at = table.cursor_row if table.row_count else None
        table.clear(columns=True)
        wide = (self.size.width or self.app.size.width) >= WIDE
        name, spark = (20, 16) if wide else (12, 8)  # 80 columns: 65 of content, no scroll
        for label, width in (("owner", name), ("goal", name + 1), ("now", 7), ("30 days", spark),
                             ("to target", 11), ("status", 10), ("left", 4)):  # fmt: skip
            table.add_column(label, width=width)
        palette = Palette.from_app(self.app)
        for row in self.rows:
            unit = row.goal.metric.unit
            cells: list[RenderableType | str] = [
                Text(row.goal.owner, overflow="ellipsis", no_wrap=True),
                Text(row.key, overflow="ellipsis", no_wrap=True),
                fmt.value(row.progress.current, unit),
                sparkline(row, spark, palette),
                distance_text(row),
                progress_status_text(row.progress, palette),
                days_text(row, palette),
            ]
            table.add_row(*cells, key=row.key)
        if not self.rows:
            table.add_row("", Text(f"No agent goal on {self.metric}", style="dim"))
        keys = [r.key for r in self.rows]
        if at is None and self.key in keys:
            at = keys.index(self.key)
        table.move_cursor(row=at or 0, animate=False)

    def action_back(self) -> None:
        self.dismiss(False)
