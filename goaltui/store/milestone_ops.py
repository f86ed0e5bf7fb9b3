"""The Store's milestones: a goal's checklist, added, ticked, edited, reordered, deleted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import ValidationError

from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.ids import fresh_id
from goaltui.core.models import Milestone, describe_error
from goaltui.store.bulk import as_doc
from goaltui.store.schema import GOALS, MILESTONES, WINS
from goaltui.store.store_base import StoreBase


class MilestoneOps(StoreBase):
    """Milestones by id; each write checks that its goal exists."""

    def milestones(self, goal_key: str) -> list[Milestone]:
        docs = self._table(MILESTONES).values()
        found = [self._model(Milestone, d, "milestone") for d in docs if d.get("goal") == goal_key]
        return sorted(found, key=lambda m: (m.order, m.title))

    def add_milestone(
        self,
        goal_key: str,
        title: str,
        due: date | None = None,
        *,
        threshold: float | None = None,
    ) -> Milestone:
        """Add a milestone at the end of the goal's checklist; with a `threshold` on the
        goal's metric, the first value logged that reaches it ticks it (milestone_ticks)."""
        with self._file.write() as tx:
            if goal_key not in tx.get(GOALS):
                raise UnknownGoal(goal_key)
            docs = tx.get(MILESTONES)
            orders = [d.get("order", 0) for d in docs.values() if d.get("goal") == goal_key]
            try:
                milestone = Milestone(
                    goal=goal_key,
                    title=title,
                    due=due,
                    threshold=threshold,
                    order=max(orders, default=-1) + 1,
                )
            except ValidationError as exc:
                raise UserError(describe_error(exc)) from None
            if milestone.id in docs:
                milestone = milestone.model_copy(update={"id": fresh_id(docs)})
            tx.table(MILESTONES)[milestone.id] = as_doc(milestone)
        return milestone

    def save_milestone(self, milestone: Milestone) -> Milestone:
        """Insert or replace a milestone (edits, and undo of a delete)."""
        with self._file.write() as tx:
            if milestone.goal not in tx.get(GOALS):
                raise UnknownGoal(milestone.goal)
            tx.table(MILESTONES)[milestone.id] = as_doc(milestone)
        return milestone

    def set_milestone_done(self, milestone_id: str, done: bool) -> Milestone:
        """Tick or untick by hand; an untick withdraws the milestone's win. A milestone
        with a threshold unticked stays open until a newly logged value reaches it."""
        with self._file.write() as tx:
            doc = tx.get(MILESTONES).get(milestone_id)
            if doc is None:
                raise UserError(f"no milestone with id {milestone_id!r}")
            milestone = self._model(Milestone, doc, "milestone").model_copy(
                update={
                    "done": done,
                    "done_at": self.clock.now() if done else None,
                    "done_by": self.user if done else None,
                    "reached_on": None,  # by hand, not by a value
                }
            )
            tx.table(MILESTONES)[milestone_id] = as_doc(milestone)
            win = f"milestone:{milestone_id}"  # core/wins.py's id for it
            if not done and win in tx.get(WINS):
                # Unticked: it was not done after all, so neither is its win. A tick again
                # records it anew, on the day it is done.
                del tx.table(WINS)[win]
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
