"""Every document of a file checked before anything is written into it.

A write must never go into a file whose documents the models would refuse: `goaltui add`
once wrote a goal, then failed on a neighbour missing its `metric` (exit 2, and a retry
said "already exists"). The transaction calls `check_tables` on the file it is about to
change and refuses the whole write, bytes unchanged, naming the first bad document.

Pydantic-free, so `goaltui log` pays a few milliseconds, not a model per document: the
checks are the models' rules (core/rules.py) on plain JSON, which is what the readers
need. A series' columns are checked character by character in C, so a year of a
centre's file costs a fraction of one parse of it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaltui.core import import_profile, rules
from goaltui.core.errors import DataFileError
from goaltui.store.schema import (
    CHANGES,
    GOALS,
    HISTORY,
    KUDOS,
    META,
    META_ID,
    MILESTONES,
    MINUTES,
    PROFILES,
    SERIES,
    USERS,
    WINS,
    ReadTables,
)

Check = Callable[[Any], str | None]  # None when fine, else what is wrong


def _text(limit: int | None = None, *, required: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "must be text"
        if required and not value.strip():
            return "must not be empty"
        if limit is not None and len(value) > limit:
            return f"at most {limit} characters, got {len(value)}"
        return None

    return check


def _key(value: Any) -> str | None:
    return None if isinstance(value, str) and rules.is_key(value.strip().lower()) else "not a key"


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "must be a number"
    return None if math.isfinite(value) else "must be a finite number"


def _band(value: Any) -> str | None:
    """[low, high]: two finite numbers, low below high (models.Metric's rule)."""
    if not isinstance(value, list) or len(value) != 2:
        return "must be two numbers [low, high]"
    if _number(value[0]) or _number(value[1]):
        return "must be two finite numbers [low, high]"
    return None if value[0] < value[1] else rules.BAND_ORDER


def _weight(value: Any) -> str | None:
    wrong = _number(value)
    return wrong or (None if value > 0 else "must be above 0")


def _parse(parse: Callable[[str], object], what: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"must be {what}"
        try:
            parse(value)
        except ValueError:
            return f"must be {what}"
        return None

    return check


def _one_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else f"use one of {', '.join(allowed)}"

    return check


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


DAY, STAMP = _parse(date.fromisoformat, "a date"), _parse(datetime.fromisoformat, "a time")
# field -> (check, required). Fields not listed are the models' defaults or ignored.
Fields = Mapping[str, tuple[Check, bool]]
_METRIC: Fields = {
    "name": (_text(rules.NAME_MAX, required=True), True),
    "unit": (_text(rules.UNIT_MAX), False),
    "baseline": (_optional(_number), False),
    "target": (_optional(_number), False),
    "band": (_optional(_band), False),
}
_GOAL: Fields = {
    "key": (_key, True),
    "title": (_text(rules.TITLE_MAX, required=True), True),
    "owner": (_text(rules.NAME_MAX, required=True), False),
    "level": (_one_of(*rules.LEVELS), False),
    "status": (_one_of(*rules.STATUSES), False),
    "parent": (_optional(_key), False),
    "start": (DAY, True),
    "due": (_optional(DAY), False),
    "details": (_text(rules.TEXT_MAX), False),
    "why": (_text(rules.TEXT_MAX), False),
    "plan": (_text(rules.TEXT_MAX), False),
    "private": (_bool, False),  # a "yes" read as true would show a private goal on the floor
    "weight": (_weight, False),
}
_MILESTONE: Fields = {
    "goal": (_key, True),
    "title": (_text(rules.TITLE_MAX, required=True), True),
    "due": (_optional(DAY), False),
    "done": (_bool, False),
    "done_at": (_optional(STAMP), False),
    "threshold": (_optional(_number), False),
    "reached_on": (_optional(DAY), False),
}
_CHANGE: Fields = {
    "goal": (_key, True),
    "field": (_text(), True),
    "old": (_text(), True),
    "new": (_text(), True),
    "reason": (_text(rules.REASON_MAX, required=True), True),
    "at": (STAMP, True),
}
# A win or kudos taken back (store/removal_ops.py): when, and by whom.
_REMOVED: Fields = {"removed_at": (STAMP, False), "removed_by": (_text(rules.NAME_MAX), False)}
_WIN: Fields = {
    "id": (_text(required=True), True),
    "kind": (_one_of(*rules.WIN_KINDS), True),
    "goal": (_text(), True),
    "owner": (_text(), True),
    "day": (DAY, True),
    "text": (_text(), True),
    **_REMOVED,
}
_KUDOS: Fields = {
    "agent": (_text(rules.NAME_MAX, required=True), True),
    "note": (_text(rules.NOTE_MAX, required=True), True),
    "at": (STAMP, True),
    **_REMOVED,
}
_CHECKIN: Fields = {
    "goal": (_key, True),
    "day": (DAY, True),
    "value": (_number, True),
    "note": (_text(rules.NOTE_MAX), False),
    "confidence": (_optional(_one_of(*rules.CONFIDENCES)), False),
}
_HISTORY: Fields = {"replaced_at": (STAMP, True), "removed": (_bool, False)}
_MINUTES: Fields = {"held_on": (DAY, True)}
TABLE_FIELDS: Mapping[str, Fields] = {
    GOALS: _GOAL,
    MILESTONES: _MILESTONE,
    CHANGES: _CHANGE,
    WINS: _WIN,
    KUDOS: _KUDOS,
    HISTORY: _HISTORY,
    MINUTES: _MINUTES,
}


def _problem(doc: Mapping[str, Any], fields: Fields) -> str | None:
    for name, (check, required) in fields.items():
        if name not in doc:
            if required:
                return f"{name}: missing"
            continue
        wrong = check(doc[name])
        if wrong:
            return f"{name}: {wrong}"
    return None


def _goal_problem(doc_id: str, doc: Mapping[str, Any]) -> str | None:
    wrong = _problem(doc, _GOAL)
    if wrong is None and doc["key"].strip().lower() != doc_id:
        wrong = f"key: {doc['key']!r} is stored under {doc_id!r}"
    if wrong is None:
        metric = doc.get("metric")
        if not isinstance(metric, dict):
            return "metric: missing" if metric is None else "metric: must be an object"
        wrong = _problem(metric, _METRIC)
        return None if wrong is None else f"metric.{wrong}"
    return wrong


def _column(doc: Mapping[str, Any], name: str) -> str:
    text = doc.get(name, "")
    if not isinstance(text, str):
        raise ValueError(f"its {name} must be text")
    return text


# What each column may hold: numbers written by goaltui, comma-separated.
_ALLOWED = {
    "days": b"0123456789,",
    "values": b"0123456789,.-+eE",
    "by": b"0123456789,",
    "at": b"0123456789,-",
}


def _count(doc: Mapping[str, Any], name: str) -> int:
    """How many entries the column holds; ValueError for a character no number has ("abc",
    "nan", a list). bytes.translate runs in C: a year of a centre's columns is checked in
    a few milliseconds, where decoding every number would cost a whole parse of the file
    (the readers decode what they show and report a bad number in one line)."""
    text = _column(doc, name)
    if not text:
        return 0
    if text.encode().translate(None, _ALLOWED[name]):
        raise ValueError(f"bad {name}: not numbers")
    return text.count(",") + 1


def _series_problem(doc: Mapping[str, Any]) -> str | None:
    try:
        counts = {_count(doc, name) for name in _ALLOWED}
    except ValueError as exc:
        return str(exc)
    if len(counts) > 1:
        return "its columns have different lengths"
    for name in ("notes", "confidence"):
        extra = doc.get(name, {})
        if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
            return f"its {name} must map days to text"
    if not all(c in rules.CONFIDENCES for c in doc.get("confidence", {}).values()):
        return f"confidence: use one of {', '.join(rules.CONFIDENCES)}"
    if not all(len(n) <= rules.NOTE_MAX for n in doc.get("notes", {}).values()):
        return f"a note is over {rules.NOTE_MAX} characters"
    return None


def check_tables(path: Path, tables: ReadTables) -> None:
    """Raise DataFileError naming the first document the readers would refuse."""
    for table, docs in tables.items():
        for doc_id, doc in docs.items():
            if not isinstance(doc, dict):
                where = f"document {doc_id!r} in table {table!r}"
                raise DataFileError(f"{path}: {where} should be an object")
            if table == GOALS:
                wrong = _goal_problem(doc_id, doc)
            elif table == SERIES:
                wrong = _series_problem(doc)
            elif table == HISTORY:
                old = doc.get("old")
                wrong = _problem(doc, _HISTORY) or (
                    "old: must be an object" if not isinstance(old, dict) else None
                )
                wrong = wrong or (_problem(old, _CHECKIN) if isinstance(old, dict) else None)
            elif table == META and doc_id == META_ID:
                users = doc.get(USERS, [])
                ok = isinstance(users, list) and all(isinstance(u, str) for u in users)
                wrong = None if ok else "users: must be a list of names"
                wrong = wrong or import_profile.profiles_problem(doc.get(PROFILES, {}))
            elif table in TABLE_FIELDS:
                wrong = _problem(doc, TABLE_FIELDS[table])
            else:
                continue
            if wrong:
                raise DataFileError(f"{path}: bad {_name(table)} {doc_id!r}: {wrong}")


def _name(table: str) -> str:
    return {
        GOALS: "goal",
        SERIES: "series of goal",
        MILESTONES: "milestone",
        CHANGES: "target change",
        HISTORY: "check-in history entry",
        WINS: "win",
        KUDOS: "kudos",
        MINUTES: "minutes",
        META: "file header",
    }.get(table, table)
