"""The check-in's table: one row per active goal of the day being logged, with its save mark.

The table holds the rows and their save state (`SaveMarks`) and sends each value to
the app's save queue; the row reads "saving" until the store answers, then "✓" or
"✗ not saved", and `Logged` / `Refused` tell the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.renderables.sparkline import Sparkline

from goaltui.core import formatting as fmt
from goaltui.core.checkin_logic import (
    CONFIDENCE_LABELS,
    CONFIDENCE_SHORT,
    CheckInRow,
    last_label,
)
from goaltui.core.dates import short_day
from goaltui.core.durations import is_seconds
from goaltui.core.models import CheckIn, Confidence, Direction, Milestone
from goaltui.core.wins import Win
from goaltui.store.store import Store
from goaltui.widgets.board_cells import UNUSUAL_MARK, AsciiSparkline
from goaltui.widgets.plain_table import PlainTable
from goaltui.widgets.saves import Save, error_text, saves_of
from screens.checkin_state import RowSave, SaveMarks
from screens.wins import record_wins

WIDE = 100  # from this width on: metric column, goal titles, units, longer sparklines
GOOD, BAD, NEUTRAL = Color.parse("#5faf5f"), Color.parse("#d75f5f"), Color.parse("#5f87af")
UNUSUAL_COLOUR = {"good": GOOD, "bad": BAD}
CONFIDENCE_STYLE = {
    Confidence.ON_TRACK: "green",
    Confidence.AT_RISK: "yellow",
    Confidence.OFF_TRACK: "red",
}


TARGET_WIDTH, WIDE_TARGET_WIDTH = 7, 8
BAND_WIDTH = 12  # a band's edges: "5:00..6:00", "75..85%" and the like, whole


def table_columns(
    width: int, day: date, rows: int, spare_rows: int, target: int = TARGET_WIDTH
) -> list[tuple[str, str, int]]:
    """(key, label, width) of the table's columns for a screen `width` cells wide; `target`:
    the widest target text (a band's is wider), from the usual width up to BAND_WIDTH.

    Each column also takes 2 cells of padding; the goal column gets what is left, so
    80 columns fit owner, goal key, last, target, a short sparkline and the day's value.
    """
    wide = width >= WIDE
    fixed = [("owner", "Owner", 13 if wide else 12)]
    if wide:
        fixed.append(("metric", "Metric", 12))
    fixed += [
        ("last", "Last", 12 if wide else 11),
        (
            "target",
            "Target",
            min(max(target, WIDE_TARGET_WIDTH if wide else TARGET_WIDTH), BAND_WIDTH),
        ),
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


def row_cells(
    row: CheckInRow, day: date, wide: bool, ascii: bool = False, mark: RowSave | None = None
) -> dict[str, object]:
    """Cell contents by column key (the metric column only when `wide`); `ascii`: plain
    sparkline glyphs (`goaltui checkin --ascii`); `mark`: the row's save in progress."""
    metric = row.goal.metric
    unit = _unit(metric.unit, wide)
    goal = Text(row.key)
    if wide:
        goal.append(f"  {row.goal.title}", style="dim")
    cells: dict[str, object] = {
        "owner": _clip(row.goal.owner if row.first_of_owner else "", "bold"),
        "goal": _clip(goal),
    }
    if wide:
        cells["metric"] = _clip(f"{metric.name} {fmt.unit_label(metric.unit)}".strip())
    cells["last"] = _clip(last_label(row, day, unit))
    cells["target"] = _clip(target_text(row, wide))
    # Colour the sparkline by meaning: green is the good end for this metric (neither end
    # is, for a band: too low hurts as much as too high).
    low, high = NEUTRAL, NEUTRAL
    if metric.band is not None:
        pass
    elif metric.direction is Direction.LOWER:
        low, high = GOOD, BAD
    elif metric.direction is Direction.HIGHER:
        low, high = BAD, GOOD
    cells["trend"] = (
        AsciiSparkline(row.sparkline(day))
        if ascii
        else Sparkline(row.sparkline(day), width=None, min_color=low, max_color=high)
    )
    cells["today"] = _clip(today_cell(row, wide, mark))
    return cells


def target_text(row: CheckInRow, wide: bool) -> str:
    """The Target cell: "7:00", "92", or a band's edges "5:00..6:00" (the column widens)."""
    metric = row.goal.metric
    return fmt.goal_target(metric.target, _unit(metric.unit, wide), metric.band)


def _unit(unit: str, wide: bool) -> str:
    """The unit the cells show: none when narrow, but a duration still reads m:ss."""
    return unit if wide or is_seconds(unit) else ""


def today_cell(row: CheckInRow, wide: bool, mark: RowSave | None = None) -> Text:
    """'✓ 473 risk ✎': the saved value, then confidence and a note mark (dim until saved).

    While a save is queued the value reads 'saving 473' (the lock may be held by
    someone else); a refused one reads '✗ 473 not saved' until it is typed again.
    """
    unit = _unit(row.goal.metric.unit, wide)
    parts: list[Text] = []
    if mark is not None and mark.pending:
        parts.append(Text(f"saving {fmt.value(mark.value, unit)}", style="italic yellow"))
    elif mark is not None and mark.error:
        parts.append(Text(f"✗ {fmt.value(mark.refused, unit)} not saved", style="bold red"))
    elif row.value is not None:
        saved = Text(f"✓ {fmt.value(row.value, unit)}", style="bold green")
        if row.unusual:  # far from the last 30 days: green news or red news
            saved.append(UNUSUAL_MARK, style=Style(bold=True, color=UNUSUAL_COLOUR[row.unusual]))
        parts.append(saved)
    if row.confidence is not None:
        label = (CONFIDENCE_LABELS if wide else CONFIDENCE_SHORT)[row.confidence]
        parts.append(Text(label, style=CONFIDENCE_STYLE[row.confidence]))
    if row.note:
        parts.append(Text("✎"))
    text = Text(" ").join(parts)
    if not row.saved and not (mark is not None and mark.pending):
        text.stylize("dim")  # set, but saved only with the value
    return text


class CheckInTable(PlainTable[object]):
    """The rows of `day` (`goal_rows`) and their saves; never focused (the input is)."""

    @dataclass
    class Logged(Message):
        """The store took a value of `day`; `first`: the row had none before; `ticked`:
        the milestones whose threshold the value reached."""

        day: date
        key: str
        first: bool
        wins: list[Win]
        ticked: list[Milestone]

    @dataclass
    class Refused(Message):
        """The store refused `value` for the row (`error` says why); it stays unsaved."""

        key: str
        value: float
        error: str

    def __init__(self, store: Store, day: date, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", cursor_foreground_priority="renderable")
        self.can_focus = False
        self.store = store
        self.day = day
        self.goal_rows: list[CheckInRow] = []
        self.marks = SaveMarks()
        self.saved_any = False  # the store took a value (the board then reads again)
        self.wide = self.ascii = False

    @property
    def current(self) -> CheckInRow | None:
        index = self.cursor_row
        return self.goal_rows[index] if 0 <= index < len(self.goal_rows) else None

    def index(self, key: str) -> int | None:
        return next((i for i, row in enumerate(self.goal_rows) if row.key == key), None)

    def unit_of(self, key: str) -> str:
        """The unit of the row's metric ("" when the row is gone)."""
        index = self.index(key)
        return "" if index is None else self.goal_rows[index].goal.metric.unit

    def mark(self, key: str) -> RowSave | None:
        return self.marks.get(self.day, key)

    @property
    def busy(self) -> set[str]:
        """Keys of this day's rows with a save still queued."""
        return self.marks.busy(self.day)

    def show(
        self, rows: list[CheckInRow], width: int, room: int, cursor: int | None = None
    ) -> None:
        """Draw `rows` in `room` lines (it scrolls beyond) with the cursor on row `cursor`,
        else on the same goal as before (else at the same place)."""
        if cursor is None:
            keys, current = [row.key for row in rows], self.current
            keep = current.key if current is not None else None
            cursor = keys.index(keep) if keep in keys else self.cursor_row
        self.goal_rows, self.wide = rows, width >= WIDE
        self.styles.max_height = max(room, 3)
        self.clear(columns=True)
        aims = max((len(target_text(row, self.wide)) for row in rows), default=0)
        for key, label, size in table_columns(width, self.day, len(rows), room - 1, aims):
            self.add_column(label, key=key, width=size)
        for row in rows:
            self.add_row(*self._cells(row).values(), key=row.key)
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    def _cells(self, row: CheckInRow) -> dict[str, object]:
        return row_cells(row, self.day, self.wide, self.ascii, self.mark(row.key))

    def refresh_key(self, key: str) -> None:
        index = self.index(key)
        if index is not None:
            for column, value in self._cells(self.goal_rows[index]).items():
                self.update_cell(key, column, value)

    def amend(self, key: str, change: Callable[[CheckInRow], CheckInRow]) -> None:
        """A row's note or confidence changed: saved with its value, now if it has one
        (saved or queued), else later with the value."""
        index = self.index(key)
        if index is not None:
            row = self.goal_rows[index] = change(self.goal_rows[index])
            self.save_row(row, self.marks.latest(self.day, key))
            self.refresh_key(key)

    def refused_text(self, key: str) -> str:
        """The row's refused value, to offer again when the cursor comes back to it."""
        mark = self.mark(key)
        refused = mark.refused if mark is not None and not mark.pending else None
        return "" if refused is None else fmt.editable(refused, self.unit_of(key))

    def save_row(self, row: CheckInRow, value: float | None = None) -> None:
        """Queue one durable `store.log` of the row (its value, or `value`) with its note and
        confidence, and the wins it makes; the row reads 'saving' meanwhile."""
        store, day, key = self.store, self.day, row.key
        value = row.value if value is None else value
        note, confidence = row.note, row.confidence
        if value is None:
            return

        def log() -> tuple[CheckIn, list[Milestone], list[Win]]:
            checkin, ticked = store.log_ticking(key, value, day, note=note, confidence=confidence)
            return checkin, ticked, record_wins(store)

        what = f"{key} = {fmt.value(value, row.goal.metric.unit)}"
        done, failed = partial(self._saved, day, key), partial(self._refused, day, key, value)
        saves_of(self).submit(Save(what, log, done, failed, owner=self))
        self.marks.start(day, key, value)
        self.refresh_key(key)

    def _saved(
        self, day: date, key: str, result: tuple[CheckIn, list[Milestone], list[Win]]
    ) -> None:
        checkin, ticked, wins = result
        self.saved_any = True
        self.marks.done(day, key)
        index = self.index(key) if day == self.day else None
        first = False
        if index is not None:
            row = self.goal_rows[index]
            first, row.value = not row.saved, checkin.value
            if key not in self.busy:  # else a newer note or confidence is still queued
                row.note, row.confidence = checkin.note, checkin.confidence
            self.refresh_key(key)
        self.post_message(self.Logged(day, key, first, wins, ticked))

    def _refused(self, day: date, key: str, value: float, error: Exception) -> None:
        message = error_text(error)
        self.marks.failed(day, key, value, message)
        if day == self.day:
            self.refresh_key(key)
        self.post_message(self.Refused(key, value, message))
