"""Domain models: goals, milestones, check-ins and the target-change ledger.

Pure pydantic v2, no textual and no I/O. The store takes and returns these;
screens and the CLI never see TinyDB documents. The rules themselves (limits, key
pattern, finite values, confidence names) live in rules.py, which `goaltui log`
reads without pydantic; the fields here only wire them in.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from goaltui.core import rules
from goaltui.core.ids import new_id
from goaltui.core.targets import Band, lower_is_better, near_edge
from goaltui.core.text import printable


class Level(StrEnum):
    """Where a goal sits in the alignment tree."""

    CENTER = rules.CENTER
    TEAM = rules.TEAM
    AGENT = rules.AGENT


class GoalStatus(StrEnum):
    """The goal's life-cycle state, set by the lead (not computed)."""

    ACTIVE = "active"
    ACHIEVED = "achieved"
    MISSED = "missed"
    ARCHIVED = "archived"


class Confidence(StrEnum):
    """How the person logging a value feels about the goal."""

    ON_TRACK = rules.ON_TRACK
    AT_RISK = rules.AT_RISK
    OFF_TRACK = rules.OFF_TRACK


class Direction(StrEnum):
    """Which way the metric must move, derived from baseline vs target."""

    LOWER = "lower"
    HIGHER = "higher"


def at_most(limit: int) -> AfterValidator:
    """rules.check_length as a field constraint, so the model and the form say the same."""

    def check(text: str) -> str:
        return rules.check_length(text, limit)

    return AfterValidator(check)


def _one_line(text: str) -> str:
    return rules.one_line(text)


def _lines(text: str) -> str:
    return printable(text, lines=True).strip(rules.WHITESPACE)


def _no_bool(value: object) -> object:
    """pydantic reads True as 1.0; in a stored value it is a broken document, not a KPI."""
    if isinstance(value, bool):
        raise ValueError("must be a number, got a boolean")
    return value


# User text never carries control characters (text.py says why); one-line fields lose
# line breaks too, since they are shown in table rows.
Plain = Annotated[str, AfterValidator(_one_line)]
GoalKey = Annotated[str, AfterValidator(rules.check_key)]
Title = Annotated[str, AfterValidator(_one_line), Field(min_length=1), at_most(rules.TITLE_MAX)]
Name = Annotated[str, AfterValidator(_one_line), at_most(rules.NAME_MAX)]
Unit = Annotated[str, AfterValidator(_one_line), at_most(rules.UNIT_MAX)]
Note = Annotated[str, AfterValidator(_one_line), AfterValidator(rules.check_note)]
Reason = Annotated[
    str, AfterValidator(_one_line), Field(min_length=1), AfterValidator(rules.check_reason)
]
Text = Annotated[str, AfterValidator(_lines), at_most(rules.TEXT_MAX)]
# A KPI value, baseline or target: finite, and never a boolean.
Number = Annotated[float, BeforeValidator(_no_bool), AfterValidator(rules.check_finite)]


def _naive_local(moment: datetime) -> datetime:
    """Stamps are naive local time; an aware one (a script, an old file) is converted, so
    sorting never mixes naive and aware datetimes."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


Stamp = Annotated[datetime, AfterValidator(_naive_local)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="ignore",  # tolerate fields written by a newer minor version
        str_strip_whitespace=True,
        validate_assignment=True,
        defer_build=True,  # validators built on first use: a start builds only what it uses
    )


class Metric(_Model):
    """The measurable part of a goal: what is measured, from where to where."""

    name: Name = Field(min_length=1, description="KPI name, e.g. AHT or FCR")
    unit: Unit = Field(default="", description="Unit shown after values: s, %, min")
    baseline: Number | None = Field(default=None, description="Value when the goal was set")
    target: Number | None = Field(default=None, description="Value that means the goal is met")
    # Written only when set: files without it (every file before it) have plain targets.
    band: tuple[Number, Number] | None = Field(
        default=None,
        description="Met while the value is inside low..high; target is then the nearer edge",
        exclude_if=lambda v: v is None,
    )

    @field_validator("band")
    @classmethod
    def _low_first(cls, band: tuple[float, float] | None) -> tuple[float, float] | None:
        if band is not None and not band[0] < band[1]:
            raise ValueError(rules.BAND_ORDER)
        return band

    @model_validator(mode="after")
    def _band_sets_target(self) -> Metric:
        if self.band is not None:
            # Through __dict__: assigning would validate (and call this) again.
            self.__dict__["target"] = near_edge(self.baseline, self.band)
        return self

    @property
    def direction(self) -> Direction | None:
        """LOWER when the target is below the baseline, else HIGHER; None when unknown."""
        lower = lower_is_better(self.baseline, self.target)
        if lower is None:
            return None
        return Direction.LOWER if lower else Direction.HIGHER


class Goal(_Model):
    """A SMART goal for the centre, a team or one agent."""

    key: GoalKey = Field(description="Short unique handle a lead can type")
    title: Title
    details: Text = Field(default="", description="Specific: who, what, where")
    owner: Name = Field(default="team", min_length=1)
    level: Level = Level.TEAM
    parent: str | None = Field(default=None, description="Key of the goal this one supports")
    why: Text = Field(default="", description="Relevant: why this matters")
    metric: Metric
    plan: Text = Field(default="", description="Attainable: plan and resources")
    start: date
    due: date | None = None
    status: GoalStatus = GoalStatus.ACTIVE
    # Written only when true: files without it (every file before it) read as public.
    private: StrictBool = Field(
        default=False, description="Kept off every wallboard", exclude_if=lambda v: not v
    )
    # Written only when not 1: how much the goal counts in its parent's roll-up.
    weight: Number = Field(
        default=1.0, gt=0, description="Share in the alignment roll-up", exclude_if=lambda v: v == 1
    )
    created_at: Stamp | None = None
    created_by: Plain = ""
    updated_at: Stamp | None = None
    updated_by: Plain = ""

    @field_validator("key", mode="before")
    @classmethod
    def _lower_key(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("parent", mode="before")
    @classmethod
    def _blank_parent(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().lower()
            return value or None
        return value

    @model_validator(mode="after")
    def _not_own_parent(self) -> Goal:
        if self.parent is not None and self.parent == self.key:
            raise ValueError("a goal cannot be aligned to itself")
        return self


class Milestone(_Model):
    """One step of a goal's checklist."""

    id: str = Field(default_factory=new_id)
    goal: GoalKey
    title: Title
    due: date | None = None
    done: bool = False
    done_at: Stamp | None = None
    done_by: Plain | None = None
    order: int = 0
    # A threshold on the goal's metric: the first value logged that reaches it ticks the
    # milestone (store/milestone_ticks.py). Both written only when set, so older files and
    # older readers see the milestones they always did.
    threshold: Number | None = Field(
        default=None, description="Ticks itself at this value", exclude_if=lambda v: v is None
    )
    reached_on: date | None = Field(
        default=None,
        description="Day of the value that ticked it (none for a hand tick)",
        exclude_if=lambda v: v is None,
    )

    def is_overdue(self, today: date) -> bool:
        """Still open after its due day (the due day itself is still in time)."""
        return not self.done and self.due is not None and self.due < today


