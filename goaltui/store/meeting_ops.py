"""The Store's meeting records (issue 6): minutes, kudos notes and recorded wins.

The rules for what counts as a win are in core/wins.py; here they are kept, once each.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.ids import fresh_id
from goaltui.core.minutes import Minutes
from goaltui.core.models import Milestone, Point, describe_error
from goaltui.core.wins import Kudos, Win, detect_wins
from goaltui.store import bulk
from goaltui.store.bulk import as_doc
from goaltui.store.schema import CHECKINS, GOALS, KUDOS, MILESTONES, MINUTES, WINS, ReadTables
from goaltui.store.store_base import StoreBase


class MeetingOps(StoreBase):
    """Minutes, kudos and wins by id, each stamped with this user and now."""

    def save_minutes(self, minutes: Minutes) -> Minutes:
        """Insert or replace the minutes with this id (a review saved twice stays one record),
        stamped with this user and now."""
        saved = minutes.model_copy(update={"by": self.user, "at": self.clock.now()})
        with self._file.write() as tx:
            tx.table(MINUTES)[saved.id] = as_doc(saved)
        return saved

    def minutes(self) -> list[Minutes]:
        """Every saved meeting's minutes, newest first (by meeting day, then save time)."""
        found = [self._model(Minutes, d, "minutes") for d in self._table(MINUTES).values()]
        return sorted(
            found, key=lambda m: (m.held_on, m.at.isoformat() if m.at else ""), reverse=True
        )

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
            tx.table(KUDOS)[kudos.id] = as_doc(kudos)
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
                    table[win.id] = as_doc(win)
        return new

    def _new_wins(self, tables: ReadTables) -> list[Win]:
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
