"""One CSV record at a time: a planned check-in, a line-numbered error, or nothing.

The row rules of the import (see importer.py for what a user can rely on): a goal by
key or by metric and owner, a date and a value the parsers read, no future days, a
note within the check-in note's limit (core/rules.py), and each (goal, day) once; and
`goaltui log`'s rules (core/value_rules.py) for every row that changes a value: an open
goal (a platform row matched by metric and owner to a closed goal is skipped and counted
instead), no day before its start, and (unless forced) no value far from the goal's
values before it (`implausible_rows`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar

from goaltui.core import rules, value_rules
from goaltui.core.models import Goal
from goaltui.formats.csv_input import norm, parse_day, parse_value
from goaltui.formats.goal_match import GoalMatcher
from goaltui.formats.owner_names import joined
from goaltui.store import value_checks

T = TypeVar("T")


class Action(StrEnum):
    """What importing a row does to the stored check-in of its (goal, day)."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowError:
    """Why a row cannot be imported; any one of them stops the whole import."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class PlannedRow:
    """One good row: the check-in it gives and what it does to the stored one."""

    line: int
    goal: str
    day: date
    value: float
    note: str | None  # None: the file gave no note, the stored one is kept
    action: Action
    old_value: float | None = None
    old_note: str | None = None


Stored = dict[tuple[str, date], tuple[float, str | None]]  # (goal, day) -> (value, note)


def find_column(header: Sequence[str], name: str | None) -> str | None:
    """The header cell matching `name` (case- and space-insensitive), None when absent."""
    if name is None:
        return None
    return next((h for h in header if norm(h) == norm(name)), None)


@dataclass
class RowPlanner:
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
    closed: dict[str, int] = field(default_factory=dict)  # rows skipped per closed goal

    def cell(self, record: dict[str | None, str | None], role: str) -> str | None:
        header_name = self.cols[role]
        return None if header_name is None else record.get(header_name)

    def owner(self, record: dict[str | None, str | None]) -> str | None:
        """The owner cell, or a first- and a last-name cell joined (--owner-col twice)."""
        last = self.cols.get("owner_last")
        if last is None:
            return self.cell(record, "owner")
        return joined([self.cell(record, "owner"), record.get(last)])

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
        metric, owner = self.cell(record, "metric"), self.owner(record)
        key: str | None = None
        if goal_text:
            key = attempt(lambda: self.goals.by_key(goal_text))
        elif metric and metric.strip():
            key = attempt(lambda: self.goals.by_pair(metric, owner))
        else:
            problems.append("no goal given")
        day = attempt(lambda: parse_day(self.cell(record, "date") or "", self.date_format))
        unit = "" if key is None else self.goals.goals[key].metric.unit  # seconds take 5:24
        cell = self.cell(record, "value") or ""
        value = attempt(lambda: parse_value(cell, self.decimal_comma, unit))
        note = (self.cell(record, "note") or "").strip() or None
        if day is not None and day > self.today:
            problems.append(
                f"date {day.isoformat()} is in the future (today is {self.today.isoformat()})"
            )
        if note is not None:
            try:
                rules.check_note(note)
            except ValueError as exc:  # the words of `goaltui log` and the model
                problems.append(f"note: {exc}")
        if problems or key is None or day is None or value is None:
            return RowError(line, "; ".join(problems))
        planned = self.classify(line, key, day, value, note)
        if not isinstance(planned, PlannedRow) or planned.action is Action.UNCHANGED:
            return planned  # a row that changes nothing is fine whatever the goal's state
        goal = self.goals.goals[key]
        closed = value_checks.closed_message(key, goal.status.value)
        if closed is not None and not goal_text:
            # A platform export lists every agent every day: a goal the lead closed stops
            # taking its rows (counted, reported), rather than stopping every nightly import.
            self.closed[key] = self.closed.get(key, 0) + 1
            return None
        wrong = closed or value_rules.day_problem(key, day, goal.start)
        return planned if wrong is None else RowError(line, wrong)

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


def implausible_rows(
    rows: Sequence[PlannedRow], goals: Mapping[str, Goal], stored: Stored
) -> list[RowError]:
    """The rows whose value looks like a slip against the goal's values before its day, the
    stored ones and the file's own (as they will be once imported): the check-in screen's
    question, as an error naming the line. Unchanged rows are what the file holds already."""
    values: dict[str, dict[date, float]] = {}
    for (key, day), (value, _note) in stored.items():
        values.setdefault(key, {})[day] = value
    for row in rows:
        values.setdefault(row.goal, {})[row.day] = row.value
    ordered = {key: sorted(days.items()) for key, days in values.items()}
    errors = []
    for row in rows:
        if row.action is Action.UNCHANGED:
            continue
        series = ordered[row.goal]
        end = bisect_left(series, (row.day,))
        history = [v for _d, v in series[max(0, end - value_rules.RECENT) : end]]
        metric = goals[row.goal].metric
        why = value_rules.implausible(
            row.value,
            row.goal,
            unit=metric.unit,
            baseline=metric.baseline,
            target=metric.target,
            history=history,
            band=metric.band,
        )
        if why is not None:
            errors.append(RowError(row.line, f"{why}: check it, or use --force to import it"))
    return errors
