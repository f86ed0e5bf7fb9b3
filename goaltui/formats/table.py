"""The plain-text goal table of `goaltui goals` (no textual, no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from goaltui.core import formatting as fmt
from goaltui.core.attention import STALE_DAYS
from goaltui.core.models import GoalStatus
from goaltui.core.progress import evaluate
from goaltui.core.snapshot import Snapshot
from goaltui.core.status_words import status_words

HEADERS = ("KEY", "TITLE", "OWNER", "LATEST", "TARGET", "PROGRESS", "STATUS")
TITLE_MAX = 36
PRIVATE_MARK = " (private)"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def goal_rows(
    snapshot: Snapshot, today: date, *, include_archived: bool, stale_days: int = STALE_DAYS
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for goal in snapshot.goals:
        if goal.status is GoalStatus.ARCHIVED and not include_archived:
            continue
        unit = goal.metric.unit
        p = evaluate(goal, snapshot.series.get(goal.key, []), today, stale_days)
        rows.append(
            (
                goal.key,
                # the lead's list: a private goal is listed, marked (the wallboards leave it off)
                _cut(goal.title, TITLE_MAX) + (PRIVATE_MARK if goal.private else ""),
                goal.owner,
                fmt.value(p.current, unit),
                fmt.goal_target(goal.metric.target, unit, goal.metric.band),
                fmt.percent(p.percent),
                status_words(p),  # "stale", "behind, stale" when nobody logged
            )
        )
    return rows


def render_table(rows: Iterable[Sequence[str]]) -> list[str]:
    """Left-aligned columns, numbers right-aligned, two spaces apart."""
    table = [HEADERS, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADERS))]
    right = {3, 4, 5}
    lines = []
    for row in table:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
