"""Small modal dialogs: confirm, ask for a reason or a line of text, edit a milestone.

Each is a ModalScreen[T] that dismisses with its answer (None or False when
cancelled), so callers use `push_screen(dialog, callback)`. Each shows its
own Footer so its keys are listed while it is open.
"""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from goaltui.core import formatting as fmt
from goaltui.core.dates import DATE_HINT, parse_date
from goaltui.core.models import Metric
from goaltui.core.numbers import parse_number
from goaltui.core.rules import REASON_MAX, TITLE_MAX, check_finite
from goaltui.core.thresholds import threshold_label, threshold_lower
from goaltui.widgets.key_order import FOCUS_IN_ORDER, after_typed

_T = TypeVar("_T")


class Dialog(ModalScreen[_T], Generic[_T]):
    """A centred box above the current screen (type selectors match subclasses)."""

    # Tab moves the focus in typing order ("Q1 review⇥2027-03-31" in one read fills two
    # fields); Enter saves what was typed before it, all of it (widgets/key_order.py).
    BINDINGS = [*FOCUS_IN_ORDER]
    CSS_PATH = "dialogs.tcss"


def say(line: Static, text: str) -> None:
    """Show a message line, taking no space while it is blank."""
    line.update(text)
    line.display = bool(text)


class ConfirmScreen(Dialog[bool]):
    """A yes/no question; `y`/`n`, the buttons or escape (= no) answer it."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Answer yes"),
        Binding("n", "answer(False)", "No", id="confirm.no", tooltip="Answer no"),
        Binding("escape", "answer(False)", "No", id="confirm.cancel", tooltip="Answer no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.no} (n)", id="no", compact=True)
                yield Button(f"{self.yes} (y)", id="yes", variant="primary", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the default

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class TextPromptScreen(Dialog[str | None]):
    """One line of text; enter accepts, escape cancels (None)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Close without saving"),
        Binding("enter", "submit", "OK", id="prompt.ok", tooltip="Accept the text", priority=True),
    ]
    required = False
    max_length = 0  # 0: no limit
    empty_message = "Type something first, or press escape to cancel."

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt_title, classes="dialog-title", markup=False)
            yield Input(
                self.value, placeholder=self.placeholder, id="text", max_length=self.max_length
            )
            yield Static("", classes="dialog-error", markup=False)
        yield Footer(compact=True)

    def action_submit(self) -> None:
        after_typed(self, self._submit)

    def _submit(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        if self.required and not text:
            say(self.query_one(".dialog-error", Static), self.empty_message)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(TextPromptScreen):
    """Why a target, baseline or due date changed: required, it goes to the ledger."""

    required = True
    max_length = REASON_MAX  # the ledger's limit
    empty_message = "A reason is required: it is kept in the goal's history."

    def __init__(self, prompt: str) -> None:
        super().__init__(prompt, placeholder="e.g. new billing system from March, agreed with Dana")


MilestoneAnswer = tuple[str, date | None, float | None]  # title, due, threshold


class MilestoneDialog(Dialog[MilestoneAnswer | None]):
    """Title, optional due date and optional threshold on the goal's metric (the first
    value logged that reaches it ticks the milestone); the date accepts short forms."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="milestone_dialog.cancel",
            tooltip="Close without saving",
        ),
        Binding(
            "enter",
            "submit",
            "Save",
            id="milestone_dialog.save",
            tooltip="Save the milestone",
            priority=True,
        ),
    ]

    def __init__(
        self,
        today: date,
        *,
        heading: str = "New milestone",
        title: str = "",
        due: date | None = None,
        threshold: float | None = None,
        metric: Metric | None = None,
        ascii: bool = False,
    ) -> None:
        super().__init__()
        self.today = today
        self.heading = heading
        self.initial_title = title
        self.initial_due = due.isoformat() if due else ""
        self.initial_threshold = fmt.plain(threshold) if threshold is not None else ""
        self.metric = metric
        self.ascii = ascii

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Label("Title", markup=False)
            yield Input(
                self.initial_title, placeholder="e.g. Refund authority training", id="title"
            )
            yield Label("Due (optional)", markup=False)
            yield Input(self.initial_due, placeholder="YYYY-MM-DD, +2w, eom, eoq", id="due")
            yield Static("", classes="dialog-note", id="due-note", markup=False)
            unit = f" in {self.metric.unit}" if self.metric and self.metric.unit else ""
            yield Label(f"Threshold{unit} (optional)", markup=False)
            yield Input(
                self.initial_threshold,
                placeholder="e.g. 22.5: reaching it ticks the milestone",
                id="threshold",
            )
            yield Static("", classes="dialog-note", id="threshold-note", markup=False)
            yield Static("", classes="dialog-error", markup=False)
        yield Footer(compact=True)

    def _read(self) -> tuple[MilestoneAnswer | None, str]:
        """(answer, error); the answer is None while something is wrong."""
        title = self.query_one("#title", Input).value.strip()
        typed = self.query_one("#due", Input).value.strip()
        due: date | None = None
        if typed:
            try:
                due = parse_date(typed, self.today)
            except ValueError as exc:
                return None, str(exc)
        threshold: float | None = None
        typed = self.query_one("#threshold", Input).value.strip()
        if typed:
            try:
                threshold = check_finite(parse_number(typed, "threshold"))
            except ValueError as exc:
                return None, str(exc)
        if not title:
            return None, "A title is required."
        if len(title) > TITLE_MAX:
            return None, f"A title can have at most {TITLE_MAX} characters."
        return (title, due, threshold), ""

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        note = ""
        if event.value.strip():
            try:
                day = parse_date(event.value, self.today)
            except ValueError:
                note = DATE_HINT
            else:
                note = f"= {day.isoformat()} ({day:%a})"
        say(self.query_one("#due-note", Static), note)

    @on(Input.Changed, "#threshold")
    def _threshold_changed(self, event: Input.Changed) -> None:
        """'ticks when Call return ≤ 22.5 h is logged': which way, before it is saved."""
        note = ""
        if event.value.strip():
            try:
                threshold = check_finite(parse_number(event.value, "threshold"))
            except ValueError as exc:
                note = str(exc)
            else:
                metric = self.metric or Metric(name="value")
                lower = threshold_lower(metric.baseline, metric.target, threshold)
                label = threshold_label(lower, threshold, metric.unit, ascii=self.ascii)
                note = f"ticks when {metric.name} {label} is logged"
        say(self.query_one("#threshold-note", Static), note)

    def action_submit(self) -> None:
        after_typed(self, self._submit)

    def _submit(self) -> None:
        answer, error = self._read()
        say(self.query_one(".dialog-error", Static), f"✗ {error}" if error else "")
        if answer is not None:
            self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(Dialog[str | None]):
    """A question with a few answers, each a button with its own key; escape answers None.

    `choices` are (answer, label, key), e.g. ("reload", "Reload theirs", "r").
    """

    BINDINGS = [
        Binding("escape", "choose('')", "Back", id="choice.cancel", tooltip="Answer nothing"),
    ]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for answer, label, key in self.choices:
                    yield Button(f"{label} ({key})", id=f"choice-{answer}", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: Key) -> None:
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer or None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-") or None)
