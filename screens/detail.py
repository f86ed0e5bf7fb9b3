"""Goal detail: the history chart, the check-in log, milestones, the target ledger and SMART.

Everything is read in the live-refresh worker, the first read included: the screen
opens at once saying it is reading the goal, and fills its head and tabs when the
data arrives (and again whenever someone changes the file). The drawing is in
detail_tabs.py and detail_chart.py.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from goaltui.core.attention import STALE_DAYS
from goaltui.core.clock import Clock
from goaltui.core.models import Goal, GoalStatus, Point
from goaltui.core.progress import evaluate
from goaltui.core.smart import assess
from goaltui.core.value_rules import closed_reason, day_problem
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from goaltui.widgets.plain_table import PlainTable
from goaltui.widgets.reads import read_then
from goaltui.widgets.saves import dismiss_when_saved
from screens import detail_checkins
from screens.detail_chart import draw_chart
from screens.detail_tabs import DetailData, LedgerLog, fill_tables, head_text, smart_text

__all__ = ["DetailData", "DetailScreen", "head_text", "smart_text"]

TABS = {
    "chart": "Chart",
    "checkins": "Check-ins",
    "milestones": "Milestones",
    "ledger": "Ledger",
    "smart": "SMART",
}
TAB_KEYS = Binding.Group("Tabs", compact=True)


class DetailScreen(Screen[bool]):
    """Everything about one goal; dismisses True when the goal was edited from here."""

    HELP_TITLE = "goal detail"
    BINDINGS = [
        Binding("escape", "back", "Back", id="detail.back", tooltip="Back to the board"),
        Binding("e", "edit", "Edit", id="detail.edit", tooltip="Edit this goal"),
        # As on the board: c logs a value (the check-in, for this goal), x closes the goal.
        Binding(
            "c",
            "checkin",
            "Check-in",
            id="detail.checkin",
            tooltip="Log today's value of this goal (the check-in, this goal only)",
        ),
        Binding(
            "x",
            "close_goal",
            "Close",
            id="detail.close",
            show=False,  # in help `?`, as on the board: the 80-column footer is full
            tooltip="Achieved, missed, archive or reactivate",
        ),
        Binding(
            "m",
            "milestones",
            "Milestones",
            id="detail.milestones",
            tooltip="Edit the milestone checklist",
        ),
        *(
            Binding(
                str(n),
                f"tab('{tab}')",
                label,
                id=f"detail.tab.{tab}",
                group=TAB_KEYS,
                tooltip=f"Show the {label} tab",
            )
            for n, (tab, label) in enumerate(TABS.items(), start=1)
        ),
        *detail_checkins.BINDINGS,  # d, u on the check-in tab (enter: on the log itself)
    ]

    CSS_PATH = "detail.tcss"

    def __init__(
        self, store: Store, clock: Clock, goal_key: str, *, stale_days: int = STALE_DAYS
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.goal_key = goal_key
        self.stale_days = stale_days  # the board's setting, so both say the same
        self.changed = False
        self.data: DetailData | None = None  # the last read; None until one arrived
        self._unreadable = False  # the first read failed: no tabs to show
        self.live = LiveReader(self, store, self._read, group="detail-load")
        self.edits = detail_checkins.CheckInEdits(
            self, store, lambda: self.data, self._show_checkins, self.live.load
        )

    def compose(self) -> ComposeResult:
        reading = Text.assemble((self.goal_key, "bold"), ("  reading…", "dim"))
        yield Static(reading, id="head", markup=False)
        with TabbedContent(initial="chart"):
            with TabPane("1 Chart", id="chart"):
                yield PlotextPlot(id="plot")
            with TabPane("2 Check-ins", id="checkins"):
                yield detail_checkins.CheckInLog(
                    id="checkin-log", cursor_type="row", zebra_stripes=True
                )
            with TabPane("3 Milestones", id="milestones"):
                yield PlainTable(id="milestone-list", cursor_type="row")
            with TabPane("4 Ledger", id="ledger"):
                yield LedgerLog(id="ledger-log", cursor_type="row")
            with TabPane("5 SMART", id="smart"), VerticalScroll():
                yield Static(id="smart-text", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.live.load()
        self.live.start(None)

    # -- reading (on open, and when someone logs a value, ticks a milestone, edits it) --

    def _read(self) -> DetailData:
        store, key = self.store, self.goal_key
        return DetailData(
            store.goal(key),
            store.checkins(key),
            store.milestones(key),
            store.target_changes(key),
            [g.key for g in store.goals()],
            self.clock.today(),
        )

    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        read = self.live.take(message)
        if self.edits.pending:
            return  # older than the values being saved: read again once they are in
        first = self.data is None
        data = self.data = read
        if self._unreadable:  # it could not be read on open and now can: show the tabs
            self._unreadable = False
            self.query_one(TabbedContent).display = True
        if first:
            self.refresh_bindings()  # the tab keys work now: the footer shows them
        points = [Point(c.day, c.value) for c in data.checkins]
        progress = evaluate(data.goal, points, data.today, self.stale_days)
        palette = Palette.from_app(self.app)
        self.query_one("#head", Static).update(
            head_text(data.goal, progress, data.changes, palette, data.today)
        )
        smart = assess(data.goal, points, data.today, data.known_keys)
        self.query_one("#smart-text", Static).update(smart_text(smart, palette))
        plot = self.query_one(PlotextPlot)
        draw_chart(plot, data.goal, data.checkins, data.changes, data.today)
        plot.refresh()
        fill_tables(self, data)

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        error = self.live.failed(message)
        if self.data is None:  # e.g. deleted by another session: say so where the goal was
            self._unreadable = True
            self.query_one("#head", Static).update(Text(error, style="bold"))
            self.query_one(TabbedContent).display = False
            self.refresh_bindings()
            return
        self.notify(error, title="Cannot refresh", severity="error")

    # -- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in detail_checkins.ACTIONS:
            tabs = self.query(TabbedContent)
            return self.edits.allowed(action, tabs.first().active if tabs else "")
        return action not in {"tab", "checkin", "close_goal"} or self.data is not None

    def action_back(self) -> None:
        dismiss_when_saved(self, lambda: self.changed or self.edits.saved)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        table = {"checkins": "#checkin-log", "ledger": "#ledger-log"}.get(event.pane.id or "")
        if table is not None:  # the arrows (and enter) work on its rows at once
            self.query_one(table, PlainTable).focus()
        self.refresh_bindings()  # the check-in keys show on their tab only

    # -- the check-in log: correct a value (detail_checkins.py) --------------------------

    def _show_checkins(self, data: DetailData) -> None:
        self.data = data
        fill_tables(self, data)

    @on(DataTable.RowSelected, "#checkin-log")
    def _value_selected(self) -> None:
        self.action_edit_value()  # enter on the focused log: the table's own enter key

    def action_edit_value(self) -> None:
        self.edits.edit()

    def action_delete_value(self) -> None:
        self.edits.delete()

    def action_undo_value(self) -> None:
        self.edits.undo_last()

    def action_edit(self) -> None:
        # Read afresh (in a worker): the form's base for spotting a co-user's edit.
        read_then(
            self,
            lambda: self.store.goal(self.goal_key),
            self._open_form,
            lambda error: self.notify(error, severity="error"),
            group="detail-edit",
        )

    def _open_form(self, goal: Goal) -> None:
        from screens.goal_form import GoalFormScreen

        self.app.push_screen(GoalFormScreen(self.store, self.clock, goal), self._returned)

    def action_milestones(self) -> None:
        from screens.milestones import MilestonesScreen

        self.app.push_screen(
            MilestonesScreen(self.store, self.clock, self.goal_key), self._returned
        )

    def action_checkin(self) -> None:
        """The check-in for this goal alone; it closes once the value is written."""
        from screens.checkin import CheckInScreen

        if self.data is None:
            return
        goal, today = self.data.goal, self.clock.today()
        problem = closed_reason(goal.key, goal.status.value) or day_problem(
            goal.key, today, goal.start
        )
        if problem is not None:
            hint = ". x reopens it" if goal.status is not GoalStatus.ACTIVE else ""
            self.notify(problem + hint, title="Check-in", severity="warning")
            return
        checkin = CheckInScreen(self.store, self.clock, only=goal.key)
        self.app.push_screen(checkin, self._returned)

    def action_close_goal(self) -> None:
        """Achieved, missed, archive or reactivate: the board's close-goal dialog."""
        from screens.close_goal import CloseGoalScreen, save_status, short_of_target

        if self.data is None:
            return
        goal, data = self.data.goal, self.data
        progress = evaluate(goal, [Point(c.day, c.value) for c in data.checkins], data.today)

        def chosen(status: GoalStatus | None) -> None:
            if status is not None:
                save_status(self, self.store, goal.key, status, lambda: self._returned(True))

        short = short_of_target(goal, progress)
        self.app.push_screen(CloseGoalScreen(goal.key, goal.status, short), chosen)

    def _returned(self, result: object) -> None:
        if result:
            self.changed = True
            self.live.load()  # what the form or checklist wrote, without waiting for a poll
