"""The goal form's live SMART panel: one verdict per letter, in words and glyphs.

Grades are shown as ✓ / ! / ✗ plus "pass" / "warn" / "fail", so the panel reads
the same in a 256-colour terminal, with NO_COLOR and on a washed-out projector.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from goaltui.core.smart import Assessment, Check, Grade

# Screens that use these widgets list this file in their CSS_PATH (live-reloaded with --dev).
STYLESHEET = Path(__file__).with_name("smart_panel.tcss")

GLYPH = {Grade.PASS: "✓", Grade.WARN: "!", Grade.FAIL: "✗"}
WORD = {Grade.PASS: "pass", Grade.WARN: "warn", Grade.FAIL: "fail"}


def verdict(check: Check) -> str:
    """ "✗ fail": the grade without colour."""
    return f"{GLYPH[check.grade]} {WORD[check.grade]}"


class SmartPanel(Widget):
    """Shows an Assessment; `compact` fits it into four lines for 80x24 terminals.

    Compact mode lists the five letters on one line and spells out only the
    `focus_letter` (the form section being edited), or else the first letter
    that needs work.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "smart-panel--pass",
        "smart-panel--warn",
        "smart-panel--fail",
        "smart-panel--title",
        "smart-panel--hint",
        "smart-panel--focus",
    }

    assessment: reactive[Assessment | None] = reactive(None, layout=True)
    focus_letter: reactive[str] = reactive("", layout=True)
    compact: reactive[bool] = reactive(False, layout=True)

    def _style(self, name: str) -> str:
        return str(self.get_component_rich_style(f"smart-panel--{name}", partial=True))

    def render(self) -> RenderableType:
        assessment = self.assessment
        if assessment is None:
            return Text("SMART check: fill in the form to see it graded.")
        if self.compact:
            return self._render_compact(assessment)
        return self._render_full(assessment)

    @property
    def plain(self) -> str:
        """What the panel says, as plain text at its current width (for tests and logs)."""
        console = Console(width=max(self.content_size.width, 20), color_system=None)
        with console.capture() as capture:
            console.print(self.render())
        return "\n".join(line.rstrip() for line in capture.get().splitlines())

    def _render_full(self, assessment: Assessment) -> Group:
        parts: list[RenderableType] = [
            Text(f"SMART check (advice): {assessment.score} of 5 pass", self._style("title"))
        ]
        for check in assessment.checks:
            heading = self._heading(check)
            heading.append(f"  {WORD[check.grade]}")
            if check.letter == self.focus_letter:
                heading.stylize(self._style("focus"))
            parts += ["", heading, Padding(Text(check.reason), (0, 0, 0, 2)), *self._hint(check)]
        return Group(*parts)

    def _render_compact(self, assessment: Assessment) -> Group:
        summary = Text()
        summary.append(f"SMART {assessment.score}/5 ", self._style("title"))
        for check in assessment.checks:
            summary.append(" ")
            cell = Text(f"{GLYPH[check.grade]} {check.letter}", self._style(check.grade.value))
            if check.letter == self.focus_letter:
                cell.stylize(self._style("focus"))
            summary.append(cell)
        detail = self._detail_check(assessment)
        if detail is None:
            return Group(summary, Text("All five letters pass."))
        line = self._heading(detail)
        line.append(f" {WORD[detail.grade]}: {detail.reason}")
        return Group(summary, line, *self._hint(detail))

    def _heading(self, check: Check) -> Text:
        """ "✗ M Measurable" in the grade's colour (what is appended after it is not)."""
        name = Text(f"{GLYPH[check.grade]} {check.letter} {check.name}")
        name.stylize(self._style(check.grade.value))
        return name

    def _hint(self, check: Check) -> list[RenderableType]:
        """The indented "→ hint" line, if the check has a hint."""
        if not check.hint:
            return []
        return [Padding(Text(f"→ {check.hint}", self._style("hint")), (0, 0, 0, 2))]

    def _detail_check(self, assessment: Assessment) -> Check | None:
        if self.focus_letter:
            return assessment.letter(self.focus_letter)
        return next((c for c in assessment.checks if c.grade is not Grade.PASS), None)
