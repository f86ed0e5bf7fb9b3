"""How a goal's status reads once the attention marks (attention.py) are taken into account.

A stale goal must not read "on track" (or "achieved" on an open goal): its status rests on
a value nobody renewed, so the word becomes "stale". A stale goal that is behind, at risk
or overdue keeps that word (it matters more) and is flagged stale beside it.
"""

from __future__ import annotations

from goaltui.core.progress import GoalProgress, Status

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
