"""The alignment tree: centre objectives, the team goals aligned to them, the agent goals
aligned to those, each with its own progress and status and, for a goal with goals
aligned to it, a roll-up of its branch.

Pure (no textual): built from the board's rows, so a goal's own figures are the board's.

- Roots are the centre-level goals aligned to nothing. A goal with a parent hangs under it.
- "Not aligned to anything": team and agent goals without a parent, goals whose parent is
  unknown or archived, with whatever is aligned to them (their work does not reach a
  centre objective either). Goals caught in a parent loop are listed there too, alone.
- Archived goals are left out (as on the board).
- Own figures (`own`, `percent`, `status`): the goal's row, exactly as the board shows it.
- Roll-up of a node with children (`rollup_*`): the fraction is the mean of the node's
  own fraction (weight 1) and each child's rolled-up fraction weighted by the child's
  goal weight (default 1, so a child's subtree counts as much as the node itself; a
  weight of 2 counts twice); parts without data are skipped; None when nothing has data.
  The status is the worst of the node's own status and the children's rolled-up statuses
  in the board's "needs attention" order (overdue, behind, at risk, on track, achieved),
  where "no data", "not started", "missed" and "archived" only count when nothing else
  is there: a closed or not yet logged goal does not hide the others' state. The roll-up
  is only ever shown beside the goal's own figures, labelled, never in their place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from goaltui.core.board_rows import BoardRow
from goaltui.core.models import GoalStatus, Level
from goaltui.core.progress import STATUS_ORDER, GoalProgress, Status

_QUIET = frozenset({Status.NO_DATA, Status.NOT_STARTED, Status.MISSED, Status.ARCHIVED})


@dataclass(frozen=True)
class AlignNode:
    """One goal in the tree: its own row and the roll-up of its branch."""

    row: BoardRow
    children: tuple[AlignNode, ...]
    rollup_fraction: float | None  # over the branch (the goal's own fraction for a leaf)
    rollup_status: Status  # over the branch (the goal's own status for a leaf)

    @property
    def key(self) -> str:
        return self.row.key

    @property
    def own(self) -> GoalProgress:
        """The goal's own progress, as on the board."""
        return self.row.progress

    @property
    def percent(self) -> int | None:
        """The goal's own progress in percent, as on the board."""
        return self.row.progress.percent

    @property
    def status(self) -> Status:
        """The goal's own status, as on the board."""
        return self.row.progress.status

    @property
    def rollup_percent(self) -> int | None:
        return None if self.rollup_fraction is None else round(self.rollup_fraction * 100)

    def count(self) -> int:
        """Goals in this subtree, this one included."""
        return 1 + sum(child.count() for child in self.children)


@dataclass(frozen=True)
class Alignment:
    roots: tuple[AlignNode, ...]  # centre objectives
    unaligned: tuple[AlignNode, ...]  # goals that do not reach a centre objective


def worst_status(statuses: Iterable[Status]) -> Status:
    """The status that needs attention first; quiet ones only when nothing else is there."""
    found = list(statuses)
    loud = [s for s in found if s not in _QUIET] or found
    return min(loud, key=STATUS_ORDER.__getitem__) if loud else Status.NO_DATA


def roll_up(row: BoardRow, children: tuple[AlignNode, ...]) -> AlignNode:
    weighted = [(row.progress.fraction, 1.0)]
    weighted += [(c.rollup_fraction, c.row.goal.weight) for c in children]
    parts = [(f, w) for f, w in weighted if f is not None]
    total = sum(w for _, w in parts)
    fraction = sum(f * w for f, w in parts) / total if parts else None
    status = worst_status([row.progress.status, *(c.rollup_status for c in children)])
    return AlignNode(row, children, fraction, status)


def build_alignment(rows: Iterable[BoardRow]) -> Alignment:
    """The tree of the given goals (archived ones left out); children sorted by key."""
    live = {r.key: r for r in rows if r.goal.status is not GoalStatus.ARCHIVED}
    kids: dict[str, list[str]] = {}
    tops: list[str] = []
    for key in sorted(live):
        parent = live[key].goal.parent
        if parent is not None and parent in live:
            kids.setdefault(parent, []).append(key)
        else:
            tops.append(key)
    placed: set[str] = set()

    def node(key: str) -> AlignNode:
        placed.add(key)
        children = tuple(node(k) for k in kids.get(key, []) if k not in placed)
        return roll_up(live[key], children)

    roots = [
        node(k) for k in tops if live[k].goal.level is Level.CENTER and not live[k].goal.parent
    ]
    unaligned = [node(k) for k in tops if k not in placed]
    # Whatever is left sits in a parent loop: list each one alone.
    unaligned += [roll_up(live[k], ()) for k in sorted(live) if k not in placed]
    return Alignment(tuple(roots), tuple(unaligned))


def unaligned_keys(alignment: Alignment) -> list[str]:
    """Every goal that does not reach a centre objective, in tree order."""
    out: list[str] = []

    def walk(n: AlignNode) -> None:
        out.append(n.key)
        for child in n.children:
            walk(child)

    for n in alignment.unaligned:
        walk(n)
    return out
