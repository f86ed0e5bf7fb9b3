"""Whole-data-set reads and writes behind the Store: the board's snapshot, export, CSV import.

Kept apart from store.py because they work on the tables as a whole: the snapshot
reads two fields of every check-in without building a model for each, the import
writes many check-ins in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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
from goaltui.store import milestone_ticks, series_tx, value_checks
from goaltui.store.datafile import DataFile
from goaltui.store.schema import (
    CHANGES,
    GOALS,
    HISTORY,
    MILESTONES,
    SCHEMA_VERSION,
    SERIES,
    Doc,
    ReadTables,
)
from goaltui.store.series_tx import Row
from goaltui.store.transaction import Transaction

# Values per goal in the board's snapshot: the sparkline's 30 days and the forecast's
# 30 points (progress.FORECAST_WINDOW), the latest and the one before it, with a little
# room for values dated after a frozen "today" (demo, tests).
TAIL = 36

M = TypeVar("M", bound=BaseModel)


def as_model(path: Path, cls: type[M], doc: Mapping[str, Any], where: str) -> M:
    """Validate a stored document; a bad one is a data-file problem naming the file."""
    try:
        return cls.model_validate(doc)
    except ValidationError as exc:
        raise DataFileError(f"{path}: bad {where}: {describe_error(exc)}") from None


def goal_of(path: Path, key: str, doc: Mapping[str, Any]) -> Goal:
    """The goal stored under `key`; one whose own key differs is a bad document (which
    key would a check-in or a command mean?)."""
    goal = as_model(path, Goal, doc, f"goal {key!r}")
    if goal.key != key:
        raise DataFileError(f"{path}: bad goal {key!r}: key: {goal.key!r} is stored under {key!r}")
    return goal


def as_doc(model: BaseModel) -> Doc:
    return model.model_dump(mode="json")


def sorted_goals(path: Path, docs: Mapping[str, Doc]) -> list[Goal]:
    goals = [goal_of(path, key, doc) for key, doc in docs.items()]
    return sorted(goals, key=lambda g: g.key)


class SnapshotCache:
    """What the last snapshot built, per goal, so the next one rebuilds only what changed.

    Keyed by goal key: the goal document and series document it was built from (compared
    by value, since every parse makes new objects), the Goal model and the tail of points.
    """

    def __init__(self) -> None:
        self.entries: dict[str, tuple[Doc, Doc | None, Goal, list[Point]]] = {}
        self.lock = threading.Lock()


def _points(path: Path, key: str, docs: Mapping[str, Doc], count: int | None) -> list[Point]:
    """The goal's last `count` (day, value) points, or all of them with None."""
    series = series_tx.series_of(path, docs, key)
    with series_tx.damaged(path, key):
        if count is None:
            return [Point(e.day, e.value) for e in series.entries([])]
        days, values = series.tail(count)
    return [Point(d, v) for d, v in zip(days, values, strict=True)]


def snapshot(file: DataFile, cache: SnapshotCache | None = None) -> Snapshot:
    """Goals, the last TAIL values of each goal and milestone counts, from one read. With a
    cache, only goals whose documents changed are rebuilt."""
    token = file.token()  # taken first: a write in between only causes one more reload
    data = file.read()
    goal_docs, series_docs = data.get(GOALS, {}), data.get(SERIES, {})
    fresh: dict[str, tuple[Doc, Doc | None, Goal, list[Point]]] = {}
    old = cache.entries if cache is not None else {}
    for key, doc in goal_docs.items():
        series_doc = series_docs.get(key)
        kept = old.get(key)
        if kept is not None and kept[0] == doc and kept[1] == series_doc:
            # Keep the models, but hold this parse's documents: the last parse can go.
            fresh[key] = (doc, series_doc, kept[2], kept[3])
            continue
        goal = goal_of(file.path, key, doc)
        fresh[key] = (doc, series_doc, goal, _points(file.path, key, series_docs, TAIL))
    if cache is not None:
        with cache.lock:
            cache.entries = fresh  # the previous build is dropped, never piled up
    keys = sorted(fresh)
    counts: dict[str, tuple[int, int]] = {}
    for doc in data.get(MILESTONES, {}).values():
        done, total = counts.get(doc.get("goal", ""), (0, 0))
        counts[doc.get("goal", "")] = (done + bool(doc.get("done")), total + 1)
    return Snapshot([fresh[k][2] for k in keys], {k: fresh[k][3] for k in keys}, counts, token)


def goal_models(path: Path, docs: Mapping[str, Doc], cache: SnapshotCache) -> list[Goal]:
    """The goals, sorted by key, reusing the snapshot's models of unchanged documents."""
    with cache.lock:
        known = cache.entries
    goals = []
    for key, doc in sorted(docs.items()):
        kept = known.get(key)
        goals.append(kept[2] if kept and kept[0] == doc else goal_of(path, key, doc))
    return goals


def snapshot_series(path: Path, data: ReadTables, keys: Iterable[str]) -> dict[str, list[Point]]:
    """Every (day, value) of the goals `keys`, in day order."""
    docs = data.get(SERIES, {})
    return {key: _points(path, key, docs, None) for key in keys}


