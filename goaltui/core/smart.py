"""SMART assessment of a goal: advice for the lead, never a blocker.

Each letter gets PASS, WARN or FAIL with a one-line reason and a hint on how to fix it.
Pure: no textual, no I/O; "today" and the goal's check-ins are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from goaltui.core import formatting as fmt
from goaltui.core.dates import add_months
from goaltui.core.models import Direction, Goal, GoalStatus, Level, Point
from goaltui.core.progress import target_met, trend_slope

MIN_TITLE_WORDS = 3
HISTORY_DAYS = 14  # history this long is enough to judge a goal against itself
TREND_WINDOW_DAYS = 30  # best pace is measured over sliding 30-day windows...
MIN_TREND_SPAN_DAYS = 7  # ...that hold at least a week of check-ins
PACE_FACTOR = 2.0  # needing more than twice the best pace so far is a stretch
GENERIC_MONTHLY_CHANGE = 0.5  # without history: > 50 % relative change per 30 days
GENERIC_TOTAL_CHANGE = 1.0  # ...or more than doubling / vanishing at all
MAX_HORIZON_MONTHS = 18

PERCENT_UNITS = frozenset({"%", "pct", "percent"})
DURATION_UNITS = frozenset(
    {"ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes"}
    | {"h", "hr", "hrs", "hour", "hours", "d", "day", "days"}
)


class Grade(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


_SEVERITY = {Grade.PASS: 0, Grade.WARN: 1, Grade.FAIL: 2}
NAMES = {"S": "Specific", "M": "Measurable", "A": "Attainable", "R": "Relevant", "T": "Timely"}


@dataclass(frozen=True)
class Check:
    """One SMART letter's verdict."""

    letter: str  # "S", "M", "A", "R" or "T"
    name: str  # "Specific", ...
    grade: Grade
    reason: str  # one line: what we saw
    hint: str  # how to fix it; "" on a pass


@dataclass(frozen=True)
class Assessment:
    """The five checks, in S-M-A-R-T order."""

    checks: tuple[Check, ...]

    @property
    def score(self) -> int:
        """How many letters pass (0-5)."""
        return sum(check.grade is Grade.PASS for check in self.checks)

    @property
    def worst(self) -> Grade:
        return max((c.grade for c in self.checks), key=_SEVERITY.__getitem__, default=Grade.PASS)

    def letter(self, letter: str) -> Check:
        """The check for one letter ("s" or "S"); KeyError for anything else."""
        for check in self.checks:
            if check.letter == letter.upper():
                return check
        raise KeyError(letter)


Issue = tuple[Grade, str, str]  # grade, reason, hint


def _warn(reason: str, hint: str) -> Issue:
    return (Grade.WARN, reason, hint)


def _fail(reason: str, hint: str) -> Issue:
    return (Grade.FAIL, reason, hint)


def _check(letter: str, issues: list[Issue], ok: str) -> Check:
    """Fold issues into one check: the worst grade, every reason and hint on one line."""
    if not issues:
        return Check(letter, NAMES[letter], Grade.PASS, ok, "")
    issues.sort(key=lambda issue: -_SEVERITY[issue[0]])  # stable: keeps rule order
    reason = " ".join(issue[1] for issue in issues)
    hint = " ".join(issue[2] for issue in issues)
    return Check(letter, NAMES[letter], issues[0][0], reason, hint)


def _specific(goal: Goal) -> Check:
    """Fail: < 3 words and no details. Warn: no details, or an agent goal owned by "team"."""
    issues: list[Issue] = []
    words = re.findall(r"\w+", goal.title)
    if len(words) < MIN_TITLE_WORDS and not goal.details:
        issues.append(
            _fail(
                f"The title {goal.title!r} is too short to say what should change.",
                "Name the KPI, who and where, e.g. 'Cut AHT for the billing queue'.",
            )
        )
    elif not goal.details:
        issues.append(_warn("No details yet.", "Add who, what and where in the details."))
    if goal.level is Level.AGENT and goal.owner.strip().lower() in {"", "team"}:
        issues.append(_warn("No agent is named as owner.", "Set the owner to the agent."))
    return _check("S", issues, "Clear title and details, with an owner.")


