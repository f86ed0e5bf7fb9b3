"""One saved meeting, read-only: who, when, and each goal's figures, outcome and note then."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from goaltui.core.meetings import attendees_text, outcome_text
from goaltui.core.minutes import Minutes, figures_text
from goaltui.core.models import TargetChange
from goaltui.widgets.plain_table import PlainTable


class MeetingScreen(Screen[None]):
    """The minutes as they were saved; nothing here changes them."""

    HELP_TITLE = "meeting"

    BINDINGS = [Binding("escape", "back", "Back", id="meeting.back", tooltip="Back to the list")]
    CSS_PATH = "meetings.tcss"

    def __init__(self, minutes: Minutes, changes: Sequence[TargetChange] = ()) -> None:
        super().__init__()
        self.minutes = minutes
        self.changes = list(changes)  # the ledger entries the "adjust" rows name

    def compose(self) -> ComposeResult:
        m = self.minutes
        head = Text.assemble((f"{m.kind}, {m.held_on.isoformat()}", "bold"))
        head.append(f"  ·  attendees: {attendees_text(m)}")
        if m.by:
            head.append(f"  ·  recorded by {m.by}")
        yield Static(head, id="meeting-head", markup=False)
        yield PlainTable(id="meeting-items", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.focus()
        wide = (self.size.width or self.app.size.width) >= 110
        goal_w, figures_w, outcome_w = (18, 36, 28) if wide else (14, 24, 16)
        rest = (self.size.width or self.app.size.width) - (goal_w + figures_w + outcome_w + 9)
        for label, width in (
            ("goal", goal_w),
            ("figures at the time", figures_w),
            ("outcome", outcome_w),
            ("note", max(12, rest)),
        ):
            table.add_column(label, width=width)
        for item in self.minutes.items:
            # Cells wrap (height=None) so a long note or a ledger reason is read in full.
            table.add_row(
                item.goal,
                figures_text(item),
                outcome_text(self.minutes, item, self.changes),
                item.note or "—",
                height=None,
            )

    def action_back(self) -> None:
        self.dismiss(None)
