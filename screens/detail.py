"""Goal detail: the history chart, the check-in log, milestones, the target ledger and SMART."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual.widgets.data_table import CellDoesNotExist
from textual_plotext import PlotextPlot

from goaltui.core import formatting as fmt
from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.models import CheckIn, Goal, Milestone, Point, TargetChange
from goaltui.core.progress import GoalProgress, Status, evaluate
from goaltui.core.smart import Assessment, Grade, assess
from goaltui.core.snapshot import Token
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette, status_text
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader
from screens.detail_chart import draw_chart, original_target

TABS = {
    "chart": "Chart",
    "checkins": "Check-ins",
    "milestones": "Milestones",
    "ledger": "Ledger",
    "smart": "SMART",
}
TAB_KEYS = Binding.Group("Tabs", compact=True)
GRADE_MARK = {
    Grade.PASS: ("✓ pass", "text-success"),
    Grade.WARN: ("! warn", "text-warning"),
    Grade.FAIL: ("✗ fail", "text-error"),
}


@dataclass(frozen=True)
class DetailData:
    """One read of everything the detail shows (taken in the live-refresh worker)."""

    goal: Goal
    checkins: list[CheckIn]
    milestones: list[Milestone]
    changes: list[TargetChange]
    known_keys: list[str]
    today: date


class DetailScreen(Screen[bool]):
    """Everything about one goal; dismisses True when the goal was edited from here."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="detail.back", tooltip="Back to the board"),
        Binding("e", "edit", "Edit", id="detail.edit", tooltip="Edit this goal"),
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
    ]

    CSS_PATH = "detail.tcss"

    def __init__(self, store: Store, clock: Clock, goal_key: str) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.goal_key = goal_key
        self.changed = False
        self._tab = "chart"
        # What compose read, for on_mount (and a recompose) to fill the tables and chart;
        # None when the goal could not be read (then there are no tabs).
        self._fill: tuple[Goal, list[CheckIn], list[Milestone], list[TargetChange], date] | None
        self._fill = None
        self._token: Token | None = None  # the change token of what compose read
        self.live = LiveReader(self, store, self._read_live, group="detail-load")

    def _read(self) -> tuple[Goal, list[CheckIn], list[Milestone], list[TargetChange]]:
        store, key = self.store, self.goal_key
        return (
            store.goal(key),
            store.checkins(key),
            store.milestones(key),
            store.target_changes(key),
        )

    def compose(self) -> ComposeResult:
        self._fill = None
        self._token = self.store.change_token()
        today = self.clock.today()
        try:
            goal, checkins, milestones, changes = self._read()
        except GoaltuiError as exc:
            yield Static(Text(str(exc), style="bold"), id="head")
            yield Footer(compact=True)
            return
        points = [Point(c.day, c.value) for c in checkins]
        progress = evaluate(goal, points, today)
        palette = Palette.from_app(self.app)
        yield Static(head_text(goal, progress, changes, palette), id="head")
        with TabbedContent(initial=self._tab):
            with TabPane("1 Chart", id="chart"):
                yield PlotextPlot(id="plot")
            with TabPane("2 Check-ins", id="checkins"):
                yield DataTable(id="checkin-log", cursor_type="row", zebra_stripes=True)
            with TabPane("3 Milestones", id="milestones"):
                yield DataTable(id="milestone-list", cursor_type="row")
            with TabPane("4 Ledger", id="ledger"):
                yield DataTable(id="ledger-log", cursor_type="row")
            with TabPane("5 SMART", id="smart"), VerticalScroll():
                yield Static(
                    smart_text(assess(goal, points, today, self._known_keys()), palette),
                    id="smart-text",
                )
        yield Footer(compact=True)
        self._fill = (goal, checkins, milestones, changes, today)

    def _known_keys(self) -> list[str]:
        return [g.key for g in self.store.goals()]

    def on_mount(self) -> None:
        if self._fill is not None:
            self._fill_widgets(*self._fill)
        self.live.start(self._token)

    # -- live refresh (someone else logged a value, ticked a milestone, changed the target) --

    def _read_live(self) -> DetailData:
        goal, checkins, milestones, changes = self._read()
        return DetailData(
            goal, checkins, milestones, changes, self._known_keys(), self.clock.today()
        )

    @on(LiveLoaded)
    def _live_loaded(self, message: LiveLoaded) -> None:
        data = self.live.take(message)
        if self._fill is None:
            return  # no tabs to fill: the goal could not be read when the screen opened
        points = [Point(c.day, c.value) for c in data.checkins]
        progress = evaluate(data.goal, points, data.today)
        palette = Palette.from_app(self.app)
        self.query_one("#head", Static).update(
            head_text(data.goal, progress, data.changes, palette)
        )
        smart = assess(data.goal, points, data.today, data.known_keys)
        self.query_one("#smart-text", Static).update(smart_text(smart, palette))
        self._fill = (data.goal, data.checkins, data.milestones, data.changes, data.today)
        self._fill_widgets(*self._fill)

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Cannot refresh", severity="error")

    def _fill_widgets(
        self,
        goal: Goal,
        checkins: list[CheckIn],
        milestones: list[Milestone],
        changes: list[TargetChange],
        today: date,
    ) -> None:
        plot = self.query_one(PlotextPlot)
        draw_chart(plot, goal, checkins, changes, today)
        plot.refresh()
        # Filled again on a live refresh: each table keeps its cursor on the same row.
        tables = ("#checkin-log", "#milestone-list", "#ledger-log")
        kept = {table_id: _cursor_key(self.query_one(table_id, DataTable)) for table_id in tables}
        for table_id in tables:
            self.query_one(table_id, DataTable).clear(columns=True)
        log = self.query_one("#checkin-log", DataTable)
        log.add_columns("day", "value", "confidence", "by", "note")
        for c in reversed(checkins):
            confidence = c.confidence.value if c.confidence else ""
            log.add_row(
                c.day.isoformat(),
                fmt.value(c.value, goal.metric.unit),
                confidence,
                c.by,
                Text(c.note),
                key=c.day.isoformat(),
            )
        table = self.query_one("#milestone-list", DataTable)
        table.add_columns("", "milestone", "due", "done")
        for m in milestones:
            late = m.is_overdue(today)
            due = Text(m.due.isoformat() if m.due else "—", style="bold reverse" if late else "")
            done = f"{m.done_at:%Y-%m-%d} {m.done_by or ''}" if m.done and m.done_at else ""
            table.add_row("✓" if m.done else "☐", Text(m.title), due, done, key=m.id)
        ledger = self.query_one("#ledger-log", DataTable)
        ledger.add_columns("when", "field", "old → new", "by", "reason")
        for ch in changes:
            ledger.add_row(
                f"{ch.at:%Y-%m-%d}",
                ch.field,
                " → ".join(fmt.from_text(t, goal.metric.unit) for t in (ch.old, ch.new)),
                ch.by,
                Text(ch.reason),
                key=ch.id,
            )
        for table_id, what in (
            ("#checkin-log", "check-ins"),
            ("#milestone-list", "milestones"),
            ("#ledger-log", "target changes"),
        ):
            dt = self.query_one(table_id, DataTable)
            if dt.row_count == 0:
                dt.add_row(*[Text(f"no {what} yet", style="dim")] + [""] * (len(dt.columns) - 1))
            elif (key := kept[table_id]) is not None and key in dt.rows:
                dt.move_cursor(row=dt.get_row_index(key), animate=False)

    # -- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "tab" or self._fill is not None

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_edit(self) -> None:
        from screens.goal_form import GoalFormScreen

        try:
            goal = self.store.goal(self.goal_key)
        except GoaltuiError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.push_screen(GoalFormScreen(self.store, self.clock, goal), self._returned)

    def action_milestones(self) -> None:
        from screens.milestones import MilestonesScreen

        self.app.push_screen(
            MilestonesScreen(self.store, self.clock, self.goal_key), self._returned
        )

    async def _returned(self, result: object) -> None:
        if result:
            self.changed = True
            tabs = self.query(TabbedContent)
            self._tab = tabs.first().active if tabs else self._tab
            await self.recompose()
            if self._fill is not None:
                self._fill_widgets(*self._fill)
            self.live.token = self._token  # what was just read is current
            # The focused widget was replaced: focus the new tabs, or keys reach nobody.
            self.set_focus(None)
            self.focus_next()