def _measurable(goal: Goal) -> Check:
    """Fail: baseline or target missing. Warn: target == baseline, or no unit.

    A band (300..360 s) is a measurable target: without a baseline it only warns (inside
    or not can be told, progress can't), and a baseline inside it is a hold goal."""
    m = goal.metric
    issues: list[Issue] = []
    band = m.band
    if band is not None and m.baseline is None:
        issues.append(
            _warn(
                f"No baseline: the board can tell inside {fmt.band(band, m.unit)} or not, "
                "but not progress.",
                "Add a baseline (today's value).",
            )
        )
    elif m.baseline is None or m.target is None:
        missing = " and ".join(
            name for name, v in (("baseline", m.baseline), ("target", m.target)) if v is None
        )
        issues.append(
            _fail(
                f"No {missing}: progress can't be measured.",
                "Add a baseline (today's value) and a target, e.g. 7:00 -> 6:00 for AHT.",
            )
        )
    elif m.baseline == m.target and band is None:
        issues.append(
            _warn(
                f"Target equals baseline ({fmt.value(m.target, m.unit)}): nothing to improve.",
                "Set the value you want to reach, or say in the title that it is a hold goal.",
            )
        )
    if not m.unit:
        issues.append(_warn("No unit.", "Add a unit such as s, min or %."))
    ok = ""
    if m.baseline is not None and m.target is not None:
        aim = fmt.goal_target(m.target, m.unit, band)
        ok = f"{m.name}: {fmt.value(m.baseline, m.unit)} -> {aim}."
    return _check("M", issues, ok)


def _best_pace(points: Sequence[Point], sign: float) -> float | None:
    """Best improvement per day over any 30-day window spanning at least a week."""
    best: float | None = None
    first = 0
    for end, last in enumerate(points):
        while (last.day - points[first].day).days >= TREND_WINDOW_DAYS:
            first += 1
        if (last.day - points[first].day).days < MIN_TREND_SPAN_DAYS:
            continue
        slope = trend_slope(points[first : end + 1])
        if slope is not None and (best is None or sign * slope > best):
            best = sign * slope
    return best


def _attainable(goal: Goal, points: Sequence[Point], today: date) -> Check:
    """Fail: impossible target (% outside 0-100, negative time). Warn: stretch or no plan."""
    m = goal.metric
    unit = m.unit.strip().lower()
    issues: list[Issue] = []
    aims = [m.target] if m.band is None else list(m.band)  # both edges of a band
    wrong = [a for a in aims if a is not None and not 0 <= a <= 100]
    if wrong and unit in PERCENT_UNITS:
        impossible = f"A {m.name} of {fmt.percent(wrong[0])} is impossible."
        issues.append(_fail(impossible, "Pick 0-100%."))
    if unit in DURATION_UNITS and any(a is not None and a < 0 for a in aims):
        issues.append(_fail("A negative time is impossible.", "Pick a target of 0 or more."))
    if m.baseline is None or m.target is None:
        issues.append(_warn("Can't judge the size of the change yet.", "Fill in M first."))
    elif not issues:
        issue = _stretch(goal, m.baseline, m.target, points, today)
        if issue is not None:
            issues.append(issue)
    if not goal.plan:
        issues.append(_warn("No plan yet.", "Note the coaching, tools or time this needs."))
    return _check("A", issues, "The change looks reachable in the time left, with a plan.")


