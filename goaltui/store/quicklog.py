"""Logging a check-in with plain dicts: shared by `Store.log` and `goaltui log`.

`goaltui log` runs from cron and from a lead's shell many times a day, so it
must cost little more than starting Python. Importing pydantic and building
the models costs about twice that on its own; this module checks a check-in
with the pydantic-free functions of core/rules.py instead, the ones
`models.CheckIn` is built on (a test pins that both accept and reject the same
input, with the same message, and produce the same data).
`Store.log` writes through `put_checkin` too, so there is one writer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from goaltui.core import rules
from goaltui.core.clock import iso_stamp
from goaltui.core.errors import UserError
from goaltui.core.ids import fresh_id
from goaltui.core.numbers import parse_value
from goaltui.store import milestone_ticks, series_tx, value_checks
from goaltui.store.datafile import DataFile
from goaltui.store.schema import GOALS, HISTORY, SERIES, Doc
from goaltui.store.transaction import Transaction

T = TypeVar("T")
R = TypeVar("R")


def checkin_id(goal: str, day: date) -> str:
    return f"{goal}@{day.isoformat()}"


def checkin_doc(
    goal: str,
    day: date,
    value: float,
    *,
    note: str = "",
    confidence: str | None = None,
    by: str = "",
    at: datetime | None = None,
) -> Doc:
    """A check-in document exactly as `CheckIn.model_dump(mode="json")` would write it.

    Fields are checked in the model's field order, so the UserError names the same first
    problem, in the same words, as the model's ValidationError would.
    """
    return {
        "goal": _checked("goal", _key, goal),
        "day": day.isoformat(),
        "value": _checked("value", rules.check_value, value),
        "note": _checked("note", _note, note),
        "confidence": _checked("confidence", rules.check_confidence, confidence),
        "by": _checked("by", rules.one_line, by),
        "at": None if at is None else iso_stamp(at),
    }


def _key(text: str) -> str:
    return rules.check_key(rules.clean_text(text))


def _note(text: str) -> str:
    return rules.check_note(rules.one_line(text))


def _checked(name: str, check: Callable[[T], R], value: T) -> R:
    """`check(value)`, with its ValueError turned into "name: message" for the user."""
    try:
        return check(value)
    except ValueError as exc:
        raise UserError(f"{name}: {exc}") from None


def put_checkin(
    tx: Transaction,
    path: Path,
    doc: Doc,
    *,
    replaced_at: str,
    replaced_by: str,
    refuse_implausible: bool = False,
) -> tuple[Doc | None, list[Doc]]:
    """Store the day's check-in in its goal's series; an earlier value for that day goes
    to history. Returns the replaced check-in and the milestones the value ticked
    (milestone_ticks). The goal waits for win detection.

    Refuses a closed goal and a day before the goal starts (value_checks), and with
    `refuse_implausible` a value that looks like a slip (the screens ask instead)."""
    goal, day = doc["goal"], date.fromisoformat(doc["day"])
    goal_doc = value_checks.open_goal(tx.get(GOALS), goal)
    value_checks.check_day(goal_doc, goal, day)
    if refuse_implausible:
        series = series_tx.series_of(path, tx.get(SERIES), goal)
        with series_tx.damaged(path, goal):
            value_checks.check_plausible(goal_doc, series, day, doc["value"])
    at = None if doc["at"] is None else datetime.fromisoformat(doc["at"])
    row = (day, doc["value"], doc["by"], at, doc["note"])
    (old_entry,) = series_tx.put(tx, path, goal, [(*row, doc["confidence"])])
    old = None if old_entry is None else series_tx.entry_doc(goal, old_entry)
    if old is not None:
        _keep(tx, old, replaced_at, replaced_by)
    if series_tx.may_have_won(tx, path, goal, [doc["value"]]):
        series_tx.mark_unchecked(tx, [goal])
    by = doc["by"] or replaced_by
    ticked = milestone_ticks.tick_reached(
        tx, goal, [(day, doc["value"], by, at or datetime.fromisoformat(replaced_at))]
    )
    return old, ticked


def _keep(tx: Transaction, old: Doc, at: str, by: str, *, removed: bool = False) -> None:
    """A replaced or removed check-in goes to history, never away: who changed it, when."""
    history = tx.table(HISTORY)
    rid = fresh_id(history)
    entry: Doc = {"id": rid, "old": old, "replaced_at": at, "replaced_by": by}
    if removed:
        entry["removed"] = True
    history[rid] = entry


@dataclass(frozen=True)
class Logged:
    """What `log_value` stored (or `unlog_value` removed), and the value it replaced (if
    any), as plain data."""

    checkin: Doc
    replaced: Doc | None
    unit: str
    ticked: tuple[Doc, ...] = ()  # the milestones the value ticked (milestone_ticks)


def log_value(
    data: DataFile,
    goal: str,
    value: float | str,
    day: date,
    *,
    note: str = "",
    confidence: str | None = None,
    refuse_implausible: bool = False,
) -> Logged:
    """Validate and store one check-in in one transaction. A `value` given as text (a
    duration, "5:24") is read with the goal's unit once the goal is read."""
    now = data.clock.now()
    number = 0.0 if isinstance(value, str) else value
    doc = checkin_doc(
        goal.lower(), day, number, note=note, confidence=confidence, by=data.user, at=now
    )
    with data.write() as tx:
        if isinstance(value, str):
            unit = _unit(value_checks.open_goal(tx.get(GOALS), doc["goal"]))
            try:
                doc["value"] = rules.check_value(parse_value(value, unit))
            except ValueError as exc:
                raise UserError(str(exc)) from None
        old, ticked = put_checkin(
            tx,
            data.path,
            doc,
            replaced_at=iso_stamp(now),
            replaced_by=data.user,
            refuse_implausible=refuse_implausible,
        )
        unit = _unit(tx.get(GOALS)[doc["goal"]])
    return Logged(doc, old, unit, tuple(ticked))


def restore_value(data: DataFile, doc: Doc) -> Doc | None:
    """Put a check-in back exactly as it was (its own value, note, who and when): the undo
    of a removal or an edit. What it replaces goes to history, stamped with this user."""
    now = iso_stamp(data.clock.now())
    with data.write() as tx:
        return put_checkin(tx, data.path, doc, replaced_at=now, replaced_by=data.user)[0]


def unlog_value(data: DataFile, goal: str, day: date) -> Logged:
    """Remove the day's value of a goal; it is kept in history, attributed to this user.
    `Logged.checkin` is the removed check-in. UserError when there is none."""
    key = goal.lower()
    with data.write() as tx:
        goal_doc = value_checks.open_goal(tx.get(GOALS), key)
        series = series_tx.series_of(data.path, tx.get(SERIES), key)
        with series_tx.damaged(data.path, key):
            entry = series.find(day, series_tx.users(tx))
            if entry is None:
                raise UserError(f"{key} has no value for {day.isoformat()}: nothing to remove")
            series.remove(day)
        tx.table(SERIES)[key] = series.to_doc()
        removed = series_tx.entry_doc(key, entry)
        _keep(tx, removed, iso_stamp(data.clock.now()), data.user, removed=True)
        unit = _unit(goal_doc)
    return Logged(removed, None, unit)


def _unit(goal_doc: Doc) -> str:
    metric = goal_doc.get("metric")
    unit = metric.get("unit", "") if isinstance(metric, dict) else ""
    return unit if isinstance(unit, str) else ""
