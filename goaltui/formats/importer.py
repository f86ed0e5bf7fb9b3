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
- Any bad row means nothing is imported; every error names its line.
- The same value and note as stored is "unchanged" and skipped, so re-importing a file
  changes nothing. An empty note never clears a stored note (platform exports have none).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TextIO, TypeVar

from goaltui.core import formatting as fmt
from goaltui.core.errors import UserError
from goaltui.core.models import CheckIn, Goal
from goaltui.formats.csv_input import norm, parse_day, parse_value, read_text, sniff_delimiter
from goaltui.formats.goal_match import GoalMatcher
from goaltui.store.store import Snapshot, Store

MAX_SHOWN_ERRORS = 10
NOTE_MAX = 500  # CheckIn.note's limit
DEFAULT_NOTE_COL = "note"  # optional: a file without notes is normal
T = TypeVar("T")


class Action(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class PlannedRow:
    line: int
    goal: str
    day: date
    value: float
    note: str | None  # None: the file gave no note, the stored one is kept
    action: Action
    old_value: float | None = None
    old_note: str | None = None


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do; nothing is written until apply_import()."""

    source: str
    rows: tuple[PlannedRow, ...] = ()
    errors: tuple[RowError, ...] = ()
    duplicates: int = 0  # rows repeated verbatim inside the file, counted once

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


# -- planning ---------------------------------------------------------------------------


Stored = dict[tuple[str, date], tuple[float, str | None]]  # (goal, day) -> (value, note)


def _existing(source: Store | Snapshot) -> tuple[list[Goal], Stored]:
    """Goals and stored (value, note) per (goal, day); the note is None when unknown (snapshot)."""
    if isinstance(source, Snapshot):
        stored: Stored = {
            (k, p.day): (p.value, None) for k, pts in source.series.items() for p in pts
        }
        return list(source.goals), stored
    known: Stored = {(c.goal, c.day): (c.value, c.note) for c in source.checkins()}
    return source.goals(), known


def _column(header: Sequence[str], name: str | None) -> str | None:
    """The header cell matching `name` (case- and space-insensitive), None when absent."""
    if name is None:
        return None
    return next((h for h in header if norm(h) == norm(name)), None)


@dataclass
class _Planner:
    """Turns one CSV record into a planned row, an error, or nothing (blank or repeated row)."""

    cols: dict[str, str | None]  # role -> header cell
    width: int  # columns in the header
    goals: GoalMatcher
    stored: Stored
    today: date
    date_format: str | None
    decimal_comma: bool
    seen: dict[tuple[str, date], tuple[int, float, str | None]] = field(default_factory=dict)
    duplicates: int = 0

    def cell(self, record: dict[str | None, str | None], role: str) -> str | None:
        header_name = self.cols[role]
        return None if header_name is None else record.get(header_name)

    def row(self, line: int, record: dict[str | None, str | None]) -> PlannedRow | RowError | None:
        values = [v for k, v in record.items() if k is not None and v is not None]
        if not any(v.strip() for v in values):
            return None  # blank rows at the end of spreadsheet exports
        if None in record:
            return RowError(
                line,
                f"more fields than the {self.width} columns of the header "
                "(quote notes that contain the delimiter)",
            )
        if self.cell(record, "date") is None or self.cell(record, "value") is None:
            return RowError(line, f"fewer fields than the {self.width} columns of the header")
        problems: list[str] = []

        def attempt(parse: Callable[[], T]) -> T | None:
            try:
                return parse()
            except ValueError as exc:
                problems.append(str(exc))
                return None

        goal_text = (self.cell(record, "goal") or "").strip()
        metric, owner = self.cell(record, "metric"), self.cell(record, "owner")
        key: str | None = None
        if goal_text:
            key = attempt(lambda: self.goals.by_key(goal_text))
        elif metric and metric.strip():
            key = attempt(lambda: self.goals.by_pair(metric, owner))
        else:
            problems.append("no goal given")
        day = attempt(lambda: parse_day(self.cell(record, "date") or "", self.date_format))
        value = attempt(lambda: parse_value(self.cell(record, "value") or "", self.decimal_comma))
        note = (self.cell(record, "note") or "").strip() or None
        if day is not None and day > self.today:
            problems.append(
                f"date {day.isoformat()} is in the future (today is {self.today.isoformat()})"
            )
        if note is not None and len(note) > NOTE_MAX:
            problems.append(f"note is longer than {NOTE_MAX} characters")
        if problems or key is None or day is None or value is None:
            return RowError(line, "; ".join(problems))
        return self.classify(line, key, day, value, note)

    def classify(
        self, line: int, key: str, day: date, value: float, note: str | None
    ) -> PlannedRow | RowError | None:
        earlier = self.seen.get((key, day))
        if earlier is not None:
            if earlier[1:] == (value, note):
                self.duplicates += 1
                return None
            return RowError(
                line,
                f"{key} on {day.isoformat()} is also on line {earlier[0]} "
                "with a different value or note",
            )
        self.seen[(key, day)] = (line, value, note)
        old = self.stored.get((key, day))
        if old is None:
            return PlannedRow(line, key, day, value, note, Action.NEW)
        same = old[0] == value and (note is None or note == old[1])
        action = Action.UNCHANGED if same else Action.CHANGED
        return PlannedRow(line, key, day, value, note, action, old_value=old[0], old_note=old[1])


def plan_import(
    rows_source: TextIO | Path | str,
    store: Store | Snapshot,
    *,
    date_col: str = "date",
    goal_col: str = "goal",
    value_col: str = "value",
    note_col: str | None = DEFAULT_NOTE_COL,
    metric_col: str | None = None,
    owner_col: str | None = None,
    date_format: str | None = None,
    decimal_comma: bool | None = None,
    today: date,
) -> ImportPlan:
    """Read a CSV file and work out, row by row, what importing it would change.

    Never writes. Bad rows land in plan.errors (see ImportPlan.raise_for_errors); a file
    that can't be read at all (missing, empty, a workbook) raises UserError at once.
    `store` may be a Snapshot, which has no notes: a row with a note then counts as a change.
    """
    text, name = read_text(rows_source)
    delimiter = sniff_delimiter(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = list(reader.fieldnames or [])
    asked = {
        "date": date_col,
        "goal": goal_col,
        "value": value_col,
        "note": note_col,
        "metric": metric_col,
        "owner": owner_col,
    }
    cols = {role: _column(header, wanted) for role, wanted in asked.items()}
    required = {"date", "value", "metric", "owner"}  # metric and owner: when asked for
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

    goals, stored = _existing(store)
    planner = _Planner(
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
    return ImportPlan(name, tuple(rows), tuple(errors), planner.duplicates)


# -- applying and describing ------------------------------------------------------------


def apply_import(store: Store, plan: ImportPlan) -> ImportResult:
    """Write the plan as one transaction (Store.log_many re-checks every row under the
    file lock); raises UserError and writes nothing when the plan has errors."""
    plan.raise_for_errors()
    checkins = [
        CheckIn(goal=r.goal, day=r.day, value=r.value, note=r.note or "") for r in plan.rows
    ]
    added, changed, unchanged = store.log_many(checkins)
    return ImportResult(added, changed, unchanged)


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
    return f"added {result.added}, changed {result.changed}, skipped {result.unchanged} unchanged"
