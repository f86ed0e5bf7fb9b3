"""The goal form's fields: building the editors, moving FormValues in and out of them,
and the pure helpers the form needs (the parent choices, the conflict merge)."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Select
from textual.widgets.select import InvalidSelectValueError

from goaltui.core import formatting as fmt
from goaltui.core import kpis
from goaltui.core.goal_input import NO, YES, FormValues
from goaltui.core.models import Goal, GoalStatus, Level
from goaltui.widgets.form import SECTIONS, FormField, Spec


def make_field(spec: Spec, value: str, *, editing: bool) -> FormField:
    """The row for `spec`, its editor holding `value` (the parent's choices come later)."""
    editor: Widget
    if spec.name == "level":
        editor = Select([(lv.value, lv.value) for lv in Level], value=value, allow_blank=False)
    elif spec.name == "status":
        editor = Select([(st.value, st.value) for st in GoalStatus], value=value, allow_blank=False)
    elif spec.name == "private":
        choices = [("no: on the wallboards", NO), ("yes: never on a wallboard", YES)]
        editor = Select(choices, value=value, allow_blank=False)
    elif spec.name == "parent":
        editor = Select([], prompt="(none)")
    elif spec.name == "metric":  # the KPI library's names complete as the lead types
        names = SuggestFromList(kpis.suggestions(), case_sensitive=False)
        editor = Input(value, placeholder=spec.placeholder, compact=True, suggester=names)
    else:
        editor = Input(value, placeholder=spec.placeholder, compact=True)
    if spec.name == "key" and editing:
        editor.disabled = True  # cron scripts and the CLI use the key: see fixed_note
    if isinstance(editor, Select):
        editor.compact = True
    editor.id = spec.name
    field = FormField(spec.label, editor)
    field.set_class(spec.name == "status" and not editing, "-hidden")
    return field


def kpi_placeholders(metric: str, unit: str) -> dict[str, str]:
    """The baseline and target placeholders for what the metric and unit fields hold: the
    library KPI's direction and typical target, and m:ss for a duration."""
    kpi = kpis.find(metric)
    seconds = fmt.unit_label(unit.strip()) == "m:ss"
    default = {spec.name: spec.placeholder for spec in SECTIONS["M"]}
    baseline = "today's value, e.g. 8:00 (m:ss)" if seconds else default["baseline"]
    target = f"{kpi.hint()}, or -25%" if kpi is not None else default["target"]
    return {"baseline": baseline, "target": target}


def read_values(node: DOMNode) -> FormValues:
    """What the form under `node` holds right now."""
    texts: dict[str, str] = {}
    for name in FormValues.names():
        widget = node.query_one(f"#{name}")
        if isinstance(widget, Select):
            texts[name] = "" if widget.value is Select.NULL else str(widget.value)
        else:
            assert isinstance(widget, Input)
            texts[name] = widget.value
    return FormValues(**texts)


def show_values(node: DOMNode, values: FormValues) -> None:
    """Put `values` into the form's editors."""
    for name in FormValues.names():
        widget = node.query_one(f"#{name}")
        text = getattr(values, name)
        if isinstance(widget, Select):
            try:
                widget.value = text or Select.NULL
            except InvalidSelectValueError:  # a parent added since the form opened
                widget.clear()
        elif isinstance(widget, Input):
            widget.value = text


def set_parents(select: Select[str], goals: list[Goal], editing: str | None, wanted: str) -> str:
    """Offer every goal `editing` may support (not itself nor one below it); pick `wanted`
    if it is offered. Returns the parent now shown ("" for none)."""
    below = aligned_under(editing, goals) if editing else set()
    choices = [g for g in goals if g.key not in below]
    select.set_options([(f"{g.key} · {g.title}", g.key) for g in choices])
    if wanted in {g.key for g in choices}:
        select.value = wanted
        return wanted
    return ""


def merge(base: FormValues, mine: FormValues, theirs: FormValues) -> FormValues:
    """Mine where the lead changed a field since the form loaded, theirs everywhere else."""
    fields = {}
    for name in FormValues.names():
        own = getattr(mine, name)
        fields[name] = own if own != getattr(base, name) else getattr(theirs, name)
    return FormValues(**fields)


def fixed_note(field: FormField) -> str:
    """The permanent note of a field (the read-only key's), else blank."""
    return "fixed: scripts use it" if field.editor.disabled else ""


def aligned_under(ancestor: str, goals: list[Goal]) -> set[str]:
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
