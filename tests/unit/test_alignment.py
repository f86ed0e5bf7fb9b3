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
    def pct(percent: int | None) -> str:
        return "-" if percent is None else f"{percent}%"

    line = f"{'  ' * depth}{node.key} {pct(node.percent)} {node.status.value}"
    if node.children:
        line += f" (roll-up {pct(node.rollup_percent)} {node.rollup_status.value})"
    lines = [line]
    for child in node.children:
        lines += tree_lines(child, depth + 1)
    return lines


def test_the_demo_tree_shows_each_goals_own_figures_and_the_roll_up_beside(
    demo_store: Store,
) -> None:
    rows = build_rows(demo_store.snapshot(), TODAY)
    alignment = build_alignment(rows)
    assert [line for root in alignment.roots for line in tree_lines(root)] == [
        # kb-articles (overdue) two levels down decides the roll-up's status
        "csat-centre 50% on track (roll-up 61% overdue)",
        "  aht-billing 47% at risk (roll-up 68% at risk)",  # mean of 47%, 100%, 58%
        "    aht-maria 100% achieved",
        "    aht-tom 58% at risk",
        "  callback-billing 69% on track",
        "  csat-priya 59% on track",
        "  fcr-billing 57% on track (roll-up 59% overdue)",
        "    fcr-sam 40% behind",
        "    kb-articles 80% overdue",
    ]
    board = {r.key: (r.progress.percent, r.progress.status) for r in rows}
    nodes = [n for root in alignment.roots for n in walk(root)]
    assert {n.key: (n.percent, n.status) for n in nodes} == {
        k: v for k, v in board.items() if k in {n.key for n in nodes}
    }


def walk(node: AlignNode) -> list[AlignNode]:
    return [node, *(n for child in node.children for n in walk(child))]


def test_the_demo_goals_aligned_to_nothing_are_listed_apart(demo_store: Store) -> None:
    alignment = build_alignment(build_rows(demo_store.snapshot(), TODAY))
    assert unaligned_keys(alignment) == ["adherence-billing", "adherence-sam"]
    (top,) = alignment.unaligned
    assert tree_lines(top) == [
        "adherence-billing 57% at risk (roll-up 67% at risk)",
        "  adherence-sam 78% on track",
    ]


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
    assert root.percent is None and root.status is Status.NO_DATA  # its own, as on the board
    assert root.rollup_fraction == pytest.approx(0.6)
    assert root.rollup_status is Status.AT_RISK  # "no data" does not hide a child at risk
    assert root.count() == 3


def test_worst_status_ignores_quiet_states_unless_alone() -> None:
    assert worst_status([Status.ON_TRACK, Status.MISSED, Status.NO_DATA]) is Status.ON_TRACK
    assert worst_status([Status.ACHIEVED, Status.BEHIND]) is Status.BEHIND
    assert worst_status([Status.MISSED, Status.NO_DATA]) is Status.NO_DATA
    assert worst_status([]) is Status.NO_DATA
    assert worst_status([Status.NOT_STARTED, Status.AT_RISK]) is Status.AT_RISK
