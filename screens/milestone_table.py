"""The milestone checklist's table and words: one row per milestone, what its date means.

A milestone with a change still queued reads "saving…" in its status column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from rich.text import Text
from textual.binding import Binding

from goaltui.core import formatting as fmt
from goaltui.core.models import Metric, Milestone
from goaltui.core.thresholds import threshold_label, threshold_lower
from goaltui.widgets.plain_table import PlainTable

FIXED_COLUMNS = 47  # check box, due date, status and cell padding
THRESHOLD_COLUMN = 12  # 'Reach' and its padding, shown when a milestone has a threshold


def status_text(milestone: Milestone, today: date) -> str:
    """What a lead needs to know about one milestone's date, in words; a done one says
    when and by whom (for one that ticked itself: whoever logged the value)."""
    if milestone.done:
        text = f"done {milestone.done_at:%Y-%m-%d}" if milestone.done_at else "done"
        return f"{text} by {milestone.done_by}" if milestone.done_by else text
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


def reach_text(milestone: Milestone, metric: Metric | None, ascii: bool = False) -> str:
    """'≤ 22.5 h': the value that ticks the milestone, the way the goal's metric goes."""
    if milestone.threshold is None:
        return ""
    baseline, target = (metric.baseline, metric.target) if metric else (None, None)
    lower = threshold_lower(baseline, target, milestone.threshold)
    return threshold_label(lower, milestone.threshold, metric.unit if metric else "", ascii)


def ticked_text(milestone: Milestone, metric: Metric | None, ascii: bool = False) -> str:
    """'Milestone ticked: Q1 callbacks (≤ 22.5 h)': the notice when a value ticked it (the
    threshold left out when the title already says it)."""
    said = milestone.threshold is not None and fmt.number(milestone.threshold) in milestone.title
    reach = "" if said else f" ({reach_text(milestone, metric, ascii)})"
    return f"Milestone ticked: {milestone.title}{reach}"


class MilestoneTable(PlainTable[Text]):
    """The checklist: done box, title (cut to the width), the threshold that ticks it (when
    any milestone has one), due date, status."""

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
        metric: Metric | None = None,
        ascii: bool = False,
        keep: str | None,
        saving: Mapping[str, int],
        style_of: Callable[[Milestone], str],
    ) -> None:
        """Draw `milestones`, the cursor on `keep` if listed (else where it was)."""
        row = self.cursor_row
        reach = any(m.threshold is not None for m in milestones)
        title_width = width - FIXED_COLUMNS - (THRESHOLD_COLUMN if reach else 0)
        self.clear(columns=True)
        self.add_column("Done", key="done")
        self.add_column("Milestone", key="title", width=max(16, title_width))
        if reach:
            self.add_column("Reach", key="reach", width=THRESHOLD_COLUMN - 2)
        self.add_column("Due", key="due", width=10)
        self.add_column("Status", key="status", width=24)
        for milestone in milestones:
            style = style_of(milestone)
            status = "saving…" if saving.get(milestone.id) else status_text(milestone, today)
            cells = [
                Text("[x]" if milestone.done else "[ ]", style),
                Text(milestone.title, style, overflow="ellipsis", no_wrap=True),
            ]
            if reach:
                text = reach_text(milestone, metric, ascii)
                cells.append(Text(text, style, overflow="ellipsis", no_wrap=True))
            cells += [
                Text(milestone.due.isoformat() if milestone.due else "", style),
                Text(status, style, overflow="ellipsis", no_wrap=True),
            ]
            self.add_row(*cells, key=milestone.id)
        ids = [m.id for m in milestones]
        if keep in ids:
            row = ids.index(keep)
        if ids:
            self.move_cursor(row=min(row, len(ids) - 1), animate=False)
