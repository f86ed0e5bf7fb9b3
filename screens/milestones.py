"""One goal's milestone checklist: add, edit, tick, delete with undo, reorder.

One DataTable, not a widget per milestone. The UI never waits on the file: the list is
read in a worker (LiveReader); a change shows at once, "saving…", while the app's save
queue writes it. A refused change is named in a notice, and once nothing is queued the
list is read again, so it always ends up as the file has it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from goaltui.core.clock import Clock
from goaltui.core.errors import UnknownGoal
from goaltui.core.models import Goal, Milestone
from goaltui.store.store import Store
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from goaltui.widgets.saves import Save, dismiss_when_saved, error_text, saves_of
from screens.dialogs import MilestoneAnswer, MilestoneDialog
from screens.milestone_table import MilestoneTable, status_text, summary_text

MOVE = Binding.Group("Move", compact=True)
Read = tuple[Goal | None, list[Milestone]]


class MilestonesScreen(Screen[bool]):
    """Dismisses True when anything was changed (so the board re-reads its counts)."""

    HELP_TITLE = "milestones"

    BINDINGS = [
        Binding("a", "add", "Add", id="milestones.add", tooltip="Add a milestone"),
        Binding("e", "edit", "Edit", id="milestones.edit",
                tooltip="Edit the title, due date or threshold (enter too)"),
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
        self.goal: Goal | None = None  # its metric says how a threshold reads
        self.loaded = False
        self.changed = False
        self._deleted: list[tuple[int, Milestone]] = []  # undo stack: (where it was, what)
        self._saving: Counter[str] = Counter()  # queued changes by milestone id
        self.live: LiveReader[Read] = LiveReader(self, store, self._read, group="milestones-load")

    def compose(self) -> ComposeResult:
        yield Static(f"Milestones · {self.goal_key}", id="heading", markup=False)
        yield Static("", id="summary", markup=False)
        yield MilestoneTable(id="milestones", cursor_type="row", zebra_stripes=False)
        yield Static("", id="info", markup=False)  # the highlighted one's title in full
        yield Static("No milestones yet: press a to add one.", id="empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._draw(keep=None)
        self.live.start(None)
        self.live.load()

    def on_resize(self, event: Resize) -> None:
        self._draw(keep=self.current_id)  # only the title column's width depends on the size

    # -- reading (in a worker) and the table --------------------------------------------

    def _read(self) -> Read:
        try:
            goal: Goal | None = self.store.goal(self.goal_key)
        except UnknownGoal:
            goal = None  # its milestones can still be read (and are empty)
        return goal, self.store.milestones(self.goal_key)

    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        """The file changed (or was read first): show it, the cursor stays put."""
        if self._saving.total() or (self.loaded and self.store.change_token() != message.token):
            return  # ours are queued, or it is out of date: read again once they are saved
        goal, self.milestones = self.live.take(message)
        if goal is not None:
            self.goal = goal
            self.query_one("#heading", Static).update(f"Milestones · {goal.key} · {goal.title}")
        self.loaded = True
        self._draw(self.current_id)

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Milestones", severity="error")

    @property
    def table(self) -> MilestoneTable:
        return self.query_one("#milestones", MilestoneTable)

    @property
    def current(self) -> Milestone | None:
        if not self.milestones:
            return None
        return self.milestones[min(self.table.cursor_row, len(self.milestones) - 1)]

    @property
    def current_id(self) -> str | None:
        return self.current.id if self.current else None

    def _draw(self, keep: str | None) -> None:
        today = self.clock.today()
        self.table.show(
            self.milestones,
            today,
            self.size.width,
            metric=self.goal.metric if self.goal else None,
            ascii=self.ascii,
            keep=keep,
            saving=self._saving,
            style_of=lambda m: self._row_style(m, today),
        )
        self.set_class(self.loaded and not self.milestones, "-empty")
        summary = summary_text(self.milestones, today, self._saving.total())
        self.query_one("#summary", Static).update(summary if self.loaded else "reading…")
        self._show_info()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _show_info(self) -> None:
        """At 80 columns a long title is cut in the table: under it, the highlighted
        milestone's title reads in full (wrapped), with its date's words."""
        milestone = self.current
        info = self.query_one("#info", Static)
        if milestone is None:
            info.update("")
            return
        words = status_text(milestone, self.clock.today())
        info.update(Text.assemble((milestone.title, "bold"), f" · {words}" if words else ""))

    @property
    def ascii(self) -> bool:
        return bool(getattr(self.app, "ascii_only", False))  # `--ascii`: plain signs

    def _dialog(self, **fields: Any) -> MilestoneDialog:
        metric = self.goal.metric if self.goal else None
        return MilestoneDialog(self.clock.today(), metric=metric, ascii=self.ascii, **fields)

    def _row_style(self, milestone: Milestone, today: date) -> str:
        if milestone.is_overdue(today):
            return str(self.get_component_rich_style("milestones--overdue", partial=True))
        if milestone.done:
            return str(self.get_component_rich_style("milestones--done", partial=True))
        return ""

    # -- saving: shown at once, written by the save queue -------------------------------

    def _save(
        self,
        what: str,
        call: Callable[[], Any],
        marked: str,
        *,
        keep: str | None,
        done: Callable[[Any], None] | None = None,
        undo: Callable[[], None] | None = None,
    ) -> None:
        """Queue `call`, the milestone `marked` reading "saving…" until it is answered;
        `done` takes the store's answer, `undo` takes the change back when it is refused."""

        def finished() -> None:
            self._saving[marked] -= 1
            if not self._saving.total():
                self.live.load()  # all in: show the file as it is now
            self._draw(self.current_id)

        def saved(result: Any) -> None:
            self.changed = True
            if done is not None:
                done(result)
            finished()

        def refused(error: Exception) -> None:
            self.notify(error_text(error), title=f"Not saved: {what}", severity="error")
            if undo is not None:
                undo()
            finished()

        self._saving[marked] += 1
        saves_of(self).submit(Save(what, call, saved, refused, owner=self))
        self._draw(keep)

    def _replace(self, milestone: Milestone) -> None:
        """Put this copy of a milestone in the list (if it is still listed)."""
        self.milestones = [milestone if m.id == milestone.id else m for m in self.milestones]

    def _remove(self, milestone_id: str) -> None:
        self.milestones = [m for m in self.milestones if m.id != milestone_id]

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self._deleted)  # hidden until there is something to undo
        if action in {"edit", "toggle_done", "delete", "move"} and not self.milestones:
            return None
        return True

    def action_add(self) -> None:
        def add(answer: MilestoneAnswer | None) -> None:
            if answer is None:
                return
            title, due, threshold = answer
            order = max((m.order for m in self.milestones), default=-1) + 1
            try:  # the id is made here, so changes queued behind the add can name it
                new = Milestone(
                    goal=self.goal_key, title=title, due=due, threshold=threshold, order=order
                )
            except ValueError as exc:  # pydantic's ValidationError
                self.notify(error_text(exc), title="Milestone not added", severity="error")
                return
            self.milestones.append(new)
            call = partial(self.store.save_milestone, new)
            self._save(
                f"add {title!r}", call, new.id, keep=new.id, undo=partial(self._remove, new.id)
            )

        self.app.push_screen(self._dialog(), add)

    def action_edit(self) -> None:
        milestone = self.current
        if milestone is None:
            return

        def save(answer: MilestoneAnswer | None) -> None:
            if answer is None:
                return
            title, due, threshold = answer
            edited = milestone.model_copy(
                update={"title": title, "due": due, "threshold": threshold}
            )
            self._replace(edited)
            call = partial(self.store.save_milestone, edited)
            self._save(f"edit {title!r}", call, edited.id, keep=edited.id, done=self._replace)

        dialog = self._dialog(
            heading="Edit milestone",
            title=milestone.title,
            due=milestone.due,
            threshold=milestone.threshold,
        )
        self.app.push_screen(dialog, save)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()  # enter edits, as in most checklists

    def action_toggle_done(self) -> None:
        milestone = self.current
        if milestone is None:
            return
        done, mid = not milestone.done, milestone.id
        stamp = (self.clock.now(), self.store.user) if done else (None, None)
        update = {"done": done, "done_at": stamp[0], "done_by": stamp[1], "reached_on": None}
        self._replace(milestone.model_copy(update=update))
        call = partial(self.store.set_milestone_done, mid, done)
        what = f"{'tick' if done else 'untick'} {milestone.title!r}"
        self._save(
            what, call, mid, keep=mid, done=self._replace, undo=partial(self._replace, milestone)
        )

    def action_delete(self) -> None:
        milestone = self.current
        if milestone is None:
            return
        entry = (self.table.cursor_row, milestone)
        self._deleted.append(entry)
        self._remove(milestone.id)

        def undo() -> None:  # refused: it is still in the file (the re-read shows it)
            if entry in self._deleted:
                self._deleted.remove(entry)

        call = partial(self.store.delete_milestone, milestone.id)
        self._save(f"delete {milestone.title!r}", call, milestone.id, keep=None, undo=undo)
        self.notify(f"Deleted {milestone.title!r}. Press u to undo.", title="Milestones")

    def action_undo(self) -> None:
        if not self._deleted:
            return
        where, milestone = entry = self._deleted.pop()
        self.milestones.insert(min(where, len(self.milestones)), milestone)

        def undo() -> None:
            self._remove(milestone.id)
            self._deleted.append(entry)  # kept for another try

        call = partial(self.store.save_milestone, milestone)
        self._save(f"restore {milestone.title!r}", call, milestone.id, keep=milestone.id, undo=undo)
        self.notify(f"Restored {milestone.title!r}.", title="Milestones")

    def action_move(self, step: int) -> None:
        milestone = self.current
        if milestone is None:
            return
        items = self.milestones
        here = items.index(milestone)
        there = here + step
        if not 0 <= there < len(items):
            return
        items[here], items[there] = items[there], items[here]
        call = partial(self.store.reorder_milestones, self.goal_key, [m.id for m in items])
        self._save(f"move {milestone.title!r}", call, milestone.id, keep=milestone.id)

    def action_back(self) -> None:
        dismiss_when_saved(self, lambda: self.changed)
