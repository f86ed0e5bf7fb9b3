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
from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.ids import fresh_id
from goaltui.store import series_tx
from goaltui.store.datafile import DataFile
from goaltui.store.schema import GOALS, HISTORY, Doc
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
    tx: Transaction, path: Path, doc: Doc, *, replaced_at: str, replaced_by: str
) -> Doc | None:
    """Store the day's check-in in its goal's series; an earlier value for that day goes
    to history. Returns the replaced check-in. The goal waits for win detection."""
    goal = doc["goal"]
    if goal not in tx.get(GOALS):
        raise UnknownGoal(goal)
    at = None if doc["at"] is None else datetime.fromisoformat(doc["at"])
    row = (date.fromisoformat(doc["day"]), doc["value"], doc["by"], at, doc["note"])
    (old_entry,) = series_tx.put(tx, path, goal, [(*row, doc["confidence"])])
    old = None if old_entry is None else series_tx.entry_doc(goal, old_entry)
    if old is not None:
        history = tx.table(HISTORY)
        rid = fresh_id(history)
        history[rid] = {
            "id": rid,
            "old": old,
            "replaced_at": replaced_at,
            "replaced_by": replaced_by,
        }
    if series_tx.may_have_won(tx, path, goal, [doc["value"]]):
        series_tx.mark_unchecked(tx, [goal])
    return old


@dataclass(frozen=True)
class Logged:
    """What `log_value` stored, and the value it replaced (if any), as plain data."""

    checkin: Doc
    replaced: Doc | None
    unit: str


def log_value(
    data: DataFile,
    goal: str,
    value: float,
    day: date,
    *,
    note: str = "",
    confidence: str | None = None,
) -> Logged:
    """Validate and store one check-in in one transaction."""
    now = data.clock.now()
    doc = checkin_doc(
        goal.lower(), day, value, note=note, confidence=confidence, by=data.user, at=now
    )
    with data.write() as tx:
        old = put_checkin(tx, data.path, doc, replaced_at=iso_stamp(now), replaced_by=data.user)
        metric = tx.get(GOALS)[doc["goal"]].get("metric")
    unit = metric.get("unit", "") if isinstance(metric, dict) else ""
    return Logged(doc, old, unit if isinstance(unit, str) else "")
