"""What the goal detail draws: the three-line head, the SMART tab, and the three tables
(check-in log, milestones, target ledger), from one `DetailData` the detail's worker read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from goaltui.core import formatting as fmt
from goaltui.core.attention import UNUSUAL_WORDS, stale_words
from goaltui.core.models import CheckIn, Goal, Milestone, TargetChange
from goaltui.core.progress import GoalProgress, Status
from goaltui.core.smart import Assessment, Grade
from goaltui.core.status_words import reads_stale
from goaltui.widgets.board_cells import (
    STALE_MARK,
    STALE_MARK_ASCII,
    UNUSUAL_MARK,
    UNUSUAL_TONE,
    Palette,
    progress_status_text,
)
from screens.detail_chart import original_target
from screens.full_text import FullText, FullTextTable

GRADE_MARK = {
    Grade.PASS: ("✓ pass", "text-success"),
    Grade.WARN: ("! warn", "text-warning"),
    Grade.FAIL: ("✗ fail", "text-error"),
}
TABLES = ("#checkin-log", "#milestone-list", "#ledger-log")


class LedgerLog(FullTextTable):
    """The target-change ledger; enter shows a change in full (a long reason is cut)."""

    BINDINGS = [
        Binding("enter", "read", "Read", id="detail.ledger.read",
                tooltip="Ledger tab: the highlighted change in full, its whole reason"),
    ]  # fmt: skip


@dataclass(frozen=True)
class DetailData:
    """One read of everything the detail shows (taken in the live-refresh worker)."""

    goal: Goal
    checkins: list[CheckIn]
    milestones: list[Milestone]
    changes: list[TargetChange]
    known_keys: list[str]
    today: date


def fill_tables(screen: DOMNode, data: DetailData) -> None:
    """(Re)fill the three tables; on a live refresh each keeps its cursor on the same row."""
    goal, today = data.goal, data.today
    kept = {table_id: _cursor_key(screen.query_one(table_id, DataTable)) for table_id in TABLES}
    for table_id in TABLES:
        screen.query_one(table_id, DataTable).clear(columns=True)
    log = screen.query_one("#checkin-log", DataTable)
    log.add_columns("day", "value", "confidence", "by", "note")
    for c in reversed(data.checkins):
        confidence = c.confidence.value if c.confidence else ""
        log.add_row(
            c.day.isoformat(),
            fmt.value(c.value, goal.metric.unit),
            confidence,
            c.by,
            Text(c.note),
            key=c.day.isoformat(),
        )
    table = screen.query_one("#milestone-list", DataTable)
    table.add_columns("", "milestone", "due", "done")
    for m in data.milestones:
        late = m.is_overdue(today)
        due = Text(m.due.isoformat() if m.due else "—", style="bold reverse" if late else "")
        done = f"{m.done_at:%Y-%m-%d} {m.done_by or ''}" if m.done and m.done_at else ""
        table.add_row("✓" if m.done else "☐", Text(m.title), due, done, key=m.id)
    ledger = screen.query_one("#ledger-log", LedgerLog)
    ledger.add_columns("when", "field", "old → new", "by", "reason")
    ledger.full_texts = {}
    for ch in data.changes:
        change = " → ".join(fmt.from_text(t, goal.metric.unit) for t in (ch.old, ch.new))
        ledger.add_row(f"{ch.at:%Y-%m-%d}", ch.field, change, ch.by, Text(ch.reason), key=ch.id)
        ledger.full_texts[ch.id] = FullText(
            f"{goal.key}: {ch.field} changed on {ch.at:%Y-%m-%d %H:%M}",
            [("change", change), ("by", ch.by or "—"), ("reason", ch.reason)],
        )
    for table_id, what in zip(TABLES, ("check-ins", "milestones", "target changes"), strict=True):
        dt = screen.query_one(table_id, DataTable)
        if dt.row_count == 0:
            dt.add_row(*[Text(f"no {what} yet", style="dim")] + [""] * (len(dt.columns) - 1))
        elif (key := kept[table_id]) is not None and key in dt.rows:
            dt.move_cursor(row=dt.get_row_index(key), animate=False)


def _cursor_key(table: DataTable[object]) -> str | None:
    """The key of the row under the cursor (None for an empty or key-less table)."""
    if table.row_count == 0:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except CellDoesNotExist:  # the cursor sits outside the rows
        return None


def head_text(
    goal: Goal,
    progress: GoalProgress,
    changes: list[TargetChange],
    palette: Palette,
    today: date | None = None,
) -> Text:
    """Three short lines: what and whose; where it stands (status in words too); the dates.
    A line too long for the terminal wraps (80 columns): the pace and forecast are never cut.
    A fourth says, in words, what the marks mean: the latest value is unusual (far better
    or worse than the last 30 days), the goal is stale (no value since when)."""
    metric = goal.metric

    line1 = Text.assemble(
        (goal.key, "bold"), "  ", goal.title, "  ", (f"{goal.owner} · {goal.level.value}", "dim")
    )
    if goal.private:  # the lead sees it here; the wallboards never do
        line1.append(" · private", "bold")
    status = progress_status_text(progress, palette)
    now = fmt.value(progress.current, metric.unit)
    aim = fmt.goal_target(metric.target, metric.unit, metric.band)
    standing = [f" → {'target' if metric.band is None else 'band'} {aim}"]
    if progress.percent is not None:
        standing.append(f"{fmt.percent(progress.percent)} of the way")
    if progress.expected_percent is not None:
        standing.append(f"pace {fmt.percent(progress.expected_percent)}")
    line2 = Text.assemble(status, "  ", f"{metric.name} now {now}")
    notes: list[Text] = []
    if progress.unusual:
        tone = Style(bold=True, color=palette.tone(UNUSUAL_TONE[progress.unusual]))
        line2.append(UNUSUAL_MARK, tone)
        notes.append(Text(f"{UNUSUAL_MARK} {UNUSUAL_WORDS[progress.unusual]}", style=tone))
    line2.append(" · ".join(standing))
    if progress.stale and progress.current_day is not None and today is not None:
        mark = STALE_MARK_ASCII if palette.ascii else STALE_MARK
        words = stale_words(progress.current_day, today)
        if reads_stale(progress):  # the word "stale" took the status's place: say it here
            words += f"; {progress.status.value} on that value"
        notes.append(Text(f"{mark} {words}", style=Style(bold=True, color=palette.warn)))
    dates = [f"baseline {fmt.value(metric.baseline, metric.unit)} on {goal.start.isoformat()}"]
    original = original_target(changes)
    if original is not None:
        dates.append(f"first target {fmt.from_text(original, metric.unit)}")
    if goal.due is not None and progress.days_left is not None:
        dates.append(f"due {goal.due.isoformat()} ({fmt.days(progress.days_left, 'short')})")
    if progress.forecast is not None and progress.status is not Status.ACHIEVED:
        dates.append(f"forecast {progress.forecast.isoformat()}")
    line3 = Text(" · ".join(dates), style="dim")
    return Text("\n").join([line1, line2, line3, *([Text("   ").join(notes)] if notes else [])])


def smart_text(assessment: Assessment, palette: Palette) -> Text:
    """One block per letter: grade in words and colour, what we saw, and the hint."""
    lines = [Text(f"SMART score {assessment.score}/5", style="bold")]
    for check in assessment.checks:
        mark, tone = GRADE_MARK[check.grade]
        line = Text.assemble(
            (f"{check.letter} {check.name:<12}", "bold"),
            (f"{mark:<7}", Style(bold=True, color=palette.tone(tone))),
        )
        line.append(check.reason)
        lines.append(line)
        if check.hint:
            lines.append(Text(f"{'':21}→ {check.hint}", style="dim"))
    return Text("\n").join(lines)