def _cursor_key(table: DataTable[object]) -> str | None:
    """The key of the row under the cursor (None for an empty or key-less table)."""
    if table.row_count == 0:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except CellDoesNotExist:  # the cursor sits outside the rows
        return None


def head_text(
    goal: Goal, progress: GoalProgress, changes: list[TargetChange], palette: Palette
) -> Text:
    """Three short lines: what and whose; where it stands (status in words too); the dates."""
    metric = goal.metric

    line1 = Text.assemble(
        (goal.key, "bold"), "  ", goal.title, "  ", (f"{goal.owner} · {goal.level.value}", "dim")
    )
    status = status_text(progress.status, palette)
    now, target = fmt.value(progress.current, metric.unit), fmt.value(metric.target, metric.unit)
    standing = [f"{metric.name} now {now} → target {target}"]
    if progress.percent is not None:
        standing.append(f"{fmt.percent(progress.percent)} of the way")
    if progress.expected_percent is not None:
        standing.append(f"pace {fmt.percent(progress.expected_percent)}")
    line2 = Text.assemble(status, "  ", " · ".join(standing))
    dates = [f"baseline {fmt.value(metric.baseline, metric.unit)} on {goal.start.isoformat()}"]
    original = original_target(changes)
    if original is not None:
        dates.append(f"first target {fmt.from_text(original, metric.unit)}")
    if goal.due is not None and progress.days_left is not None:
        dates.append(f"due {goal.due.isoformat()} ({fmt.days(progress.days_left, 'short')})")
    if progress.forecast is not None and progress.status is not Status.ACHIEVED:
        dates.append(f"forecast {progress.forecast.isoformat()}")
    line3 = Text(" · ".join(dates), style="dim")
    head = Text("\n").join([line1, line2, line3])
    head.no_wrap, head.overflow = True, "ellipsis"
    return head


def smart_text(assessment: Assessment, palette: Palette) -> Text:
    """One block per letter: grade in words and colour, what we saw, and the hint."""
    lines = [Text(f"SMART score {assessment.score}/5", style="bold")]
    for check in assessment.checks:
        mark, tone = GRADE_MARK[check.grade]
        line = Text.assemble(
            (f"{check.letter} {check.name:<12}", "bold"),
            (f"{mark:<7}", Style(bold=True, color=palette.tone(tone))),
        )
        line.append(check.reason)
        lines.append(line)
        if check.hint:
            lines.append(Text(f"{'':21}→ {check.hint}", style="dim"))
    return Text("\n").join(lines)
