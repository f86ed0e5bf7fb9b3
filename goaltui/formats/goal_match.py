"""Which goal a row of someone else's data means: by goal key, or by metric and owner.

Platform exports name an agent and a KPI, not goaltui's keys. A key is matched exactly
(with a "did you mean" hint when it is close to one); a metric/owner pair ignores case
and spacing (and an owner written "Last, First": owner_names.py), and when several goals
match, the active one wins. Pure: no I/O.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from goaltui.core.models import Goal, GoalStatus
from goaltui.formats.csv_input import norm
from goaltui.formats.owner_names import Owners, owner_key


class GoalMatcher:
    """Resolves a goal key or a metric/owner pair to a goal key; ValueError says why not."""

    def __init__(self, goals: Sequence[Goal]) -> None:
        self.goals = {g.key: g for g in goals}
        self.keys = set(self.goals)
        self.owners = Owners(goals)
        self.by_metric: dict[str, list[Goal]] = {}
        for goal in goals:
            self.by_metric.setdefault(norm(goal.metric.name), []).append(goal)

    def by_key(self, text: str) -> str:
        key = text.strip().lower()
        if key in self.keys:
            return key
        close = difflib.get_close_matches(key, sorted(self.keys), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"no goal with key {key!r}{hint}")

    def by_pair(self, metric: str, owner: str | None) -> str:
        found = self.by_metric.get(norm(metric), [])
        owner = owner if owner and owner.strip() else None  # a blank owner cell: any owner
        if owner is not None:
            meant = self.owners.resolve(owner)  # a spelling or a login of one owner
            found = [g for g in found if owner_key(g.owner) == meant]
        found = [g for g in found if g.status is GoalStatus.ACTIVE] or found
        what = f"metric {metric.strip()!r}" + (f" and owner {owner.strip()!r}" if owner else "")
        if not found:
            raise ValueError(f"no goal for {what}")
        if len(found) > 1:
            keys = ", ".join(sorted(g.key for g in found))
            raise ValueError(f"{what} matches several goals ({keys}); use a goal column")
        return found[0].key
