"""The check-in's strip of due milestones: '[ ] title' lines that space or enter ticks.

A tick shows at once, marked "saving…", and goes to the app's save queue; the mark
goes when the store took it, and a refused tick is undone on screen with a notice.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import partial

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from goaltui.core.checkin_logic import due_milestone_label
from goaltui.core.models import Milestone
from goaltui.store.store import Store
from goaltui.widgets.saves import Save, error_text, saves_of


@dataclass(frozen=True)
class DueMilestone:
    id: str
    label: str
    done: bool = False
    saving: bool = False


class MilestoneList(OptionList):
    """Due milestones as '[ ] title' lines (readable without colour); space or enter ticks."""

    BINDINGS = [
        Binding("space,enter", "tick", "Tick", id="checkin.tick", key_display="space",
                tooltip="Mark the highlighted milestone done, or not done again"),
    ]  # fmt: skip

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.items: list[DueMilestone] = []
        self._queued: Counter[str] = Counter()  # ticks not saved yet, by milestone id

    @property
    def ticking(self) -> bool:
        """A tick is still queued: the screen does not redraw the list under it."""
        return any(self._queued.values())

    def show(self, milestones: list[Milestone], today: date) -> None:
        """List these milestones (hidden when there are none); all start unticked."""
        self.items = [
            DueMilestone(m.id, due_milestone_label(m.goal, m.title, m.due or today, today))
            for m in milestones
        ]
        self.set_options(Option(self._prompt(item), id=item.id) for item in self.items)
        self.border_title = f"Milestones due ({len(self.items)}) · ctrl+l, then space to tick"
        self.display = bool(self.items)

    def on_focus(self) -> None:
        if self.highlighted is None and self.items:
            self.highlighted = 0  # so space ticks something at once

    def set_done(self, milestone_id: str, done: bool, *, saving: bool = False) -> None:
        for index, item in enumerate(self.items):
            if item.id == milestone_id:
                self.items[index] = dataclasses.replace(item, done=done, saving=saving)
                self.replace_option_prompt_at_index(index, self._prompt(self.items[index]))

    @staticmethod
    def _prompt(item: DueMilestone) -> Text:
        box = Text("[x] ", style="bold green") if item.done else Text("[ ] ")
        text = box + Text(item.label, style="dim strike" if item.done else "")
        if item.saving:
            text.append("  saving…", style="italic")
        return text

    def action_tick(self) -> None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.items):
            return
        item, store = self.items[index], self.store
        done = not item.done
        self.set_done(item.id, done, saving=True)

        def saved(_: Milestone) -> None:
            self._queued[item.id] -= 1
            if not self._queued[item.id]:  # else a later tick of it is on its way
                self.set_done(item.id, done)
            self.notify("Milestone done" if done else "Milestone open again", timeout=2)

        def refused(error: Exception) -> None:
            self._queued[item.id] -= 1
            self.set_done(item.id, not done, saving=bool(self._queued[item.id]))  # the truth
            self.notify(error_text(error), title="Milestone not changed", severity="error")

        self._queued[item.id] += 1
        what = f"milestone {item.label} {'done' if done else 'open'}"
        call = partial(store.set_milestone_done, item.id, done)
        saves_of(self).submit(Save(what, call, saved, refused, owner=self))
