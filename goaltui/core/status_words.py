"""How a goal's status reads once the attention marks (attention.py) are taken into account.

A stale goal must not read "on track" (or "achieved" on an open goal): its status rests on
a value nobody renewed, so the word becomes "stale". A stale goal that is behind, at risk
or overdue keeps that word (it matters more) and is flagged stale beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from goaltui.core.progress import STATUS_ORDER, GoalProgress, Status

STALE = "stale"
CALM = frozenset({Status.ON_TRACK, Status.ACHIEVED})  # the statuses "stale" replaces


def reads_stale(progress: GoalProgress) -> bool:
    """The status word gives way to "stale"."""
    return progress.stale and progress.status in CALM


def status_words(progress: GoalProgress) -> str:
    """ "on track", "stale" (for a stale goal on track), "behind, stale"."""
    if reads_stale(progress):
        return STALE
    return f"{progress.status.value}, {STALE}" if progress.stale else progress.status.value


def shown_counts(progresses: Iterable[GoalProgress]) -> list[tuple[Status | None, int]]:
    """(status, count) by what each goal reads, in board order; None stands for "stale"
    (the goals whose word it replaced), ranked just before "no data" like their rows."""
    counts = Counter(None if reads_stale(p) else p.status for p in progresses)
    stale_rank = STATUS_ORDER[Status.NO_DATA] - 0.5
    return sorted(
        counts.items(), key=lambda item: stale_rank if item[0] is None else STATUS_ORDER[item[0]]
    )
