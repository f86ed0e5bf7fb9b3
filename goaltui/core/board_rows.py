"""The board's rows as plain data: built from one store snapshot, filtered and sorted.

Pure (no textual): the board screen, the command palette and the benchmark share it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from goaltui.core.attention import STALE_DAYS
from goaltui.core.models import Goal, Level
from goaltui.core.progress import STATUS_ORDER, GoalProgress, Status, evaluate
from goaltui.core.snapshot import Snapshot
from goaltui.core.status_words import reads_stale

SortKey = Literal["status", "due", "progress", "key"]
SORT_KEYS: tuple[SortKey, ...] = ("status", "due", "progress", "key")
SORT_LABELS: dict[SortKey, str] = {
    "status": "status (needs attention first)",
    "due": "due date (soonest first)",
    "progress": "progress (most first)",
    "key": "key (A-Z)",
}
# Horizon filter (issue 6): short-term goals are due within SHORT_TERM_DAYS (or overdue),
# long-term ones later or without a due date. None shows both.
SHORT_TERM_DAYS = 90
HORIZONS: tuple[str | None, ...] = (None, "short", "long")


@dataclass(frozen=True)
class BoardRow:
    """One goal as the board shows it."""

    goal: Goal
    progress: GoalProgress
    milestones: tuple[int, int]  # (done, total)

    @property
    def key(self) -> str:
        return self.goal.key


def build_rows(
    snapshot: Snapshot, today: date, cache: RowCache | None = None, stale_days: int = STALE_DAYS
) -> list[BoardRow]:
    """Evaluate every goal of the snapshot as of `today` (sorted by key); with a cache,
    only the goals that changed since its last build. `stale_days`: working days without
    a value before a goal reads stale (the lead's setting)."""
    return (cache or RowCache()).build(snapshot, today, stale_days)


class RowCache:
    """The rows of the last build, reused for goals whose goal, recent values and milestone
    counts are the same objects as then (the store's snapshot hands back the very objects
    of unchanged goals), so a refresh after one write evaluates one goal, not a thousand."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[Goal, object, tuple[int, int], date, int, BoardRow]] = {}

    def build(
        self, snapshot: Snapshot, today: date, stale_days: int = STALE_DAYS
    ) -> list[BoardRow]:
        rows: list[BoardRow] = []
        fresh: dict[str, tuple[Goal, object, tuple[int, int], date, int, BoardRow]] = {}
        for goal in snapshot.goals:
            points = snapshot.series.get(goal.key, ())
            counts = snapshot.milestones.get(goal.key, (0, 0))
            kept = self._rows.get(goal.key)
            same = (counts, today, stale_days)
            if kept and kept[0] is goal and kept[1] is points and kept[2:5] == same:
                row = kept[5]
            else:
                row = BoardRow(goal, evaluate(goal, points, today, stale_days), counts)
            fresh[goal.key] = (goal, points, counts, today, stale_days, row)
            rows.append(row)
        self._rows = fresh
        return rows


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows: free text over key/title/owner plus exact owner, level and status."""

    text: str = ""
    owner: str | None = None
    level: Level | None = None
    status: Status | None = None
    horizon: str | None = None  # "short" or "long", see HORIZONS

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or any(
            v is not None for v in (self.owner, self.level, self.status, self.horizon)
        )

    def with_(self, **changes: Any) -> BoardFilter:
        return replace(self, **changes)

    def matches(self, row: BoardRow) -> bool:
        goal = row.goal
        if self.owner is not None and goal.owner.casefold() != self.owner.casefold():
            return False
        if self.level is not None and goal.level is not self.level:
            return False
        if self.status is not None and row.progress.status is not self.status:
            return False
        if self.status is None and row.progress.status is Status.ARCHIVED:
            return False  # archived goals leave the board unless the status filter asks
        if self.horizon is not None and is_short_term(row) != (self.horizon == "short"):
            return False
        words = self.text.casefold().split()
        if words:
            haystack = f"{goal.key} {goal.title} {goal.owner}".casefold()
            return all(word in haystack for word in words)
        return True

    def describe(self) -> str:
        """Short text for the summary line, e.g. "owner=Sam Okafor, text='aht'"."""
        parts = []
        if self.owner is not None:
            parts.append(f"owner={self.owner}")
        if self.level is not None:
            parts.append(f"level={self.level.value}")
        if self.status is not None:
            parts.append(f"status={self.status.value}")
        if self.horizon is not None:
            parts.append(f"horizon={self.horizon}")
        if self.text.strip():
            parts.append(f"text={self.text.strip()!r}")
        return ", ".join(parts)


def is_short_term(row: BoardRow) -> bool:
    """Due within SHORT_TERM_DAYS of today, or overdue."""
    days = row.progress.days_left
    return days is not None and days <= SHORT_TERM_DAYS


_NEVER = date.max


# A stale goal that would read "on track" or "achieved" sorts with the to-dos (no data):
# its status rests on an old value, so it needs the lead before the goals that are fine.
_STALE_RANK = STATUS_ORDER[Status.NO_DATA]


def _status_key(row: BoardRow) -> tuple[Any, ...]:
    days = row.progress.days_left
    rank = STATUS_ORDER[row.progress.status]
    if reads_stale(row.progress):
        rank = _STALE_RANK
    return (rank, days if days is not None else 10**6, row.key)


def _due_key(row: BoardRow) -> tuple[Any, ...]:
    return (row.goal.due or _NEVER, row.key)


def _progress_key(row: BoardRow) -> tuple[Any, ...]:
    fraction = row.progress.fraction
    return (fraction is None, -(fraction or 0.0), row.key)


def _key_key(row: BoardRow) -> tuple[Any, ...]:
    return (row.key,)


_SORTERS: dict[SortKey, Callable[[BoardRow], tuple[Any, ...]]] = {
    "status": _status_key,
    "due": _due_key,
    "progress": _progress_key,
    "key": _key_key,
}


def next_sort(current: SortKey) -> SortKey:
    return SORT_KEYS[(SORT_KEYS.index(current) + 1) % len(SORT_KEYS)]


def visible_rows(
    rows: Iterable[BoardRow], board_filter: BoardFilter, sort: SortKey
) -> list[BoardRow]:
    """The rows that pass the filter, in board order."""
    return sorted((r for r in rows if board_filter.matches(r)), key=_SORTERS[sort])


def status_counts(rows: Iterable[BoardRow]) -> list[tuple[Status, int]]:
    """(status, count) for each status present, in STATUS_ORDER."""
    counts = Counter(r.progress.status for r in rows)
    return sorted(counts.items(), key=lambda item: STATUS_ORDER[item[0]])


def statuses(rows: Iterable[BoardRow]) -> list[Status]:
    """The statuses present, in STATUS_ORDER."""
    return [status for status, _ in status_counts(rows)]


def owners(rows: Iterable[BoardRow]) -> list[str]:
    return sorted({r.goal.owner for r in rows}, key=str.casefold)