class CheckIn(_Model):
    """One KPI value for one goal on one day (one per goal per day)."""

    goal: GoalKey
    day: date
    value: Number
    note: Note = ""
    confidence: Confidence | None = None
    by: Plain = ""
    at: Stamp | None = None

    @field_validator("confidence", mode="before")
    @classmethod
    def _known_confidence(cls, value: object) -> object:
        return rules.check_confidence(value)


class CheckInRevision(_Model):
    """A check-in value that was replaced by a later log of the same day, or removed."""

    id: str = Field(default_factory=new_id)
    old: CheckIn
    replaced_at: Stamp
    replaced_by: Plain
    removed: bool = False  # removed (goaltui unlog, delete in the detail), not replaced


class TargetChange(_Model):
    """A ledger entry: a target or due date changed, with the reason.

    Values are kept as text so the ledger can hold numbers and dates alike.
    """

    id: str = Field(default_factory=new_id)
    goal: GoalKey
    field: str = Field(description="target, baseline or due")
    old: Plain
    new: Plain
    reason: Reason
    by: Plain = ""
    at: Stamp


LedgerValue = float | Band | date | None


def _goal_target(metric: Metric) -> float | Band | None:
    """What the goal aims at: its band when it has one (so 300..360 -> 300..340 is a change
    though the nearer edge stays 300), else its target."""
    return metric.band if metric.band is not None else metric.target


def ledger_fields(old: Goal, new: Goal) -> list[tuple[str, LedgerValue, LedgerValue]]:
    """(field, before, after) for each changed field that needs a reason and a ledger entry:
    the target (or band), the baseline and the due date. The one list the form and the
    store share."""
    pairs: dict[str, tuple[LedgerValue, LedgerValue]] = {
        "target": (_goal_target(old.metric), _goal_target(new.metric)),
        "baseline": (old.metric.baseline, new.metric.baseline),
        "due": (old.due, new.due),
    }
    return [(name, before, after) for name, (before, after) in pairs.items() if before != after]


class Point(NamedTuple):
    """One observation of a metric: what sparklines and progress maths consume."""

    day: date
    value: float


def slugify(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """Derive a short typeable key from a title, avoiding keys already taken.

    "Reduce AHT for Maria" -> "reduce-aht-for-maria" (cut to 32 chars at a dash).
    """
    words = re.findall(r"[a-z0-9]+", title.lower())
    base = ""
    for word in words:
        candidate = f"{base}-{word}" if base else word
        if len(candidate) > 24:
            break
        base = candidate
    base = base or (words[0][:24] if words else "goal")
    key, n = base, 2
    while key in taken:
        key = f"{base}-{n}"
        n += 1
    return key


def error_messages(error: ValidationError) -> list[str]:
    """ "field: message" per problem, in field order, worded as goaltui log words them."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "value"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "string_unicode":  # a lone surrogate
            message = rules.INVALID_TEXT
        parts.append(f"{where}: {message}")
    return parts


def describe_error(error: ValidationError) -> str:
    """One readable line from a pydantic error: "metric.target: must be a number; ..."."""
    return "; ".join(error_messages(error))
