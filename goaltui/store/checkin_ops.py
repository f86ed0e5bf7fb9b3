"""The Store's check-ins and what they leave behind: replaced values and the ledger.

Writes go through quicklog (one check-in) and bulk (an import), the same writers
`goaltui log` and cron use; here they take and return models.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from goaltui.core.models import CheckIn, CheckInRevision, Confidence, Milestone, TargetChange
from goaltui.store import bulk, quicklog
from goaltui.store.schema import CHANGES, HISTORY
from goaltui.store.store_base import StoreBase


class CheckInOps(StoreBase):
    """Check-ins by (goal, day); history and ledger entries by id, never rewritten."""

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
        logged = self._log(goal_key, value, day, note=note, confidence=confidence)
        checkin = self._model(CheckIn, logged.checkin, "check-in")
        old = logged.replaced
        return checkin, (None if old is None else self._model(CheckIn, old, "check-in"))

    def log_ticking(
        self,
        goal_key: str,
        value: float,
        day: date | None = None,
        *,
        note: str = "",
        confidence: Confidence | None = None,
    ) -> tuple[CheckIn, list[Milestone]]:
        """Like `log`, and also returns the milestones the value ticked (a threshold it
        reached: store/milestone_ticks.py), so the screen can say so."""
        logged = self._log(goal_key, value, day, note=note, confidence=confidence)
        ticked = [self._model(Milestone, d, "milestone") for d in logged.ticked]
        return self._model(CheckIn, logged.checkin, "check-in"), ticked

    def _log(
        self,
        goal_key: str,
        value: float,
        day: date | None,
        *,
        note: str,
        confidence: Confidence | None,
    ) -> quicklog.Logged:
        return quicklog.log_value(
            self._file,
            goal_key,
            value,
            day or self.clock.today(),
            note=note,
            confidence=None if confidence is None else Confidence(confidence).value,
        )

    def unlog(self, goal_key: str, day: date) -> CheckIn:
        """Remove the day's value (kept in history, by this user); returns what was removed,
        so the caller can offer undo (`restore_checkin`). UserError when there is none."""
        removed = quicklog.unlog_value(self._file, goal_key, day).checkin
        return self._model(CheckIn, removed, "check-in")

    def restore_checkin(self, checkin: CheckIn) -> CheckIn | None:
        """Put a check-in back as it was, its own author and time included (undo of a removal
        or an edit); returns the check-in it replaced, which goes to history."""
        doc = quicklog.checkin_doc(
            checkin.goal,
            checkin.day,
            checkin.value,
            note=checkin.note,
            confidence=None if checkin.confidence is None else checkin.confidence.value,
            by=checkin.by,
            at=checkin.at,
        )
        old = quicklog.restore_value(self._file, doc)
        return None if old is None else self._model(CheckIn, old, "check-in")

    def log_many(self, checkins: Iterable[CheckIn]) -> bulk.BulkLog:
        """Log many check-ins as one transaction (CSV import): all written, or none.

        Each is stamped with this user and now. An empty note keeps the stored note and the
        stored confidence is kept unless one is given, so an import never wipes what a lead
        typed. A check-in equal to the stored one (value and note) is skipped; a different
        one replaces it and the old one goes to history, as in log(). A value reaching
        a milestone's threshold ticks it (milestone_ticks.py). Returns the counts and the
        milestones ticked.
        """
        return bulk.log_many(self._file, checkins)

    def checkins(self, goal_key: str | None = None) -> list[CheckIn]:
        docs = bulk.checkin_docs(self.path, self._file.read(), goal_key)
        return [self._model(CheckIn, d, "check-in") for d in docs]

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
