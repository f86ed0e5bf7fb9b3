"""Logging a check-in with plain dicts: shared by `Store.log` and `goaltui log`.

`goaltui log` runs from cron and from a lead's shell many times a day, so it
must cost little more than starting Python. Importing pydantic and building
the models costs about twice that on its own; this module validates a
check-in by hand instead, with the same rules as `models.CheckIn` (a test
pins that both accept and reject the same input and produce the same data).
`Store.log` writes through `put_checkin` too, so there is one writer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from goaltui.core.clock import iso_stamp
from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.ids import fresh_id
from goaltui.store.datafile import DataFile
from goaltui.store.migrations import CHECKINS, GOALS, HISTORY
from goaltui.store.storage import Doc, Transaction

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")  # models.KEY_PATTERN
NOTE_MAX = 500
CONFIDENCES = ("on-track", "at-risk", "off-track")  # models.Confidence values
# What pydantic's str_strip_whitespace strips (Unicode White_Space); unlike str.strip()
# it keeps the information separators U+001C-U+001F.
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
WHITESPACE += "\u2028\u2029\u202f\u205f\u3000"


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
    """A check-in document exactly as `CheckIn.model_dump(mode="json")` would write it."""
    goal = goal.strip(WHITESPACE)
    if not KEY_RE.match(goal):
        raise UserError(
            f"goal: {goal!r} is not a goal key (1-32 lower-case letters, digits or dashes)"
        )
    number = _finite(value)
    note = note.strip(WHITESPACE)
    for name, text in (("note", note), ("by", by)):
        try:
            text.encode()
        except UnicodeEncodeError:  # lone surrogates: neither pydantic nor JSON take them
            raise UserError(f"{name}: not valid text") from None
    if len(note) > NOTE_MAX:
        raise UserError(f"note: at most {NOTE_MAX} characters, got {len(note)}")
    if confidence is not None and confidence not in CONFIDENCES:
        raise UserError(f"confidence: use one of {', '.join(CONFIDENCES)}")
    return {
        "goal": goal,
        "day": day.isoformat(),
        "value": number,
        "note": note,
        "confidence": confidence,
        "by": by.strip(WHITESPACE),
        "at": None if at is None else iso_stamp(at),
    }


def _finite(value: object) -> float:
    """The value as a float; stricter than the model in one way: True is not a KPI value."""
    number = math.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an int beyond float's range
            number = math.inf
    if not math.isfinite(number):
        raise UserError(f"value: must be a finite number, got {str(value)[:30]}")
    return number


def put_checkin(tx: Transaction, doc: Doc, *, replaced_at: str, replaced_by: str) -> Doc | None:
    """Store the day's check-in; an earlier one for that day goes to history. Returns it."""
    if doc["goal"] not in tx.get(GOALS):
        raise UnknownGoal(doc["goal"])
    cid = checkin_id(doc["goal"], date.fromisoformat(doc["day"]))
    old = tx.get(CHECKINS).get(cid)
    if old is not None:
        history = tx.table(HISTORY)
        rid = fresh_id(history)
        history[rid] = {
            "id": rid,
            "old": old,
            "replaced_at": replaced_at,
            "replaced_by": replaced_by,
        }
    tx.table(CHECKINS)[cid] = doc
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
        old = put_checkin(tx, doc, replaced_at=iso_stamp(now), replaced_by=data.user)
        metric = tx.get(GOALS)[doc["goal"]].get("metric")
    unit = metric.get("unit", "") if isinstance(metric, dict) else ""
    return Logged(doc, old, unit if isinstance(unit, str) else "")
