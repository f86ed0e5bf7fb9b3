"""The check-in's data apart from its widgets: the worker's read and each row's save state.

No textual here: `read_checkin` runs in a thread worker (LiveReader), and `SaveMarks`
is plain bookkeeping the screen draws from, so both are easy to test on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from goaltui.core.checkin_logic import CheckInRow, build_rows, due_milestones
from goaltui.core.models import Milestone
from goaltui.store.store import Store


@dataclass(frozen=True)
class LiveCheckIn:
    """One read for the check-in: the rows of `day` and the milestones due by `today`."""

    day: date
    rows: list[CheckInRow]
    milestones: list[Milestone]


def read_checkin(store: Store, day: date, today: date) -> LiveCheckIn:
    """In a worker: the active goals with the day's saved check-ins, and the due milestones
    (always due by the real today, even when back-filling). Raises the store's errors."""
    rows = build_rows(store.snapshot(), day)
    for row in rows:
        if row.saved:  # show the note and confidence saved earlier that day
            for saved in store.checkins(row.key):
                if saved.day == day:
                    row.note, row.confidence = saved.note, saved.confidence
    found: list[Milestone] = []
    for row in rows:
        found += store.milestones(row.key)
    return LiveCheckIn(day, rows, due_milestones(found, today))


def only_goal(read: LiveCheckIn, key: str) -> LiveCheckIn:
    """The read narrowed to one goal: the check-in opened from that goal's detail."""
    rows = [row for row in read.rows if row.key == key]
    for row in rows:
        row.first_of_owner = True
    return LiveCheckIn(read.day, rows, [m for m in read.milestones if m.goal == key])


def merge_rows(mine: list[CheckInRow], read: list[CheckInRow], busy: set[str]) -> list[CheckInRow]:
    """The rows just read, keeping the note and confidence the lead set here: on rows not
    saved yet (they go with the value) and on rows whose save is still queued (`busy`)."""
    before = {row.key: row for row in mine}
    for row in read:
        old = before.get(row.key)
        if old is not None and (not row.saved or row.key in busy):
            row.note, row.confidence = old.note, old.confidence
    return read


@dataclass
class RowSave:
    """Where one row's saves are: `pending` queued, the last `value` sent, or why the
    last one was refused (`error`, with the `refused` value, to type again)."""

    pending: int = 0
    value: float | None = None
    error: str = ""
    refused: float | None = None


class SaveMarks:
    """The save state of the check-in's rows, by (day, goal key): a back-filled day's
    saves never mark today's rows."""

    def __init__(self) -> None:
        self._rows: dict[tuple[date, str], RowSave] = {}

    def get(self, day: date, key: str) -> RowSave | None:
        return self._rows.get((day, key))

    def busy(self, day: date) -> set[str]:
        """Keys of the rows of `day` with a save still queued."""
        return {key for (d, key), mark in self._rows.items() if d == day and mark.pending}

    def latest(self, day: date, key: str) -> float | None:
        """The value last sent for the row while it is still queued (None when none is)."""
        mark = self._rows.get((day, key))
        return mark.value if mark is not None and mark.pending else None

    def start(self, day: date, key: str, value: float) -> None:
        mark = self._rows.setdefault((day, key), RowSave())
        mark.pending += 1
        mark.value, mark.error, mark.refused = value, "", None

    def done(self, day: date, key: str) -> None:
        mark = self._rows.get((day, key))
        if mark is None:
            return
        mark.pending = max(mark.pending - 1, 0)
        mark.error, mark.refused = "", None  # saves run in order: this one came after a refusal
        if not mark.pending:
            del self._rows[(day, key)]

    def failed(self, day: date, key: str, value: float, error: str) -> None:
        mark = self._rows.setdefault((day, key), RowSave())
        mark.pending = max(mark.pending - 1, 0)
        mark.error, mark.refused = error, value

    def clear_error(self, day: date, key: str) -> None:
        mark = self._rows.get((day, key))
        if mark is not None and mark.error:
            mark.error, mark.refused = "", None
            if not mark.pending:
                del self._rows[(day, key)]
