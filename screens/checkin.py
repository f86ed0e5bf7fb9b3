"""The daily check-in: one table of active goals, one input below it, due milestones at the bottom.

Built for speed (issue 5): the input keeps the focus; a lead types a value and presses
Enter for each goal (commands are ctrl keys, bound on the input: letters are typed).
The UI never waits on the file: rows are read in a worker (LiveReader) and each value
goes to the app's save queue, so Enter moves on at once while the row reads "saving"
(another session may hold the lock), then "✓", or "✗ not saved" if the store refused it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from goaltui.core import formatting as fmt
from goaltui.core.checkin_logic import (
    CheckInRow,
    cycle_confidence,
    day_title,
    first_open_row,
    progress_label,
)
from goaltui.core.clock import Clock
from goaltui.core.dates import parse_backfill, short_day
from goaltui.core.rules import NOTE_MAX
from goaltui.store.store import Store
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from goaltui.widgets.saves import dismiss_when_saved
from screens.checkin_entry import Entries
from screens.checkin_input import CheckInInput
from screens.checkin_milestones import MilestoneList
from screens.checkin_state import LiveCheckIn, merge_rows, only_goal, read_checkin
from screens.checkin_table import CheckInTable
from screens.dialogs import ConfirmScreen, TextPromptScreen
from screens.milestone_table import ticked_text
from screens.wins import celebrate

MILESTONE_ROWS = 5  # the list shows this many before it scrolls


class CheckInScreen(Screen[bool]):
    """Log the day's KPI values goal by goal; dismisses True when anything was saved.

    `only` (a goal key: `c` in the goal detail) narrows it to that goal, and it closes
    once that goal's value is written."""

    HELP_TITLE = "check-in"
    CSS_PATH = "checkin.tcss"

    # The goal keys live on CheckInInput; these serve the milestone list.
    BINDINGS = [
        Binding("ctrl+l", "to_input", "Values", id="checkin.values",
                tooltip="Back to the value input"),
        Binding("escape", "leave_list", "Back", id="checkin.list_back",
                tooltip="Back to the value input"),
    ]  # fmt: skip

    def __init__(self, store: Store, clock: Clock, only: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.only = only
        self.day: date = clock.today()
        self.loaded = False  # the rows of `day` have been read
        self._width = 0
        self.entries = Entries(self)
        self.live: LiveReader[LiveCheckIn] = LiveReader(
            self, store, self._read_live, group="checkin-load"
        )

    def compose(self) -> ComposeResult:
        yield Header()
        table = CheckInTable(self.store, self.day, id="checkin-table")
        table.ascii = bool(getattr(self.app, "ascii_only", False))  # `goaltui checkin --ascii`
        yield table
        yield CheckInInput(id="checkin-value", select_on_focus=False)
        yield MilestoneList(self.store, id="checkin-milestones")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.milestone_list.display = False
        self._redraw()
        self.value_input.focus()  # typing starts now; values entered before the read wait
        self.live.start(None)
        self.live.load()

    @property
    def table(self) -> CheckInTable:
        return self.query_one("#checkin-table", CheckInTable)

    @property
    def value_input(self) -> CheckInInput:
        return self.query_one("#checkin-value", CheckInInput)

    @property
    def milestone_list(self) -> MilestoneList:
        return self.query_one("#checkin-milestones", MilestoneList)

    @property
    def rows(self) -> list[CheckInRow]:
        return self.table.goal_rows

    @property
    def current(self) -> CheckInRow | None:
        return self.table.current

    # -- reading (in a worker) and drawing ------------------------------------------------

    def _read_live(self) -> LiveCheckIn:
        read = read_checkin(self.store, self.day, self.clock.today())
        return read if self.only is None else only_goal(read, self.only)

    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        if self.loaded and self.store.change_token() != message.token:
            return  # written since (maybe by this screen): the next poll reads it again
        data = self.live.take(message)
        if data.day != self.day:
            return  # the lead picked another day meanwhile; its read is on the way
        first, self.loaded = not self.loaded, True
        rows = merge_rows(self.rows, data.rows, self.table.busy)
        milestones = self.milestone_list
        if not milestones.has_focus and not milestones.ticking:  # never under the lead's cursor
            milestones.show(data.milestones, self.clock.today())
            self.refresh_bindings()  # ^l is dimmed in the Footer when nothing is due
        self._redraw(rows, first_open_row(rows) if first else None)
        if first:
            self.entries.release()

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Cannot read the goals", severity="error")

    def _redraw(self, rows: list[CheckInRow] | None = None, cursor: int | None = None) -> None:
        self._width = self.size.width
        # The input sits right under the last goal; a table taller than the room left by the
        # header, input, milestone list and footer scrolls instead of pushing them away.
        shown = min(len(self.milestone_list.items), MILESTONE_ROWS)
        room = self.size.height - 5 - (shown + 2 if shown else 0)
        self.table.show(self.rows if rows is None else rows, self._width, room, cursor)
        self.title = day_title(self.day)
        self._describe_current()

    def _describe_current(self) -> None:
        """The header's count and the input's goal, hint and last save."""
        saving = len(self.table.busy)
        self.sub_title = progress_label(self.rows, self.day, self.clock.today()) + (
            f" · {saving} saving" if saving else ""
        )
        row = self.current
        mark = None if row is None else self.table.mark(row.key)
        self.value_input.describe(row, mark, self.day, ready=self.loaded)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._redraw()

    # -- moving -----------------------------------------------------------------------

    def action_move(self, step: int, wrap: bool = False) -> None:
        if not self.rows:
            return
        target = self.table.cursor_row + step
        target = target % len(self.rows) if wrap else max(0, min(target, len(self.rows) - 1))
        self._go_to(target)

    def _go_to(self, index: int) -> None:
        self.table.move_cursor(row=index)
        # A half-typed value never follows the cursor to another goal; a refused one is
        # offered again on its own row.
        self.value_input.put(self.table.refused_text(self.rows[index].key))
        self.value_input.focus()
        self._describe_current()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe_current()  # a mouse click can move the cursor too

    # -- saving -----------------------------------------------------------------------

    def action_enter(self) -> None:
        """Enter on the input (run as the key arrives, see checkin_input)."""
        self.entries.enter(self.value_input.value, ready=self.loaded)

    def ask(self, question: str, answered: Callable[[bool | None], None]) -> None:
        self.app.push_screen(ConfirmScreen(question, yes="Save", no="Fix it"), answered)

    def warn(self, message: str) -> None:
        self.notify(message, severity="warning")

    def save(self, key: str, value: float) -> None:
        """Queue `value` for the goal `key` and move on to the next goal."""
        index = self.table.index(key)
        if index is None:  # gone from the active goals meanwhile
            self.notify(f"{key} is no longer active: not saved", severity="warning")
            return
        self.table.save_row(self.rows[index], value)
        self.value_input.value = ""
        if index < len(self.rows) - 1:
            self._go_to(index + 1)
        else:
            self._describe_current()

    @on(CheckInTable.Logged)
    def _logged(self, event: CheckInTable.Logged) -> None:
        self._describe_current()
        # A milestone whose threshold the value reached ticked itself: say so (it is the
        # win this value made, so it is not celebrated a second time below).
        goal = next((r.goal for r in self.rows if r.key == event.key), None)
        for milestone in event.ticked:
            text = ticked_text(milestone, goal.metric if goal else None, self.table.ascii)
            self.notify(text, title="Win!", timeout=6)
            self.milestone_list.set_done(milestone.id, True)
        said = {f"milestone:{m.id}" for m in event.ticked}  # core/wins.py's id for it
        # Issue 6: celebrate a win this value made (older wins are recorded quietly).
        won = [
            w for w in event.wins if w.goal == event.key and w.day == event.day and w.id not in said
        ]
        if self.only is not None:  # the one goal's value is in: back to its detail
            self.notify(f"{event.key}: logged for {short_day(event.day)}.", timeout=3)
            celebrate(self, won)
            if not self.table.busy:
                self.action_close()
            return
        if event.first and all(r.saved for r in self.rows) and not self.table.busy:
            self.notify(
                f"All {len(self.rows)} goals logged for {short_day(event.day)}. esc closes."
            )
        celebrate(self, won)

    @on(CheckInTable.Refused)
    def _refused(self, event: CheckInTable.Refused) -> None:
        self._describe_current()
        title = (
            f"{event.key} = {fmt.value(event.value, self.table.unit_of(event.key))} was not saved"
        )
        self.notify(event.error, title=title, severity="error", timeout=8)
        self.live.load()  # show what the file holds (a refused note or confidence is undone)

    # -- confidence, note, day --------------------------------------------------------

    def action_confidence(self) -> None:
        row = self.current
        if row is not None:
            confidence = cycle_confidence(row.confidence)
            self.table.amend(row.key, lambda r: replace(r, confidence=confidence))
            self._describe_current()

    def action_note(self) -> None:
        row = self.current
        if row is None:
            return
        key = row.key

        def noted(note: str | None) -> None:
            if note is not None and note != row.note:
                self.table.amend(key, lambda r: replace(r, note=note[:NOTE_MAX]))
                self._describe_current()

        prompt = TextPromptScreen(
            f"Note for {row.key} on {short_day(self.day)}",
            value=row.note,
            placeholder="one line, e.g. two agents off sick",
        )
        self.app.push_screen(prompt, noted)

    def action_pick_day(self) -> None:
        today = self.clock.today()

        def picked(text: str | None) -> None:
            if not text:
                return
            try:
                self.day = parse_backfill(text, today)
            except ValueError as exc:
                self.notify(str(exc), title="Day not changed", severity="warning")
                return
            self.value_input.value = ""
            self.table.day, self.loaded = self.day, False  # typing waits for the new rows
            self._redraw([], 0)
            self.live.load()

        prompt = TextPromptScreen(
            "Log values for which day?",
            value="yesterday" if self.day == today else self.day.isoformat(),
            placeholder="yesterday, -2d, today or YYYY-MM-DD",
        )
        self.app.push_screen(prompt, picked)

    # -- milestones and closing -------------------------------------------------------

    def action_milestones(self) -> None:
        if self.milestone_list.option_count:
            self.milestone_list.focus()
        else:
            self.notify("No milestones are due.", timeout=3)

    def action_to_input(self) -> None:
        self.value_input.focus()

    action_leave_list = action_to_input  # its own name so the Footer lists esc apart from ^l

    def action_close(self) -> None:
        dismiss_when_saved(self, lambda: self.table.saved_any)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "milestones":  # dimmed in the Footer when nothing is due
            try:
                return True if self.milestone_list.option_count else None
            except NoMatches:  # asked before compose
                return None
        return True
