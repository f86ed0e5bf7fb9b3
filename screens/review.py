"""Review mode: a meeting or one-on-one steps through goals, one per page, and keeps minutes.

The board opens it with the goal keys it shows, in its order, so the board's filter
decides what is reviewed (filter by owner first for a one-on-one). Each page shows
the big figures, the history chart, the milestones, the why and the notes from last
time. One key records an outcome (keep, adjust, celebrate), `o` a note; ctrl+s saves
the minutes (attendees and kind are asked once, at the first save). Goals without an
outcome or note are kept in the minutes as "not discussed", with their figures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Digits, Footer, Static
from textual_plotext import PlotextPlot

from goaltui.core import formatting as fmt
from goaltui.core.clock import Clock
from goaltui.core.errors import GoaltuiError
from goaltui.core.minutes import (
    TEAM_MEETING,
    Minutes,
    Outcome,
    ReviewItem,
    default_kind,
    last_item,
    parse_attendees,
    review_item,
)
from goaltui.core.models import CheckIn, Goal, Milestone, Point
from goaltui.core.progress import GoalProgress, evaluate
from goaltui.core.rules import NOTE_MAX
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette, status_text
from screens.detail_chart import draw_chart
from screens.dialogs import Dialog, TextPromptScreen

OUTCOME_MARK = {
    Outcome.KEEP: "● keep",
    Outcome.ADJUST: "✎ adjust",
    Outcome.CELEBRATE: "★ celebrate",
}
WIDE = 110  # from this width all four figures are drawn large
RECENT_NOTES = 3


class LeaveReviewScreen(Dialog[bool | None]):
    """Leaving with unsaved minutes: y saves, n discards, escape keeps reviewing (None)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Save", id="leave_review.save", tooltip="Save, then leave"),
        Binding(
            "n", "answer(False)", "Don't save", id="leave_review.discard", tooltip="Leave unsaved"
        ),
        Binding("escape", "stay", "Stay", id="leave_review.stay", tooltip="Back to the review"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Save the minutes?", classes="dialog-title")
            yield Static("escape goes back to the review.", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Don't save (n)", id="no", compact=True)
                yield Button("Save (y)", id="yes", variant="primary", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_stay(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ReviewScreen(Screen[bool]):
    """One goal per page; dismisses True when a goal was changed (adjusted) from here."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    BINDINGS = [
        Binding("n,right", "move(1)", "Next", id="review.next", tooltip="Next goal (also →)"),
        Binding("p,left", "move(-1)", "Prev", id="review.previous", tooltip="Previous goal (←)"),
        Binding("k", "outcome('keep')", "Keep", id="review.keep", tooltip="Outcome: keep as is"),
        Binding(
            "a",
            "adjust",
            "Adjust",
            id="review.adjust",
            tooltip="Change target or due date (with a reason, to the ledger)",
        ),
        Binding(
            "c",
            "outcome('celebrate')",
            "Celebrate",
            id="review.celebrate",
            tooltip="Outcome: celebrate a win",
        ),
        Binding(
            "o,enter", "note", "Note", id="review.note", tooltip="Add or edit this goal's note"
        ),
        Binding(
            "i",
            "attendees",
            "Who",
            id="review.attendees",
            tooltip="Attendees and kind of meeting",
        ),
        Binding("ctrl+s", "save", "Save", id="review.save", tooltip="Save the minutes"),
        Binding("escape", "back", "Back", id="review.back", tooltip="Back to the board"),
    ]

    CSS_PATH = "review.tcss"

    def __init__(self, store: Store, clock: Clock, goal_keys: list[str]) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.goal_keys = list(goal_keys)
        self.index = 0
        self.outcomes: dict[str, Outcome] = {}
        self.notes: dict[str, str] = {}
        self.attendees: list[str] | None = None  # None: not asked yet
        self.kind = ""
        self.minutes_id: str | None = None  # set by the first save; later saves replace it
        self.dirty = False
        self.changed = False
        self.history: list[Minutes] = []
        self._goal: Goal | None = None

    @property
    def key(self) -> str | None:
        return self.goal_keys[self.index] if self.goal_keys else None

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="bar")
        if not self.goal_keys:
            yield Static("No goals to review \u2013 the board's filter shows none", id="nothing")
            yield Footer(compact=True, show_command_palette=False)
            return
        yield Static(id="head")
        with Horizontal(id="figures"):
            for fid, label, minor in (
                ("now", "now", False),
                ("target", "target", True),
                ("progress", "progress", False),
                ("left", "days left", False),
            ):
                with Vertical(classes="figure -minor" if minor else "figure", id=f"fig-{fid}"):
                    yield Static(label, classes="figure-label")
                    yield Digits("")
        with Horizontal(id="body"):
            yield PlotextPlot(id="chart")
            side = VerticalScroll(Static(id="side-text"), id="side")
            side.can_focus = False  # arrows must reach the screen: they turn pages
            yield side
        yield Static(id="outcome")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        try:
            self.history = self.store.minutes()
        except GoaltuiError as exc:
            self.notify(str(exc), title="Could not read earlier minutes", severity="warning")
        self.show_page()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"move", "outcome", "adjust", "note", "save"} and not self.goal_keys:
            return None
        return True

    # -- the page ---------------------------------------------------------------------

    def show_page(self) -> None:
        """Read the current goal afresh and fill every part of the page."""
        self._update_bar()
        key = self.key
        if key is None:
            return
        today = self.clock.today()
        try:
            goal = self.store.goal(key)
            checkins = self.store.checkins(key)
            milestones = self.store.milestones(key)
            changes = self.store.target_changes(key)
        except GoaltuiError as exc:
            self._goal = None
            self.query_one("#head", Static).update(Text(f"{key}: {exc}", style="bold"))
            self.query_one("#side-text", Static).update("")
            self._update_outcome()
            return
        self._goal = goal
        progress = evaluate(goal, [Point(c.day, c.value) for c in checkins], today)
        palette = Palette.from_app(self.app)
        head = Text.assemble(
            (goal.key, "bold"),
            "  ",
            status_text(progress.status, palette),
            "  ",
            goal.title,
            "  ",
            (f"{goal.owner} · {goal.level.value}", "dim"),
        )
        self.query_one("#head", Static).update(head)
        self._show_figures(goal, progress, palette)
        draw_chart(self.query_one(PlotextPlot), goal, checkins, changes, today)
        self.query_one("#side-text", Static).update(self._side_text(goal, checkins, milestones))
        self._update_outcome()

    def _show_figures(self, goal: Goal, progress: GoalProgress, palette: Palette) -> None:
        metric = goal.metric
        # "%" sticks to the digits, as everywhere; another unit goes in the label.
        glued = "%" if metric.unit == "%" else ""
        unit = f" ({metric.unit})" if metric.unit and not glued else ""
        target = fmt.value(metric.target, glued)
        days = progress.days_left
        # Narrow: the target is named in the label instead of drawn large.
        now_target = "" if self.app.size.width >= WIDE else f" · target {target}"
        figures = {
            "now": (f"{metric.name} now{unit}{now_target}", _digits(progress.current, glued)),
            "target": (f"target{unit}", _digits(metric.target, glued)),
            "progress": ("progress", _digits(progress.percent, "%")),
            "left": (
                "days overdue" if days is not None and days < 0 else "days left",
                _digits(None if days is None else abs(days)),
            ),
        }
        for fid, (label, value) in figures.items():
            box = self.query_one(f"#fig-{fid}")
            box.query_one(".figure-label", Static).update(label)
            box.query_one(Digits).update(value)
        colour = palette.status_color(progress.status)
        digits = self.query_one("#fig-progress Digits", Digits)
        digits.styles.color = Color.from_rich_color(colour) if colour else None

    def _side_text(self, goal: Goal, checkins: list[CheckIn], milestones: list[Milestone]) -> Text:
        done = sum(1 for m in milestones if m.done)
        parts = [*self._last_time(goal.key), Text("")]
        parts.append(Text(f"Milestones {done}/{len(milestones)}", style="bold"))
        today = self.clock.today()
        for m in milestones:
            if not m.done:
                late = m.is_overdue(today)
                due = f" (due {m.due.isoformat()})" if m.due else ""
                parts.append(Text(f"☐ {m.title}{due}", style="bold" if late else ""))
        if not milestones:
            parts.append(Text("none", style="dim"))
        parts += [Text(""), Text("Why", style="bold"), Text(goal.why or "—")]
        recent = [c for c in checkins if c.note and c.day <= today][-RECENT_NOTES:]
        if recent:
            parts += [Text(""), Text("Recent check-in notes", style="bold")]
            unit = goal.metric.unit
            for c in reversed(recent):
                value = fmt.value(c.value, unit)
                parts.append(Text.assemble((f"{c.day:%m-%d} {value}: ", "dim"), c.note))
        return Text("\n").join(parts)

    def _last_time(self, key: str) -> list[Text]:
        found = last_item([m for m in self.history if m.id != self.minutes_id], key)
        if found is None:
            return [Text("Notes from last time", style="bold"), Text("none yet", style="dim")]
        minutes, item = found
        title = f"Last time · {minutes.held_on.isoformat()} {minutes.kind}"
        outcome = item.outcome.value if item.outcome else "no outcome"
        line = Text.assemble((outcome, "italic"), f": {item.note}" if item.note else "")
        return [Text(title, style="bold"), line]

    def _update_bar(self) -> None:
        bar = Text.assemble(("Review", "bold"))
        if self.goal_keys:
            bar.append(f"  {self.index + 1} / {len(self.goal_keys)}", style="bold")
        decided = sum(1 for k in self.goal_keys if k in self.outcomes)
        bar.append(f"  · {decided} decided")
        if self.attendees is not None:
            who = ", ".join(self.attendees) or "no attendees"
            bar.append(f"  · {self.kind}: {who}")
        if self.minutes_id is not None:
            bar.append("  · saved" if not self.dirty else "  · unsaved changes")
        self.query_one("#bar", Static).update(bar)

    def _update_outcome(self) -> None:
        key = self.key
        if key is None:
            return
        outcome = self.outcomes.get(key)
        line = Text("Outcome: ", style="bold")
        if outcome is None:
            line.append("not yet (k keep · a adjust · c celebrate)", style="dim")
        else:
            line.append(OUTCOME_MARK[outcome], style="bold")
        note = self.notes.get(key, "")
        line.append("   Note: ", style="bold")
        line.append(note or "— (o adds one)", style="" if note else "dim")
        self.query_one("#outcome", Static).update(line)
        self._update_bar()

    # -- actions ----------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        target = self.index + step
        if target < 0:
            self.notify("This is the first goal.", timeout=2)
            return
        if target >= len(self.goal_keys):
            self.notify("That was the last goal: ctrl+s saves the minutes.", timeout=3)
            return
        self.index = target
        self.show_page()

    def action_outcome(self, outcome: str) -> None:
        key = self.key
        if key is None:
            return
        chosen = Outcome(outcome)
        if self.outcomes.get(key) is chosen:  # the same key again takes it back
            del self.outcomes[key]
        else:
            self.outcomes[key] = chosen
        self.dirty = True
        self._update_outcome()

    def action_adjust(self) -> None:
        from screens.goal_form import GoalFormScreen

        key, goal = self.key, self._goal
        if key is None or goal is None:
            return

        def returned(saved: str | None) -> None:
            if saved is None:
                return  # cancelled: no outcome recorded
            self.outcomes[key] = Outcome.ADJUST
            self.dirty = self.changed = True
            self.show_page()

        self.app.push_screen(GoalFormScreen(self.store, self.clock, goal), returned)

    def action_note(self) -> None:
        key = self.key
        if key is None:
            return

        def noted(text: str | None) -> None:
            if text is None:
                return
            if text:
                self.notes[key] = text[:NOTE_MAX]
            else:
                self.notes.pop(key, None)
            self.dirty = True
            self._update_outcome()

        prompt = TextPromptScreen(
            f"Note for {key} (empty removes it)",
            self.notes.get(key, ""),
            placeholder="e.g. Maria shadows Sam on refunds next week",
        )
        self.app.push_screen(prompt, noted)

    def action_attendees(self, then: Callable[[], None] | None = None) -> None:
        """Ask who is here (comma-separated) and the kind of meeting; `then` runs after."""

        def got_kind(kind: str | None) -> None:
            if kind is None:
                return
            self.kind = kind or self.kind or self._default_kind()
            self.dirty = self.dirty or self.minutes_id is not None
            self._update_bar()
            if then is not None:
                then()

        def got_names(text: str | None) -> None:
            if text is None:
                return
            self.attendees = parse_attendees(text)
            prompt = TextPromptScreen(
                "Kind of meeting", self.kind or self._default_kind(), "team meeting, one-on-one"
            )
            self.app.push_screen(prompt, got_kind)

        names = ", ".join(self.attendees or [])
        prompt = TextPromptScreen("Attendees, comma-separated", names, "e.g. Dana, Maria, Sam")
        self.app.push_screen(prompt, got_names)

    def _default_kind(self) -> str:
        try:
            keys = set(self.goal_keys)
            return default_kind(g for g in self.store.goals() if g.key in keys)
        except GoaltuiError:
            return TEAM_MEETING

    def action_save(self, then: Callable[[], None] | None = None) -> None:
        if self.attendees is None:
            self.action_attendees(then=lambda: self._write(then))
        else:
            self._write(then)

    def _write(self, then: Callable[[], None] | None = None) -> None:
        try:
            minutes = self.store.save_minutes(self.build_minutes(self.clock.today()))
        except GoaltuiError as exc:
            self.notify(str(exc), title="Minutes not saved", severity="error")
            return
        self.minutes_id, self.dirty = minutes.id, False
        discussed = sum(1 for i in minutes.items if i.discussed)
        self.notify(
            f"{len(minutes.items)} goals, {discussed} discussed.", title="Minutes saved", timeout=3
        )
        self._update_bar()
        if then is not None:
            then()

    def build_minutes(self, today: date) -> Minutes:
        """Every goal of the review with its figures as of now, outcome and note."""
        snapshot = self.store.snapshot()
        goals = {g.key: g for g in snapshot.goals}
        items: list[ReviewItem] = []
        for key in self.goal_keys:
            goal = goals.get(key)
            if goal is None:
                continue  # deleted since the review began
            progress = evaluate(goal, snapshot.series.get(key, []), today)
            items.append(
                review_item(goal, progress, self.outcomes.get(key), self.notes.get(key, ""))
            )
        fields = {
            "held_on": today,
            "kind": self.kind or self._default_kind(),
            "attendees": self.attendees or [],
            "items": items,
        }
        if self.minutes_id is not None:
            fields["id"] = self.minutes_id
        return Minutes.model_validate(fields)

    def action_back(self) -> None:
        if not self.dirty:
            self.dismiss(self.changed)
            return

        def answered(save: bool | None) -> None:
            if save is None:
                return
            if save:
                self.action_save(then=self._leave)
            else:
                self._leave()

        self.app.push_screen(LeaveReviewScreen(), answered)

    def _leave(self) -> None:
        self.dismiss(self.changed)


def _digits(value: float | None, unit: str = "") -> str:
    """A value for the Digits widget: "--" when unknown, as its font has no "—"."""
    return "--" if value is None else fmt.value(value, unit)
