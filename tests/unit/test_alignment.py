"""The alignment tree and its roll-ups, on the demo data and on small cases."""

from __future__ import annotations

from datetime import date

import pytest

from goaltui.core.alignment import AlignNode, build_alignment, unaligned_keys, worst_status
from goaltui.core.board_rows import BoardRow, build_rows
from goaltui.core.models import Goal, GoalStatus, Level, Metric
from goaltui.core.progress import GoalProgress, Status
from goaltui.store.store import Store

TODAY = date(2026, 11, 26)


def tree_lines(node: AlignNode, depth: int = 0) -> list[str]:
    pct = "-" if node.percent is None else f"{node.percent}%"
    lines = [f"{'  ' * depth}{node.key} {pct} {node.status.value}"]
    for child in node.children:
        lines += tree_lines(child, depth + 1)
    return lines


def test_the_demo_tree_rolls_progress_and_status_up(demo_store: Store) -> None:
    alignment = build_alignment(build_rows(demo_store.snapshot(), TODAY))
    assert [line for root in alignment.roots for line in tree_lines(root)] == [
        "csat-centre 61% overdue",  # kb-articles (overdue) two levels down decides the status
        "  aht-billing 68% at risk",  # mean of own 47%, aht-maria 100%, aht-tom 58%
        "    aht-maria 100% achieved",
        "    aht-tom 58% at risk",
        "  callback-billing 69% on track",
        "  csat-priya 59% on track",
        "  fcr-billing 61% overdue",
        "    fcr-sam 40% behind",
        "    kb-articles 80% overdue",
    ]


def test_the_demo_goals_aligned_to_nothing_are_listed_apart(demo_store: Store) -> None:
    alignment = build_alignment(build_rows(demo_store.snapshot(), TODAY))
    assert unaligned_keys(alignment) == ["adherence-billing", "adherence-sam"]
    (top,) = alignment.unaligned
    assert tree_lines(top) == ["adherence-billing 67% at risk", "  adherence-sam 78% on track"]


def goal(key: str, level: Level, parent: str | None = None) -> Goal:
    return Goal(
        key=key,
        title=key,
        level=level,
        parent=parent,
        metric=Metric(name="FCR", baseline=60, target=80),
        start=date(2026, 1, 1),
    )


def row(g: Goal, fraction: float | None, status: Status) -> BoardRow:
    progress = GoalProgress(None, None, None, fraction, fraction, None, status, None, None)
    return BoardRow(g, progress, (0, 0))


def test_archived_goals_leave_the_tree_and_their_children_become_unaligned() -> None:
    centre = row(goal("centre", Level.CENTER), 0.5, Status.ON_TRACK)
    old = goal("old-team", Level.TEAM, "centre").model_copy(update={"status": GoalStatus.ARCHIVED})
    agent = row(goal("agent", Level.AGENT, "old-team"), 0.2, Status.BEHIND)
    alignment = build_alignment([centre, row(old, 1.0, Status.ARCHIVED), agent])
    assert [n.key for n in alignment.roots] == ["centre"]
    assert alignment.roots[0].children == ()
    assert unaligned_keys(alignment) == ["agent"]


def test_a_node_without_data_takes_its_childrens_progress() -> None:
    centre = row(goal("centre", Level.CENTER), None, Status.NO_DATA)
    a = row(goal("a", Level.TEAM, "centre"), 0.4, Status.ON_TRACK)
    b = row(goal("b", Level.TEAM, "centre"), 0.8, Status.AT_RISK)
    (root,) = build_alignment([centre, a, b]).roots
    assert root.fraction == pytest.approx(0.6)
    assert root.status is Status.AT_RISK  # "no data" does not hide a child at risk
    assert root.count() == 3


def test_worst_status_ignores_quiet_states_unless_alone() -> None:
    assert worst_status([Status.ON_TRACK, Status.MISSED, Status.NO_DATA]) is Status.ON_TRACK
    assert worst_status([Status.ACHIEVED, Status.BEHIND]) is Status.BEHIND
    assert worst_status([Status.MISSED, Status.NO_DATA]) is Status.NO_DATA
    assert worst_status([]) is Status.NO_DATA
