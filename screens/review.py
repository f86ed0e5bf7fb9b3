"""Review mode: a meeting or one-on-one steps through goals, one per page, and keeps minutes.

The board opens it with the goal keys it shows, in its order, so the board's filter
decides what is reviewed (filter by owner first for a one-on-one). Each page shows
the big figures, the history chart, the milestones, the why and the notes from last
time. One key records an outcome (keep, adjust, celebrate), `o` a note; ctrl+s saves
the minutes (attendees and kind are asked once, at the first save). Goals without an
outcome or note are kept in the minutes as "not discussed", with their figures.

Each page is read in a worker and drawn when it arrives (review_page.py); the minutes
go through the app's save queue and count as saved only once written, so leaving
with "save" waits for the write (review_minutes.py).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from goaltui.core.clock import Clock
from goaltui.core.minutes import TEAM_MEETING, Minutes, Outcome, default_kind
from goaltui.core.models import Goal, Point
from goaltui.core.progress import evaluate
from goaltui.core.rules import NOTE_MAX
from goaltui.store.store import Store
from goaltui.widgets.ascii_digits import big_digits
from goaltui.widgets.board_cells import Palette
from goaltui.widgets.reads import read_then
from screens.detail_chart import draw_chart
from screens.dialogs import TextPromptScreen
from screens.review_dialogs import LeaveReviewScreen
from screens.review_minutes import ReviewMinutes
from screens.review_page import (
    WIDE,
    PageData,
    head_text,
    last_time,
    read_page,
    show_figures,
    side_text,
)

__all__ = ["LeaveReviewScreen", "ReviewScreen"]

OUTCOME_MARK = {
    Outcome.KEEP: "● keep",
    Outcome.ADJUST: "✎ adjust",
    Outcome.CELEBRATE: "★ celebrate (kudos on save)",  # the owner is thanked with the minutes
}


class ReviewScreen(ReviewMinutes):
    """One goal per page; dismisses True when a goal was changed (adjusted) from here."""

    HELP_TITLE = "review"

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
        Binding(
            "m",
            "app.meetings",
            "Meetings",
            id="review.meetings",
            show=False,
            tooltip="Read back every saved meeting",
        ),
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
        self.changed = False
        self.history: list[Minutes] = []
        self._goal: Goal | None = None  # the page's goal, once read
        self._kind = TEAM_MEETING  # the kind to offer, from the goals' owners

    @property
    def key(self) -> str | None:
        return self.goal_keys[self.index] if self.goal_keys else None

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="bar", markup=False)
        if not self.goal_keys:
            yield Static(
                "No goals to review \u2013 the board's filter shows none",
                id="nothing",
                markup=False,
            )
            yield Footer(compact=True, show_command_palette=False)
            return
        yield Static(id="head", markup=False)
        with Horizontal(id="figures"):
            for fid, label, minor in (
                ("now", "now", False),
                ("target", "target", True),
                ("progress", "progress", False),
                ("left", "days left", False),
            ):
                with Vertical(classes="figure -minor" if minor else "figure", id=f"fig-{fid}"):
                    yield Static(label, classes="figure-label", markup=False)
                    yield big_digits("", ascii=bool(getattr(self.app, "ascii_only", False)))
        with Horizontal(id="body"):
            yield PlotextPlot(id="chart")
            side = VerticalScroll(Static(id="side-text", markup=False), id="side")
            side.can_focus = False  # arrows must reach the screen: they turn pages
            yield side
        yield Static(id="outcome", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._update_bar()
        if not self.goal_keys:
            return
        self._show_reading()
        # Earlier minutes first: the first page's "notes from last time" come from them.
        read_then(self, self._read_start, self._started, self._start_failed, group="review-start")

    def _read_start(self) -> tuple[list[Minutes], str]:
        keys = set(self.goal_keys)
        kind = default_kind(g for g in self.store.goals() if g.key in keys)
        return self.store.minutes(), kind

    def _started(self, start: tuple[list[Minutes], str]) -> None:
        self.history, self._kind = start
        self.show_page()

    def _start_failed(self, error: str) -> None:
        self.notify(error, title="Could not read earlier minutes", severity="warning")
        self.show_page()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"move", "outcome", "adjust", "note", "save"} and not self.goal_keys:
            return None
        return True

    # -- the page ---------------------------------------------------------------------

    def show_page(self) -> None:
        """Read the current goal afresh (in a worker) and fill the page when it arrives."""
        key = self.key
        if key is None:
            return
        self._show_reading()
        read_then(
            self,
            lambda: read_page(self.store, key),
            lambda page: self._show_page(key, page),
            lambda error: self._page_failed(key, error),
            group="review-page",
        )

    def _show_reading(self) -> None:
        self._goal = None  # nothing to adjust until the page's goal is read
        key = self.key or ""
        self.query_one("#head", Static).update(Text.assemble((key, "bold"), ("  reading…", "dim")))
        self._update_outcome()

    def _show_page(self, key: str, page: PageData) -> None:
        if key != self.key:
            return  # the lead turned the page while it was read
        today = self.clock.today()
        goal = self._goal = page.goal
        progress = evaluate(goal, [Point(c.day, c.value) for c in page.checkins], today)
        palette = Palette.from_app(self.app)
        self.query_one("#head", Static).update(head_text(goal, progress, palette))
        show_figures(self, goal, progress, palette, self.app.size.width)
        draw_chart(self.query_one(PlotextPlot), goal, page.checkins, page.changes, today)
        side = side_text(page, last_time(self.history, self.minutes_id, key), today)
        self.query_one("#side-text", Static).update(side)
        self._update_outcome()

    def _page_failed(self, key: str, error: str) -> None:
        if key != self.key:
            return
        self.query_one("#head", Static).update(Text(f"{key}: {error}", style="bold"))
        self.query_one("#side-text", Static).update("")

    def _update_bar(self) -> None:
        bar = Text.assemble(("Review", "bold"))
        if self.goal_keys:
            bar.append(f"  {self.index + 1} / {len(self.goal_keys)}", style="bold")
        decided = sum(1 for k in self.goal_keys if k in self.outcomes)
        bar.append(f"  · {decided} decided")
        if self.attendees is not None:
            who = ", ".join(self.attendees) or "no attendees"
            bar.append(f"  · {self.kind}: {who}")
        if state := self.save_state():
            bar.append(f"  · {state}", style="bold" if self._saving else "")
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
        self._touch()
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
            self.changed = True
            self._touch()
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
            self._touch()
            self._update_outcome()

        prompt = TextPromptScreen(
            f"Note for {key} (empty removes it)",
            self.notes.get(key, ""),
            placeholder="e.g. Maria shadows Sam on refunds next week",
        )
        self.app.push_screen(prompt, noted)
