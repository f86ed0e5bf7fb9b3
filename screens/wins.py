"""This week's wins and kudos (`w` on the board), newest first, for the next huddle; `k` adds
a kudos, `d` removes a win or kudos recorded by mistake and `u` brings it back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.rules import NOTE_MAX
from goaltui.core.wins import Kudos, Win, WinKind, kudos_text, this_week, week_start
from goaltui.store.store import Store
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from goaltui.widgets.saves import Save, dismiss_when_saved, error_text, saves_of
from screens.dialogs import TextPromptScreen
from screens.full_text import FullText, FullTextTable

KIND_WORD = {
    WinKind.TARGET: "◎ target",
    WinKind.MILESTONE: "✓ milestone",
    WinKind.REACHED: "✓ reached",
    WinKind.STREAK: "» streak",
    WinKind.BEST: "★ best",
}


TEXT_COLUMN_OFFSET = 6 + 11 + 3 * 2 + 1  # day and what columns, cell padding, scrollbar


class KudosNoteScreen(TextPromptScreen):
    """The kudos note: required."""

    required = True
    max_length = NOTE_MAX
    empty_message = "Write what the agent did well, or press escape to cancel."


class WinsTable(FullTextTable):
    """This week's wins and kudos; enter shows one in full (a long note is cut)."""

    BINDINGS = [
        Binding("enter", "read", "Read", id="wins.read",
                tooltip="The highlighted win or kudos in full"),
    ]  # fmt: skip


def full_text(item: Win | Kudos) -> FullText:
    """What enter on a row of the wins list shows."""
    day = f"{item.day:%a %d %b %Y}"
    if isinstance(item, Kudos):
        lines = [("for", item.agent), ("goal", item.goal or "—"), ("from", item.by or "—")]
        return FullText(f"Kudos, {day}", [*lines, ("note", item.note)])
    lines = [("owner", item.owner), ("goal", item.goal), ("win", item.text)]
    return FullText(f"{KIND_WORD[item.kind]}, {day}", lines)


