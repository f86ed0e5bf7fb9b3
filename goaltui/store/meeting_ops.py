"""The Store's meeting records (issue 6): minutes, kudos notes and recorded wins.

The rules for what counts as a win are in core/wins.py; here they are kept, once each.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from goaltui.core.errors import UnknownGoal, UserError
from goaltui.core.ids import fresh_id
from goaltui.core.minutes import Minutes, celebration_id, celebration_kudos
from goaltui.core.models import Goal, Level, Milestone, describe_error
from goaltui.core.wins import Kudos, Win, detect_wins, legacy_ids
from goaltui.store import bulk, removal_ops, series_tx
from goaltui.store.bulk import as_doc
from goaltui.store.schema import (
    GOALS,
    KUDOS,
    META,
    MILESTONES,
    MINUTES,
    SERIES,
    WINS,
    ReadTables,
)
from goaltui.store.store_base import StoreBase


class MeetingOps(StoreBase):
    """Minutes, kudos and wins by id, each stamped with this user and now."""

    def save_minutes(self, minutes: Minutes) -> Minutes:
        """Insert or replace the minutes with this id (a review saved twice stays one record),
        stamped with this user and now; with them, in the same write, a kudos for the owner
        of each goal they celebrate (and none any more for a goal no longer celebrated)."""
        now = self.clock.now()
        saved = minutes.model_copy(update={"by": self.user, "at": now})
        with self._file.write() as tx:
            tx.table(MINUTES)[saved.id] = as_doc(saved)
            goals, known = tx.get(GOALS), tx.get(KUDOS)
            wanted = {k.id: k for k in celebration_kudos(saved, self.user, now) if k.goal in goals}
            mine = celebration_id(saved.id, "")
            for old in [i for i in known if i.startswith(mine) and i not in wanted]:
                del tx.table(KUDOS)[old]
            for kudos_id, kudos in wanted.items():
                before = known.get(kudos_id)
                at = now if before is None else self._model(Kudos, before, "kudos").at
                # Saved again: thanked when first saved.
                tx.table(KUDOS)[kudos_id] = as_doc(kudos.model_copy(update={"at": at}))
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
        """Every kudos note, newest first (not those removed: removal_ops.py)."""
        docs = [d for d in self._table(KUDOS).values() if removal_ops.shown(d)]
        found = [self._model(Kudos, d, "kudos") for d in docs]
        return sorted(found, key=lambda k: k.at, reverse=True)

    def wins(self) -> list[Win]:
        """Every recorded win, newest first (not those removed: removal_ops.py; their
        documents stay, so detection never records them again)."""
        docs = [d for d in self._table(WINS).values() if removal_ops.shown(d)]
        found = [self._model(Win, d, "win") for d in docs]
        return sorted(found, key=lambda w: (w.day, w.id), reverse=True)

    def record_new_wins(self, keys: Iterable[str] = ()) -> list[Win]:
        """Detect the wins of goals with values no detection has seen yet (marked by every
        writer of values, `goaltui log` included) and of `keys`, plus milestone wins; keep
        the ones not recorded yet and return them (oldest first). Work follows what
        changed, not the history; nothing is written when nothing waits."""
        data = self._file.read()
        keys = set(keys)
        if not keys and not series_tx.unchecked(data) and not _unseen_milestones(data):
            return []  # the usual refresh: nothing waits, and no model is built to know it
        now = self.clock.now()
        with self._file.write() as tx:
            tables = {name: tx.get(name) for name in (GOALS, SERIES, MILESTONES, WINS, META)}
            new = [w.model_copy(update={"recorded_at": now}) for w in self._new_wins(tables, keys)]
            if new:
                table = tx.table(WINS)
                for win in new:
                    table[win.id] = as_doc(win)
            series_tx.clear_unchecked(tx, self.path, self.clock.today())
        return new

    def _new_wins(self, tables: ReadTables, keys: set[str]) -> list[Win]:
        goals = bulk.goal_models(self.path, tables.get(GOALS, {}), self._snapshots)
        waiting = keys | set(series_tx.unchecked(tables))
        chosen = [g for g in goals if g.key in waiting]
        # A personal best compares an agent's goals on one metric: take the whole group.
        groups = {_best_group(g) for g in chosen if g.level is Level.AGENT}
        chosen += [
            g
            for g in goals
            if g.key not in waiting and g.level is Level.AGENT and _best_group(g) in groups
        ]
        series = bulk.snapshot_series(self.path, tables, [g.key for g in chosen])
        milestones = [
            self._model(Milestone, d, "milestone")
            for d in tables.get(MILESTONES, {}).values()
            if d.get("done")
        ]
        today, known = self.clock.today(), tables.get(WINS, {})
        found = detect_wins(chosen, series, [], today) + detect_wins(goals, {}, milestones, today)
        return [w for w in found if w.id not in known and not known.keys() & legacy_ids(w)]


def _unseen_milestones(tables: ReadTables) -> bool:
    """A done milestone without its win (the win id is made from the milestone's id)."""
    wins = tables.get(WINS, {})
    return any(
        doc.get("done") and f"milestone:{doc_id}" not in wins
        for doc_id, doc in tables.get(MILESTONES, {}).items()
    )


def _best_group(goal: Goal) -> tuple[str, str, str]:
    return (goal.owner, goal.metric.name, str(goal.metric.direction))
