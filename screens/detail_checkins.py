"""The goal detail's check-in log as a place to correct mistakes: enter edits the highlighted
value, d (or delete) deletes it, u undoes the last edit or delete (as the milestone
checklist does).

A change shows at once; the app's save queue writes it (`Store.log` for an edit,
`Store.unlog` for a delete, `Store.restore_checkin` for an undo), so the UI never waits on
the file, and nothing is lost: a replaced or removed value goes to the check-in history.
A refused change is named in a notice and taken back on screen. Once nothing is queued
the detail reads the file again, so its head and chart follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from goaltui.core import formatting as fmt
from goaltui.core.checkin_logic import implausible
from goaltui.core.models import CheckIn, Milestone
from goaltui.core.numbers import parse_value
from goaltui.core.value_rules import closed_reason
from goaltui.store.store import Store
from goaltui.widgets.plain_table import PlainTable
from goaltui.widgets.saves import Save, error_text, saves_of
from screens.detail_tabs import DetailData
from screens.dialogs import ConfirmScreen, TextPromptScreen, say
from screens.milestone_table import ticked_text

BINDINGS = [
    Binding("d,delete", "delete_value", "Delete", id="detail.value.delete",
            tooltip="Check-ins tab: delete the highlighted value (kept in the history; u undoes)"),
    Binding("u", "undo_value", "Undo", id="detail.value.undo",
            tooltip="Check-ins tab: undo the last edit or delete of a value"),
]  # fmt: skip
ACTIONS = {"edit_value", "delete_value", "undo_value"}


class CheckInLog(PlainTable[Any]):
    """The detail's check-in log. Its own enter (a DataTable's is hidden from the footer)
    edits the highlighted value; the detail's check_action says when it can."""

    BINDINGS = [
        Binding("enter", "screen.edit_value", "Value", id="detail.value.edit",
                tooltip="Check-ins tab: correct the highlighted value"),
    ]  # fmt: skip


class ValuePromptScreen(TextPromptScreen):
    """One value, prefilled (a duration as m:ss); what the parser refuses is explained under it."""

    required = True
    empty_message = "Type the value, or press escape to cancel."

    def __init__(self, title: str, value: str = "", unit: str = "") -> None:
        super().__init__(title, value)
        self.unit = unit

    def _submit(self) -> None:  # run after the keys typed before Enter (TextPromptScreen)
        text = self.query_one("#text", Input).value
        try:
            parse_value(text, self.unit)
        except ValueError as exc:
            say(self.query_one(".dialog-error", Static), str(exc))
            return
        super()._submit()


@dataclass(frozen=True)
class Undo:
    """What `u` puts back: the check-in as it was before an edit or a delete."""

    what: str  # "8:54 for 2026-11-26", for the notices
    before: CheckIn


