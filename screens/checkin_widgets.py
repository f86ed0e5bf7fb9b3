"""The check-in screen's parts: its value input, its milestone list and its table cells.

Kept apart from screens/checkin.py so the screen itself holds only the flow.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from rich.color import Color
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.renderables.sparkline import Sparkline
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from goaltui.core import formatting as fmt
from goaltui.core.checkin_logic import (
    CONFIDENCE_LABELS,
    CONFIDENCE_SHORT,
    CheckInRow,
    due_milestone_label,
    last_label,
    short_day,
)
from goaltui.core.models import Confidence, Direction, Milestone
from goaltui.widgets.board_cells import AsciiSparkline

WIDE = 100  # from this width on: metric column, goal titles, units, longer sparklines
GOOD, BAD, NEUTRAL = Color.parse("#5faf5f"), Color.parse("#d75f5f"), Color.parse("#5f87af")
CONFIDENCE_STYLE = {
    Confidence.ON_TRACK: "green",
    Confidence.AT_RISK: "yellow",
    Confidence.OFF_TRACK: "red",
}
MOVE = Binding.Group("Move", compact=True)


def _editing_bindings() -> list[Binding]:
    """Input's own editing keys, minus the ones the check-in uses for commands."""
    taken = {"enter", "ctrl+d"}
    kept = []
    for binding in Input.BINDINGS:
        assert isinstance(binding, Binding)
        keys = [k for k in binding.key.split(",") if k not in taken]
        if keys:
            kept.append(dataclasses.replace(binding, key=",".join(keys)))
    return kept


class CheckInInput(Input, inherit_bindings=False):
    """The one value input. The check-in keys are bound here, on the focused widget, so they
    win over the scroll keys Input inherits (up/down) and its ctrl+d, and the Footer lists
    them first, in this order. Letters stay free for typing."""

    BINDINGS = [
        Binding("enter", "submit", "Save", id="checkin.save",
                tooltip="Save the typed value for this goal and move to the next goal"),
        Binding("tab", "screen.move(1, True)", "Skip", id="checkin.skip", group=MOVE,
                key_display="⇥", tooltip="Next goal without saving (wraps around)"),
        Binding("shift+tab", "screen.move(-1, True)", "Back", id="checkin.back", group=MOVE,
                key_display="⇤", tooltip="Previous goal without saving (wraps around)"),
        Binding("up", "screen.move(-1)", "Up", id="checkin.up", group=MOVE,
                tooltip="Previous goal"),
        Binding("down", "screen.move(1)", "Down", id="checkin.down", group=MOVE,
                tooltip="Next goal"),
        Binding("ctrl+t", "screen.confidence", "Confidence", id="checkin.confidence",
                tooltip="Cycle confidence: on track, at risk, off track, none (saved with it)"),
        Binding("ctrl+n", "screen.note", "Note", id="checkin.note",
                tooltip="Add a one-line note to this goal's check-in"),
        Binding("ctrl+d", "screen.pick_day", "Day", id="checkin.day",
                tooltip="Choose the day to log: yesterday, -2d or YYYY-MM-DD (back-fill)"),
        Binding("ctrl+l", "screen.milestones", "Milestones", id="checkin.milestones",
                tooltip="Move to the due milestones to tick them"),
        Binding("escape", "screen.close", "Close", id="checkin.close",
                tooltip="Close the check-in (values saved with Enter are already stored)"),
        *_editing_bindings(),
    ]  # fmt: skip


@dataclass(frozen=True)
class DueMilestone:
    id: str
    label: str
    done: bool = False


