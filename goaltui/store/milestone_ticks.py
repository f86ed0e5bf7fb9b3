"""Milestones that tick themselves: a value reaching a milestone's threshold ticks it, in the
same transaction that writes the value, so the two land together or not at all.

Every writer of values calls `tick_reached` (quicklog for the check-in screen, the
detail's edits and `goaltui log`; bulk for `goaltui import`). Pydantic-free: plain
documents, written exactly as `Milestone.model_dump(mode="json")` would write them.

The rules:
- Only an open milestone with a threshold ticks, and only on a value being written now:
  the values already in the file are never looked at again. So a milestone a lead
  unticks by hand stays open until a newly logged value reaches its threshold.
- The first value that reaches it, in day order, ticks it; a done milestone is left alone.
- Attributed to whoever logged the value: done_by is the check-in's `by`, done_at the
  moment it was logged (its `at`), reached_on the check-in's day (the win's day).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from goaltui.core.clock import iso_stamp
from goaltui.core.thresholds import reaches_threshold, threshold_lower
from goaltui.store.schema import GOALS, MILESTONES, Doc
from goaltui.store.transaction import Transaction

# One value being written: (day, value, by, at).
Value = tuple[date, float, str, datetime]


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def tick_reached(tx: Transaction, goal: str, values: Iterable[Value]) -> list[Doc]:
    """Tick the goal's open milestones whose threshold one of `values` reaches (the
    earliest such day); returns the ticked milestone documents, in checklist order."""
    waiting = [
        (doc_id, doc, threshold)
        for doc_id, doc in tx.get(MILESTONES).items()
        if doc.get("goal") == goal
        and not doc.get("done")
        and (threshold := _number(doc.get("threshold"))) is not None
    ]
    if not waiting:
        return []  # the usual case: nothing to look at, nothing to build
    found = tx.get(GOALS).get(goal, {}).get("metric")
    metric: Mapping[str, Any] = found if isinstance(found, dict) else {}
    baseline, target = _number(metric.get("baseline")), _number(metric.get("target"))
    in_order = sorted(values, key=lambda v: v[0])
    ticked: list[Doc] = []
    for doc_id, doc, threshold in waiting:
        lower = threshold_lower(baseline, target, threshold)
        first = next((v for v in in_order if reaches_threshold(lower, threshold, v[1])), None)
        if first is None:
            continue
        day, _, by, at = first
        new = {
            **doc,
            "done": True,
            "done_at": iso_stamp(at),
            "done_by": by,
            "reached_on": day.isoformat(),
        }
        tx.table(MILESTONES)[doc_id] = new
        ticked.append(new)
    return sorted(ticked, key=lambda d: (d.get("order", 0), str(d.get("title", ""))))