def checkin_docs(path: Path, data: ReadTables, goal: str | None = None) -> list[Doc]:
    """Check-ins as documents (goal, day, value, note, confidence, by, at), by goal and day."""
    names = series_tx.users(data)
    docs = data.get(SERIES, {})
    keys = sorted(docs) if goal is None else [goal]
    found: list[Doc] = []
    for key in keys:
        series = series_tx.series_of(path, docs, key)
        with series_tx.damaged(path, key):
            found += [series_tx.entry_doc(key, e) for e in series.entries(names)]
    return found


def export(file: DataFile) -> dict[str, Any]:
    """The full data set as plain JSON-able data, every document validated."""
    data = file.read()

    def models(table: str, cls: type[M], where: str) -> list[M]:
        return [as_model(file.path, cls, d, where) for d in data.get(table, {}).values()]

    milestones = sorted(models(MILESTONES, Milestone, "milestone"), key=lambda m: (m.goal, m.order))
    checkins = [as_model(file.path, CheckIn, d, "check-in") for d in checkin_docs(file.path, data)]
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


@dataclass(frozen=True)
class BulkLog:
    """What Store.log_many did: check-ins added, changed and unchanged, and the milestones
    the new values ticked, as (goal, milestone title), in goal then checklist order."""

    added: int
    changed: int
    unchanged: int
    ticked: tuple[tuple[str, str], ...] = ()


def log_many(file: DataFile, checkins: Iterable[CheckIn]) -> BulkLog:
    """See Store.log_many.

    The merge is worked out on a private copy of the file as read, outside the lock; the
    lock is then held only to check that nobody wrote meanwhile and to write the result
    (or, if somebody did, to merge again), so a big import never makes others time out.
    """
    by_goal: dict[str, dict[date, CheckIn]] = {}
    for checkin in checkins:  # a later duplicate of a (goal, day) wins
        by_goal.setdefault(checkin.goal, {})[checkin.day] = checkin
    data = file.read()
    planned = Transaction(data)
    counts = _apply(file, planned, by_goal)
    with file.write() as tx:
        if tx.base is data:  # nothing moved since the plan (and no migration)
            if planned.changed:
                tx.replace_all(planned.result())
            return counts
        return _apply(file, tx, by_goal)


def _apply(
    file: DataFile, tx: Transaction, by_goal: Mapping[str, Mapping[date, CheckIn]]
) -> BulkLog:
    goals = tx.get(GOALS)
    for key in sorted(by_goal):
        if key not in goals:
            raise UnknownGoal(key)
    counts = [0, 0, 0]
    revisions: list[CheckInRevision] = []
    ticked: list[tuple[str, str]] = []
    for key, days in sorted(by_goal.items()):
        rows = _merge(file, tx, key, days, counts=counts, revisions=revisions)
        if rows:  # `goaltui log`'s rules, re-checked under the lock, for what changes
            doc = value_checks.open_goal(goals, key)
            value_checks.check_day(doc, key, min(row[0] for row in rows))
            series_tx.put(tx, file.path, key, rows)
            if series_tx.may_have_won(tx, file.path, key, [row[1] for row in rows]):
                series_tx.mark_unchecked(tx, [key])
            now = file.clock.now()
            values = [(row[0], row[1], row[2], row[3] or now) for row in rows]
            for doc in milestone_ticks.tick_reached(tx, key, values):
                ticked.append((key, str(doc.get("title", ""))))
    if revisions:
        history = tx.table(HISTORY)
        for revision in revisions:
            rid = revision.id if revision.id not in history else fresh_id(history)
            history[rid] = {**as_doc(revision), "id": rid}
    added, changed, unchanged = counts
    return BulkLog(added, changed, unchanged, tuple(ticked))


def _merge(
    file: DataFile,
    tx: Transaction,
    key: str,
    days: Mapping[date, CheckIn],
    *,
    counts: list[int],
    revisions: list[CheckInRevision],
) -> list[Row]:
    """The rows to write for one goal: new days, and changed values (their old ones go to
    history). An empty note keeps the stored note, no confidence keeps the stored one."""
    now, user = file.clock.now(), file.user
    series = series_tx.series_of(file.path, tx.get(SERIES), key)
    with series_tx.damaged(file.path, key):
        stored = {e.day: e for e in series.entries(series_tx.users(tx))}
    rows: list[Row] = []
    for day, checkin in sorted(days.items()):
        note = checkin.note
        confidence = None if checkin.confidence is None else checkin.confidence.value
        old = stored.get(day)
        if old is None:
            counts[0] += 1
        else:
            note, confidence = note or old.note, confidence or old.confidence
            if old.value == checkin.value and old.note == note:
                counts[2] += 1
                continue
            doc = series_tx.entry_doc(key, old)
            previous = as_model(file.path, CheckIn, doc, "check-in")
            revisions.append(CheckInRevision(old=previous, replaced_at=now, replaced_by=user))
            counts[1] += 1
        rows.append((day, checkin.value, user, now, note, confidence))
    return rows
