"""Review mode's dialog: leaving with minutes not saved yet."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Static

from screens.dialogs import Dialog


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
            yield Static("Save the minutes?", classes="dialog-title", markup=False)
            yield Static("escape goes back to the review.", classes="dialog-hint", markup=False)
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
