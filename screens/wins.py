"""This week's wins and kudos (`w` on the board), newest first, for the next huddle."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.rules import NOTE_MAX
from goaltui.core.wins import Kudos, Win, WinKind, kudos_text, this_week, week_start
from goaltui.store.store import Store
from screens.dialogs import TextPromptScreen

KIND_WORD = {
    WinKind.TARGET: "◎ target",
    WinKind.MILESTONE: "✓ milestone",
    WinKind.STREAK: "» streak",
    WinKind.BEST: "★ best",
}


TEXT_COLUMN_OFFSET = 6 + 11 + 3 * 2 + 1  # day and what columns, cell padding, scrollbar


class KudosNoteScreen(TextPromptScreen):
    """The kudos note: required."""

    required = True
    max_length = NOTE_MAX
    empty_message = "Write what the agent did well, or press escape to cancel."


class WinsScreen(Screen[bool]):
    """The huddle list: this week's wins and kudos in one table; `k` adds kudos."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="wins.back", tooltip="Back to the board"),
        Binding("k", "kudos", "Kudos", id="wins.kudos", tooltip="Recognise an agent"),
    ]

    CSS_PATH = "wins.tcss"

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.items: list[Win | Kudos] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Static(id="wins-head")
        yield DataTable(id="wins", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.load()
        table.focus()

    def load(self) -> None:
        today = self.clock.today()
        try:
            self.items = this_week(self.store.wins(), self.store.kudos(), today)
        except GoaltuiError as exc:
            self.notify(str(exc), title="Cannot read the data file", severity="error")
            self.items = []
        wins = sum(isinstance(i, Win) for i in self.items)
        kudos = len(self.items) - wins
        self.query_one("#wins-head", Static).update(
            f"Wins and kudos {week_start(today):%a %d %b} to {today:%a %d %b}: "
            f"{wins} win{'s' if wins != 1 else ''}, {kudos} kudos"
        )
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # The text column takes the rest of the width: a long win is cut with "…", never
        # pushed off to the right behind a horizontal scrollbar.
        rest = (self.size.width or self.app.size.width) - TEXT_COLUMN_OFFSET
        table.add_column("day", width=6)
        table.add_column("what", width=11)
        table.add_column("", width=max(20, rest))
        for n, item in enumerate(self.items):
            day = f"{item.day:%a %d}"
            if isinstance(item, Kudos):
                cells = (day, "♥ kudos", Text(kudos_text(item), overflow="ellipsis"))
            else:
                cells = (day, KIND_WORD[item.kind], Text(item.text, overflow="ellipsis"))
            table.add_row(*cells, key=str(n))
        if not self.items:
            table.add_row("", "", Text("No wins or kudos this week yet", style="dim"))

    @property
    def highlighted(self) -> Win | Kudos | None:
        table = self.query_one(DataTable)
        if not self.items or table.row_count == 0:
            return None
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    def action_kudos(self) -> None:
        item = self.highlighted
        agent = "" if item is None else item.agent if isinstance(item, Kudos) else item.owner
        goal = None if item is None else item.goal

        def noted(agent_name: str, note: str | None) -> None:
            if not note:
                return
            try:
                self.store.add_kudos(agent_name, note, goal)
            except GoaltuiError as exc:
                self.notify(str(exc), title="Kudos not saved", severity="error")
                return
            self.changed = True
            self.load()
            self.query_one(DataTable).move_cursor(row=0)
            self.notify(f"Kudos for {agent_name} saved", timeout=3)

        def named(agent_name: str | None) -> None:
            if not agent_name:
                return
            about = f" ({goal})" if goal else ""
            self.app.push_screen(
                KudosNoteScreen(f"Kudos for {agent_name}{about}: what did they do well?"),
                lambda note: noted(agent_name, note),
            )

        self.app.push_screen(
            TextPromptScreen("Kudos for which agent?", agent, placeholder="e.g. Maria Lopez"),
            named,
        )

    def action_back(self) -> None:
        self.dismiss(self.changed)


CELEBRATE_AT_MOST = 3


def celebrate(screen: Screen[Any], wins: Sequence[Win]) -> None:
    """A short notice per new win (plain words, readable without colour); past a few, one
    line says how many more there are."""
    for win in wins[:CELEBRATE_AT_MOST]:
        screen.notify(f"🎉 {win.text}", title="Win!", timeout=6)
    more = len(wins) - CELEBRATE_AT_MOST
    if more > 0:
        screen.notify(f"🎉 and {more} more win{'s' if more != 1 else ''}: press w", timeout=6)


def record_wins(store: Store) -> list[Win]:
    """Record new wins; a store problem is not the caller's concern here (nothing recorded)."""
    try:
        return store.record_new_wins()
    except (GoaltuiError, OSError):
        return []
