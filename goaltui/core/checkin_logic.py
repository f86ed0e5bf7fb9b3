"""The check-in screen's rules as plain data: rows, owner ordering, plausibility, day labels.

Pure (no textual, no I/O): the screen renders these and talks to the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from goaltui.core import attention, value_rules
from goaltui.core import formatting as fmt
from goaltui.core.dates import short_day
from goaltui.core.models import Confidence, Goal, GoalStatus, Level, Milestone, Point
from goaltui.core.numbers import parse_value
from goaltui.core.progress import sparkline_series
from goaltui.core.snapshot import Snapshot
from goaltui.core.targets import lower_is_better

_LEVEL_RANK = {Level.CENTER: 0, Level.TEAM: 1, Level.AGENT: 2}
_CONFIDENCE_CYCLE: tuple[Confidence | None, ...] = (
    None,
    Confidence.ON_TRACK,
    Confidence.AT_RISK,
    Confidence.OFF_TRACK,
)
CONFIDENCE_LABELS: dict[Confidence, str] = {
    Confidence.ON_TRACK: "on track",
    Confidence.AT_RISK: "at risk",
    Confidence.OFF_TRACK: "off track",
}
CONFIDENCE_SHORT: dict[Confidence, str] = {
    Confidence.ON_TRACK: "ok",
    Confidence.AT_RISK: "risk",
    Confidence.OFF_TRACK: "off",
}


@dataclass
class CheckInRow:
    """One active goal on the check-in screen, for the day being logged.

    Mutable on purpose: the screen records what it saved (value, note, confidence)
    and what the lead has set but not saved yet (note, confidence).
    """

    goal: Goal
    history: list[Point]  # check-ins strictly before the day, oldest first
    value: float | None = None  # the day's saved value
    note: str = ""
    confidence: Confidence | None = None
    first_of_owner: bool = False

    @property
    def key(self) -> str:
        return self.goal.key

    @property
    def saved(self) -> bool:
        return self.value is not None

    @property
    def last(self) -> Point | None:
        return self.history[-1] if self.history else None

    @property
    def unusual(self) -> attention.Unusual | None:
        """The day's saved value against the 30 values before it (attention.unusual)."""
        if self.value is None:
            return None
        before = [p.value for p in self.history[-attention.UNUSUAL_WINDOW :]]
        metric = self.goal.metric
        return attention.unusual(
            self.value, before, lower_is_better(metric.baseline, metric.target)
        )

    def sparkline(self, day: date) -> list[float]:
        """The last 30 days of values up to the day, including the day's value once saved."""
        points = list(self.history)
        if self.value is not None:
            points.append(Point(day, self.value))
        return sparkline_series(points, day)


def build_rows(snapshot: Snapshot, day: date) -> list[CheckInRow]:
    """Active goals grouped by owner: centre and team owners first, then agents A-Z, then by key.
    A goal that starts after `day` is left out: the store refuses its values for that day."""
    active = [
        g
        for g in snapshot.goals
        if g.status is GoalStatus.ACTIVE and value_rules.day_problem(g.key, day, g.start) is None
    ]
    owner_rank: dict[str, int] = {}
    for goal in active:
        # An owner with team and agent goals is grouped with the teams: its highest level wins.
        rank = _LEVEL_RANK[goal.level]
        owner_rank[goal.owner] = min(rank, owner_rank.get(goal.owner, rank))
    active.sort(key=lambda g: (owner_rank[g.owner], g.owner.casefold(), g.owner, g.key))
    rows = []
    previous_owner: str | None = None
    for goal in active:
        points = snapshot.series.get(goal.key, [])
        today_value = next((p.value for p in points if p.day == day), None)
        rows.append(
            CheckInRow(
                goal=goal,
                history=[p for p in points if p.day < day],
                value=today_value,
                first_of_owner=goal.owner != previous_owner,
            )
        )
        previous_owner = goal.owner
    return rows


def first_open_row(rows: Sequence[CheckInRow]) -> int:
    """Where the cursor starts: the first goal without a value for the day (else the first)."""
    return next((i for i, row in enumerate(rows) if not row.saved), 0)


