"""Whole-data-set reads and writes behind the Store: the board's snapshot, export, CSV import.

Kept apart from store.py because they work on the tables as a whole: the snapshot
reads two fields of every check-in without building a model for each, the import
writes many check-ins in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from goaltui.core.clock import iso_stamp
from goaltui.core.errors import DataFileError, UnknownGoal
from goaltui.core.ids import fresh_id
from goaltui.core.models import (
    CheckIn,
    CheckInRevision,
    Goal,
    Milestone,
    Point,
    TargetChange,
    describe_error,
)
from goaltui.core.snapshot import Snapshot
from goaltui.store.datafile import DataFile
from goaltui.store.quicklog import checkin_id
from goaltui.store.schema import CHANGES, CHECKINS, GOALS, HISTORY, MILESTONES, SCHEMA_VERSION, Doc

M = TypeVar("M", bound=BaseModel)


def as_model(path: Path, cls: type[M], doc: Mapping[str, Any], where: str) -> M:
    """Validate a stored document; a bad one is a data-file problem naming the file."""
    try:
        return cls.model_validate(doc)
    except ValidationError as exc:
        raise DataFileError(f"{path}: bad {where}: {describe_error(exc)}") from None


def as_doc(model: BaseModel) -> Doc:
    return model.model_dump(mode="json")


def sorted_goals(path: Path, docs: Mapping[str, Doc]) -> list[Goal]:
    goals = [as_model(path, Goal, doc, f"goal {key!r}") for key, doc in docs.items()]
    return sorted(goals, key=lambda g: g.key)


def snapshot(file: DataFile) -> Snapshot:
    """Goals, every goal's (day, value) series and milestone counts from one read."""
    token = file.token()  # taken first: a write in between only causes one more reload
    data = file.read()
    goals = sorted_goals(file.path, data.get(GOALS, {}))
    series: dict[str, list[Point]] = {g.key: [] for g in goals}
    fromiso = date.fromisoformat
    try:
        for doc in data.get(CHECKINS, {}).values():
            points = series.get(doc["goal"])
            if points is not None:
                points.append(Point(fromiso(doc["day"]), float(doc["value"])))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(
            f"{file.path}: bad check-in ({exc!s}); the file was not changed"
        ) from None
    for points in series.values():
        points.sort()
    counts: dict[str, tuple[int, int]] = {}
    for doc in data.get(MILESTONES, {}).values():
        done, total = counts.get(doc.get("goal", ""), (0, 0))
        counts[doc.get("goal", "")] = (done + bool(doc.get("done")), total + 1)
    return Snapshot(goals, series, counts, token)


def export(file: DataFile) -> dict[str, Any]:
    """The full data set as plain JSON-able data, every document validated."""
    data = file.read()

    def models(table: str, cls: type[M], where: str) -> list[M]:
        return [as_model(file.path, cls, d, where) for d in data.get(table, {}).values()]

    milestones = sorted(models(MILESTONES, Milestone, "milestone"), key=lambda m: (m.goal, m.order))
    checkins = sorted(models(CHECKINS, CheckIn, "check-in"), key=lambda c: (c.goal, c.day))
    history = sorted(models(HISTORY, CheckInRevision, "history"), key=lambda r: r.replaced_at)
    changes = sorted(models(CHANGES, TargetChange, "target change"), key=lambda c: c.at)
    return {
        "schema": SCHEMA_VERSION,
        "exported_at": iso_stamp(file.clock.now()),
        "goals": [as_doc(g) for g in sorted_goals(file.path, data.get(GOALS, {}))],
        "milestones": [as_doc(m) for m in milestones],
        "checkins": [as_doc(c) for c in checkins],
        "checkin_history": [as_doc(r) for r in history],
        "target_changes": [as_doc(c) for c in changes],
    }


def log_many(file: DataFile, checkins: Iterable[CheckIn]) -> tuple[int, int, int]:
    """See Store.log_many. Returns (added, changed, unchanged)."""
    items = list(checkins)
    now, user = file.clock.now(), file.user
    added = changed = unchanged = 0
    with file.write() as tx:
        goals = tx.get(GOALS)
        for key in sorted({c.goal for c in items}):
            if key not in goals:
                raise UnknownGoal(key)
        stored = tx.get(CHECKINS)
        fresh: dict[str, Doc] = {}  # doc id -> doc; a later duplicate wins
        revisions: list[CheckInRevision] = []
        for checkin in items:
            doc_id = checkin_id(checkin.goal, checkin.day)
            old_doc = fresh.get(doc_id) or stored.get(doc_id)
            update: dict[str, Any] = {"by": user, "at": now}
            if old_doc is not None:
                old = as_model(file.path, CheckIn, old_doc, "check-in")
                update["note"] = checkin.note or old.note
                update["confidence"] = checkin.confidence or old.confidence
                if old.value == checkin.value and old.note == update["note"]:
                    unchanged += 1
                    continue
                if doc_id in stored and doc_id not in fresh:
                    revisions.append(CheckInRevision(old=old, replaced_at=now, replaced_by=user))
                    changed += 1
            else:
                added += 1
            fresh[doc_id] = as_doc(checkin.model_copy(update=update))
        if fresh:
            tx.table(CHECKINS).update(fresh)
        if revisions:
            history = tx.table(HISTORY)
            for revision in revisions:
                rid = revision.id if revision.id not in history else fresh_id(history)
                history[rid] = {**as_doc(revision), "id": rid}
    return added, changed, unchanged
