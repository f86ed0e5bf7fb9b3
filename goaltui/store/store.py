"""The store: goaltui's only door to the data file.

Takes and returns pydantic models; tables, documents and doc ids stay in
here and below (datafile.py, storage.py). Identity is our own: goals by key,
check-ins by (goal, day), everything else by a short random id. Each write is
one transaction under the file lock, stamped with who and when.

Reads validate only what they return: a year of daily values for a thousand
goals is 365k check-ins, and the board (`snapshot`) needs two fields of each.

`Store` is the one class the screens and the CLI use. Goals, which every other
record hangs off, are kept here; milestones, check-ins and meeting records come
from one mixin module each (milestone_ops, checkin_ops, meeting_ops), on the
shared plumbing of store_base; removal_ops takes back wins and kudos.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from goaltui.core import formatting as fmt
from goaltui.core.errors import DuplicateGoal, EditConflict, UnknownGoal, UserError
from goaltui.core.models import Goal, GoalStatus, LedgerValue, TargetChange, ledger_fields
from goaltui.core.snapshot import Snapshot
from goaltui.store import activity, bulk
from goaltui.store.bulk import as_doc
from goaltui.store.checkin_ops import CheckInOps
from goaltui.store.meeting_ops import MeetingOps
from goaltui.store.milestone_ops import MilestoneOps
from goaltui.store.profile_ops import ProfileOps
from goaltui.store.removal_ops import RemovalOps
from goaltui.store.schema import CHANGES, GOALS

__all__ = ["Snapshot", "Store"]


class Store(MilestoneOps, CheckInOps, MeetingOps, RemovalOps, ProfileOps):
    """Read and write goals, milestones, check-ins and the ledger in one JSON file."""

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
            tx.table(GOALS)[goal.key] = as_doc(saved)
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
                tx.table(CHANGES)[entry.id] = as_doc(entry)
            stamp = {
                "created_at": old.created_at,
                "created_by": old.created_by,
                "updated_at": now,
                "updated_by": self.user,
            }
            saved = goal.model_copy(update=stamp)
            tx.table(GOALS)[goal.key] = as_doc(saved)
        return saved

    def set_status(self, key: str, status: GoalStatus) -> Goal:
        goal = self.goal(key)
        return self.update_goal(goal.model_copy(update={"status": status}))

    # -- activity (live refresh, issue 7; the rules are in store/activity.py) ------------

    def activity_since(
        self, since: activity.Mark | None
    ) -> tuple[list[activity.Change], activity.Mark]:
        """What others (not this user) wrote since the mark `since` (None: nothing yet), and
        the mark to pass next time. One read; the parse is shared with the other reads."""
        return activity.scan(self._file.read(), since, self.user)

    # -- bulk -------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Goals, the recent (day, value) series of each and milestone counts from one read.
        Only goals whose documents changed since this store's last snapshot are built
        again; check-ins never become models here."""
        return bulk.snapshot(self._file, self._snapshots)

    def export(self) -> dict[str, Any]:
        """The full data set as plain JSON-able data (for `goaltui export --format json`)."""
        return bulk.export(self._file)


def _ledger_changes(old: Goal, new: Goal) -> list[tuple[str, str, str]]:
    """(field, old, new) for each field that goes to the ledger, as machine text (ISO dates,
    exact numbers): the chart reads a first target back with float(), screens format it."""
    return [(name, _text(a), _text(b)) for name, a, b in ledger_fields(old, new)]


def _text(value: LedgerValue) -> str:
    if isinstance(value, tuple):
        return fmt.plain_band(value)  # "300..360"
    return value.isoformat() if isinstance(value, date) else fmt.plain(value)
