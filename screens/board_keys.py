"""The board's key bindings: one place for the keys, their ids, footer groups and tooltips."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from goaltui.core.board_rows import SHORT_TERM_DAYS

FILTER = Binding.Group("Filter", compact=True)
VIEWS = Binding.Group("Views", compact=True)  # review, tree, wins: one footer entry

BOARD_BINDINGS: list[BindingType] = [
    Binding("n", "new_goal", "New", id="board.new", tooltip="Write a new SMART goal"),
    Binding("e", "edit_goal", "Edit", id="board.edit", tooltip="Edit the selected goal"),
    Binding(
        "m",
        "milestones",
        "Milestones",
        id="board.milestones",
        tooltip="Milestones of the selected goal",
    ),
    Binding(
        "c",
        "checkin",
        "Check-in",
        id="board.checkin",
        tooltip="Log today's values, goal by goal",
    ),
    Binding(
        "r",
        "review",
        "Review",
        id="board.review",
        group=VIEWS,
        tooltip="Review mode: the goals shown, one per page, with minutes",
    ),
    # Issue 6: the alignment tree and the wins list, grouped with review in the footer.
    Binding(
        "t",
        "tree",
        "Tree",
        id="board.tree",
        group=VIEWS,
        tooltip="Alignment tree: own progress, branch roll-up",
    ),
    Binding(
        "w",
        "wins",
        "Wins",
        id="board.wins",
        group=VIEWS,
        tooltip="This week's wins and kudos for the huddle",
    ),
    # Issue 14: one-on-one views (in help `?` and the palette; the 80-column footer is full).
    Binding(
        "a",
        "scorecard",
        "Scorecard",
        id="board.scorecard",
        show=False,
        tooltip="The highlighted goal's owner: goals beside team and centre, wins, last meeting",
    ),
    Binding(
        "v",
        "side_by_side",
        "Side by side",
        id="board.side_by_side",
        show=False,
        tooltip="Every agent's goal on the highlighted goal's metric, needs attention first",
    ),
    Binding(
        "s",
        "cycle_sort",
        "Sort",
        id="board.sort",
        tooltip="Sort by status, due date, progress, key",
    ),
    # Issue 6: the goal life cycle (in help `?`, not in the footer: 80 columns are full).
    Binding(
        "x",
        "close_goal",
        "Close",
        id="board.close",
        show=False,
        tooltip="Achieved, missed, archive or reactivate",
    ),
    Binding(
        "slash",
        "filter_text",
        "Filter",
        id="board.filter",
        group=FILTER,
        tooltip="Filter by text",
    ),
    Binding(
        "o",
        "filter_owner",
        "Owner",
        id="board.owner",
        group=FILTER,
        tooltip="Only the selected owner",
    ),
    Binding(
        "l",
        "filter_level",
        "Level",
        id="board.level",
        group=FILTER,
        tooltip="Cycle center/team/agent",
    ),
    Binding(
        "f",
        "filter_status",
        "Status",
        id="board.status",
        group=FILTER,
        tooltip="Cycle the statuses",
    ),
    Binding(
        "h",
        "filter_horizon",
        "Horizon",
        id="board.horizon",
        group=FILTER,
        tooltip=f"Cycle short-term (due in {SHORT_TERM_DAYS} days) / long-term",
    ),
    Binding(
        "escape",
        "clear_filter",
        "Clear",
        id="board.clear",
        show=False,
        tooltip="Clear every filter",
    ),
    Binding("q", "app.quit", "Quit", id="board.quit", tooltip="Leave goaltui"),
]
