"""The store: goaltui's only door to the data file.

Takes and returns pydantic models; TinyDB tables, documents and doc_ids stay
in here. Identity is our own: goals by key, check-ins by (goal, day),
everything else by a short random id. Each write is one transaction under
the file lock (see storage.py), stamped with who and when.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import TinyDB
from tinydb.table import Document, Table

from goaltui.clock import Clock, SystemClock
from goaltui.errors import DataFileError, DuplicateGoal, UnknownGoal, UserError
from goaltui.models import (
    CheckIn,
    CheckInRevision,
    Confidence,
    Goal,
    GoalStatus,
    Milestone,
    Point,
    TargetChange,
    describe_error,
)
from goaltui.storage import AtomicJSONStorage, Signature, Tables

GOALS = "goals"
MILESTONES = "milestones"
CHECKINS = "checkins"
HISTORY = "checkin_history"
CHANGES = "target_changes"
META = "_meta"
KNOWN_TABLES = frozenset({META, GOALS, MILESTONES, CHECKINS, HISTORY, CHANGES})
SCHEMA_VERSION = 1
LEDGER_FIELDS = ("target", "baseline", "due")

M = TypeVar("M", bound=BaseModel)


class KeyedTable(Table):  # type: ignore[misc]
    """A TinyDB table whose document ids are our own strings."""

    document_id_class = str


class _DB(TinyDB):  # type: ignore[misc]
    table_class = KeyedTable


def current_user() -> str:
    """The login name that every write is attributed to."""
    for name in ("GOALTUI_USER", "LOGNAME", "USER"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def checkin_id(goal: str, day: date) -> str:
    return f"{goal}@{day.isoformat()}"


def _doc(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


@dataclass(frozen=True)
class Snapshot:
    """Everything the board needs, read in one go without validating every check-in."""

    goals: list[Goal]
    series: dict[str, list[Point]]
    milestones: dict[str, tuple[int, int]]  # goal key -> (done, total)
    token: Signature | None


class Store:
    """Read and write goals, milestones, check-ins and the ledger in one JSON file."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Clock | None = None,
        user: str | None = None,
        shared: bool = False,
        lock_timeout: float = 10.0,
    ) -> None:
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        self.user = user or current_user()
        self._storage = AtomicJSONStorage(self.path, shared=shared, lock_timeout=lock_timeout)
        self._db = _DB(storage=lambda: self._storage)

    # -- plumbing ---------------------------------------------------------------------

    def change_token(self) -> Signature | None:
        """Cheap (one stat): changes whenever anyone writes the file."""
        return self._storage.signature()

    def _read(self) -> Tables:
        data = self._storage.read() or {}
        self._check_schema(data)
        return data

    @contextmanager
    def _write(self) -> Iterator[_DB]:
        with self._storage.transaction() as data:
            self._check_schema(data)
            if META not in data:
                data[META] = {"1": {"schema": SCHEMA_VERSION}}
                self._storage.write(data)
            for table in self._db._tables.values():
                table._next_id = None
                table.clear_cache()
            yield self._db

    def _check_schema(self, data: Tables) -> None:
        meta = data.get(META, {}).get("1", {})
        version = meta.get("schema", SCHEMA_VERSION if not data else 0)
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise DataFileError(
                f"{self.path}: written by a newer goaltui (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade goaltui - the file was not changed"
            )
        unknown = set(data) - KNOWN_TABLES
        if unknown:
            raise DataFileError(f"{self.path}: unknown table(s) {', '.join(sorted(unknown))}; not a goaltui file?")

    def _model(self, cls: type[M], doc: dict[str, Any], where: str) -> M:
        try:
            return cls.model_validate(doc)
        except ValidationError as exc:
            raise DataFileError(f"{self.path}: bad {where}: {describe_error(exc)}") from None

    def _table(self, name: str) -> dict[str, Any]:
        table: dict[str, Any] = self._read().get(name, {})
        return table

    # -- goals ------------------------------------------------------------------------

    def goals(self, *, include_archived: bool = True) -> list[Goal]:
        goals = [self._model(Goal, doc, f"goal {k!r}") for k, doc in self._table(GOALS).items()]
        if not include_archived:
            goals = [g for g in goals if g.status is not GoalStatus.ARCHIVED]
        return sorted(goals, key=lambda g: g.key)

    def goal(self, key: str) -> Goal:
        doc = self._table(GOALS).get(key)
        if doc is None:
            raise UnknownGoal(key)
        return self._model(Goal, doc, f"goal {key!r}")

    def has_goal(self, key: str) -> bool:
        return key in self._table(GOALS)

    def add_goal(self, goal: Goal) -> Goal:
        now = self.clock.now()
        saved = goal.model_copy(
            update={"created_at": now, "created_by": self.user, "updated_at": now, "updated_by": self.user}
        )
        with self._write() as db:
            table = db.table(GOALS)
            if table.contains(doc_id=goal.key):
                raise DuplicateGoal(goal.key)
            if goal.parent and not table.contains(doc_id=goal.parent):
                raise UnknownGoal(goal.parent)
            table.insert(Document(_doc(saved), doc_id=goal.key))
        return saved

    def update_goal(self, goal: Goal, *, reason: str = "") -> Goal:
        """Save an edited goal. A changed target, baseline or due date needs a reason and goes
        to the ledger; the past (check-ins, earlier ledger entries) is never rewritten."""
        now = self.clock.now()
        with self._write() as db:
            table = db.table(GOALS)
            old_doc = table.get(doc_id=goal.key)
            if old_doc is None:
                raise UnknownGoal(goal.key)
            old = self._model(Goal, dict(old_doc), f"goal {goal.key!r}")
            if goal.parent and not table.contains(doc_id=goal.parent):
                raise UnknownGoal(goal.parent)
            changes = _ledger_changes(old, goal)
            if changes and not reason.strip():
                fields = ", ".join(field for field, _, _ in changes)
                raise UserError(f"changing the {fields} of {goal.key!r} needs a reason")
            ledger = db.table(CHANGES)
            for field, before, after in changes:
                entry = TargetChange(
                    goal=goal.key, field=field, old=before, new=after, reason=reason.strip(), by=self.user, at=now
                )
                ledger.insert(Document(_doc(entry), doc_id=entry.id))
            saved = goal.model_copy(
                update={
                    "created_at": old.created_at,
                    "created_by": old.created_by,
                    "updated_at": now,
                    "updated_by": self.user,
                }
            )
            table.update(_doc(saved), doc_ids=[goal.key])
        return saved

    def set_status(self, key: str, status: GoalStatus) -> Goal:
        goal = self.goal(key)
        return self.update_goal(goal.model_copy(update={"status": status}))

    # -- milestones -------------------------------------------------------------------

    def milestones(self, goal_key: str) -> list[Milestone]:
        docs = self._table(MILESTONES)
        found = [self._model(Milestone, d, "milestone") for d in docs.values() if d.get("goal") == goal_key]
        return sorted(found, key=lambda m: (m.order, m.title))

    def add_milestone(self, goal_key: str, title: str, due: date | None = None) -> Milestone:
        with self._write() as db:
            if not db.table(GOALS).contains(doc_id=goal_key):
                raise UnknownGoal(goal_key)
            table = db.table(MILESTONES)
            orders = [d.get("order", 0) for d in table._read_table().values() if d.get("goal") == goal_key]
            milestone = Milestone(goal=goal_key, title=title, due=due, order=max(orders, default=-1) + 1)
            table.insert(Document(_doc(milestone), doc_id=milestone.id))
        return milestone

    def save_milestone(self, milestone: Milestone) -> Milestone:
        """Insert or replace a milestone (edits, and undo of a delete)."""
        with self._write() as db:
            if not db.table(GOALS).contains(doc_id=milestone.goal):
                raise UnknownGoal(milestone.goal)
            db.table(MILESTONES).upsert(Document(_doc(milestone), doc_id=milestone.id))
        return milestone

    def set_milestone_done(self, milestone_id: str, done: bool) -> Milestone:
        with self._write() as db:
            table = db.table(MILESTONES)
            doc = table.get(doc_id=milestone_id)
            if doc is None:
                raise UserError(f"no milestone with id {milestone_id!r}")
            milestone = self._model(Milestone, dict(doc), "milestone").model_copy(
                update={
                    "done": done,
                    "done_at": self.clock.now() if done else None,
                    "done_by": self.user if done else None,
                }
            )
            table.update(_doc(milestone), doc_ids=[milestone_id])
        return milestone

    def delete_milestone(self, milestone_id: str) -> Milestone:
        """Remove a milestone and return it, so the caller can offer undo."""
        with self._write() as db:
            table = db.table(MILESTONES)
            doc = table.get(doc_id=milestone_id)
            if doc is None:
                raise UserError(f"no milestone with id {milestone_id!r}")
            table.remove(doc_ids=[milestone_id])
        return self._model(Milestone, dict(doc), "milestone")

    def reorder_milestones(self, goal_key: str, ids: Iterable[str]) -> None:
        """Give the goal's milestones the order of `ids` (ids not listed keep theirs, after)."""
        order = {mid: n for n, mid in enumerate(ids)}
        with self._write() as db:
            table = db.table(MILESTONES)
            for mid, n in order.items():
                doc = table.get(doc_id=mid)
                if doc is not None and doc.get("goal") == goal_key and doc.get("order") != n:
                    table.update({"order": n}, doc_ids=[mid])

    # -- check-ins --------------------------------------------------------------------

    def log(
        self,
        goal_key: str,
        value: float,
        day: date | None = None,
        *,
        note: str = "",
        confidence: Confidence | None = None,
    ) -> CheckIn:
        """Record the day's value; a second log the same day replaces it, keeping the old one in history."""
        checkin = CheckIn(
            goal=goal_key,
            day=day or self.clock.today(),
            value=value,
            note=note,
            confidence=confidence,
            by=self.user,
            at=self.clock.now(),
        )
        doc_id = checkin_id(goal_key, checkin.day)
        with self._write() as db:
            if not db.table(GOALS).contains(doc_id=goal_key):
                raise UnknownGoal(goal_key)
            table = db.table(CHECKINS)
            old = table.get(doc_id=doc_id)
            if old is not None:
                revision = CheckInRevision(
                    old=self._model(CheckIn, dict(old), "check-in"),
                    replaced_at=checkin.at or self.clock.now(),
                    replaced_by=self.user,
                )
                db.table(HISTORY).insert(Document(_doc(revision), doc_id=revision.id))
            table.upsert(Document(_doc(checkin), doc_id=doc_id))
        return checkin

    def checkins(self, goal_key: str | None = None) -> list[CheckIn]:
        docs = self._table(CHECKINS).values()
        found = [self._model(CheckIn, d, "check-in") for d in docs if goal_key is None or d.get("goal") == goal_key]
        return sorted(found, key=lambda c: (c.goal, c.day))

    def checkin_history(self, goal_key: str | None = None) -> list[CheckInRevision]:
        revisions = [self._model(CheckInRevision, d, "check-in history") for d in self._table(HISTORY).values()]
        if goal_key is not None:
            revisions = [r for r in revisions if r.old.goal == goal_key]
        return sorted(revisions, key=lambda r: r.replaced_at)

    def target_changes(self, goal_key: str | None = None) -> list[TargetChange]:
        changes = [self._model(TargetChange, d, "target change") for d in self._table(CHANGES).values()]
        if goal_key is not None:
            changes = [c for c in changes if c.goal == goal_key]
        return sorted(changes, key=lambda c: c.at)

    # -- bulk -------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Goals, every goal's (day, value) series and milestone counts from one read.

        Check-ins are not turned into models here: a year of daily values for
        a thousand goals is 365k documents, and the board only needs two fields.
        """
        token = self.change_token()
        data = self._read()
        goals = [self._model(Goal, doc, f"goal {k!r}") for k, doc in data.get(GOALS, {}).items()]
        series: dict[str, list[Point]] = {g.key: [] for g in goals}
        fromiso = date.fromisoformat
        try:
            for doc in data.get(CHECKINS, {}).values():
                points = series.get(doc["goal"])
                if points is not None:
                    points.append(Point(fromiso(doc["day"]), float(doc["value"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{self.path}: bad check-in ({exc!s}); the file was not changed") from None
        for points in series.values():
            points.sort()
        counts: dict[str, tuple[int, int]] = {}
        for doc in data.get(MILESTONES, {}).values():
            done, total = counts.get(doc.get("goal", ""), (0, 0))
            counts[doc.get("goal", "")] = (done + bool(doc.get("done")), total + 1)
        return Snapshot(sorted(goals, key=lambda g: g.key), series, counts, token)

    def export(self) -> dict[str, Any]:
        """The full data set as plain JSON-able data (for `goaltui export --format json`)."""
        return {
            "schema": SCHEMA_VERSION,
            "goals": [_doc(g) for g in self.goals()],
            "milestones": [_doc(m) for g in self.goals() for m in self.milestones(g.key)],
            "checkins": [_doc(c) for c in self.checkins()],
            "checkin_history": [_doc(r) for r in self.checkin_history()],
            "target_changes": [_doc(c) for c in self.target_changes()],
        }


def _ledger_changes(old: Goal, new: Goal) -> list[tuple[str, str, str]]:
    """(field, old, new) for each ledger field that changed, as text."""
    pairs = {
        "target": (old.metric.target, new.metric.target),
        "baseline": (old.metric.baseline, new.metric.baseline),
        "due": (old.due, new.due),
    }
    return [(field, _text(before), _text(after)) for field, (before, after) in pairs.items() if before != after]


def _text(value: float | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return value.isoformat()
