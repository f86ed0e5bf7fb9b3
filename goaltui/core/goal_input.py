"""The goal form's text -> Goal step: parsing, inline messages and a draft to grade.

Pure (no textual, no I/O): the screen hands over what the lead typed and gets
back per-field errors, per-field notes ("= 6:00", "= 2026-12-31 (Thu)"),
the Goal to save when nothing blocks, and a best-effort draft the SMART panel
can grade while the form is still half filled.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import partial
from typing import Any

from pydantic import ValidationError

from goaltui.core import formatting as fmt
from goaltui.core import rules
from goaltui.core.durations import has_colon, is_seconds
from goaltui.core.field_input import date_field, number_field, number_or_none
from goaltui.core.kpis import find as find_kpi
from goaltui.core.models import (
    Goal,
    GoalStatus,
    LedgerValue,
    Level,
    Point,
    ledger_fields,
)
from goaltui.core.smart import Assessment, Check, Grade, assess
from goaltui.core.target_input import read_target

# pydantic error locations -> the form field that shows the message
_LOC_TO_FIELD = {
    "metric.name": "metric",
    "metric.unit": "unit",
    "metric.baseline": "baseline",
    "metric.target": "target",
    "metric.band": "target",
}
_MAX_LEN = {
    "title": rules.TITLE_MAX,
    "owner": rules.NAME_MAX,
    "metric": rules.NAME_MAX,
    "unit": rules.UNIT_MAX,
}
_TEXT_MAX = rules.TEXT_MAX
YES, NO = "yes", "no"  # the form's private field: a choice, never typed text


@dataclass(frozen=True)
class FormValues:
    """Everything the form holds, as the lead typed it (Select values as their keys)."""

    title: str = ""
    key: str = ""
    details: str = ""
    owner: str = ""
    level: str = Level.TEAM.value
    metric: str = ""
    unit: str = ""
    baseline: str = ""
    target: str = ""
    plan: str = ""
    why: str = ""
    parent: str = ""
    start: str = ""
    due: str = ""
    status: str = GoalStatus.ACTIVE.value
    private: str = NO
    weight: str = ""  # blank: 1

    @classmethod
    def from_goal(cls, goal: Goal) -> FormValues:
        m = goal.metric
        return cls(
            title=goal.title,
            key=goal.key,
            details=goal.details,
            owner=goal.owner,
            level=goal.level.value,
            metric=m.name,
            unit=m.unit,
            # exact: the field is edited and read back (a duration as m:ss)
            baseline=fmt.editable(m.baseline, m.unit),
            target=fmt.editable_target(m.target, m.unit, m.band),
            plan=goal.plan,
            why=goal.why,
            parent=goal.parent or "",
            start=goal.start.isoformat(),
            due=goal.due.isoformat() if goal.due else "",
            status=goal.status.value,
            private=YES if goal.private else NO,
            weight="" if goal.weight == 1 else fmt.plain(goal.weight),
        )

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class FormResult:
    """The outcome of reading the form once."""

    errors: dict[str, str] = field(default_factory=dict)  # field -> what blocks saving
    notes: dict[str, str] = field(default_factory=dict)  # field -> what we understood
    goal: Goal | None = None  # the goal to save; None while anything blocks
    draft: Goal | None = None  # best effort, for live SMART grading


def read_form(
    values: FormValues,
    today: date,
    *,
    taken_keys: Collection[str] = (),
    editing: bool = False,
) -> FormResult:
    """Parse every field; collect all messages rather than stopping at the first."""
    errors: dict[str, str] = {}
    notes: dict[str, str] = {}
    v = values

    title = v.title.strip()
    if not title:
        errors["title"] = "a title is required, e.g. 'Cut AHT for the billing queue'"
    key = v.key.strip().lower()
    if not key:
        errors["key"] = f"a key is required: {rules.KEY_HINT}"
    elif message := _broken(rules.check_key, key):
        errors["key"] = message
    elif not editing and key in taken_keys:
        errors["key"] = f"a goal with key {key!r} already exists"
    if not v.metric.strip():
        errors["metric"] = "name the KPI, e.g. AHT, FCR or CSAT"
    elif (kpi := find_kpi(v.metric)) is not None:  # what we understood: the library's KPI
        named = v.metric.strip().casefold() == kpi.name.casefold()
        notes["metric"] = kpi.short if named else kpi.name
    limits = {**_MAX_LEN, **dict.fromkeys(("details", "plan", "why"), _TEXT_MAX)}
    for name, limit in limits.items():
        if message := _broken(partial(rules.check_length, limit=limit), getattr(v, name).strip()):
            errors[name] = message
    if v.parent and v.parent == key:
        errors["parent"] = "a goal cannot be aligned to itself"

    unit = v.unit.strip()
    baseline = number_field(v.baseline, "baseline", errors, unit)
    if baseline is not None and _plain_seconds(v.baseline, unit):
        notes["baseline"] = f"= {fmt.value(baseline, unit)}"  # 480 (seconds) reads 8:00
    target, band = _target_field(v, baseline, unit, errors, notes)
    weight = number_field(v.weight, "weight", errors)
    if weight is not None and weight <= 0:
        errors["weight"] = "weight must be above 0 (1 counts like any other goal)"

    start = date_field(v.start, "start", today, errors, notes, required=True)
    due = date_field(v.due, "due", today, errors, notes, required=False)

    fields_: dict[str, Any] = {
        "key": key,
        "title": title,
        "details": v.details,
        "owner": v.owner.strip() or "team",
        "level": v.level,
        "parent": v.parent or None,
        "why": v.why,
        "plan": v.plan,
        "metric": {
            "name": v.metric,
            "unit": v.unit,
            "baseline": baseline,
            "target": target,
            "band": band,
        },
        "start": start or today,
        "due": due,
        "status": v.status,
        "private": v.private == YES,
        "weight": 1.0 if weight is None or weight <= 0 else weight,
    }
    goal: Goal | None = None
    if not errors:
        try:
            goal = Goal.model_validate(fields_)
        except ValidationError as exc:  # a rule the checks above missed: still say where
            for item in exc.errors():
                where = ".".join(str(p) for p in item["loc"])
                message = item["msg"].removeprefix("Value error, ")
                errors[_LOC_TO_FIELD.get(where, where or "parent")] = message
    return FormResult(errors, notes, goal, goal or _draft(fields_))


def _target_field(
    v: FormValues,
    baseline: float | None,
    unit: str,
    errors: dict[str, str],
    notes: dict[str, str],
) -> tuple[float | None, tuple[float, float] | None]:
    """The target field: a value, a change of the baseline or a band, with its note."""
    if not v.target.strip():
        return None, None
    try:
        target, band = read_target(v.target, baseline, unit)
    except ValueError as exc:
        # a bad baseline already has its own message; don't blame the target for it
        if not (v.baseline.strip() and baseline is None):
            errors["target"] = str(exc)
        return None, None
    if band is not None:
        notes["target"] = f"met inside {fmt.band(band, unit)}"
    elif target != number_or_none(v.target, unit) or _plain_seconds(v.target, unit):
        notes["target"] = f"= {fmt.value(target, unit)}"
    return target, band


def _plain_seconds(text: str, unit: str) -> bool:
    """Seconds typed as a plain number: the note says how the duration reads (8:00)."""
    return is_seconds(unit) and not has_colon(text)


def _broken(check: Callable[[str], object], text: str) -> str | None:
    """The rule's message when `text` breaks it (the model would say the same), else None."""
    try:
        check(text)
    except ValueError as exc:
        return str(exc)
    return None