class CheckInEdits:
    """Edit, delete and undo of the detail's check-in values, for one DetailScreen.

    `data` gives the detail's last read, `show` redraws it with changed check-ins and
    `reload` reads the file again (once every queued change is in)."""

    def __init__(
        self,
        screen: Screen[Any],
        store: Store,
        data: Callable[[], DetailData | None],
        show: Callable[[DetailData], None],
        reload: Callable[[], None],
    ) -> None:
        self.screen, self.store = screen, store
        self._data, self._show, self._reload = data, show, reload
        self.undo: list[Undo] = []
        self.pending = 0  # queued changes: the detail does not redraw from older reads
        self.saved = False  # something was written (the board reads its figures again)

    def allowed(self, action: str, tab: str) -> bool | None:
        """check_action for the three keys: only on the check-in tab, each when it can act."""
        if tab != "checkins":
            return False
        if action == "undo_value":
            return bool(self.undo)
        return True if self.highlighted() is not None else None

    def highlighted(self) -> CheckIn | None:
        data, tables = self._data(), self.screen.query("#checkin-log").results(DataTable)
        table = next(tables, None)
        if data is None or not data.checkins or table is None or table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None
        return next((c for c in data.checkins if c.day.isoformat() == key), None)

    # -- the keys ---------------------------------------------------------------------

    def edit(self) -> None:
        checkin, data = self.highlighted(), self._data()
        if checkin is None or data is None or not self._open(data):
            return
        unit = data.goal.metric.unit
        title = f"{data.goal.key} on {checkin.day.isoformat()}: the right value"
        title += f" ({fmt.unit_label(unit)})" if unit else ""
        prompt = ValuePromptScreen(title, fmt.editable(checkin.value, unit), unit)

        def typed(text: str | None) -> None:
            if not text or (value := parse_value(text, unit)) == checkin.value:
                return
            history = [c.value for c in data.checkins if c.day < checkin.day]
            question = implausible(value, data.goal, history)
            if question is None:
                self._edit(checkin, value)
                return
            self.screen.app.push_screen(
                ConfirmScreen(question), lambda yes: self._edit(checkin, value) if yes else None
            )

        self.screen.app.push_screen(prompt, typed)

    def delete(self) -> None:
        checkin, data = self.highlighted(), self._data()
        if checkin is None or data is None or not self._open(data):
            return
        entry = Undo(self._label(checkin), checkin)
        self.undo.append(entry)
        self._put(checkin.day, None)

        def refused() -> None:  # still in the file: the re-read shows it
            if entry in self.undo:
                self.undo.remove(entry)

        call = partial(self.store.unlog, checkin.goal, checkin.day)
        self._save(f"delete {entry.what}", call, refused)
        self.screen.notify(
            f"Deleted {entry.what} (kept in the history). Press u to undo.", title="Check-ins"
        )

    def undo_last(self) -> None:
        if not self.undo:
            return
        entry = self.undo.pop()
        self._put(entry.before.day, entry.before)

        def refused() -> None:
            self.undo.append(entry)  # kept for another try

        call = partial(self.store.restore_checkin, entry.before)
        self._save(f"restore {entry.what}", call, refused)
        self.screen.notify(f"Restored {entry.what}.", title="Check-ins")

    # -- helpers ----------------------------------------------------------------------

    def _edit(self, checkin: CheckIn, value: float) -> None:
        entry = Undo(self._label(checkin), checkin)
        self.undo.append(entry)
        stamp = {"value": value, "by": self.store.user, "at": self.store.clock.now()}
        self._put(checkin.day, checkin.model_copy(update=stamp))

        def refused() -> None:
            if entry in self.undo:
                self.undo.remove(entry)

        call = partial(
            self.store.log_ticking,
            checkin.goal,
            value,
            checkin.day,
            note=checkin.note,
            confidence=checkin.confidence,
        )
        what = f"{checkin.goal} {checkin.day} = {fmt.value(value, self._unit())}"
        self._save(what, call, refused, then=self._ticked)

    def _ticked(self, result: tuple[CheckIn, list[Milestone]]) -> None:
        """The corrected value reached a milestone's threshold: it ticked itself."""
        data = self._data()
        metric = data.goal.metric if data is not None else None
        ascii = bool(getattr(self.screen.app, "ascii_only", False))
        for milestone in result[1]:
            self.screen.notify(ticked_text(milestone, metric, ascii), title="Win!")

    def _open(self, data: DetailData) -> bool:
        """A closed goal's values are final (core/value_rules.py): say how to reopen it."""
        closed = closed_reason(data.goal.key, data.goal.status.value)
        if closed is not None:
            hint = f"{closed}. Reopen it with x first."
            self.screen.notify(hint, title="Check-ins", severity="warning")
        return closed is None

    def _unit(self) -> str:
        data = self._data()
        return "" if data is None else data.goal.metric.unit

    def _label(self, checkin: CheckIn) -> str:
        return f"{fmt.value(checkin.value, self._unit())} for {checkin.day.isoformat()}"

    def _put(self, day: date, checkin: CheckIn | None) -> None:
        """Show the day's check-in as `checkin` (None: gone), the others as they were."""
        data = self._data()
        if data is None:
            return
        kept = [c for c in data.checkins if c.day != day]
        checkins = sorted([*kept, checkin] if checkin else kept, key=lambda c: c.day)
        self._show(replace(data, checkins=checkins))
        if checkin is not None:  # the cursor on the value just changed or brought back
            table = self.screen.query_one("#checkin-log", DataTable)
            table.move_cursor(row=table.get_row_index(day.isoformat()), animate=False)
        self.screen.refresh_bindings()

    def _save(
        self,
        what: str,
        call: Callable[[], Any],
        refused: Callable[[], None],
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Queue `call`; `then` takes the store's answer, `refused` undoes a refused change."""

        def finished() -> None:
            self.pending -= 1
            if not self.pending:
                self._reload()  # all in: the head, chart and log as the file has them
            self.screen.refresh_bindings()

        def done(result: Any) -> None:
            self.saved = True
            if then is not None:
                then(result)
            finished()

        def failed(error: Exception) -> None:
            self.screen.notify(error_text(error), title=f"Not saved: {what}", severity="error")
            refused()
            finished()

        self.pending += 1
        saves_of(self.screen).submit(Save(what, call, done, failed, owner=self.screen))