def _stretch(
    goal: Goal, baseline: float, target: float, points: Sequence[Point], today: date
) -> Issue | None:
    """Warn when the target needs an implausible change for the time left.

    With two weeks of check-ins: needing more than PACE_FACTOR x the best 30-day pace seen.
    Otherwise: a relative change above GENERIC_TOTAL_CHANGE, or above
    GENERIC_MONTHLY_CHANGE per 30 days left.
    """
    seen = [p for p in points if p.day <= today]
    current = seen[-1].value if seen else baseline
    if target_met(goal, current) or baseline == target:
        return None
    remaining = abs(target - current)
    begin = max(today, goal.start)
    days_left = (goal.due - begin).days if goal.due is not None else None
    if days_left is not None and days_left <= 0:
        return None  # T already flags a passed due date
    sign = -1.0 if goal.metric.direction is Direction.LOWER else 1.0
    unit = goal.metric.unit
    history = len(seen) >= 2 and (seen[-1].day - seen[0].day).days >= HISTORY_DAYS
    best = _best_pace(seen, sign) if history else None
    hint = "Give it more time, a nearer target, or milestones on the way."
    if best is not None and days_left is not None:
        needed = remaining / days_left
        if needed > PACE_FACTOR * max(best, 0.0):
            so_far = f"{fmt.value(best * 7, unit)} a week" if best > 0 else "no improvement"
            needs = f"Needs {fmt.value(needed * 7, unit)} a week; best so far: {so_far}."
            return _warn(needs, hint)
        return None
    if baseline == 0:
        return None  # a relative change from zero means nothing
    total = abs(target - baseline) / abs(baseline)
    if total > GENERIC_TOTAL_CHANGE:
        return _warn(f"A {total:.0%} change is a big leap.", hint)
    if days_left is not None:
        monthly = remaining / abs(baseline) * TREND_WINDOW_DAYS / days_left
        if monthly > GENERIC_MONTHLY_CHANGE:
            return _warn(f"Needs a {monthly:.0%} change a month.", hint)
    return None


def _relevant(goal: Goal, known_keys: Collection[str]) -> Check:
    """Pass with a why or a parent. Warn: unknown parent. Fail: neither."""
    issues: list[Issue] = []
    if goal.parent is not None and known_keys and goal.parent not in known_keys:
        hint = "Pick an existing parent goal or clear it."
        issues.append(_warn(f"Parent goal {goal.parent!r} doesn't exist.", hint))
    if not goal.why and goal.parent is None:
        issues.append(
            _fail(
                "No reason given and not aligned to a bigger goal.",
                "Say why it matters, e.g. 'long holds drive CSAT down', or pick a parent goal.",
            )
        )
    ok = f"Supports {goal.parent!r}." if goal.parent else "Says why it matters."
    return _check("R", issues, ok)


def _timely(goal: Goal, today: date) -> Check:
    """Fail: no due date or due < start. Warn: past due while active, or > 18 months away."""
    issues: list[Issue] = []
    due = goal.due
    if due is None:
        issues.append(_fail("No due date.", "Set a due date, e.g. eoq or +8w."))
    elif due < goal.start:
        issues.append(_fail("Due before it starts.", "Move the due date after the start date."))
    elif goal.status is GoalStatus.ACTIVE and due < today:
        days = (today - due).days
        hint = "Close the goal or move the due date, with a reason."
        issues.append(_warn(f"Due date passed {days} day{'s' if days != 1 else ''} ago.", hint))
    elif due > add_months(max(today, goal.start), MAX_HORIZON_MONTHS):
        hint = "Break it into shorter goals or milestones."
        issues.append(_warn(f"Due more than {MAX_HORIZON_MONTHS} months away.", hint))
    ok = f"Due {due.isoformat()}." if due else ""
    return _check("T", issues, ok)


def assess(
    goal: Goal, points: Sequence[Point], today: date, known_keys: Collection[str] = ()
) -> Assessment:
    """Grade a goal on the five SMART letters.

    `points` are the goal's check-ins (sorted by day); `known_keys` are the keys of
    existing goals, used to spot a dangling parent (skipped when empty).
    """
    ordered = sorted(points, key=lambda p: p.day)
    return Assessment(
        (
            _specific(goal),
            _measurable(goal),
            _attainable(goal, ordered, today),
            _relevant(goal, known_keys),
            _timely(goal, today),
        )
    )