def _draft(fields_: dict[str, Any]) -> Goal | None:
    """A goal good enough to grade: placeholders where the form is blank or wrong."""
    metric = dict(fields_["metric"])
    metric["name"] = metric["name"].strip()[: _MAX_LEN["metric"]] or "metric"
    metric["unit"] = metric["unit"].strip()[: _MAX_LEN["unit"]]
    draft = {
        **fields_,
        "key": fields_["key"] if rules.is_key(fields_["key"]) else "draft",
        "title": fields_["title"][: _MAX_LEN["title"]] or "untitled",
        "owner": fields_["owner"][: _MAX_LEN["owner"]],
        "metric": metric,
        **{name: fields_[name][:_TEXT_MAX] for name in ("details", "plan", "why")},
    }
    if draft["parent"] == draft["key"]:
        draft["parent"] = None
    try:
        return Goal.model_validate(draft)
    except ValidationError:
        return None


def grade(
    values: FormValues,
    result: FormResult,
    points: Sequence[Point],
    today: date,
    known_keys: Collection[str] = (),
) -> Assessment | None:
    """SMART-grade the draft, speaking about blank fields rather than their placeholders."""
    if result.draft is None:
        return None
    checks = list(assess(result.draft, points, today, known_keys).checks)
    if not values.title.strip():
        checks[0] = Check(
            "S",
            "Specific",
            Grade.FAIL,
            "No title yet.",
            "Name the KPI, who and where, e.g. 'Cut AHT for the billing queue'.",
        )
    if not values.metric.strip() and checks[1].grade is not Grade.FAIL:
        checks[1] = Check(
            "M", "Measurable", Grade.FAIL, "No metric named.", "Name the KPI, e.g. AHT or FCR."
        )
    # a typo is not a missing value: say so rather than "No target"/"No due date"
    unreadable = [name for name in ("baseline", "target") if name in result.errors]
    if unreadable:
        what = " and ".join(unreadable)
        hint = "Fix the value under the field; 480, -25% or a band 300..360."
        checks[1] = Check("M", "Measurable", Grade.FAIL, f"The {what} can't be read yet.", hint)
    if "due" in result.errors:
        hint = "Fix the date under the field, e.g. 2026-12-31, +8w or eoq."
        checks[4] = Check("T", "Timely", Grade.FAIL, "The due date can't be read yet.", hint)
    return Assessment(tuple(checks))


def ledger_changes(old: Goal, new: Goal) -> list[tuple[str, str, str]]:
    """(field, old, new) as text for each changed field that needs a reason."""
    return [(name, *_show(a, b, new.metric.unit)) for name, a, b in ledger_fields(old, new)]


def _show(old: LedgerValue, new: LedgerValue, unit: str) -> tuple[str, str]:
    """Dates as ISO; numbers as the formatter shows them, told apart when they round alike;
    a band as "300..360 s"."""
    if isinstance(old, date) or isinstance(new, date):
        return _day(old), _day(new)
    if isinstance(old, tuple) or isinstance(new, tuple):
        return _aim(old, unit), _aim(new, unit)
    return fmt.distinct(old, new, unit)


def _aim(value: LedgerValue, unit: str) -> str:
    if isinstance(value, tuple):
        return fmt.band(value, unit)
    return fmt.value(value if isinstance(value, float) else None, unit)


def _day(value: LedgerValue) -> str:
    return value.isoformat() if isinstance(value, date) else fmt.MISSING
