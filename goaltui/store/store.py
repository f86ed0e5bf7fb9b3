"""The store: goaltui's only door to the data file.

Takes and returns pydantic models; tables, documents and doc ids stay in
here and below (datafile.py, storage.py). Identity is our own: goals by key,
check-ins by (goal, day), everything else by a short random id. Each write is
one transaction under the file lock, stamped with who and when.

Reads validate only what they return: a year of daily values for a thousand
goals is 365k check-ins, and the board (`snapshot`) needs two fields of each.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from goaltui.core import formatting as fmt
from goaltui.core.clock import Clock
from goaltui.core.errors import DuplicateGoal, EditConflict, UnknownGoal, UserError
from goaltui.core.ids import fresh_id
from goaltui.core.minutes import Minutes
from goaltui.core.models import (
    CheckIn,
    CheckInRevision,
    Confidence,
    Goal,
    GoalStatus,
    Milestone,
    Point,
    TargetChange,
    describe_error,
    ledger_fields,
)
from goaltui.core.snapshot import Snapshot
from goaltui.core.wins import Kudos, Win, detect_wins
from goaltui.store import activity, bulk, quicklog
from goaltui.store.datafile import DataFile
from goaltui.store.migrations import (
    CHANGES,
    CHECKINS,
    GOALS,
    HISTORY,
    KUDOS,
    MILESTONES,
    MINUTES,
    WINS,
)
from goaltui.store.storage import Doc, Signature

__all__ = ["Snapshot", "Store"]

M = TypeVar("M", bound=BaseModel)
_doc = bulk.as_doc


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
        self._file = DataFile(
            path, clock=clock, user=user, shared=shared, lock_timeout=lock_timeout
        )
        self.path: Path = self._file.path

    @property
    def clock(self) -> Clock:
        return self._file.clock

    @property
    def user(self) -> str:
        """Who every write is attributed to (the demo generator switches it per write)."""
        return self._file.user

    @user.setter
    def user(self, name: str) -> None:
        self._file.user = name

    # -- plumbing ---------------------------------------------------------------------

    def change_token(self) -> Signature | None:
        """Cheap (one stat): changes whenever anyone writes the file."""
        return self._file.token()

    def stop_writes(self, timeout: float) -> bool:
        """Let a save in progress finish, then allow no more (the process is about to end)."""
        return self._file.storage.stop_writes(timeout)

    def check(self) -> None:
        """Read the file once: raises DataFileError if it cannot be used; migrates an old one."""
        self._file.read()

    def _model(self, cls: type[M], doc: Mapping[str, Any], where: str) -> M:
        return bulk.as_model(self.path, cls, doc, where)

    def _table(self, name: str) -> Mapping[str, Doc]:
        return self._file.read().get(name, {})

    # -- goals ------------------------------------------------------------------------

    def goals(self, *, include_archived: bool = True) -> list[Goal]:
        goals = bulk.sorted_goals(self.path, self._table(GOALS))
        if not include_archived:
            goals = [g for g in goals if g.status is not GoalStatus.ARCHIVED]
        return goals

    def goal(self, key: str) -> Goal:
        doc = self._table(GOALS).get(key)
        if doc is None:
            raise UnknownGoal(key)
        return self._model(Goal, doc, f"goal {key!r}")

    def has_goal(self, key: str) -> bool:
        return key in self._table(GOALS)

    def add_goal(self, goal: Goal) -> Goal:
        now = self.clock.now()
        stamp = {
            "created_at": now,
            "created_by": self.user,
            "updated_at": now,
            "updated_by": self.user,
        }
        saved = goal.model_copy(update=stamp)
        with self._file.write() as tx:
            goals = tx.get(GOALS)
            if goal.key in goals:
                raise DuplicateGoal(goal.key)
            if goal.parent and goal.parent not in goals:
                raise UnknownGoal(goal.parent)
            tx.table(GOALS)[goal.key] = _doc(saved)
        return saved

    def update_goal(self, goal: Goal, *, reason: str = "", base: Goal | None = None) -> Goal:
        """Save an edited goal. A changed target, baseline or due date needs a reason and goes
        to the ledger; the past (check-ins, earlier ledger entries) is never rewritten.

        `base` is the goal as the editor loaded it: when the stored goal differs from it
        (someone else saved meanwhile), EditConflict is raised and nothing is written.
        Check-ins and milestones are documents of their own: a goal save never touches them.
        """
        now = self.clock.now()
        with self._file.write() as tx:
            goals = tx.get(GOALS)
            old_doc = goals.get(goal.key)
            if old_doc is None:
                raise UnknownGoal(goal.key)
            old = self._model(Goal, old_doc, f"goal {goal.key!r}")
            if base is not None and old != base:
                raise EditConflict(goal.key, old.updated_by, old.updated_at)
            if goal.parent and goal.parent not in goals:
                raise UnknownGoal(goal.parent)
            changes = _ledger_changes(old, goal)
            if changes and not reason.strip():
                fields = ", ".join(field for field, _, _ in changes)
                raise UserError(f"changing the {fields} of {goal.key!r} needs a reason")
            for field, before, after in changes:
                entry = TargetChange(
                    goal=goal.key,
                    field=field,
                    old=before,
                    new=after,
                    reason=reason.strip(),
                    by=self.user,
                    at=now,
                )
                tx.table(CHANGES)[entry.id] = _doc(entry)
            stamp = {
                "created_at": old.created_at,
                "created_by": old.created_by,
                "updated_at": now,
                "updated_by": self.user,
            }
            saved = goal.model_copy(update=stamp)
            tx.table(GOALS)[goal.key] = _doc(saved)
        return saved

    def set_status(self, key: str, status: GoalStatus) -> Goal:
        goal = self.goal(key)
        return self.update_goal(goal.model_copy(update={"status": status}))

    # -- milestones -------------------------------------------------------------------

    def milestones(self, goal_key: str) -> list[Milestone]:
        docs = self._table(MILESTONES).values()
        found = [self._model(Milestone, d, "milestone") for d in docs if d.get("goal") == goal_key]
        return sorted(found, key=lambda m: (m.order, m.title))

    def add_milestone(self, goal_key: str, title: str, due: date | None = None) -> Milestone:
        with self._file.write() as tx:
            if goal_key not in tx.get(GOALS):
                raise UnknownGoal(goal_key)
            docs = tx.get(MILESTONES)
            orders = [d.get("order", 0) for d in docs.values() if d.get("goal") == goal_key]
            try:
                milestone = Milestone(
                    goal=goal_key, title=title, due=due, order=max(orders, default=-1) + 1
                )
            except ValidationError as exc:
                raise UserError(describe_error(exc)) from None
            if milestone.id in docs:
                milestone = milestone.model_copy(update={"id": fresh_id(docs)})
            tx.table(MILESTONES)[milestone.id] = _doc(milestone)
        return milestone

    def save_milestone(self, milestone: Milestone) -> Milestone:
        """Insert or replace a milestone (edits, and undo of a delete)."""
        with self._file.write() as tx:
            if milestone.goal not in tx.get(GOALS):
                raise UnknownGoal(milestone.goal)
            tx.table(MILESTONES)[milestone.id] = _doc(milestone)
        return milestone

    def set_milestone_done(self, milestone_id: str, done: bool) -> Milestone:
        with self._file.write() as tx:
            doc = tx.get(MILESTONES).get(milestone_id)
            if doc is None:
                raise UserError(f"no milestone with id {milestone_id!r}")
            milestone = self._model(Milestone, doc, "milestone").model_copy(
                update={
                    "done": done,
                    "done_at": self.clock.now() if done else None,
                    "done_by": self.user if done else None,
                }
            )
            tx.table(MILESTONES)[milestone_id] = _doc(milestone)
        return milestone

    def delete_milestone(self, milestone_id: str) -> Milestone:
        """Remove a milestone and return it, so the caller can offer undo."""
        with self._file.write() as tx:
            doc = tx.get(MILESTONES).get(milestone_id)
            if doc is None:
                raise UserError(f"no milestone with id {milestone_id!r}")
            milestone = self._model(Milestone, doc, "milestone")
            del tx.table(MILESTONES)[milestone_id]
        return milestone

    def reorder_milestones(self, goal_key: str, ids: Iterable[str]) -> None:
        """Give the goal's milestones the order of `ids` (ids not listed keep theirs, after)."""
        order = {mid: n for n, mid in enumerate(ids)}
        with self._file.write() as tx:
            docs = tx.get(MILESTONES)
            for mid, n in order.items():
                doc = docs.get(mid)
                if doc is not None and doc.get("goal") == goal_key and doc.get("order") != n:
                    tx.table(MILESTONES)[mid] = {**doc, "order": n}

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
        """Record the day's value; a second log the same day replaces it (the old one
        goes to history)."""
        return self.log_with_previous(goal_key, value, day, note=note, confidence=confidence)[0]

    def log_with_previous(
        self,
        goal_key: str,
        value: float,
        day: date | None = None,
        *,
        note: str = "",
        confidence: Confidence | None = None,
    ) -> tuple[CheckIn, CheckIn | None]:
        """Like `log`, and also returns the check-in it replaced (None for a new day)."""
        logged = quicklog.log_value(
            self._file,
            goal_key,
            value,
            day or self.clock.today(),
            note=note,
            confidence=None if confidence is None else Confidence(confidence).value,
        )
        checkin = self._model(CheckIn, logged.checkin, "check-in")
        old = logged.replaced
        return checkin, (None if old is None else self._model(CheckIn, old, "check-in"))

    def log_many(self, checkins: Iterable[CheckIn]) -> tuple[int, int, int]:
        """Log many check-ins as one transaction (CSV import): all written, or none.

        Each is stamped with this user and now. An empty note keeps the stored note and the
        stored confidence is kept unless one is given, so an import never wipes what a lead
        typed. A check-in equal to the stored one (value and note) is skipped; a different
        one replaces it and the old one goes to history, as in log().
        Returns (added, changed, unchanged).
        """
        return bulk.log_many(self._file, checkins)

    def checkins(self, goal_key: str | None = None) -> list[CheckIn]:
        docs = self._table(CHECKINS).values()
        found = [
            self._model(CheckIn, d, "check-in")
            for d in docs
            if goal_key is None or d.get("goal") == goal_key
        ]
        return sorted(found, key=lambda c: (c.goal, c.day))

    def checkin_history(self, goal_key: str | None = None) -> list[CheckInRevision]:
        docs = self._table(HISTORY).values()
        revisions = [self._model(CheckInRevision, d, "check-in history") for d in docs]
        if goal_key is not None:
            revisions = [r for r in revisions if r.old.goal == goal_key]
        return sorted(revisions, key=lambda r: r.replaced_at)

    def target_changes(self, goal_key: str | None = None) -> list[TargetChange]:
        docs = self._table(CHANGES).values()
        changes = [self._model(TargetChange, d, "target change") for d in docs]
        if goal_key is not None:
            changes = [c for c in changes if c.goal == goal_key]
        return sorted(changes, key=lambda c: c.at)

    # -- meeting minutes (review mode, issue 6) ----------------------------------------

    def save_minutes(self, minutes: Minutes) -> Minutes:
        """Insert or replace the minutes with this id (a review saved twice stays one record),
        stamped with this user and now."""
        saved = minutes.model_copy(update={"by": self.user, "at": self.clock.now()})
        with self._file.write() as tx:
            tx.table(MINUTES)[saved.id] = _doc(saved)
        return saved

    def minutes(self) -> list[Minutes]:
        """Every saved meeting's minutes, newest first (by meeting day, then save time)."""
        found = [self._model(Minutes, d, "minutes") for d in self._table(MINUTES).values()]
        return sorted(
            found, key=lambda m: (m.held_on, m.at.isoformat() if m.at else ""), reverse=True
        )

    # -- wins and kudos (issue 6; the rules are in goaltui/wins.py) ----------------------

    def add_kudos(self, agent: str, note: str, goal: str | None = None) -> Kudos:
        """Keep a recognition note for an agent (tied to a goal or not), by this user, now."""
        try:
            kudos = Kudos(
                agent=agent, note=note, goal=goal or None, by=self.user, at=self.clock.now()
            )
        except ValidationError as exc:
            raise UserError(describe_error(exc)) from None
        with self._file.write() as tx:
            if kudos.goal is not None and kudos.goal not in tx.get(GOALS):
                raise UnknownGoal(kudos.goal)
            docs = tx.get(KUDOS)
            if kudos.id in docs:
                kudos = kudos.model_copy(update={"id": fresh_id(docs)})
            tx.table(KUDOS)[kudos.id] = _doc(kudos)
        return kudos

    def kudos(self) -> list[Kudos]:
        """Every kudos note, newest first."""
        found = [self._model(Kudos, d, "kudos") for d in self._table(KUDOS).values()]
        return sorted(found, key=lambda k: k.at, reverse=True)

    def wins(self) -> list[Win]:
        """Every recorded win, newest first."""
        found = [self._model(Win, d, "win") for d in self._table(WINS).values()]
        return sorted(found, key=lambda w: (w.day, w.id), reverse=True)

    def record_new_wins(self) -> list[Win]:
        """Detect the wins in the data as of today, keep the ones not recorded yet and
        return them (oldest first). One transaction; nothing is written when there is
        nothing new, so calling this on every board reload costs one read."""
        if not self._new_wins(self._file.read()):
            return []
        now = self.clock.now()
        with self._file.write() as tx:
            tables = {name: tx.get(name) for name in (GOALS, CHECKINS, MILESTONES, WINS)}
            new = [w.model_copy(update={"recorded_at": now}) for w in self._new_wins(tables)]
            if new:
                table = tx.table(WINS)
                for win in new:
                    table[win.id] = _doc(win)
        return new

    def _new_wins(self, tables: Mapping[str, Mapping[str, Doc]]) -> list[Win]:
        goals = bulk.sorted_goals(self.path, tables.get(GOALS, {}))
        series: dict[str, list[Point]] = {g.key: [] for g in goals}
        for doc in tables.get(CHECKINS, {}).values():
            points = series.get(doc.get("goal", ""))
            if points is not None:
                points.append(Point(date.fromisoformat(doc["day"]), float(doc["value"])))
        milestones = [
            self._model(Milestone, d, "milestone")
            for d in tables.get(MILESTONES, {}).values()
            if d.get("done")
        ]
        known = tables.get(WINS, {})
        found = detect_wins(goals, series, milestones, self.clock.today())
        return [w for w in found if w.id not in known]

    # -- activity (live refresh, issue 7; the rules are in goaltui/activity.py) ----------

    def activity_since(
        self, since: activity.Mark | None
    ) -> tuple[list[activity.Change], activity.Mark]:
        """What others (not this user) wrote since the mark `since` (None: nothing yet), and
        the mark to pass next time. One read; the parse is shared with the other reads."""
        return activity.scan(self._file.read(), since, self.user)

    # -- bulk -------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Goals, every goal's (day, value) series and milestone counts from one read.

        Check-ins are not turned into models here: the board only needs two fields.
        """
        return bulk.snapshot(self._file)

    def export(self) -> dict[str, Any]:
        """The full data set as plain JSON-able data (for `goaltui export --format json`)."""
        return bulk.export(self._file)


def _ledger_changes(old: Goal, new: Goal) -> list[tuple[str, str, str]]:
    """(field, old, new) for each field that goes to the ledger, as machine text (ISO dates,
    exact numbers): the chart reads a first target back with float(), screens format it."""
    return [(name, _text(a), _text(b)) for name, a, b in ledger_fields(old, new)]


def _text(value: float | date | None) -> str:
    return value.isoformat() if isinstance(value, date) else fmt.plain(value)
