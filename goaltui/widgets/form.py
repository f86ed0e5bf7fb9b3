"""Building blocks of the goal form: a labelled field row and a SMART section heading.

A field is one line (label, editor, what-we-understood note) plus an error line
that only takes space when there is an error, so the form fits 80x24.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from goaltui.core.smart import Check
from goaltui.widgets.smart_panel import verdict

# Screens that use these widgets list this file in their CSS_PATH (live-reloaded with --dev).
STYLESHEET = Path(__file__).with_name("form.tcss")

SECTION_TITLES = {
    "S": "Specific: what, who",
    "M": "Measurable: KPI and values",
    "A": "Attainable: the plan",
    "R": "Relevant: why it matters",
    "T": "Timely: when",
}


@dataclass(frozen=True)
class Spec:
    """One field of the form: its FormValues name, label and placeholder."""

    name: str
    label: str
    placeholder: str


SECTIONS: dict[str, tuple[Spec, ...]] = {
    "S": (
        Spec("title", "Title", "e.g. Cut AHT for the billing queue"),
        Spec("key", "Key", "made from the title"),
        Spec("details", "Details", "who, what, where"),
        Spec("owner", "Owner", "team"),
        Spec("level", "Level", ""),
        Spec("private", "Private", ""),
    ),
    "M": (
        Spec("metric", "Metric", "KPI name: AHT, FCR, CSAT..."),
        Spec("unit", "Unit", "s, min, %"),
        Spec("baseline", "Baseline", "today's value, e.g. 480"),
        Spec("target", "Target", "360, a change (-25%) or a band (300..360)"),
    ),
    "A": (Spec("plan", "Plan", "coaching, tools, time it needs"),),
    "R": (
        Spec("why", "Why", "why it matters, e.g. long holds drive CSAT down"),
        Spec("parent", "Supports", ""),
        Spec("weight", "Weight", "1: its share in the roll-up above"),
    ),
    "T": (
        Spec("start", "Start", "YYYY-MM-DD or today"),
        Spec("due", "Due", "YYYY-MM-DD, +8w, +3m, eoq"),
        Spec("status", "Status", ""),
    ),
}
LETTER_OF = {spec.name: letter for letter, specs in SECTIONS.items() for spec in specs}
LABEL_OF = {spec.name: spec.label for specs in SECTIONS.values() for spec in specs}


class FormField(Vertical):
    """Label + editor + note on one line; an error line below when needed."""

    def __init__(self, label: str, editor: Widget) -> None:
        super().__init__(id=f"field-{editor.id}")
        self.label = label
        self.editor = editor

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field-label", markup=False)
            yield self.editor
            yield Static("", classes="field-note", markup=False)
        yield Static("", classes="field-error", markup=False)

    def show(self, *, error: str = "", note: str | None = None) -> None:
        """Show an error (blank clears it) and, if given, replace the note."""
        self.query_one(".field-error", Static).update(f"✗ {error}" if error else "")
        self.set_class(bool(error), "-error")
        if note is not None:
            self.query_one(".field-note", Static).update(note)

    def on_resize(self) -> None:
        # an error line just appeared under the field being typed in: keep it in view (80x24)
        if self.has_focus_within:
            self.scroll_visible(animate=False)

    @property
    def error(self) -> str:
        return str(self.query_one(".field-error", Static).content).removeprefix("✗ ")


class SectionHeading(Static):
    """ "M  Measurable: KPI and values   ✗ fail": the letter's grade next to its fields."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "section-heading--pass",
        "section-heading--warn",
        "section-heading--fail",
    }

    def __init__(self, letter: str, *, first: bool = False) -> None:
        super().__init__(f"{letter}  {SECTION_TITLES[letter]}", markup=False)
        self.letter = letter
        self.set_class(first, "-first")

    def show_check(self, check: Check | None) -> None:
        text = Text(f"{self.letter}  {SECTION_TITLES[self.letter]}")
        if check is not None:
            style = self.get_component_rich_style(
                f"section-heading--{check.grade.value}", partial=True
            )
            text.append(f"   {verdict(check)}", style)
        self.update(text)
