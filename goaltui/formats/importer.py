"""CSV import of daily KPI values: plan the whole file first, then apply it as one transaction.

What a user can rely on:

- Columns are found by header name, ignoring case and surrounding spaces (defaults: date,
  goal, value, note). The delimiter (comma, semicolon or tab) is taken from the header line;
  a UTF-8 BOM, CRLF line ends and cp1252 files (older Windows exports) are fine.
- A row names its goal by key, or by a metric (+ owner) pair matched case-insensitively;
  when several goals match, an active one wins, and more than one is an error.
- Dates: YYYY-MM-DD (a time after it is ignored) or DD/MM/YYYY and DD.MM.YYYY, day first
  as platforms outside the US export them; pass date_format="%m/%d/%Y" for US files.
  Relative forms (today, +3d) are refused - a file must mean the same thing tomorrow - and
  so are future dates, which are almost always a swapped day and month.
- Numbers: "1,234" is a thousands separator; "6,2" is refused unless decimal commas are on
  (automatic with ';'-separated files, as European spreadsheets write them).
- `goaltui log`'s rules: no closed goal, no day before a goal's start, and no value far
  from the goal's values before it (62 for 6.2) unless forced.
- Any bad row means nothing is imported; every error names its line.
- The same value and note as stored is "unchanged" and skipped, so re-importing a file
  changes nothing. An empty note never clears a stored note (platform exports have none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from goaltui.core import formatting as fmt
from goaltui.core.errors import UserError
from goaltui.core.models import CheckIn, Goal
from goaltui.formats.csv_input import Rows, norm, read_text, sniff_delimiter
from goaltui.formats.goal_match import GoalMatcher
from goaltui.formats.import_rows import (
    Action,
    PlannedRow,
    RowError,
    RowPlanner,
    Stored,
    find_column,
    implausible_rows,
)
from goaltui.store.store import Snapshot, Store

__all__ = [
    "Action",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "RowError",
    "apply_import",
    "describe_plan",
    "describe_result",
    "plan_import",
]

MAX_SHOWN_ERRORS = 10
DEFAULT_NOTE_COL = "note"  # optional: a file without notes is normal


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do; nothing is written until apply_import()."""

    source: str
    rows: tuple[PlannedRow, ...] = ()
    errors: tuple[RowError, ...] = ()
    duplicates: int = 0  # rows repeated verbatim inside the file, counted once
    closed: dict[str, int] = field(default_factory=dict)  # platform rows of closed goals
    notes: tuple[str, ...] = ()  # what else a wide import did: cells without a goal, ...

    def count(self, action: Action) -> int:
        return sum(row.action is action for row in self.rows)

    def raise_for_errors(self) -> None:
        """UserError listing the first errors, one "line N: ..." per line."""
        if not self.errors:
            return
        shown = [str(e) for e in self.errors[:MAX_SHOWN_ERRORS]]
        n = len(self.errors)
        tail = f"{n} bad row{'s' if n != 1 else ''} in {self.source}; nothing was imported"
        if n > MAX_SHOWN_ERRORS:
            tail += f" ({n - MAX_SHOWN_ERRORS} not shown)"
        raise UserError("\n".join([*shown, tail]))


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    closed: dict[str, int] = field(default_factory=dict)  # rows not taken, per closed goal
    notes: tuple[str, ...] = ()
    ticked: tuple[tuple[str, str], ...] = ()  # (goal, milestone) the values ticked


# -- planning ---------------------------------------------------------------------------


def existing(source: Store | Snapshot) -> tuple[list[Goal], Stored]:
    """Goals and stored (value, note) per (goal, day); the note is None when unknown (snapshot)."""
    if isinstance(source, Snapshot):
        stored: Stored = {
            (k, p.day): (p.value, None) for k, pts in source.series.items() for p in pts
        }
        return list(source.goals), stored
    known: Stored = {(c.goal, c.day): (c.value, c.note) for c in source.checkins()}
    return source.goals(), known