class MilestoneList(OptionList):
    """Due milestones as '[ ] title' lines (readable without colour); space or enter ticks."""

    BINDINGS = [
        Binding("space,enter", "tick", "Tick", id="checkin.tick", key_display="space",
                tooltip="Mark the highlighted milestone done, or not done again"),
    ]  # fmt: skip

    @dataclass
    class Toggled(Message):
        """The lead ticked or unticked a milestone; the screen saves it."""

        milestone_id: str
        done: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[DueMilestone] = []

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

    def set_done(self, milestone_id: str, done: bool) -> None:
        for index, item in enumerate(self.items):
            if item.id == milestone_id:
                self.items[index] = dataclasses.replace(item, done=done)
                self.replace_option_prompt_at_index(index, self._prompt(self.items[index]))

    @staticmethod
    def _prompt(item: DueMilestone) -> Text:
        box = Text("[x] ", style="bold green") if item.done else Text("[ ] ")
        return box + Text(item.label, style="dim strike" if item.done else "")

    def action_tick(self) -> None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.items):
            return
        item = self.items[index]
        self.set_done(item.id, not item.done)
        self.post_message(self.Toggled(item.id, not item.done))


def table_columns(width: int, day: date, rows: int, spare_rows: int) -> list[tuple[str, str, int]]:
    """(key, label, width) of the table's columns for a screen `width` cells wide.

    Each column also takes 2 cells of padding; the goal column gets what is left, so
    80 columns fit owner, goal key, last, target, a short sparkline and the day's value.
    """
    wide = width >= WIDE
    fixed = [("owner", "Owner", 13 if wide else 12)]
    if wide:
        fixed.append(("metric", "Metric", 12))
    fixed += [
        ("last", "Last", 12 if wide else 11),
        ("target", "Target", 8 if wide else 7),
        ("trend", "30 days", 14 if wide else 8),
        ("today", short_day(day)[:6], 16 if wide else 12),
    ]
    scrollbar = 2 if rows > spare_rows else 0
    leftover = max(width, 40) - sum(w + 2 for _, _, w in fixed) - 2 - 1 - scrollbar
    return [fixed[0], ("goal", "Goal", max(leftover, 12)), *fixed[1:]]


def _clip(text: str | Text, style: str = "") -> Text:
    cell = Text(text, style=style) if isinstance(text, str) else text
    cell.no_wrap, cell.overflow = True, "ellipsis"
    return cell


def row_cells(row: CheckInRow, day: date, wide: bool, ascii: bool = False) -> dict[str, object]:
    """Cell contents by column key (the metric column only when `wide`); `ascii`: plain
    sparkline glyphs (`goaltui checkin --ascii`)."""
    metric = row.goal.metric
    unit = metric.unit if wide else ""
    goal = Text(row.key)
    if wide:
        goal.append(f"  {row.goal.title}", style="dim")
    cells: dict[str, object] = {
        "owner": _clip(row.goal.owner if row.first_of_owner else "", "bold"),
        "goal": _clip(goal),
    }
    if wide:
        cells["metric"] = _clip(f"{metric.name} {metric.unit}".strip())
    cells["last"] = _clip(last_label(row, day, unit))
    cells["target"] = _clip(fmt.value(metric.target, unit))
    # Colour the sparkline by meaning: green is the good end for this metric.
    low, high = NEUTRAL, NEUTRAL
    if metric.direction is Direction.LOWER:
        low, high = GOOD, BAD
    elif metric.direction is Direction.HIGHER:
        low, high = BAD, GOOD
    cells["trend"] = (
        AsciiSparkline(row.sparkline(day))
        if ascii
        else Sparkline(row.sparkline(day), width=None, min_color=low, max_color=high)
    )
    cells["today"] = _clip(today_cell(row, wide))
    return cells


def today_cell(row: CheckInRow, wide: bool) -> Text:
    """'✓ 473 risk ✎': the saved value, then confidence and a note mark (dim until saved)."""
    parts: list[Text] = []
    if row.value is not None:
        unit = row.goal.metric.unit if wide else ""
        parts.append(Text(f"✓ {fmt.value(row.value, unit)}", style="bold green"))
    if row.confidence is not None:
        label = (CONFIDENCE_LABELS if wide else CONFIDENCE_SHORT)[row.confidence]
        parts.append(Text(label, style=CONFIDENCE_STYLE[row.confidence]))
    if row.note:
        parts.append(Text("✎"))
    text = Text(" ").join(parts)
    if not row.saved:
        text.stylize("dim")  # set, but saved only with the value
    return text
