"""The goal form: new and edit, in five SMART sections, graded live as the lead types.

Parsing and grading live in goaltui.core.goal_input (pure); this screen only moves
text between widgets and that module, and talks to the store on save.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Select, Static
from textual.widgets.select import InvalidSelectValueError

from goaltui.core.clock import Clock
from goaltui.core.errors import EditConflict, GoaltuiError
from goaltui.core.goal_input import FormResult, FormValues, grade, ledger_changes, read_form
from goaltui.core.models import Goal, GoalStatus, Level, Point, slugify
from goaltui.store.store import Store
from goaltui.widgets import form, smart_panel
from goaltui.widgets.form import LABEL_OF, LETTER_OF, SECTIONS, FormField, SectionHeading, Spec
from goaltui.widgets.smart_panel import SmartPanel
from screens.dialogs import ChoiceScreen, ConfirmScreen, ReasonScreen

WIDE = 100  # from this width the SMART panel sits beside the form


class GoalFormScreen(Screen[str | None]):
    """New goal (goal=None) or edit; dismisses with the saved key, or None if cancelled."""

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
        self._taken: set[str] = set()
        self._points: list[Point] = []
        self._key_typed = self.editing
        self._timer: Timer | None = None
        self._touched: set[str] = set()  # fields the lead typed in: their errors show
        self._tried_save = False  # after a save attempt every error shows
        self._reason = ""  # the last reason typed: "keep mine" after a conflict reuses it
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
                        yield self._field(spec)
            with VerticalScroll(id="smart-scroll") as panel_scroll:
                panel_scroll.can_focus = False
                yield SmartPanel(id="smart")
        yield Footer(compact=True)

    def _field(self, spec: Spec) -> FormField:
        value = getattr(self._initial, spec.name)
        editor: Widget
        if spec.name == "level":
            editor = Select([(lv.value, lv.value) for lv in Level], value=value, allow_blank=False)
        elif spec.name == "status":
            editor = Select(
                [(st.value, st.value) for st in GoalStatus], value=value, allow_blank=False
            )
        elif spec.name == "parent":
            editor = Select([], prompt="(none)")
        else:
            editor = Input(value, placeholder=spec.placeholder, compact=True)
        if spec.name == "key" and self.editing:
            editor.disabled = True  # cron scripts and the CLI use the key: see _fixed
        if isinstance(editor, Select):
            editor.compact = True
        editor.id = spec.name
        field = FormField(spec.label, editor)
        field.set_class(spec.name == "status" and not self.editing, "-hidden")
        return field

    def on_mount(self) -> None:
        try:
            goals = self.store.goals()
            if self.goal is not None:
                checkins = self.store.checkins(self.goal.key)
                self._points = [Point(c.day, c.value) for c in checkins]
        except GoaltuiError as exc:
            self.notify(str(exc), title="Could not read the goals", severity="error")
            goals = []
        self._taken = {g.key for g in goals}
        parent = self.query_one("#parent", Select)
        below = _aligned_under(self.goal.key, goals) if self.goal else set()
        choices = [g for g in goals if g.key not in below]
        parent.set_options([(f"{g.key} · {g.title}", g.key) for g in choices])
        if self._initial.parent in {g.key for g in choices}:
            parent.value = self._initial.parent
        self._initial = self.values()  # what "unchanged" means, after the widgets settled
        self.query_one("#title", Input).focus()
        self.refresh_checks()

    def on_resize(self, event: Resize) -> None:
        self.query_one(SmartPanel).compact = event.size.width < WIDE

    # -- reading the form ---------------------------------------------------------------

    def values(self) -> FormValues:
        """What the form holds right now."""
        texts: dict[str, str] = {}
        for name in FormValues.names():
            widget = self.query_one(f"#{name}")
            if isinstance(widget, Select):
                texts[name] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                assert isinstance(widget, Input)
                texts[name] = widget.value
        return FormValues(**texts)

    def refresh_checks(self) -> FormResult:
        """Re-read the form: inline messages, section grades and the SMART panel."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        values = self.values()
        today = self.clock.today()
        result = read_form(values, today, taken_keys=self._taken, editing=self.editing)
        for field in self.query(FormField):
            name = field.editor.id or ""
            shown = self._tried_save or name in self._touched
            error = result.errors.get(name, "") if shown else ""
            field.show(error=error, note=result.notes.get(name, _fixed(field)))
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
        if event.input.has_focus:  # typed by the lead, not filled in by us
            self._touched.add(name)
            if name == "title":
                self._touched.add("key")
            if name == "key":
                self._key_typed = bool(event.value.strip())  # cleared: derive it again
        if name == "title" and not self._key_typed:
            title = event.value.strip()
            self.query_one("#key", Input).value = slugify(title, self._taken) if title else ""
        self._schedule_checks()

    @on(Input.Blurred)
    def _show_start(self, event: Input.Blurred) -> None:
        event.input.cursor_position = 0  # a long value left scrolled to its end reads oddly

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self._schedule_checks()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Point the SMART panel at the letter of the section being edited."""
        for node in event.widget.ancestors_with_self:
            if isinstance(node, FormField):
                self.query_one(SmartPanel).focus_letter = LETTER_OF.get(node.editor.id or "", "")
                return

    # -- actions ------------------------------------------------------------------------

    def action_save(self) -> None:
        self._tried_save = True
        result = self.refresh_checks()
        if result.goal is None:
            name = next(n for n in FormValues.names() if n in result.errors)
            more = len(result.errors) - 1
            extra = f" (and {more} more)" if more else ""
            self.notify(
                f"{LABEL_OF[name]}: {result.errors[name]}{extra}",
                title="Not saved - fix the form first",
                severity="error",
            )
            self.query_one(f"#{name}").focus()
            return
        goal = result.goal
        if self.goal is None:
            self._write(goal, "")
            return
        if self.values() == self._initial:
            self.dismiss(goal.key)
            return
        changes = ledger_changes(self.goal, goal)
        if not changes or self._reason:
            self._write(goal, self._reason if changes else "")
            return
        what = "; ".join(f"{name} {old} -> {new}" for name, old, new in changes)

        def with_reason(reason: str | None) -> None:
            if reason:
                self._reason = reason
                self._write(goal, reason)
            else:
                self.notify("Not saved: a new target, baseline or due date needs a reason.")

        self.app.push_screen(ReasonScreen(f"Why change {goal.key}: {what}?"), with_reason)

    def _write(self, goal: Goal, reason: str) -> None:
        try:
            if self.goal is None:
                saved = self.store.add_goal(goal)
            else:
                saved = self.store.update_goal(goal, reason=reason, base=self.goal)
        except EditConflict as exc:
            self._conflict(exc)
            return
        except GoaltuiError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.notify(f"Saved {saved.key}.", title=saved.title)
        self.dismiss(saved.key)

    # -- someone else saved this goal while the form was open -------------------------------

    def _conflict(self, conflict: EditConflict) -> None:
        when = f" at {conflict.at:%H:%M}" if conflict.at else ""
        question = (
            f"{conflict.key} was changed by {conflict.by or 'someone'}{when} while you edited it."
            " Reload theirs (your changes are dropped), or keep yours (saved over theirs;"
            " fields you did not touch take their values)?"
        )
        choices = [("reload", "Reload theirs", "r"), ("keep", "Keep mine", "k")]
        self.app.push_screen(ChoiceScreen(question, choices), self._resolved)

    def _resolved(self, answer: str | None) -> None:
        if answer is None:
            return  # back to the form, nothing saved
        try:
            theirs = self.store.goal(self.goal.key if self.goal else "")
        except GoaltuiError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        mine, base = self.values(), self._initial
        self.goal = theirs
        if answer == "reload":
            self._show_values(FormValues.from_goal(theirs))
            self._initial = self.values()
            self._reason = ""
            self.refresh_checks()
            self.notify(f"Showing {theirs.key} as {theirs.updated_by or 'they'} saved it.")
            return
        self._show_values(_merge(base, mine, FormValues.from_goal(theirs)))
        self.action_save()  # against their version now: the ledger and a reason if needed

    def _show_values(self, values: FormValues) -> None:
        for name in FormValues.names():
            widget = self.query_one(f"#{name}")
            text = getattr(values, name)
            if isinstance(widget, Select):
                try:
                    widget.value = text or Select.NULL
                except InvalidSelectValueError:  # a parent added since the form opened
                    widget.clear()
            elif isinstance(widget, Input):
                widget.value = text

    def action_cancel(self) -> None:
        if self._timer is not None:
            self.refresh_checks()  # don't leave the form behind the question half graded
        if self.values() == self._initial:
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        question = "Discard your changes to this goal?"
        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep editing"), discard)


def _merge(base: FormValues, mine: FormValues, theirs: FormValues) -> FormValues:
    """Mine where the lead changed a field since the form loaded, theirs everywhere else."""
    fields = {}
    for name in FormValues.names():
        own = getattr(mine, name)
        fields[name] = own if own != getattr(base, name) else getattr(theirs, name)
    return FormValues(**fields)


def _fixed(field: FormField) -> str:
    """The permanent note of a field (the read-only key's), else blank."""
    return "fixed: scripts use it" if field.editor.disabled else ""


def _aligned_under(ancestor: str, goals: list[Goal]) -> set[str]:
    """`ancestor` and the keys of every goal below it, however deep: none can be its parent."""
    children: dict[str, list[str]] = {}
    for goal in goals:
        if goal.parent:
            children.setdefault(goal.parent, []).append(goal.key)
    found: set[str] = set()
    todo = [ancestor]
    while todo:
        key = todo.pop()
        if key not in found:
            found.add(key)
            todo += children.get(key, [])
    return found
