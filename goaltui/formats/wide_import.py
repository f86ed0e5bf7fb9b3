"""A wide platform export: one row per agent and day (or interval), one column per metric.

`plan_wide_import` reads such a file as `--column "HEADER=METRIC"` (wide_columns.py) and
`--owner-col` (once, or twice for first- and last-name columns) describe it; each cell goes
to the goal of the row's agent (owner_names.py) on the column's metric. It plans, like the
long import, without writing, and gives the same ImportPlan, so applying, the dry run and
the messages are the long import's (importer.py). What a lead can rely on:

- An agent no goal is owned by, or a --column metric no goal has, is an error naming its
  line (1 for the header): nothing is imported. An agent who has goals, but none on a
  column's metric, is normal in a centre-wide export: those cells are counted, not taken.
- An empty cell is no value (an agent with no contacts); a row of empty cells is skipped.
- A title block above the header and total rows under the agents are skipped, and said
  (export_frame.py).
- Cells: seconds, m:ss and h:mm:ss, decimals, 85.00% and 85 % (import_values.py); a
  column declared HEADER=METRIC:ms holds milliseconds.
- Dates: import_dates.py. Several rows of one agent and day (intervals) make one value
  (aggregate.py: mean, optionally weighted by --weight-col, sum or last).
- The long import's rules then hold for each day's value: no future day, no day before a
  goal's start, a closed goal's cells skipped and counted, and (unless forced) no value
  far from the goal's recent ones. The same file imported twice changes nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

from goaltui.core import value_rules
from goaltui.core.errors import UserError
from goaltui.core.models import Goal
from goaltui.formats.aggregate import Aggregate, combine
from goaltui.formats.csv_input import Rows, norm, read_text
from goaltui.formats.export_frame import frame_notes, header_line
from goaltui.formats.import_rows import (
    Action,
    PlannedRow,
    RowError,
    Stored,
    find_column,
    implausible_rows,
)
from goaltui.formats.importer import ImportPlan, existing
from goaltui.formats.wide_columns import ColumnSpec, parse_columns
from goaltui.formats.wide_rows import WideRows
from goaltui.store import value_checks
from goaltui.store.store import Snapshot, Store


def plan_wide_import(
    rows_source: TextIO | Path | str,
    store: Store | Snapshot,
    *,
    columns: Sequence[str],
    owner_cols: Sequence[str],
    date_col: str = "date",
    date_format: str | None = None,
    aggregate: str = Aggregate.MEAN,
    weight_col: str | None = None,
    decimal_comma: bool | None = None,
    force: bool = False,
    today: date,
) -> ImportPlan:
    """What importing a wide file would change; never writes (see importer.plan_import).
    Bad options raise UserError at once; bad rows land in plan.errors."""
    specs = parse_columns(columns)
    how = Aggregate(aggregate)
    if not 1 <= len(owner_cols) <= 2:
        raise UserError(
            "--column needs --owner-col: the agent's column (twice: first and last name)"
        )
    if weight_col and all((s.aggregate or how) is not Aggregate.MEAN for s in specs):
        raise UserError("--weight-col weights a mean: no column is averaged (--aggregate mean)")
    text, name = read_text(rows_source)
    named = [date_col, *owner_cols, weight_col]
    above, delimiter = header_line(text, [c for c in named if c] + [s.header for s in specs])
    reader = Rows(text, name, delimiter, above=above)
    header = list(reader.fieldnames or [])
    goals, stored = existing(store)
    header_error = _header_problem(header, specs, named, goals)
    if header_error is not None:
        return ImportPlan(name, errors=(RowError(above + 1, header_error),))
    found = WideRows(
        specs=specs,
        headers={s.header: find_column(header, s.header) or "" for s in specs},
        date_col=find_column(header, date_col) or "",
        owner_cols=[find_column(header, c) or "" for c in owner_cols],
        weight_col=find_column(header, weight_col),
        width=len(header),
        goals=goals,
        today=today,
        date_format=date_format,
        decimal_comma=delimiter == ";" if decimal_comma is None else decimal_comma,
    )
    for record in reader:
        found.row(reader.line_num, record)  # line_num: the row's last physical line
    plan = _plan_days(found, name, stored, how, force)
    hint = _weight_hint(found, how, header)
    return replace(plan, notes=(*frame_notes(above, found.totals), *plan.notes, *hint))


def _header_problem(
    header: Sequence[str],
    specs: Sequence[ColumnSpec],
    named: Sequence[str | None],
    goals: list[Goal],
) -> str | None:
    """Line 1's problems: columns not in the file, metrics no goal has."""
    wanted = [c for c in named if c is not None] + [s.header for s in specs]
    problems = [f"no {c!r} column" for c in wanted if find_column(header, c) is None]
    if problems:
        return f"{'; '.join(problems)} (columns found: {', '.join(header) or 'none'})"
    metrics = sorted({g.metric.name for g in goals}, key=norm)
    for spec in specs:
        if norm(spec.metric) not in {norm(m) for m in metrics}:
            close = difflib.get_close_matches(spec.metric, metrics, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"metrics: {', '.join(metrics)}"
            problems.append(
                f"column {spec.header!r}: no goal has the metric {spec.metric!r} ({hint})"
            )
    return "; ".join(problems) or None


def _plan_days(
    found: WideRows, name: str, stored: Stored, how: Aggregate, force: bool
) -> ImportPlan:
    """Each (goal, day)'s value, what it does to the stored one, and the day's checks."""
    rows: list[PlannedRow] = []
    errors, closed, weightless = list(found.errors), dict[str, int](), 0
    for (key, day), samples in found.samples.items():
        value = combine(samples, found.spec_of[key].aggregate or how)
        if value is None:
            weightless += 1
            continue
        line, old = samples[0].line, stored.get((key, day))
        if old is None:
            planned = PlannedRow(line, key, day, value, None, Action.NEW)
        else:
            action = Action.UNCHANGED if old[0] == value else Action.CHANGED
            planned = PlannedRow(line, key, day, value, None, action, old[0], old[1])
        if planned.action is not Action.UNCHANGED:  # unchanged is fine whatever the goal
            goal = found.by_key[key]
            if value_checks.closed_message(key, goal.status.value) is not None:
                closed[key] = closed.get(key, 0) + len(samples)  # as the long import does
                continue
            wrong = value_rules.day_problem(key, day, goal.start)
            if wrong is not None:
                errors.append(RowError(line, wrong))
                continue
        rows.append(planned)
    rows.sort(key=lambda r: (r.line, r.goal))
    if not force:
        errors += implausible_rows(rows, found.by_key, stored)
    errors.sort(key=lambda e: e.line)
    return ImportPlan(name, tuple(rows), tuple(errors), 0, closed, _notes(found, weightless))


def _notes(found: WideRows, weightless: int) -> tuple[str, ...]:
    """What the counts alone don't say: days made of intervals, cells left out."""
    notes = []
    days = len(found.samples)
    if days < sum(len(s) for s in found.samples.values()):
        lines = len({s.line for samples in found.samples.values() for s in samples})
        weighted = f", weighted by {found.weight_col!r}" if found.weight_col else ""
        notes.append(f"{lines} rows made {_count(days, 'daily value')}{weighted}")
    if found.no_goal:
        per = ", ".join(f"{metric} {n}" for metric, n in sorted(found.no_goal.items()))
        cells = _count(sum(found.no_goal.values()), "cell")
        notes.append(f"{cells} of agents with no goal on that metric not imported ({per})")
    if weightless:
        no_weight = f"no {found.weight_col!r}"
        notes.append(f"{_count(weightless, 'agent-day')} with {no_weight}: no value to average")
    return tuple(notes)


COUNT_WORDS = ("contacts", "handled", "interactions", "calls", "answered", "offered")


def _weight_hint(found: WideRows, how: Aggregate, header: Sequence[str]) -> list[str]:
    """Interval rows averaged without --weight-col: say it was a plain mean, and name the
    file's count column when it has one (an AHT over 30 calls outweighs one over 10)."""
    intervals = len(found.samples) < sum(len(s) for s in found.samples.values())
    means = any((spec.aggregate or how) is Aggregate.MEAN for spec in found.specs)
    if found.weight_col or not intervals or not means:
        return []
    count = next((h for h in header if any(w in norm(h) for w in COUNT_WORDS)), None)
    named = f"--weight-col {count!r}" if count else "--weight-col with the count each row averages"
    return [f"averaged as a plain mean: {named} weights each row by its count"]


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"
