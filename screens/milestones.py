"""One goal's milestone checklist: add, edit, tick, delete with undo, reorder.

The list is one DataTable (not a widget per milestone). Every change goes
straight to the store, then the table is rebuilt from what the store says,
so the screen never shows something that was not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from goaltui.core import formatting as fmt
from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.models import Milestone
from goaltui.store.store import Store
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from screens.dialogs import MilestoneAnswer, MilestoneDialog

T = TypeVar("T")
MOVE = Binding.Group("Move", compact=True)
FIXED_COLUMNS = 38  # check box, due date, status and cell padding


def status_text(milestone: Milestone, today: date) -> str:
    """What a lead needs to know about one milestone's date, in words."""
    if milestone.done:
        return f"done {milestone.done_at:%Y-%m-%d}" if milestone.done_at else "done"
    if milestone.due is None:
        return ""
    return fmt.days((milestone.due - today).days, "short")


class MilestonesScreen(Screen[bool]):
    """Dismisses True when anything was changed (so the board re-reads its counts)."""

    BINDINGS = [
        Binding("a", "add", "Add", id="milestones.add", tooltip="Add a milestone"),
        Binding("e", "edit", "Edit", id="milestones.edit",
                tooltip="Edit the title or due date (enter too)"),
        Binding("space", "toggle_done", "Done", id="milestones.toggle",
                tooltip="Tick or untick the milestone"),
        Binding("d", "delete", "Delete", id="milestones.delete", tooltip="Delete it (u undoes)"),
        Binding("u", "undo", "Undo", id="milestones.undo",
                tooltip="Bring back the last deleted milestone"),
        Binding("shift+up", "move(-1)", "Up", id="milestones.up", group=MOVE,
                key_display="⇧↑", tooltip="Move the milestone up"),
        Binding("shift+down", "move(1)", "Down", id="milestones.down", group=MOVE,
                key_display="⇧↓", tooltip="Move it down"),
        Binding("escape", "back", "Back", id="milestones.back", tooltip="Back to the board"),
    ]  # fmt: skip
    CSS_PATH = "milestones.tcss"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"milestones--overdue", "milestones--done"}

    def __init__(self, store: Store, clock: Clock, goal_key: str) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.goal_key = goal_key
        self.milestones: list[Milestone] = []
        self.changed = False
        self._deleted: list[Milestone] = []  # undo stack
        self.live = LiveReader(
            self, store, lambda: store.milestones(goal_key), group="milestones-load"
        )

    def compose(self) -> ComposeResult:
        yield Static(f"Milestones · {self.goal_key}", id="heading", markup=False)
        yield Static("", id="summary", markup=False)
        table: DataTable[Text] = DataTable(id="milestones", cursor_type="row", zebra_stripes=False)
        yield table
        yield Static("No milestones yet: press a to add one.", id="empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        goal = self._call(lambda: self.store.goal(self.goal_key))
        if goal is not None:
            self.query_one("#heading", Static).update(f"Milestones · {goal.key} · {goal.title}")
        self.reload()
        self.live.start(self.live.token)

    def on_resize(self, event: Resize) -> None:
        self._draw(keep=self.current_id)  # only the title column's width depends on the size

    # -- the table ----------------------------------------------------------------------

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#milestones", DataTable)

    @property
    def current(self) -> Milestone | None:
        if not self.milestones:
            return None
        return self.milestones[min(self.table.cursor_row, len(self.milestones) - 1)]

    @property
    def current_id(self) -> str | None:
        milestone = self.current
        return milestone.id if milestone else None

    def reload(self, keep: str | None = None) -> None:
        """Re-read the milestones and redraw, leaving the cursor on `keep` if given."""
        token = self.store.change_token()
        found = self._call(lambda: self.store.milestones(self.goal_key))
        if found is not None:  # else keep showing what was read last
            self.milestones = found
            self.live.token = token
        self._draw(keep)

    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        """Someone else changed the file: show their milestones, the cursor stays put."""
        keep = self.current_id
        self.milestones = self.live.take(message)
        self._draw(keep)

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Milestones", severity="error")

    def _draw(self, keep: str | None) -> None:
        today = self.clock.today()
        table = self.table
        row = table.cursor_row
        table.clear(columns=True)
        title_width = max(16, self.size.width - FIXED_COLUMNS)
        table.add_column("Done", key="done")
        table.add_column("Milestone", key="title", width=title_width)
        table.add_column("Due", key="due", width=10)
        table.add_column("Status", key="status", width=15)
        for milestone in self.milestones:
            style = self._row_style(milestone, today)
            table.add_row(
                Text("[x]" if milestone.done else "[ ]", style),
                Text(milestone.title, style, overflow="ellipsis", no_wrap=True),
                Text(milestone.due.isoformat() if milestone.due else "", style),
                Text(status_text(milestone, today), style),
                key=milestone.id,
            )
        ids = [m.id for m in self.milestones]
        if keep in ids:
            row = ids.index(keep)
        if ids:
            table.move_cursor(row=min(row, len(ids) - 1), animate=False)
        self.set_class(not ids, "-empty")
        self._show_summary(today)
        self.refresh_bindings()

    def _row_style(self, milestone: Milestone, today: date) -> str:
        if milestone.is_overdue(today):
            return str(self.get_component_rich_style("milestones--overdue", partial=True))
        if milestone.done:
            return str(self.get_component_rich_style("milestones--done", partial=True))
        return ""

    def _show_summary(self, today: date) -> None:
        done = sum(m.done for m in self.milestones)
        total = len(self.milestones)
        overdue = sum(m.is_overdue(today) for m in self.milestones)
        parts = [f"{done} of {total} done"] if total else ["no milestones"]
        if overdue:
            parts.append(f"{overdue} overdue")
        self.query_one("#summary", Static).update(" · ".join(parts))

    def _call(self, operation: Callable[[], T]) -> T | None:
        """Run a store operation; a GoaltuiError becomes a notification, not a crash."""
        try:
            return operation()
        except GoaltuiError as exc:
            self.notify(str(exc), title="Milestones", severity="error")
            return None

    def _changed(self, keep: str | None) -> None:
        self.changed = True
        self.reload(keep=keep)

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self._deleted)  # hidden until there is something to undo
        if action in {"edit", "toggle_done", "delete", "move"} and not self.milestones:
            return None
        return True

    def action_add(self) -> None:
        def add(answer: MilestoneAnswer | None) -> None:
            if answer is not None:
                title, due = answer
                added = self._call(lambda: self.store.add_milestone(self.goal_key, title, due))
                if added is not None:
                    self._changed(keep=added.id)

        self.app.push_screen(MilestoneDialog(self.clock.today()), add)

    def action_edit(self) -> None:
        milestone = self.current
        if milestone is None:
            return

        def save(answer: MilestoneAnswer | None) -> None:
            if answer is None:
                return
            title, due = answer
            edited = milestone.model_copy(update={"title": title, "due": due})
            if self._call(lambda: self.store.save_milestone(edited)) is not None:
                self._changed(keep=milestone.id)

        dialog = MilestoneDialog(
            self.clock.today(), heading="Edit milestone", title=milestone.title, due=milestone.due
        )
        self.app.push_screen(dialog, save)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()  # enter edits, as in most checklists

    def action_toggle_done(self) -> None:
        milestone = self.current
        if milestone is not None:
            done = not milestone.done
            if self._call(lambda: self.store.set_milestone_done(milestone.id, done)) is not None:
                self._changed(keep=milestone.id)

    def action_delete(self) -> None:
        milestone = self.current
        if milestone is None:
            return
        deleted = self._call(lambda: self.store.delete_milestone(milestone.id))
        if deleted is not None:
            self._deleted.append(deleted)
            self._changed(keep=None)
            self.notify(f"Deleted {deleted.title!r}. Press u to undo.", title="Milestones")

    def action_undo(self) -> None:
        if not self._deleted:
            return
        milestone = self._deleted.pop()
        if self._call(lambda: self.store.save_milestone(milestone)) is None:
            self._deleted.append(milestone)  # keep it for another try
            return
        self._changed(keep=milestone.id)
        self.notify(f"Restored {milestone.title!r}.", title="Milestones")

    def action_move(self, step: int) -> None:
        milestone = self.current
        if milestone is None:
            return
        ids = [m.id for m in self.milestones]
        here = ids.index(milestone.id)
        there = here + step
        if not 0 <= there < len(ids):
            return
        ids[here], ids[there] = ids[there], ids[here]

        def reorder() -> bool:
            self.store.reorder_milestones(self.goal_key, ids)
            return True

        if self._call(reorder):
            self._changed(keep=milestone.id)

    def action_back(self) -> None:
        self.dismiss(self.changed)