def cycle_confidence(current: Confidence | None) -> Confidence | None:
    """none -> on track -> at risk -> off track -> none."""
    index = _CONFIDENCE_CYCLE.index(current)
    return _CONFIDENCE_CYCLE[(index + 1) % len(_CONFIDENCE_CYCLE)]


def last_label(row: CheckInRow, day: date, unit: str = "") -> str:
    """The previous value, with its day unless it is the day before the one being logged."""
    last = row.last
    if last is None:
        return fmt.MISSING
    text = fmt.value(last.value, unit)
    age = (day - last.day).days
    if age == 1:
        return text
    if age <= 6:
        return f"{text} {last.day:%a}"
    return f"{text} {last.day.day} {last.day:%b}"


def day_title(day: date) -> str:
    return f"Check-in for {short_day(day)}"


@dataclass(frozen=True)
class Entry:
    """What Enter on the input means: an error to show, a value to save (after a yes to
    `question` when there is one), or, with neither, just move on."""

    value: float | None = None
    error: str = ""
    question: str = ""


def read_entry(text: str, row: CheckInRow) -> Entry:
    """Interpret the typed text for `row` (empty moves on only when the day is already logged)."""
    if not text.strip():
        return Entry() if row.saved else Entry(error="type a value, or tab to skip this goal")
    try:
        value = parse_value(text, row.goal.metric.unit)
    except ValueError as exc:
        return Entry(error=str(exc))
    return Entry(value, question=implausible(value, row.goal, [p.value for p in row.history]) or "")


def implausible(value: float, goal: Goal, history: Sequence[float]) -> str | None:
    """A question to confirm a value far from the goal's recent values, or None when it
    looks fine (the rule is value_rules.implausible, shared with `goaltui log`)."""
    metric = goal.metric
    why = value_rules.implausible(
        value,
        goal.key,
        unit=metric.unit,
        baseline=metric.baseline,
        target=metric.target,
        history=history,
        band=metric.band,
    )
    return None if why is None else f"{why}. Save anyway?"


def due_milestone_label(goal_key: str, title: str, due: date, today: date) -> str:
    """'fcr-sam: Shadow Priya on escalations (6 days overdue)'."""
    late = max(0, (today - due).days)
    return f"{goal_key}: {title} ({fmt.days(-late)})"


def due_milestones(milestones: Iterable[Milestone], today: date) -> list[Milestone]:
    """Open milestones due today or earlier, most overdue first."""
    due = [m for m in milestones if not m.done and m.due is not None and m.due <= today]
    return sorted(due, key=lambda m: (m.due or today, m.goal, m.order))


def progress_label(rows: Sequence[CheckInRow], day: date, today: date) -> str:
    """The header's subtitle: '3 of 10 logged', flagged when back-filling an earlier day."""
    logged = f"{sum(row.saved for row in rows)} of {len(rows)} logged"
    return logged if day == today else f"back-fill · {logged}"


def input_title(row: CheckInRow) -> str:
    """Names the goal the input is for: 'aht-billing · AHT (m:ss) · at risk · note: ...'."""
    metric = row.goal.metric
    unit = fmt.unit_label(metric.unit)
    title = f"{row.key} · {metric.name}" + (f" ({unit})" if unit else "")
    if row.confidence is not None:
        title += f" · {CONFIDENCE_LABELS[row.confidence]}"
    if row.note:
        title += f" · note: {row.note}"
    return title


def input_hint(row: CheckInRow, day: date) -> str:
    """The input's placeholder: the last value and the target, or what was saved."""
    if row.value is not None:
        saved = f"saved {fmt.value(row.value, row.goal.metric.unit)}"
        if row.unusual:
            saved += f" · {attention.UNUSUAL_WORDS[row.unusual]}"
        return f"{saved} · type to replace, enter to go on"
    unit = row.goal.metric.unit
    metric = row.goal.metric
    last, target = last_label(row, day, unit), fmt.goal_target(metric.target, unit, metric.band)
    aim = "target" if metric.band is None else "band"
    return f"last {last} · {aim} {target} · value for {short_day(day)}"
