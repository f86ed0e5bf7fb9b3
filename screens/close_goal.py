"""Close a goal (`x` on the board): achieved, missed, archived, or active again.

Only what the lead picks is applied: the highlight starts on "Leave it as it is", so an
Enter typed out of habit changes nothing; a choice that would not change anything says
why; achieved on a goal short of its target asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from goaltui.core import formatting as fmt
from goaltui.core.models import Goal, GoalStatus
from goaltui.core.progress import GoalProgress, target_met
from goaltui.store.store import Store
from goaltui.widgets.saves import Save, error_text, saves_of
from screens.dialogs import ConfirmScreen, Dialog, say

KEEP = "keep"  # the harmless first option's id
CHOICES: tuple[tuple[GoalStatus, str, str], ...] = (
    # (status, label when it applies, label when the goal has that status already)
    (GoalStatus.ACHIEVED, "a  Achieved: the goal was met", "a  Achieved (it is already)"),
    (
        GoalStatus.MISSED,
        "m  Missed: the due date passed, the target was not met",
        "m  Missed (it is already)",
    ),
    (
        GoalStatus.ARCHIVED,
        "r  Archive: off the board, kept in exports and history",
        "r  Archive (it is archived already)",
    ),
    (GoalStatus.ACTIVE, "o  Reactivate: open again", "o  Reactivate (it is open)"),
)
_ALREADY = {
    GoalStatus.ACHIEVED: "is achieved already",
    GoalStatus.MISSED: "is closed as missed already",
    GoalStatus.ARCHIVED: "is archived already",
    GoalStatus.ACTIVE: "is open: there is nothing to reactivate",
}


def short_of_target(goal: Goal, progress: GoalProgress) -> str | None:
    """The question to ask before closing `goal` as achieved, or None when its latest value
    meets the target (then achieved is simply true)."""
    target, unit = goal.metric.target, goal.metric.unit
    current = progress.current
    if current is not None and target is not None and target_met(goal, current):
        return None
    if current is None:
        return f"{goal.key} has no check-in yet: close it as achieved anyway?"
    if target is None:
        return f"{goal.key} has no target: close it as achieved anyway?"
    band = goal.metric.band
    where = "short of" if band is None else "outside"
    return (
        f"{goal.key} is at {fmt.value(current, unit)}, {where} "
        f"{fmt.goal_target(target, unit, band)}: close it as achieved anyway?"
    )


def save_status(
    screen: Screen[Any], store: Store, key: str, status: GoalStatus, then: Callable[[], None]
) -> None:
    """Queue the status change (the board's and the detail's x); `screen` says so once it
    is written and calls `then` (both read the goal again)."""

    def done(_goal: Goal) -> None:
        screen.notify(f"{key} is now {status.value}", timeout=3)
        then()

    def failed(error: Exception) -> None:
        screen.notify(error_text(error), title=f"{key} not changed", severity="error")

    call = partial(store.set_status, key, status)
    saves_of(screen).submit(Save(f"{key} \u2192 {status.value}", call, done, failed, owner=screen))


class CloseGoalScreen(Dialog[GoalStatus | None]):
    """Pick the goal's new life-cycle status; dismisses with it (None when cancelled).

    `short` is the question to ask before achieved (see `short_of_target`), None when the
    target is met.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="close.cancel", tooltip="Leave the goal as it is"),
        Binding("a", "pick('achieved')", "Achieved", id="close.achieved", tooltip="Met"),
        Binding("m", "pick('missed')", "Missed", id="close.missed", tooltip="Not met"),
        Binding("r", "pick('archived')", "Archive", id="close.archive", tooltip="Off the board"),
        Binding("o", "pick('active')", "Reactivate", id="close.active", tooltip="Open again"),
    ]

    def __init__(self, key: str, current: GoalStatus, short: str | None = None) -> None:
        super().__init__()
        self.goal_key = key
        self.current = current
        self.short = short

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Close {self.goal_key} (now {self.current.value})",
                classes="dialog-title",
                markup=False,
            )
            options = [Option(Content("   Leave it as it is (escape)"), id=KEEP)]
            options += [
                Option(Content(already if status is self.current else label), status.value)
                for status, label, already in CHOICES
            ]
            for option in options[1:]:
                option.disabled = option.id == self.current.value
            yield OptionList(*options, id="close-choices")
            yield Static("", classes="dialog-note", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0  # "leave it as it is": Enter out of habit changes nothing
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == KEEP:
            self.dismiss(None)
        elif event.option.id is not None:
            self.action_pick(event.option.id)

    def action_pick(self, status: str) -> None:
        chosen = GoalStatus(status)
        if chosen is self.current:
            say(self.query_one(".dialog-note", Static), f"{self.goal_key} {_ALREADY[chosen]}.")
            return
        if chosen is GoalStatus.ACHIEVED and self.short is not None:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.dismiss(chosen)

            self.app.push_screen(
                ConfirmScreen(self.short, yes="Close as achieved", no="Back"), answered
            )
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