def plan_import(
    rows_source: TextIO | Path | str,
    store: Store | Snapshot,
    *,
    date_col: str = "date",
    goal_col: str = "goal",
    value_col: str = "value",
    note_col: str | None = DEFAULT_NOTE_COL,
    metric_col: str | None = None,
    owner_col: str | Sequence[str] | None = None,
    date_format: str | None = None,
    decimal_comma: bool | None = None,
    force: bool = False,
    today: date,
) -> ImportPlan:
    """Read a CSV file and work out, row by row, what importing it would change.

    Never writes. Bad rows land in plan.errors (see ImportPlan.raise_for_errors); a file
    that can't be read at all (missing, empty, a workbook) raises UserError at once.
    `store` may be a Snapshot, which has no notes: a row with a note then counts as a change.
    `force` lets values far from a goal's recent ones in (`goaltui log --force`).
    Two `owner_col`s are a first- and a last-name column, joined.
    """
    owners = [owner_col] if isinstance(owner_col, str) else list(owner_col or ())
    if len(owners) > 2:
        raise UserError("--owner-col: at most twice (a first-name and a last-name column)")
    text, name = read_text(rows_source)
    delimiter = sniff_delimiter(text)
    reader = Rows(text, name, delimiter)  # refuses an unclosed quote and a header-only file
    header = list(reader.fieldnames or [])
    asked = {
        "date": date_col,
        "goal": goal_col,
        "value": value_col,
        "note": note_col,
        "metric": metric_col,
        "owner": owners[0] if owners else None,
        "owner_last": owners[1] if len(owners) > 1 else None,
    }
    cols = {role: find_column(header, wanted) for role, wanted in asked.items()}
    required = {"date", "value", "metric", "owner", "owner_last"}  # the last three: when asked
    if metric_col is None:
        required.add("goal")  # rows name their goal by key
    if note_col is not None and norm(note_col) != DEFAULT_NOTE_COL:
        required.add("note")  # a note column asked for by name must be there
    missing = [
        f"no {asked[r]!r} column"
        for r in sorted(required)
        if asked[r] is not None and cols[r] is None
    ]
    if missing:
        found = ", ".join(header) or "none"
        return ImportPlan(
            name, errors=(RowError(1, f"{'; '.join(missing)} (columns found: {found})"),)
        )

    goals, stored = existing(store)
    planner = RowPlanner(
        cols,
        len(header),
        GoalMatcher(goals),
        stored,
        today,
        date_format,
        delimiter == ";" if decimal_comma is None else decimal_comma,
    )
    rows: list[PlannedRow] = []
    errors: list[RowError] = []
    for record in reader:
        outcome = planner.row(reader.line_num, record)  # line_num: the row's last physical line
        if isinstance(outcome, RowError):
            errors.append(outcome)
        elif outcome is not None:
            rows.append(outcome)
    if not force:
        errors += implausible_rows(rows, planner.goals.goals, stored)
        errors.sort(key=lambda e: e.line)
    return ImportPlan(name, tuple(rows), tuple(errors), planner.duplicates, planner.closed)


# -- applying and describing ------------------------------------------------------------


def apply_import(store: Store, plan: ImportPlan) -> ImportResult:
    """Write the plan as one transaction (Store.log_many re-checks every row under the
    file lock); raises UserError and writes nothing when the plan has errors."""
    plan.raise_for_errors()
    checkins = [
        CheckIn(goal=r.goal, day=r.day, value=r.value, note=r.note or "") for r in plan.rows
    ]
    done = store.log_many(checkins)
    return ImportResult(
        done.added, done.changed, done.unchanged, plan.closed, plan.notes, done.ticked
    )


def describe_plan(plan: ImportPlan) -> str:
    """The --dry-run text: counts, new rows per goal, and each change. Raises on errors,
    so a dry run of a bad file fails exactly like the real import."""
    plan.raise_for_errors()
    added, changed = plan.count(Action.NEW), plan.count(Action.CHANGED)
    lines = [f"would add {added}, change {changed}, skip {plan.count(Action.UNCHANGED)} unchanged"]
    if plan.duplicates:
        lines[0] += (
            f" ({plan.duplicates} repeated row{'s' if plan.duplicates != 1 else ''} counted once)"
        )
    lines[0] += _closed_note(plan.closed) + "".join(f"; {note}" for note in plan.notes)
    new_days: dict[str, list[date]] = {}
    for row in plan.rows:
        if row.action is Action.NEW:
            new_days.setdefault(row.goal, []).append(row.day)
    for key, days in sorted(new_days.items()):
        span = (
            days[0].isoformat()
            if len(days) == 1
            else f"{min(days).isoformat()}..{max(days).isoformat()}"
        )
        lines.append(f"  new: {key}: {len(days)} day{'s' if len(days) != 1 else ''} ({span})")
    for row in plan.rows:
        if row.action is Action.CHANGED:
            old = row.old_value if row.old_value is not None else row.value
            before, after = fmt.distinct(old, row.value)
            what = after if old == row.value else f"{before} -> {after}"
            if row.note is not None and row.note != row.old_note:
                what += f", note {row.old_note or ''!r} -> {row.note!r}"
            lines.append(f"  line {row.line}: {row.goal} {row.day.isoformat()}: {what}")
    return "\n".join(lines)


def describe_result(result: ImportResult) -> str:
    done = f"added {result.added}, changed {result.changed}, skipped {result.unchanged} unchanged"
    if not result.added and not result.changed:  # a second run of a cron job: say so
        done += " (already imported: nothing changed)" if result.unchanged else " (nothing new)"
    done += _closed_note(result.closed) + "".join(f"; {note}" for note in result.notes)
    ticks = [f"  milestone ticked: {goal}: {title}" for goal, title in result.ticked]
    return "\n".join([done, *ticks])


def _closed_note(closed: dict[str, int]) -> str:
    """'; 4 rows of closed goals not imported (aht-maria: reopen ...)', or nothing."""
    if not closed:
        return ""
    count, keys = sum(closed.values()), ", ".join(sorted(closed))
    rows = f"{count} row{'s' if count != 1 else ''}"
    return f"; {rows} of closed goals not imported ({keys}: reopen a goal to take its rows)"
