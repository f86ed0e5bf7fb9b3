"""What the board's keys open and change: the detail, the form, the check-in, review, the
tree, wins, and closing a goal. A read a key needs runs in a worker (`read_then`); the
status change goes through the app's save queue; the screen opened gets its data itself."""

from __future__ import annotations

from textual import on
from textual.widgets import DataTable

from goaltui.core.clock import Clock
from goaltui.core.models import Goal, GoalStatus
from goaltui.store.store import Store
from goaltui.widgets.reads import read_then
from screens.board_filters import BoardFilters


class BoardActions(BoardFilters):
    """The board's actions; `reload` (the board's reader) refreshes it after each."""

    store: Store
    clock: Clock
    stale_days: int

    def reload(self, select: str | None = None) -> None:
        raise NotImplementedError  # the board screen reads; this mixin only asks it to

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_goal(event.row_key.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs_goal = {"edit_goal", "milestones", "filter_owner", "close_goal"}
        if action in needs_goal | {"scorecard", "side_by_side"} and not self.shown:
            return None  # shown dimmed: there is no goal to act on
        return True

    def open_goal(self, key: str) -> None:
        from screens.detail import DetailScreen

        self.app.push_screen(
            DetailScreen(self.store, self.clock, key, stale_days=self.stale_days),
            lambda _changed: self.reload(key),
        )

    def edit_goal(self, key: str | None) -> None:
        """Open the goal form: `key` None writes a new goal; an edit reads the goal first
        (in a worker: the form's base for spotting a co-user's edit must be fresh)."""
        if key is None:
            self._open_form(None)
            return
        read_then(
            self,
            lambda: self.store.goal(key),
            self._open_form,
            lambda error: self.notify(error, title=f"Cannot edit {key}", severity="error"),
            group="open-form",
        )

    def _open_form(self, goal: Goal | None) -> None:
        from screens.goal_form import GoalFormScreen

        # The form dismisses with the saved goal's key (None when cancelled).
        self.app.push_screen(GoalFormScreen(self.store, self.clock, goal), self.reload)

    def open_milestones(self, key: str) -> None:
        from screens.milestones import MilestonesScreen

        self.app.push_screen(
            MilestonesScreen(self.store, self.clock, key), lambda _changed: self.reload(key)
        )

    def open_checkin(self) -> None:
        from screens.checkin import CheckInScreen

        self.app.push_screen(CheckInScreen(self.store, self.clock), lambda _changed: self.reload())

    def action_checkin(self) -> None:
        self.open_checkin()

    def action_review(self) -> None:
        """Review the goals the board shows, in its order (its filter picks them)."""
        from screens.review import ReviewScreen

        keys = [row.key for row in self.shown]
        self.app.push_screen(
            ReviewScreen(self.store, self.clock, keys), lambda _changed: self.reload()
        )

    def action_new_goal(self) -> None:
        self.edit_goal(None)

    def action_edit_goal(self) -> None:
        if (row := self.selected) is not None:
            self.edit_goal(row.key)

    def action_milestones(self) -> None:
        if (row := self.selected) is not None:
            self.open_milestones(row.key)

    def action_tree(self) -> None:
        from screens.tree import AlignmentScreen

        self.app.push_screen(AlignmentScreen(self.store, self.clock), lambda _c: self.reload())

    def action_wins(self) -> None:
        from screens.wins import WinsScreen

        self.app.push_screen(WinsScreen(self.store, self.clock), lambda _c: self.reload())

    def action_scorecard(self) -> None:
        """The scorecard of the highlighted goal's owner (issue 14)."""
        from screens.scorecard import ScorecardScreen

        if (row := self.selected) is not None:
            screen = ScorecardScreen(self.store, self.clock, row.goal.owner)
            self.app.push_screen(screen, lambda _c: self.reload())

    def action_side_by_side(self) -> None:
        """Every agent's goal on the highlighted goal's metric (issue 14)."""
        from screens.side_by_side import SideBySideScreen

        if (row := self.selected) is not None:
            screen = SideBySideScreen(self.store, self.clock, row.goal.metric.name, row.key)
            self.app.push_screen(screen, lambda _c: self.reload())

    def action_close_goal(self) -> None:
        from screens.close_goal import CloseGoalScreen, short_of_target

        row = self.selected
        if row is None:
            return
        key = row.key

        def chosen(status: GoalStatus | None) -> None:
            if status is not None:
                self.set_status(key, status)

        short = short_of_target(row.goal, row.progress)
        self.app.push_screen(CloseGoalScreen(key, row.goal.status, short), chosen)

    def set_status(self, key: str, status: GoalStatus) -> None:
        """Queue the status change; the board says so once it is written."""
        from screens.close_goal import save_status

        save_status(self, self.store, key, status, self.reload)
