"""Side by side: every agent's goal on one metric, what needs attention first.

Pure (no textual). The lead's comparison view (screens/side_by_side.py) shows these rows;
figures come from the board's rows, so they read as on the board.
"""

from __future__ import annotations

from collections.abc import Iterable

from goaltui.core import formatting as fmt
from goaltui.core.board_rows import BoardRow
from goaltui.core.models import Level
from goaltui.core.progress import STATUS_ORDER, Status, target_met


def distance_text(row: BoardRow) -> str:
    """ "0:54 to go", "met", "met by 0:09", "2% to go"; MISSING without a value or a target."""
    goal, current = row.goal, row.progress.current
    target, unit = goal.metric.target, goal.metric.unit
    if current is None or target is None:
        return fmt.MISSING
    band = goal.metric.band
    if band is not None:  # "in band", or how far outside it ("12 s outside")
        if target_met(goal, current):
            return "in band"
        edge = min(band, key=lambda e: abs(current - e))
        return f"{fmt.value(abs(current - edge), unit)} outside"
    margin = abs(current - target)
    if target_met(goal, current):
        return "met" if margin == 0 else f"met by {fmt.value(margin, unit)}"
    return f"{fmt.value(margin, unit)} to go"


def _attention(row: BoardRow) -> tuple[int, float, str, str]:
    # Worst status first; within one, the furthest behind (least progress) first.
    progress = row.progress.raw_fraction
    return (
        STATUS_ORDER[row.progress.status],
        progress if progress is not None else 0.0,
        row.goal.owner.casefold(),
        row.key,
    )


def side_by_side(rows: Iterable[BoardRow], metric: str) -> list[BoardRow]:
    """The agent goals on `metric` (case ignored), archived ones left out, needs-attention
    first (the board's status order)."""
    wanted = metric.casefold()
    found = [
        r
        for r in rows
        if r.goal.level is Level.AGENT
        and r.goal.metric.name.casefold() == wanted
        and r.progress.status is not Status.ARCHIVED
    ]
    return sorted(found, key=_attention)
