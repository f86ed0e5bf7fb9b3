"""Meeting minutes: what a review meeting or one-on-one decided, goal by goal.

Pure pydantic, no textual and no I/O. Review mode (screens/review.py) builds a
`Minutes`, the store keeps it (`Store.save_minutes`), and `minutes_markdown`
renders it for `goaltui export --format minutes`.

Every goal of the review is recorded, with its figures as they were at the
meeting. A goal that got no outcome key is kept with `outcome=None`, shown as
"not discussed": the minutes then say which goals the meeting did not reach.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from goaltui.core import formatting as fmt
from goaltui.core.ids import new_id
from goaltui.core.models import Goal, Level, Name, Note, Number, Plain, Stamp
from goaltui.core.progress import GoalProgress
from goaltui.core.rules import NOTE_MAX
from goaltui.core.status_words import status_words
from goaltui.core.wins import Kudos

NOT_DISCUSSED = "not discussed"
TEAM_MEETING = "team meeting"
ONE_ON_ONE = "one-on-one"


class Outcome(StrEnum):
    """What the meeting decided for a goal."""

    KEEP = "keep"
    ADJUST = "adjust"
    CELEBRATE = "celebrate"


class _Model(BaseModel):
    # defer_build: the validators are built on first use, not at every start.
    model_config = ConfigDict(
        extra="ignore", str_strip_whitespace=True, validate_assignment=True, defer_build=True
    )


class ReviewItem(_Model):
    """One goal as the meeting saw it: its figures at the time, the outcome and the note."""

    goal: str = Field(description="The goal's key")
    title: Plain = ""
    owner: Plain = ""
    metric: Plain = Field(default="", description="KPI name, e.g. AHT")
    unit: Plain = ""
    current: Number | None = Field(default=None, description="Latest value at the meeting")
    target: Number | None = None
    # Written only for a band goal: the minutes read "→ 300..360 s", not just its near edge.
    band: tuple[Number, Number] | None = Field(default=None, exclude_if=lambda v: v is None)
    percent: int | None = Field(default=None, description="Share of the way to the target")
    status: Plain = Field(default="", description="Status in words: on track, behind...")
    days_left: int | None = Field(default=None, description="Negative when overdue")
    outcome: Outcome | None = Field(default=None, description="None: not discussed")
    note: Note = ""

    @property
    def discussed(self) -> bool:
        return self.outcome is not None or bool(self.note)


class Minutes(_Model):
    """The record of one review meeting."""

    id: str = Field(default_factory=new_id)
    held_on: date
    kind: Name = Field(default=TEAM_MEETING, description="team meeting, one-on-one")
    attendees: list[Plain] = Field(default_factory=list)
    items: list[ReviewItem] = Field(default_factory=list)
    by: Plain = ""
    at: Stamp | None = None

    def item(self, goal_key: str) -> ReviewItem | None:
        return next((i for i in self.items if i.goal == goal_key), None)


def review_item(
    goal: Goal, progress: GoalProgress, outcome: Outcome | None = None, note: str = ""
) -> ReviewItem:
    """Capture a goal's figures as they are now, with the meeting's outcome and note."""
    return ReviewItem(
        goal=goal.key,
        title=goal.title,
        owner=goal.owner,
        metric=goal.metric.name,
        unit=goal.metric.unit,
        current=progress.current,
        target=goal.metric.target,
        band=goal.metric.band,
        percent=progress.percent,
        status=status_words(progress),  # "stale" when nobody renewed the value
        days_left=progress.days_left,
        outcome=outcome,
        note=note,
    )


def celebration_id(minutes_id: str, goal_key: str) -> str:
    """The kudos a meeting's "celebrate" records: one per minutes and goal, so saving the
    minutes again replaces it rather than adding a second."""
    return f"celebrate:{minutes_id}:{goal_key}"


def celebration_kudos(minutes: Minutes, by: str, at: datetime) -> list[Kudos]:
    """A kudos for the owner of each goal the meeting celebrated, with the meeting's note
    for the goal, so the win is thanked at the huddle (wins screen, wins export) too."""
    out = []
    for item in minutes.items:
        if item.outcome is not Outcome.CELEBRATE:
            continue
        note = f"Celebrated in the {minutes.kind} of {minutes.held_on.isoformat()}"
        if item.note:
            note = f"{note}: {item.note}"[:NOTE_MAX]
        out.append(
            Kudos(
                id=celebration_id(minutes.id, item.goal),
                agent=item.owner or "team",
                note=note,
                goal=item.goal,
                by=by,
                at=at,
            )
        )
    return out


def parse_attendees(text: str) -> list[str]:
    """ "Ana, Ben ,, Sam" -> ["Ana", "Ben", "Sam"] (blanks and repeats dropped)."""
    names: list[str] = []
    for part in text.split(","):
        name = part.strip()
        if name and name not in names:
            names.append(name)
    return names


def default_kind(goals: Iterable[Goal]) -> str:
    """Only agent goals of one owner: a one-on-one; anything else: a team meeting."""
    goals = list(goals)
    owners = {g.owner for g in goals}
    agents_only = all(g.level is Level.AGENT for g in goals)
    return ONE_ON_ONE if len(owners) == 1 and agents_only else TEAM_MEETING


def last_item(history: Sequence[Minutes], goal_key: str) -> tuple[Minutes, ReviewItem] | None:
    """The most recent minutes (newest first in `history`) that discussed this goal."""
    for minutes in history:
        item = minutes.item(goal_key)
        if item is not None and item.discussed:
            return minutes, item
    return None


def figures_text(item: ReviewItem) -> str:
    """ "AHT 7:53 → 7:00 · 55% · at risk · 34 days left"."""
    figures = fmt.pair(item.current, item.target, item.unit, edges=item.band)
    parts = [f"{item.metric} {figures}".strip()]
    if item.percent is not None:
        parts.append(fmt.percent(item.percent))
    if item.status:
        parts.append(item.status)
    if item.days_left is not None:
        parts.append(fmt.days(item.days_left))
    return " · ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def minutes_markdown(
    minutes: Minutes, outcome_of: Callable[[ReviewItem], str] | None = None
) -> str:
    """The minutes as Markdown: date, kind, attendees, then one section per goal.

    `outcome_of` words an item's outcome (core/meetings.py adds what "adjust" changed)."""
    attendees = ", ".join(minutes.attendees) or "—"
    lines = [
        f"# Minutes: {minutes.kind}, {minutes.held_on.isoformat()}",
        "",
        f"- **Date:** {minutes.held_on.isoformat()}",
        f"- **Kind:** {minutes.kind}",
        f"- **Attendees:** {attendees}",
    ]
    if minutes.by:
        lines.append(f"- **Recorded by:** {minutes.by}")
    counts = {o: sum(1 for i in minutes.items if i.outcome is o) for o in Outcome}
    missed = sum(1 for i in minutes.items if i.outcome is None)
    summary = [f"{n} {o.value}" for o, n in counts.items() if n]
    if missed:
        summary.append(f"{missed} {NOT_DISCUSSED}")
    lines += [f"- **Goals:** {len(minutes.items)} ({', '.join(summary) or 'none'})", ""]
    lines += ["| goal | title | figures | outcome | note |", "|---|---|---|---|---|"]
    for item in minutes.items:
        if outcome_of is not None:
            outcome = outcome_of(item)
        else:
            outcome = item.outcome.value if item.outcome else NOT_DISCUSSED
        cells = [item.goal, item.title, figures_text(item), outcome, item.note or "—"]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
