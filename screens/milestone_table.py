"""The milestone checklist's table and words: one row per milestone, what its date means.

A milestone with a change still queued reads "saving…" in its status column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from rich.text import Text
from textual.binding import Binding

from goaltui.core import formatting as fmt
from goaltui.core.models import Milestone
from goaltui.widgets.plain_table import PlainTable

FIXED_COLUMNS = 38  # check box, due date, status and cell padding


def status_text(milestone: Milestone, today: date) -> str:
    """What a lead needs to know about one milestone's date, in words."""
    if milestone.done:
        return f"done {milestone.done_at:%Y-%m-%d}" if milestone.done_at else "done"
    if milestone.due is None:
        return ""
    return fmt.days((milestone.due - today).days, "short")


def summary_text(milestones: Sequence[Milestone], today: date, saving: int) -> str:
    """'3 of 5 done · 1 overdue · 1 saving'."""
    done = sum(m.done for m in milestones)
    overdue = sum(m.is_overdue(today) for m in milestones)
    parts = [f"{done} of {len(milestones)} done"] if milestones else ["no milestones"]
    if overdue:
        parts.append(f"{overdue} overdue")
    if saving:
        parts.append(f"{saving} saving")
    return " · ".join(parts)


class MilestoneTable(PlainTable[Text]):
    """The checklist: done box, title (cut to the width), due date, status."""

    BINDINGS = [  # as on the board (a DataTable's own home and end scroll sideways)
        Binding("home", "first", "First", id="milestones.first", show=False,
                tooltip="First milestone"),
        Binding("end", "last", "Last", id="milestones.last", show=False,
                tooltip="Last milestone"),
    ]  # fmt: skip

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))

    def show(
        self,
        milestones: Sequence[Milestone],
        today: date,
        width: int,
        *,
        keep: str | None,
        saving: Mapping[str, int],
        style_of: Callable[[Milestone], str],
    ) -> None:
        """Draw `milestones`, the cursor on `keep` if listed (else where it was)."""
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column("Done", key="done")
        self.add_column("Milestone", key="title", width=max(16, width - FIXED_COLUMNS))
        self.add_column("Due", key="due", width=10)
        self.add_column("Status", key="status", width=15)
        for milestone in milestones:
            style = style_of(milestone)
            status = "saving…" if saving.get(milestone.id) else status_text(milestone, today)
            self.add_row(
                Text("[x]" if milestone.done else "[ ]", style),
                Text(milestone.title, style, overflow="ellipsis", no_wrap=True),
                Text(milestone.due.isoformat() if milestone.due else "", style),
                Text(status, style),
                key=milestone.id,
            )
        ids = [m.id for m in milestones]
        if keep in ids:
            row = ids.index(keep)
        if ids:
            self.move_cursor(row=min(row, len(ids) - 1), animate=False)
