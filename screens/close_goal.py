"""Close a goal (`x` on the board): achieved, missed, archived, or active again."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from goaltui.core.models import GoalStatus
from screens.dialogs import Dialog

CHOICES: tuple[tuple[GoalStatus, str], ...] = (
    (GoalStatus.ACHIEVED, "a  Achieved: the goal was met"),
    (GoalStatus.MISSED, "m  Missed: the due date passed, the target was not met"),
    (GoalStatus.ARCHIVED, "r  Archive: off the board, kept in exports and history"),
    (GoalStatus.ACTIVE, "o  Reactivate: open again"),
)


class CloseGoalScreen(Dialog[GoalStatus | None]):
    """Pick the goal's new life-cycle status; dismisses with it (None when cancelled)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="close.cancel", tooltip="Leave the goal as it is"),
        Binding("a", "pick('achieved')", "Achieved", id="close.achieved", tooltip="Met"),
        Binding("m", "pick('missed')", "Missed", id="close.missed", tooltip="Not met"),
        Binding("r", "pick('archived')", "Archive", id="close.archive", tooltip="Off the board"),
        Binding("o", "pick('active')", "Reactivate", id="close.active", tooltip="Open again"),
    ]

    def __init__(self, key: str, current: GoalStatus) -> None:
        super().__init__()
        self.goal_key = key
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Close {self.goal_key} (now {self.current.value})",
                classes="dialog-title",
                markup=False,
            )
            yield OptionList(
                *(
                    Option(text, id=status.value, disabled=status is self.current)
                    for status, text in CHOICES
                ),
                id="close-choices",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_pick(event.option.id)

    def action_pick(self, status: str) -> None:
        chosen = GoalStatus(status)
        if chosen is not self.current:
            self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
