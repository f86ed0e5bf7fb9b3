"""The one clock: injected everywhere so tests and snapshots are deterministic."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    """Source of "now" for the store, the progress maths and the UI."""

    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    """The real local time, naive: every lead on a shared box shares its time zone,
    and naive stamps compare with those already in the file (the demo's, the tests')."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return date.today()


class FixedClock:
    """A frozen clock for tests, the demo and snapshots."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def set(self, now: datetime) -> None:
        """Jump the frozen time (used by the demo generator to date its writes)."""
        self._now = now

    def advance(self, **kwargs: float) -> None:
        """Move the frozen time forward (same keywords as timedelta)."""
        from datetime import timedelta

        self._now = self._now + timedelta(**kwargs)


def iso_stamp(moment: datetime) -> str:
    """A stamp as stored in the file: naive local time (see models.Stamp), so the dict
    writers (quicklog, migrations) write exactly what the models would."""
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.isoformat()
