"""The goal form: new and edit, in five SMART sections, graded live as the lead types.

Parsing and grading live in goaltui.core.goal_input (pure); this screen only moves
text between widgets and that module. The goals it needs (keys already taken, the
parents it may support, the goal's check-ins for the SMART panel) are read in a
worker when it opens; the save, in goal_form_save.py, goes through the save queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Footer, Input, Select, Static

from goaltui.core.clock import Clock
from goaltui.core.goal_input import FormResult, FormValues, grade, read_form
from goaltui.core.kpis import find as find_kpi
from goaltui.core.models import Goal, Point, slugify
from goaltui.core.owners import owner_names, owner_note
from goaltui.store.store import Store
from goaltui.widgets import form, smart_panel
from goaltui.widgets.form import LETTER_OF, SECTIONS, FormField, SectionHeading
from goaltui.widgets.key_order import FOCUS_IN_ORDER
from goaltui.widgets.reads import read_then
from goaltui.widgets.smart_panel import SmartPanel
from screens.dialogs import ConfirmScreen
from screens.goal_form_fields import fixed_note, kpi_placeholders, make_field, set_parents
from screens.goal_form_save import GoalFormSaving

WIDE = 100  # from this width the SMART panel sits beside the form


class GoalFormScreen(GoalFormSaving):
    """New goal (goal=None) or edit; dismisses with the saved key, or None if cancelled."""

    HELP_TITLE = "goal form"

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    REGRADE_DELAY = 0.15  # seconds of quiet typing before the panel re-grades
    BINDINGS = [
        Binding(
            "ctrl+s", "save", "Save", id="goal_form.save", tooltip="Save the goal (SMART is advice)"
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="goal_form.cancel",
            tooltip="Leave; asks before discarding",
        ),
        *FOCUS_IN_ORDER,  # a burst "Cut AHT⇥cut-aht" types in two fields, not one
    ]
    CSS_PATH = [form.STYLESHEET, smart_panel.STYLESHEET, "goal_form.tcss"]

    def __init__(self, store: Store, clock: Clock, goal: Goal | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.goal = goal
        self.editing = goal is not None
        today = clock.today()
        self._initial = FormValues.from_goal(goal) if goal else FormValues(start=today.isoformat())
        self._wanted_parent = self._initial.parent  # picked once the goals it may support are read
        self._goals_read = False
        self._taken: set[str] = set()
        self.owners: list[str] = []  # suggested as the lead types the owner
        self._points: list[Point] = []
        self._key_typed = self.editing
        self._timer: Timer | None = None
        self._touched: set[str] = set()  # fields the lead typed in: their errors show
        self._filled_unit = ""  # the unit the KPI library put in (replaced on a new KPI)
        self.result = FormResult()

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        heading = f"Edit goal {self.goal.key}" if self.goal else "New goal"
        yield Static(heading, id="heading", markup=False)
        with Horizontal(id="body"):
            with VerticalScroll(id="form"):
                for letter, specs in SECTIONS.items():
                    yield SectionHeading(letter, first=letter == "S")
                    for spec in specs:
                        value = getattr(self._initial, spec.name)
                        yield make_field(spec, value, editing=self.editing)
            with VerticalScroll(id="smart-scroll") as panel_scroll:
                panel_scroll.can_focus = False
                yield SmartPanel(id="smart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._initial = self.values()  # what "unchanged" means, after the widgets settled
        self._note_form_values()
        key = self.goal.key if self.goal else None
        read_then(
            self,
            lambda: self._read_goals(key),
            self._goals_arrived,
            self._goals_failed,
            group="goal-form-read",
        )
        self.query_one("#title", Input).focus()
        self._show_placeholders()
        self.refresh_checks()

    def _read_goals(self, key: str | None) -> tuple[list[Goal], list[Point]]:
        """In a worker: every goal, and the check-ins of the one edited."""
        goals = self.store.goals()
        checkins = self.store.checkins(key) if key is not None else []
        return goals, [Point(c.day, c.value) for c in checkins]

    def _goals_arrived(self, read: tuple[list[Goal], list[Point]]) -> None:
        goals, self._points = read
        self._taken = {g.key for g in goals}
        self.owners = owner_names(g.owner for g in goals)
        owner = self.query_one("#owner", Input)
        owner.suggester = SuggestFromList(self.owners, case_sensitive=False)
        parent = self.query_one("#parent", Select)
        editing = self.goal.key if self.goal else None
        shown = set_parents(parent, goals, editing, self._wanted_parent)
        self._settled(shown)
        title = self.query_one("#title", Input).value.strip()
        if title:  # made before the taken keys were known
            self._derive_key(title)

    def _goals_failed(self, error: str) -> None:
        self.notify(error, title="Could not read the goals", severity="error")
        if self._wanted_parent:  # offer the one it has, so saving an edit does not drop it
            parent = self.query_one("#parent", Select)
            parent.set_options([(self._wanted_parent, self._wanted_parent)])
            parent.value = self._wanted_parent
        self._settled(self._wanted_parent)

    def _settled(self, parent: str) -> None:
        self._initial = replace(self._initial, parent=parent)
        self._goals_read = True
        self.refresh_checks()

    def on_resize(self, event: Resize) -> None:
        self.query_one(SmartPanel).compact = event.size.width < WIDE

    # -- checking the form --------------------------------------------------------------

    def refresh_checks(self) -> FormResult:
        """Re-read the form: inline messages, section grades and the SMART panel."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        values = self.values()
        today = self.clock.today()
        result = read_form(values, today, taken_keys=self._taken, editing=self.editing)
        if note := owner_note(values.owner, self.owners):
            result.notes.setdefault("owner", note)
        for field in self.query(FormField):
            name = field.editor.id or ""
            shown = self._tried_save or name in self._touched
            error = result.errors.get(name, "") if shown else ""
            field.show(error=error, note=result.notes.get(name, fixed_note(field)))
        assessment = grade(values, result, self._points, today, self._taken)
        self.query_one(SmartPanel).assessment = assessment
        for heading in self.query(SectionHeading):
            heading.show_check(assessment.letter(heading.letter) if assessment else None)
        self.result = result
        return result

    def _schedule_checks(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.REGRADE_DELAY, self.refresh_checks)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        typed = event.value != self._by_form.get(name)  # by the lead, not filled in by us
        if typed:
            self._touched.add(name)
            if name == "title":
                self._touched.add("key")
        if name == "key" and typed:
            self._key_typed = bool(event.value.strip())  # cleared: derive it again
        if name == "title":
            self._derive_key(event.value.strip())
        if name == "metric" and typed:
            self._fill_unit(event.value)
        if name in ("metric", "unit"):
            self._show_placeholders()
        self._schedule_checks()

    def _derive_key(self, title: str) -> None:
        """Make the key from `title`, unless the lead typed one. Told apart by value, not by
        focus: in a burst ("Cut AHT⇥cut-aht" in one read) the title's change can be handled
        after the key's own keys, and must not overwrite them."""
        key = self.query_one("#key", Input)
        if self._key_typed or key.value not in ("", self._by_form.get("key", "")):
            return
        self._put(key, slugify(title, self._taken) if title else "")

    def _fill_unit(self, metric: str) -> None:
        """A library KPI's unit (AHT: s) goes into an empty unit field, or replaces the one
        filled for an earlier KPI; a unit the lead typed stays."""
        kpi = find_kpi(metric)
        unit = self.query_one("#unit", Input)
        if kpi is not None and unit.value.strip() in ("", self._filled_unit):
            self._filled_unit = kpi.unit
            self._put(unit, kpi.unit)

    def _put(self, field: Input, value: str) -> None:
        """Fill `field` in for the lead (their own typing is told apart by its value)."""
        self._by_form[field.id or ""] = value
        field.value = value

    def _show_placeholders(self) -> None:
        values = self.values()
        for name, text in kpi_placeholders(values.metric, values.unit).items():
            self.query_one(f"#{name}", Input).placeholder = text

    @on(Input.Blurred)
    def _show_start(self, event: Input.Blurred) -> None:
        event.input.cursor_position = 0  # a long value left scrolled to its end reads oddly

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self._schedule_checks()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Point the SMART panel at the letter of the section being edited: the field that has
        the focus now, not the one this (possibly late) message is about, so keys typed in a
        burst right after the form opens cannot leave the panel on the wrong letter."""
        focused = self.focused or event.widget
        for node in focused.ancestors_with_self:
            if isinstance(node, FormField):
                self.query_one(SmartPanel).focus_letter = LETTER_OF.get(node.editor.id or "", "")
                return

    # -- leaving ------------------------------------------------------------------------

    def action_cancel(self) -> None:
        self.ask_to_leave()

    def has_unsaved_work(self) -> bool:
        """Typed and not saved: a save on its way is the save queue's (see leaving.py)."""
        return not self.saving and self.values() != self._initial

    def ask_to_leave(self, then: Callable[[], None] | None = None) -> None:
        """Escape, and every way out of the app: asks before discarding what was typed."""

        def leave() -> None:
            self.dismiss(None)
            if then is not None:
                then()

        if self.saving:
            # The queue outlives the form: the write still lands (or says why it did not).
            what = self.goal.key if self.goal else self.values().key or "the goal"
            self.notify(
                f"{what} stays queued and is saved once the data file is free.",
                title="Left while saving",
                timeout=6,
            )
            leave()
            return
        if self._timer is not None:
            self.refresh_checks()  # don't leave the form behind the question half graded
        if not self.has_unsaved_work():
            leave()
            return

        def discard(yes: bool | None) -> None:
            if yes:
                leave()

        question = "Discard your changes to this goal?"
        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep editing"), discard)