class WinsScreen(Screen[bool]):
    """The huddle list: this week's wins and kudos in one table; `k` adds kudos.

    Read in a worker (LiveReader, so wins recorded elsewhere show up); a new kudos
    shows at the top at once, "♥ saving…", while the app's save queue writes it.
    """

    HELP_TITLE = "wins and kudos"

    BINDINGS = [
        Binding("escape", "back", "Back", id="wins.back", tooltip="Back to the board"),
        Binding("k", "kudos", "Kudos", id="wins.kudos", tooltip="Recognise an agent"),
        Binding("d,delete", "remove", "Remove", id="wins.remove",
                tooltip="Remove the highlighted win or kudos, recorded by mistake (u undoes)"),
        Binding("u", "undo", "Undo", id="wins.undo",
                tooltip="Bring back the last win or kudos removed"),
    ]  # fmt: skip

    CSS_PATH = "wins.tcss"

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.items: list[Win | Kudos] = []
        self.loaded = False
        self.changed = False
        self._read_wins: tuple[list[Win], list[Kudos]] = ([], [])
        self._saving: list[Kudos] = []  # added here, not saved yet
        self._removed: list[Win | Kudos] = []  # undo stack
        self._pending = 0  # removals and restores queued: older reads are not shown
        self.live: LiveReader[tuple[list[Win], list[Kudos]]] = LiveReader(
            self, store, lambda: (store.wins(), store.kudos()), group="wins-load"
        )

    def compose(self) -> ComposeResult:
        yield Static(id="wins-head", markup=False)
        yield WinsTable(id="wins", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()
        self.query_one(DataTable).focus()
        self.live.start(None)
        self.live.load()

    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        read = self.live.take(message)
        if self._pending:
            return  # read before our changes were written: read again once they are
        self._read_wins, self.loaded = read, True
        self.load()

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Cannot read the data file", severity="error")

    def load(self) -> None:
        """Show what was read last, with the kudos still being saved on top."""
        today = self.clock.today()
        wins, kudos = self._read_wins
        self.items = this_week(wins, [*kudos, *self._saving], today)
        count = sum(isinstance(i, Win) for i in self.items)
        head = (
            f"Wins and kudos {week_start(today):%a %d %b} to {today:%a %d %b}: "
            f"{count} win{'s' if count != 1 else ''}, {len(self.items) - count} kudos"
        )
        self.query_one("#wins-head", Static).update(head if self.loaded else "Reading the wins…")
        table = self.query_one(WinsTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.full_texts = {str(n): full_text(item) for n, item in enumerate(self.items)}
        # The text column takes the rest of the width: a long win is cut with "…", never
        # pushed off to the right behind a horizontal scrollbar.
        rest = (self.size.width or self.app.size.width) - TEXT_COLUMN_OFFSET
        table.add_column("day", width=6)
        table.add_column("what", width=11)
        table.add_column("", width=max(20, rest))
        for n, item in enumerate(self.items):
            day = f"{item.day:%a %d}"
            if isinstance(item, Kudos):
                what = "♥ saving…" if item in self._saving else "♥ kudos"
                cells = (day, what, Text(kudos_text(item), overflow="ellipsis"))
            else:
                cells = (day, KIND_WORD[item.kind], Text(item.text, overflow="ellipsis"))
            table.add_row(*cells, key=str(n))
        if not self.items and self.loaded:
            table.add_row("", "", Text("No wins or kudos this week yet", style="dim"))
        table.move_cursor(row=row, animate=False)

    @property
    def highlighted(self) -> Win | Kudos | None:
        tables = self.query(DataTable)
        if not self.items or not tables or tables.first().row_count == 0:
            return None
        table = tables.first()
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    def action_kudos(self) -> None:
        item = self.highlighted
        agent = "" if item is None else item.agent if isinstance(item, Kudos) else item.owner
        goal = None if item is None else item.goal

        def named(agent_name: str | None) -> None:
            if not agent_name:
                return
            about = f" ({goal})" if goal else ""
            self.app.push_screen(
                KudosNoteScreen(f"Kudos for {agent_name}{about}: what did they do well?"),
                lambda note: self._add_kudos(agent_name, note, goal),
            )

        self.app.push_screen(
            TextPromptScreen("Kudos for which agent?", agent, placeholder="e.g. Maria Lopez"),
            named,
        )

    def _add_kudos(self, agent: str, note: str | None, goal: str | None) -> None:
        """Show the kudos at the top at once and queue `store.add_kudos`."""
        if not note:
            return
        try:
            shown = Kudos(
                agent=agent, note=note, goal=goal, by=self.store.user, at=self.clock.now()
            )
        except ValueError as exc:  # pydantic's ValidationError
            self.notify(error_text(exc), title="Kudos not saved", severity="error")
            return

        def saved(kudos: Kudos) -> None:
            self._saving.remove(shown)
            self._read_wins[1].insert(0, kudos)
            self.changed = True
            self.load()
            self.notify(f"Kudos for {agent} saved", timeout=3)

        def refused(error: Exception) -> None:
            self._saving.remove(shown)
            self.load()
            self.notify(error_text(error), title="Kudos not saved", severity="error")

        self._saving.append(shown)
        call = partial(self.store.add_kudos, agent, note, goal)
        saves_of(self).submit(Save(f"kudos for {agent}", call, saved, refused, owner=self))
        self.load()
        self.query_one(DataTable).move_cursor(row=0)

    # -- taking back a win or kudos recorded by mistake (store/removal_ops.py) ----------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self._removed)  # hidden until there is something to undo
        if action == "remove":
            return None if self.highlighted is None else True
        return True

    def action_remove(self) -> None:
        item = self.highlighted
        if item is None:
            return
        if isinstance(item, Kudos) and item in self._saving:
            self.notify("That kudos is still being saved: remove it once it is.", timeout=4)
            return
        self._removed.append(item)
        self._show(item, False)

        def refused() -> None:  # still in the file: the re-read shows it
            if item in self._removed:
                self._removed.remove(item)

        self._change(f"remove {_what(item)}", partial(self._remover(item), item.id), refused)
        self.notify(f"Removed {_what(item)}. Press u to undo.", title="Wins")

    def action_undo(self) -> None:
        if not self._removed:
            return
        item = self._removed.pop()
        self._show(item, True)

        def refused() -> None:
            self._removed.append(item)  # kept for another try

        self._change(f"restore {_what(item)}", partial(self._restorer(item), item.id), refused)
        self.notify(f"Restored {_what(item)}.", title="Wins")

    def _remover(self, item: Win | Kudos) -> Callable[[str], object]:
        return self.store.remove_kudos if isinstance(item, Kudos) else self.store.remove_win

    def _restorer(self, item: Win | Kudos) -> Callable[[str], object]:
        return self.store.restore_kudos if isinstance(item, Kudos) else self.store.restore_win

    def _show(self, item: Win | Kudos, shown: bool) -> None:
        """List `item` (again) or leave it out, at once; the save queue writes it."""
        wins, kudos = self._read_wins
        if isinstance(item, Kudos):
            kudos = [k for k in kudos if k.id != item.id] + ([item] if shown else [])
        else:
            wins = [w for w in wins if w.id != item.id] + ([item] if shown else [])
        self._read_wins = (wins, kudos)
        self.load()
        if shown and item in self.items:
            self.query_one(DataTable).move_cursor(row=self.items.index(item), animate=False)
        self.refresh_bindings()

    def _change(self, what: str, call: Callable[[], object], refused: Callable[[], None]) -> None:
        def finished() -> None:
            self._pending -= 1
            if not self._pending:
                self.live.load()  # all in: the list as the file has it
            self.refresh_bindings()

        def done(_result: object) -> None:
            self.changed = True
            finished()

        def failed(error: Exception) -> None:
            self.notify(error_text(error), title=f"Not saved: {what}", severity="error")
            refused()
            finished()

        self._pending += 1
        saves_of(self).submit(Save(what, call, done, failed, owner=self))

    def action_back(self) -> None:
        dismiss_when_saved(self, lambda: self.changed)


def _what(item: Win | Kudos) -> str:
    """'the kudos for Maria Lopez', 'the win "aht-maria reached its target…"'."""
    if isinstance(item, Kudos):
        return f"the kudos for {item.agent}"
    text = item.text if len(item.text) <= 40 else item.text[:39] + "…"
    return f"the win {text!r}"


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
