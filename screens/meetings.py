"""Every meeting kept: the saved minutes, newest first, and any one of them read-only.

Opened from the palette ("meetings: Every meeting kept"), from the app's `M` and from
review mode. Both screens read in a worker (widgets/reads.py); every cell is user text
and goes in through PlainTable, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from goaltui.core.meetings import attendees_text, covered, day_changes
from goaltui.core.minutes import Minutes
from goaltui.core.models import TargetChange
from goaltui.store.store import Store
from goaltui.widgets.key_order import after_typed
from goaltui.widgets.plain_table import PlainTable
from goaltui.widgets.reads import read_then
from screens.meeting_view import MeetingScreen

__all__ = ["MeetingScreen", "MeetingsScreen"]


class MeetingsScreen(Screen[None]):
    """The list of saved meetings; enter opens the highlighted one."""

    HELP_TITLE = "meetings"

    BINDINGS = [
        # priority: the table's own enter would take it first and keep it out of the footer.
        Binding(
            "enter",
            "open",
            "Open",
            id="meetings.open",
            priority=True,
            tooltip="Read this meeting's minutes",
        ),
        Binding("escape", "back", "Back", id="meetings.back", tooltip="Back"),
    ]
    CSS_PATH = "meetings.tcss"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.meetings: list[Minutes] = []
        self.ledger: list[TargetChange] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static("Reading the minutes…", id="meetings-head", markup=False)
        yield PlainTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        read_then(self, self._read, self._show, self._failed, group="meetings-read")

    def _read(self) -> tuple[list[Minutes], list[TargetChange]]:
        return self.store.minutes(), self.store.target_changes()

    def _failed(self, error: str) -> None:
        self.loaded = True
        self.query_one("#meetings-head", Static).update(Text(f"Cannot read the minutes: {error}"))

    def _show(self, read: tuple[list[Minutes], list[TargetChange]]) -> None:
        self.meetings, self.ledger = read
        self.loaded = True
        count = len(self.meetings)
        head = f"Meetings: {count} saved, newest first" if count else "No meetings saved yet"
        self.query_one("#meetings-head", Static).update(head)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # The goals column takes what is left: a long list is cut with "…", not scrolled.
        rest = (self.size.width or self.app.size.width) - (10 + 12 + 22 + 4 * 2 + 1)
        table.add_column("date", width=10)
        table.add_column("kind", width=12)
        table.add_column("attendees", width=22)
        table.add_column("goals covered", width=max(16, rest))
        for n, minutes in enumerate(self.meetings):
            table.add_row(
                minutes.held_on.isoformat(),
                Text(minutes.kind, overflow="ellipsis", no_wrap=True),
                Text(attendees_text(minutes), overflow="ellipsis", no_wrap=True),
                Text(covered(minutes), overflow="ellipsis", no_wrap=True),
                key=str(n),
            )
        if not self.meetings:
            table.add_row("", "", "", Text("review mode (r) saves them with ctrl+s", style="dim"))

    @property
    def highlighted(self) -> Minutes | None:
        table = self.query_one(DataTable)
        if not self.meetings or table.row_count == 0:
            return None
        return self.meetings[min(table.cursor_row, len(self.meetings) - 1)]

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        # Priority runs it as the key arrives: the arrows typed before it move the cursor
        # first ("↓↓⏎" in one read opens the third meeting).
        after_typed(self, self._open)

    def _open(self) -> None:
        minutes = self.highlighted
        if minutes is not None:
            changes = [c for i in minutes.items for c in day_changes(minutes, i, self.ledger)]
            self.app.push_screen(MeetingScreen(minutes, changes))

    def action_back(self) -> None:
        self.dismiss(None)
