"""Domain models: goals, milestones, check-ins and the target-change ledger.

Pure pydantic v2, no textual and no I/O. The store takes and returns these;
screens and the CLI never see TinyDB documents.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from goaltui.core.ids import new_id
from goaltui.core.numbers import parse_number

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,31}$"
KEY_RE = re.compile(KEY_PATTERN)
KEY_MAX = 32


class Level(StrEnum):
    """Where a goal sits in the alignment tree."""

    CENTER = "center"
    TEAM = "team"
    AGENT = "agent"


class GoalStatus(StrEnum):
    """The goal's life-cycle state, set by the lead (not computed)."""

    ACTIVE = "active"
    ACHIEVED = "achieved"
    MISSED = "missed"
    ARCHIVED = "archived"


class Confidence(StrEnum):
    """How the person logging a value feels about the goal."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"


class Direction(StrEnum):
    """Which way the metric must move, derived from baseline vs target."""

    LOWER = "lower"
    HIGHER = "higher"


Text = Annotated[str, Field(max_length=2000)]


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
    )


class Metric(_Model):
    """The measurable part of a goal: what is measured, from where to where."""

    name: str = Field(min_length=1, max_length=40, description="KPI name, e.g. AHT or FCR")
    unit: str = Field(default="", max_length=12, description="Unit shown after values: s, %, min")
    baseline: float | None = Field(default=None, description="Value when the goal was set")
    target: float | None = Field(default=None, description="Value that means the goal is met")

    @property
    def direction(self) -> Direction | None:
        """LOWER when the target is below the baseline, else HIGHER; None when unknown."""
        if self.baseline is None or self.target is None:
            return None
        return Direction.LOWER if self.target < self.baseline else Direction.HIGHER


class Goal(_Model):
    """A SMART goal for the centre, a team or one agent."""

    key: str = Field(pattern=KEY_PATTERN, description="Short unique handle a lead can type")
    title: str = Field(min_length=1, max_length=120)
    details: Text = Field(default="", description="Specific: who, what, where")
    owner: str = Field(default="team", min_length=1, max_length=40)
    level: Level = Level.TEAM
    parent: str | None = Field(default=None, description="Key of the goal this one supports")
    why: Text = Field(default="", description="Relevant: why this matters")
    metric: Metric
    plan: Text = Field(default="", description="Attainable: plan and resources")
    start: date
    due: date | None = None
    status: GoalStatus = GoalStatus.ACTIVE
    created_at: Stamp | None = None
    created_by: str = ""
    updated_at: Stamp | None = None
    updated_by: str = ""

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
    goal: str = Field(pattern=KEY_PATTERN)
    title: str = Field(min_length=1, max_length=120)
    due: date | None = None
    done: bool = False
    done_at: Stamp | None = None
    done_by: str | None = None
    order: int = 0


class CheckIn(_Model):
    """One KPI value for one goal on one day (one per goal per day)."""

    goal: str = Field(pattern=KEY_PATTERN)
    day: date
    value: float
    note: str = Field(default="", max_length=500)
    confidence: Confidence | None = None
    by: str = ""
    at: Stamp | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


class CheckInRevision(_Model):
    """A check-in value that was replaced by a later log of the same day."""

    id: str = Field(default_factory=new_id)
    old: CheckIn
    replaced_at: Stamp
    replaced_by: str


class TargetChange(_Model):
    """A ledger entry: a target or due date changed, with the reason.

    Values are kept as text so the ledger can hold numbers and dates alike.
    """

    id: str = Field(default_factory=new_id)
    goal: str = Field(pattern=KEY_PATTERN)
    field: str = Field(description="target, baseline or due")
    old: str
    new: str
    reason: str = Field(min_length=1, max_length=500)
    by: str = ""
    at: Stamp


LedgerValue = float | date | None


def ledger_fields(old: Goal, new: Goal) -> list[tuple[str, LedgerValue, LedgerValue]]:
    """(field, before, after) for each changed field that needs a reason and a ledger entry:
    the target, the baseline and the due date. The one list the form and the store share."""
    pairs: dict[str, tuple[LedgerValue, LedgerValue]] = {
        "target": (old.metric.target, new.metric.target),
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


_RELATIVE = re.compile(r"^\s*([+-])\s*(\d+(?:\.\d+)?)\s*%\s*$")


def parse_target(text: str, baseline: float | None) -> float:
    """Parse a target: an absolute number, or a signed change of the baseline ("-25%", "+10%").

    Only a sign *and* a percent sign make it relative, so "80%" for FCR stays 80.
    """
    match = _RELATIVE.match(text)
    if match is None:
        return parse_number(text, "target")
    if baseline is None:
        raise ValueError("a relative target like -25% needs a baseline first")
    sign = -1.0 if match.group(1) == "-" else 1.0
    change = sign * float(match.group(2)) / 100.0
    return round(baseline * (1.0 + change), 6)


def describe_error(error: ValidationError) -> str:
    """One readable line from a pydantic error: "metric.target: must be a number; ..."."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "value"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "string_pattern_mismatch" and where.endswith("key"):
            message = "use 1-32 lower-case letters, digits or dashes, e.g. aht-maria"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)
