"""The daily check-in: one table of active goals, one input below it, due milestones at the bottom.

Built for speed (issue 5): the input keeps the focus, so a lead types a value and
presses Enter for each goal; every Enter is one durable `store.log`. Commands use
ctrl keys (bound on the input, see checkin_widgets) because letters would be typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input

from goaltui.core.checkin_logic import (
    CheckInRow,
    build_rows,
    cycle_confidence,
    day_title,
    due_milestones,
    first_open_row,
    input_hint,
    input_title,
    parse_backfill,
    progress_label,
    read_entry,
    short_day,
)
from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.models import Milestone, describe_error
from goaltui.core.rules import NOTE_MAX
from goaltui.store.store import Store
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from screens.checkin_widgets import (
    WIDE,
    CheckInInput,
    MilestoneList,
    row_cells,
    table_columns,
)
from screens.dialogs import ConfirmScreen, TextPromptScreen
from screens.wins import celebrate, record_wins

STORE_ERRORS = (GoaltuiError, ValidationError, OSError)
MILESTONE_ROWS = 5  # the list shows this many before it scrolls


@dataclass(frozen=True)
class LiveCheckIn:
    """One read for the check-in: the rows of `day` and the milestones due."""

    day: date
    rows: list[CheckInRow]
    milestones: list[Milestone]


class CheckInScreen(Screen[bool]):
    """Log the day's KPI values goal by goal; dismisses True when anything was saved."""

    CSS_PATH = "checkin.tcss"

    # The goal keys live on CheckInInput; these serve the milestone list.
    BINDINGS = [
        Binding("ctrl+l", "to_input", "Values", id="checkin.values",
                tooltip="Back to the value input"),
        Binding("escape", "leave_list", "Back", id="checkin.list_back",
                tooltip="Back to the value input"),
    ]  # fmt: skip

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.day: date = clock.today()
        self.rows: list[CheckInRow] = []
        self.saved_any = False
        self._width = 0
        self.live: LiveReader[LiveCheckIn] = LiveReader(
            self, store, self._read_live, group="checkin-load"
        )

    @property
    def _ascii(self) -> bool:
        """`goaltui checkin --ascii`: plain-character sparklines."""
        return bool(getattr(self.app, "ascii_only", False))

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable[object] = DataTable(
            id="checkin-table", cursor_type="row", cursor_foreground_priority="renderable"
        )
        table.can_focus = False  # the input keeps the focus; the table shows where it is
        yield table
        yield CheckInInput(id="checkin-value", select_on_focus=False)
        yield MilestoneList(id="checkin-milestones")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        token = self.store.change_token()
        self._read()
        self._load_milestones()  # before the first draw: its height decides the table's room
        self._redraw(first_open_row(self.rows))
        self.value_input.focus()
        self.live.start(token)

    @property
    def table(self) -> DataTable[object]:
        return self.query_one("#checkin-table", DataTable)

    @property
    def value_input(self) -> Input:
        return self.query_one("#checkin-value", Input)

    @property
    def milestone_list(self) -> MilestoneList:
        return self.query_one("#checkin-milestones", MilestoneList)

    @property
    def current(self) -> CheckInRow | None:
        index = self.table.cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    # -- reading and drawing ----------------------------------------------------------

    def _read_rows(self, day: date) -> list[CheckInRow]:
        """The active goals and the day's saved check-ins (raises the store's errors)."""
        rows = build_rows(self.store.snapshot(), day)
        for row in rows:
            if row.saved:  # show the note and confidence saved earlier that day
                for saved in self.store.checkins(row.key):
                    if saved.day == day:
                        row.note, row.confidence = saved.note, saved.confidence
        return rows

    def _read(self) -> None:
        """Read the active goals and the day's saved check-ins."""
        try:
            self.rows = self._read_rows(self.day)
        except STORE_ERRORS as exc:
            self._store_error(exc, "Could not read the goals")
            self.rows = []
        self.title = day_title(self.day)

    def _load_milestones(self) -> None:
        """Open milestones due today or earlier (always the real today, even when back-filling)."""
        today = self.clock.today()
        found: list[Milestone] = []
        try:
            for row in self.rows:
                found += self.store.milestones(row.key)
        except STORE_ERRORS as exc:
            self._store_error(exc, "Could not read the milestones")
        self.milestone_list.show(due_milestones(found, today), today)

    # -- live refresh: values logged elsewhere show up; the cursor and the typing stay ----

    def _read_live(self) -> LiveCheckIn:
        """In the worker: the rows of the day being logged and the due milestones."""
        day, today = self.day, self.clock.today()
        rows = self._read_rows(day)
        found: list[Milestone] = []
        for row in rows:
            found += self.store.milestones(row.key)
        return LiveCheckIn(day, rows, due_milestones(found, today))

    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        if self.store.change_token() != message.token:
            return  # written since (maybe by this screen): the next poll reads it again
        data = self.live.take(message)
        if data.day != self.day:
            return  # the lead picked another day meanwhile
        current = self.current
        mine = {row.key: row for row in self.rows}
        for row in data.rows:
            before = mine.get(row.key)
            if before is not None and not row.saved:  # set here, saved with the value
                row.note, row.confidence = before.note, before.confidence
        self.rows = data.rows
        keys = [row.key for row in self.rows]
        cursor = self.table.cursor_row  # the same goal, else the same place
        if current is not None and current.key in keys:
            cursor = keys.index(current.key)
        if not self.milestone_list.has_focus:  # never move the list under the lead's cursor
            self.milestone_list.show(data.milestones, self.clock.today())
        self._redraw(cursor)

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Cannot refresh", severity="error")

    def _redraw(self, cursor: int) -> None:
        table = self.table
        self._width = width = self.size.width
        wide = width >= WIDE
        # The input sits right under the last goal; a table taller than the room left by the
        # header, input, milestone list and footer scrolls instead of pushing them away.
        shown = min(len(self.milestone_list.items), MILESTONE_ROWS)
        room = self.size.height - 5 - (shown + 2 if shown else 0)
        table.styles.max_height = max(room, 3)
        spare = room - 1  # rows under the column headers
        table.clear(columns=True)
        for key, label, size in table_columns(width, self.day, len(self.rows), spare):
            table.add_column(label, key=key, width=size)
        for row in self.rows:
            table.add_row(*row_cells(row, self.day, wide, self._ascii).values(), key=row.key)
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1), animate=False)
        self._describe_current()

    def _refresh_row(self, index: int) -> None:
        row = self.rows[index]
        for column, value in row_cells(row, self.day, self._width >= WIDE, self._ascii).items():
            self.table.update_cell(row.key, column, value)
        self._describe_current()

    def _describe_current(self) -> None:
        """Name the current goal on the input and show its last value and target as the hint."""
        self.sub_title = progress_label(self.rows, self.day, self.clock.today())
        field = self.value_input
        field.border_subtitle = ""
        row = self.current
        if row is None:
            field.border_title, field.placeholder = "No active goals to check in", "esc closes"
        else:
            field.border_title, field.placeholder = input_title(row), input_hint(row, self.day)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._redraw(self.table.cursor_row)

    # -- moving -----------------------------------------------------------------------

    def action_move(self, step: int, wrap: bool = False) -> None:
        if not self.rows:
            return
        target = self.table.cursor_row + step
        target = target % len(self.rows) if wrap else max(0, min(target, len(self.rows) - 1))
        self._go_to(target)

    def _go_to(self, index: int) -> None:
        self.table.move_cursor(row=index)
        self.value_input.value = ""  # a half-typed value never follows the cursor to another goal
        self.value_input.focus()
        self._describe_current()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe_current()  # a mouse click can move the cursor too

    # -- saving -----------------------------------------------------------------------

    @on(Input.Submitted, "#checkin-value")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        row = self.current
        if row is None:
            return
        entry, index = read_entry(event.value, row), self.table.cursor_row
        if entry.error:
            self._inline(entry.error)
            return
        if entry.value is None:
            self.action_move(1)
            return
        value = entry.value
        if not entry.question:
            self._save(index, value)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(index, value)
            else:
                self.value_input.focus()  # the typed value is still there to fix

        self.app.push_screen(ConfirmScreen(entry.question, yes="Save", no="Fix it"), answered)

    def _save(self, index: int, value: float) -> None:
        row = self.rows[index]
        if not self._log(row, value):
            return
        row.value = value
        self._refresh_row(index)
        self.value_input.value = ""
        if index < len(self.rows) - 1:
            self._go_to(index + 1)
        elif all(r.saved for r in self.rows):
            self.notify(f"All {len(self.rows)} goals logged for {short_day(self.day)}. esc closes.")

    def _log(self, row: CheckInRow, value: float) -> bool:
        """One durable write; a store error becomes a notification, never a crash."""
        try:
            self.store.log(row.key, value, self.day, note=row.note, confidence=row.confidence)
        except STORE_ERRORS as exc:
            self._store_error(exc, f"{row.key} was not saved")
            return False
        self.saved_any = True
        # Issue 6: celebrate a win this value made (older wins are recorded quietly).
        wins = record_wins(self.store)
        celebrate(self, [w for w in wins if w.goal == row.key and w.day == self.day])
        return True

    def _inline(self, message: str) -> None:
        self.value_input.border_subtitle = f"✗ {message}"

    def _store_error(self, exc: Exception, title: str) -> None:
        message = describe_error(exc) if isinstance(exc, ValidationError) else str(exc)
        self.notify(message, title=title, severity="error", timeout=8)

    @on(Input.Changed, "#checkin-value")
    def _typing(self, event: Input.Changed) -> None:
        self.value_input.border_subtitle = ""

    # -- confidence, note, day --------------------------------------------------------

    def _amend(self, index: int, changed: CheckInRow) -> None:
        """Take a row's new confidence or note. A saved check-in is updated at once (and keeps
        the change only if that worked); otherwise the change is saved with the value."""
        if changed.value is None or self._log(changed, changed.value):
            self.rows[index] = changed
        self._refresh_row(index)

    def action_confidence(self) -> None:
        row = self.current
        if row is not None:
            confidence = cycle_confidence(row.confidence)
            self._amend(self.table.cursor_row, replace(row, confidence=confidence))

    def action_note(self) -> None:
        row = self.current
        if row is None:
            return
        index = self.table.cursor_row

        def noted(note: str | None) -> None:
            if note is not None and note != row.note:
                self._amend(index, replace(row, note=note[:NOTE_MAX]))

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
            self._read()
            self._redraw(first_open_row(self.rows))

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

    @on(MilestoneList.Toggled)
    def _ticked(self, event: MilestoneList.Toggled) -> None:
        try:
            self.store.set_milestone_done(event.milestone_id, event.done)
        except STORE_ERRORS as exc:
            self._store_error(exc, "Milestone not changed")
            self.milestone_list.set_done(event.milestone_id, not event.done)  # show the truth
            return
        self.notify("Milestone done" if event.done else "Milestone open again", timeout=2)

    def action_to_input(self) -> None:
        self.value_input.focus()

    action_leave_list = action_to_input  # its own name so the Footer lists esc apart from ^l

    def action_close(self) -> None:
        self.dismiss(self.saved_any)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "milestones":  # dimmed in the Footer when nothing is due
            try:
                return True if self.milestone_list.option_count else None
            except NoMatches:  # asked before compose
                return None
        return True
