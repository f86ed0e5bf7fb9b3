"""core/value_rules.py applied to the file, under the lock: every writer of values (a log, an
unlog, an undo, an import) refuses a closed goal and a day before a goal's start here, so
the rule holds whoever wrote the goal's status a moment ago. Pydantic-free (`goaltui log`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from goaltui.core import value_rules
from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.targets import as_band
from goaltui.store.schema import Doc
from goaltui.store.series import Series

REOPEN = "reopen it first (goaltui close {key} active, or x on the board)"


def closed_message(key: str, status: str) -> str | None:
    """value_rules.closed_reason, with how to reopen the goal."""
    closed = value_rules.closed_reason(key, status)
    return None if closed is None else f"{closed}; {REOPEN.format(key=key)}"


def open_goal(goals: Mapping[str, Doc], key: str) -> Doc:
    """The goal's document; UserError for an unknown or closed goal, with how to reopen."""
    doc = goals.get(key)
    if doc is None:
        raise UnknownGoal(key)
    closed = closed_message(key, str(doc.get("status", value_rules.OPEN)))
    if closed is not None:
        raise UserError(closed)
    return doc


def check_day(doc: Doc, key: str, day: date) -> None:
    """UserError for a day before the goal starts (checks.py made sure `start` is a date)."""
    problem = value_rules.day_problem(key, day, date.fromisoformat(doc["start"]))
    if problem is not None:
        raise UserError(problem)


def check_plausible(doc: Doc, series: Series, day: date, value: float) -> None:
    """UserError for a value that looks like a slip (62 for 6.2), with how to log it anyway."""
    metric = doc.get("metric") or {}
    why = value_rules.implausible(
        value,
        series.goal,
        unit=str(metric.get("unit", "")),
        baseline=_number(metric.get("baseline")),
        target=_number(metric.get("target")),
        history=values_before(series, day),
        band=as_band(metric.get("band")),
    )
    if why is not None:
        raise UserError(f"{why}: check it, or use --force to log it anyway")


def values_before(series: Series, day: date) -> list[float]:
    """The last RECENT values before `day`, decoding only the tail for a day at the end
    (the daily case) and the whole series for a back-fill deep in the past."""
    wanted = value_rules.RECENT
    days, values = series.tail(wanted + 1)
    before = [v for d, v in zip(days, values, strict=True) if d < day]
    if len(before) < wanted and series.length > len(days):
        days, values = series.tail(series.length)
        before = [v for d, v in zip(days, values, strict=True) if d < day]
    return before[-wanted:]


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
