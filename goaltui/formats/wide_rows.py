"""The rows of a wide export read into samples: each (goal, day)'s values, row by row.

One row is one agent on one day or interval (see wide_import.py for the rules a lead can
rely on); a bad row is a line-numbered error, a row of empty cells is nothing, a cell for
an agent who has no goal on the column's metric is counted. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from goaltui.core.models import Goal, GoalStatus
from goaltui.core.numbers import parse_number
from goaltui.formats.aggregate import Sample
from goaltui.formats.csv_input import norm
from goaltui.formats.export_frame import is_total
from goaltui.formats.import_dates import parse_day
from goaltui.formats.import_rows import RowError
from goaltui.formats.import_values import parse_cell
from goaltui.formats.owner_names import Owners, joined, owner_key
from goaltui.formats.wide_columns import ColumnSpec

Record = dict[str | None, str | None]


@dataclass
class WideRows:
    """Reads records into `samples`, `errors` and `no_goal`; header cells are the file's."""

    specs: list[ColumnSpec]
    headers: dict[str, str]  # a spec's header -> the file's header cell
    date_col: str
    owner_cols: list[str]
    weight_col: str | None
    width: int  # columns in the header
    goals: list[Goal]
    today: date
    date_format: str | None
    decimal_comma: bool
    samples: dict[tuple[str, date], list[Sample]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    no_goal: dict[str, int] = field(default_factory=dict)  # metric -> cells without a goal
    totals: list[int] = field(default_factory=list)  # lines of total rows, skipped

    def __post_init__(self) -> None:
        self.owners = Owners(self.goals)
        self.by_key = {g.key: g for g in self.goals}
        self.spec_of: dict[str, ColumnSpec] = {}  # goal key -> the column its values come from
        self._pairs: dict[tuple[str, str], list[Goal]] = {}
        for goal in self.goals:
            self._pairs.setdefault((norm(goal.metric.name), owner_key(goal.owner)), []).append(goal)

    def goal_for(self, spec: ColumnSpec, owner: str) -> str | None:
        """The agent's goal on the column's metric (an active one first), None when there is
        none; ValueError when several would take the value."""
        found = self._pairs.get((norm(spec.metric), self.owners.resolve(owner) or ""), [])
        found = [g for g in found if g.status is GoalStatus.ACTIVE] or found
        if len(found) > 1:
            keys = ", ".join(sorted(g.key for g in found))
            raise ValueError(f"{spec.metric} of {owner.strip()!r} matches several goals ({keys})")
        return found[0].key if found else None

    def row(self, line: int, record: Record) -> None:
        if not any(v.strip() for k, v in record.items() if k is not None and v is not None):
            return  # the rows of empty cells platforms end their exports with
        if None in record or None in record.values():
            more = "more" if None in record else "fewer"
            self.errors.append(RowError(line, f"{more} fields than the {self.width} columns"))
            return
        if is_total([*(record.get(c) for c in self.owner_cols), record.get(self.date_col)]):
            self.totals.append(line)  # "Total", "Grand Total": not an agent's day
            return
        problems: list[str] = []
        owner = joined([record.get(c) for c in self.owner_cols])
        if not owner:
            problems.append(f"no agent in the {' and '.join(map(repr, self.owner_cols))} column")
        elif not self.owners.known(owner):
            problems.append(self.owners.unknown_message(owner))
        day = self._day(record.get(self.date_col) or "", problems)
        weight = self._weight(record, problems)
        values = self._values(record, owner, problems) if self.owners.known(owner) else []
        if problems or day is None:
            self.errors.append(RowError(line, "; ".join(problems)))
            return
        for key, value in values:
            self.samples.setdefault((key, day), []).append(Sample(line, value, weight))

    def _values(self, record: Record, owner: str, problems: list[str]) -> list[tuple[str, float]]:
        """(goal, value) of each non-empty cell of an agent's row that has a goal."""
        values = []
        for spec in self.specs:
            cell = (record.get(self.headers[spec.header]) or "").strip()
            if not cell:
                continue  # no value: an agent who took no contacts of this kind
            try:
                key = self.goal_for(spec, owner)
                if key is None:
                    self.no_goal[spec.metric] = self.no_goal.get(spec.metric, 0) + 1
                    continue
                unit = self.by_key[key].metric.unit
                value = parse_cell(
                    cell, unit=unit, millis=spec.millis, decimal_comma=self.decimal_comma
                )
            except ValueError as exc:
                problems.append(f"{spec.header}: {exc}")
                continue
            self.spec_of[key] = spec
            values.append((key, value))
        return values

    def _day(self, text: str, problems: list[str]) -> date | None:
        try:
            day = parse_day(text, self.date_format)
        except ValueError as exc:
            problems.append(str(exc))
            return None
        if day > self.today:
            today = self.today.isoformat()
            problems.append(f"date {day.isoformat()} is in the future (today is {today})")
            return None
        return day

    def _weight(self, record: Record, problems: list[str]) -> float | None:
        """The row's weight: 0 for an empty cell (an interval with no contacts)."""
        if self.weight_col is None:
            return None
        cell = (record.get(self.weight_col) or "").strip()
        try:
            weight = parse_number(cell, self.weight_col) if cell else 0.0
        except ValueError as exc:
            problems.append(str(exc))
            return None
        if weight < 0:
            problems.append(f"{self.weight_col} must not be negative, got {cell!r}")
        return weight
