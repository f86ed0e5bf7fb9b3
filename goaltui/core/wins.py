"""Wins and kudos: what the team celebrates at the next huddle.

Pure (pydantic, no textual, no I/O). The store feeds `detect_wins` the goals, their
check-in series and their milestones; every win has an id made from what it is about,
so detecting twice finds the same win and the store records it once.

Rules (each checked on the check-ins dated up to today, in day order):

- TARGET: the first check-in that meets the goal's current target (direction-aware,
  inclusive, as on the board). Id ``target:<goal>:<target>``: a new target can be won again.
  A band goal's first check-in inside its band; id ``target:<goal>:<low>..<high>``.
- MILESTONE: a milestone is done. Id ``milestone:<milestone id>``: ticking it off, on
  and on again is one win.
- REACHED: a milestone ticked itself, a value reaching its threshold (store/
  milestone_ticks.py), on the day of that value, naming who logged it. The same id as
  MILESTONE: one milestone is one win, its kind says how it was done.
- STREAK: STREAK_LENGTH (3) check-ins in a row meet the target; the win is on the third.
  A run that breaks and starts again is a new win. Id ``streak:<goal>:<day>``. For a band
  goal the run is of check-ins inside the band ("inside its band 3 check-ins in a row").
- BEST: an agent's best value on a metric (the owner of agent-level goals, per metric
  name and direction), better than every earlier value and after at least
  BEST_MIN_HISTORY earlier values (band goals have no best: lower is not better inside a
  band). At most one a week: a best within WEEK_DAYS of the
  last personal-best win is none, so an improving trend is not a win every day.
  Id ``best:<owner>:<metric>:<direction>:<YYYY-MM-DD>``.

Every rule looks at days only through their order and distance, never the calendar, so
data moved in time (the demo, shifted to end today) has the same wins, moved with it, and
an id with a day in it moves with the data (formats/demo.py shifts it). Files written
before this rule keep their best wins under ``...:<YYYY-Www>`` ids (the first best of an
ISO week); `legacy_ids` names them, so such a week's best is not recorded a second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from goaltui.core import formatting as fmt
from goaltui.core.ids import new_id
from goaltui.core.models import (
    Direction,
    Goal,
    GoalStatus,
    Level,
    Milestone,
    Name,
    Note,
    Plain,
    Point,
)
from goaltui.core.progress import target_met
from goaltui.core.targets import BEST_MIN_HISTORY
from goaltui.core.thresholds import threshold_label, threshold_lower

STREAK_LENGTH = 3
WEEK_DAYS = 7  # "this week" for the huddle: today and the six days before


class WinKind(StrEnum):
    TARGET = "target"
    MILESTONE = "milestone"
    REACHED = "reached"
    STREAK = "streak"
    BEST = "best"


class _Model(BaseModel):
    # defer_build: the validators are built on first use, not at every start.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, defer_build=True)


class Win(_Model):
    """Something worth celebrating, found in the data (never typed in)."""

    id: str = Field(description="Made from what the win is about: the same win, the same id")
    kind: WinKind
    goal: str = Field(description="Key of the goal the win belongs to")
    owner: Plain = Field(description="Who gets the credit: the goal's owner")
    day: date = Field(description="The day it happened (check-in day or milestone done day)")
    text: Plain = Field(description="One line for the wins list and the notice")
    recorded_at: datetime | None = Field(default=None, description="When the store kept it")


class Kudos(_Model):
    """A recognition note the lead wrote for an agent, tied to a goal or not."""

    id: str = Field(default_factory=new_id)
    agent: Name = Field(min_length=1)
    note: Note = Field(min_length=1)
    goal: str | None = Field(default=None, description="Key of the goal it is about, if any")
    by: Plain = ""
    at: datetime

    @property
    def day(self) -> date:
        return self.at.date()


def _goal_wins(goal: Goal, points: Sequence[Point]) -> list[Win]:
    target = goal.metric.target
    if target is None or goal.status is GoalStatus.ARCHIVED:
        return []
    unit, band = goal.metric.unit, goal.metric.band
    # :g, not the display rule: recorded ids must not change.
    aim = f"{target:g}" if band is None else f"{band[0]:g}..{band[1]:g}"
    wins: list[Win] = []
    reached = False
    run = 0
    for point in points:
        if not target_met(goal, point.value):
            run = 0
            continue
        run += 1
        if not reached:
            reached = True
            now = f"{goal.metric.name} {fmt.value(point.value, unit)}"
            text = (
                f"{goal.key} reached its target: {now} (target {fmt.value(target, unit)})"
                if band is None
                else f"{goal.key} is inside its band: {now} (band {fmt.band(band, unit)})"
            )
            wins.append(
                Win(
                    id=f"target:{goal.key}:{aim}",
                    kind=WinKind.TARGET,
                    goal=goal.key,
                    owner=goal.owner,
                    day=point.day,
                    text=text,
                )
            )
        if run == STREAK_LENGTH:
            what = "beat its target" if band is None else "stayed inside its band"
            wins.append(
                Win(
                    id=f"streak:{goal.key}:{point.day.isoformat()}",
                    kind=WinKind.STREAK,
                    goal=goal.key,
                    owner=goal.owner,
                    day=point.day,
                    text=f"{goal.key} {what} {STREAK_LENGTH} check-ins in a row "
                    f"({goal.metric.name} {fmt.value(point.value, unit)})",
                )
            )
    return wins


def _better(direction: Direction, value: float, best: float) -> bool:
    return value < best if direction is Direction.LOWER else value > best


def _best_wins(goals: Sequence[Goal], series: Mapping[str, Sequence[Point]]) -> list[Win]:
    groups: dict[tuple[str, str, Direction], list[tuple[date, float, Goal]]] = {}
    for goal in goals:
        direction = goal.metric.direction
        if goal.level is not Level.AGENT or direction is None or goal.metric.band is not None:
            continue
        group = groups.setdefault((goal.owner, goal.metric.name, direction), [])
        group.extend((p.day, p.value, goal) for p in series.get(goal.key, ()))
    wins: list[Win] = []
    for (owner, metric, direction), values in sorted(groups.items()):
        values.sort(key=lambda item: (item[0], item[2].key))
        last: date | None = None  # the day of the group's last personal-best win
        best: float | None = None
        for n, (day, value, goal) in enumerate(values):
            new_best = best is not None and _better(direction, value, best)
            a_week_on = last is None or (day - last).days >= WEEK_DAYS
            if new_best and a_week_on and n >= BEST_MIN_HISTORY:
                last = day
                wins.append(
                    Win(
                        id=f"best:{owner.casefold()}:{metric.casefold()}:{direction}:"
                        f"{day.isoformat()}",
                        kind=WinKind.BEST,
                        goal=goal.key,
                        owner=owner,
                        day=day,
                        text=f"Personal best for {owner}: {metric} "
                        f"{fmt.value(value, goal.metric.unit)}",
                    )
                )
            if best is None or _better(direction, value, best):
                best = value
    return wins


def legacy_ids(win: Win) -> tuple[str, ...]:
    """Ids the same win may be recorded under in files written before the day-based best
    ids: ``best:...:<YYYY-Www>``, one per ISO week."""
    if win.kind is not WinKind.BEST:
        return ()
    year, week, _ = win.day.isocalendar()
    return (f"{win.id.rsplit(':', 1)[0]}:{year}-W{week:02d}",)


def _milestone_wins(goals: Mapping[str, Goal], milestones: Iterable[Milestone]) -> list[Win]:
    wins = []
    for m in milestones:
        goal = goals.get(m.goal)
        if goal is None or not m.done or m.done_at is None:
            continue
        if goal.status is GoalStatus.ARCHIVED:
            continue
        if m.reached_on is not None and m.threshold is not None:
            wins.append(_reached_win(goal, m, m.reached_on, m.threshold))
            continue
        wins.append(
            Win(
                id=f"milestone:{m.id}",
                kind=WinKind.MILESTONE,
                goal=goal.key,
                owner=goal.owner,
                day=m.done_at.date(),
                text=f"Milestone done for {goal.key}: {m.title}",
            )
        )
    return wins


def _reached_win(goal: Goal, m: Milestone, day: date, threshold: float) -> Win:
    """'Milestone reached for crt-team: Q1 (Call return <= 22.5 h), by maria'; the threshold
    is left out when the title already says it."""
    metric = goal.metric
    said = ""
    if fmt.number(threshold) not in m.title:
        lower = threshold_lower(metric.baseline, metric.target, threshold)
        said = f" ({metric.name} {threshold_label(lower, threshold, metric.unit, ascii=True)})"
    who = f", by {m.done_by}" if m.done_by else ""
    return Win(
        id=f"milestone:{m.id}",  # as a hand tick's: one milestone, one win
        kind=WinKind.REACHED,
        goal=goal.key,
        owner=goal.owner,
        day=day,
        text=f"Milestone reached for {goal.key}: {m.title}{said}{who}",
    )


def _done_day(m: Milestone) -> date | None:
    """The day a milestone's win is on: its reaching value's day, else when it was ticked."""
    return m.reached_on or (m.done_at.date() if m.done_at else None)


_KIND_ORDER = {kind: n for n, kind in enumerate(WinKind)}


def detect_wins(
    goals: Sequence[Goal],
    series: Mapping[str, Sequence[Point]],
    milestones: Iterable[Milestone],
    today: date,
) -> list[Win]:
    """Every win in the data as of `today`, oldest first (see the module doc for the rules)."""
    seen = {g.key: sorted(p for p in series.get(g.key, ()) if p.day <= today) for g in goals}
    wins: list[Win] = []
    for goal in goals:
        wins += _goal_wins(goal, seen[goal.key])
    wins += _best_wins([g for g in goals if g.status is not GoalStatus.ARCHIVED], seen)
    done = [m for m in milestones if (day := _done_day(m)) is None or day <= today]
    wins += _milestone_wins({g.key: g for g in goals}, done)
    unique = {w.id: w for w in wins}
    return sorted(unique.values(), key=lambda w: (w.day, _KIND_ORDER[w.kind], w.goal, w.id))


# -- the huddle list ------------------------------------------------------------------


def week_start(today: date) -> date:
    """First day of "this week" for the huddle: today and the six days before."""
    return today - timedelta(days=WEEK_DAYS - 1)


def this_week(wins: Iterable[Win], kudos: Iterable[Kudos], today: date) -> list[Win | Kudos]:
    """This week's wins and kudos, newest day first; on one day the kudos (newest first),
    then the wins in rule order (target, milestone, reached, streak, best)."""
    first = week_start(today)
    items: list[Win | Kudos] = [w for w in wins if first <= w.day <= today]
    items += [k for k in kudos if first <= k.day <= today]

    def key(item: Win | Kudos) -> tuple[int, int, str, str]:
        if isinstance(item, Kudos):
            return (-item.day.toordinal(), 0, _newest_first(item.at), item.id)
        return (-item.day.toordinal(), 1 + _KIND_ORDER[item.kind], item.goal, item.id)

    return sorted(items, key=key)


def _newest_first(moment: datetime) -> str:
    """A sort key that puts later moments first."""
    return f"{10**12 - int(moment.timestamp()):013d}"


def kudos_text(kudos: Kudos) -> str:
    about = f" ({kudos.goal})" if kudos.goal else ""
    by = f" (from {kudos.by})" if kudos.by else ""
    return f"Kudos for {kudos.agent}{about}: {kudos.note}{by}"


def wins_markdown(wins: Iterable[Win], kudos: Iterable[Kudos], today: date) -> str:
    """This week's wins and kudos as Markdown for the huddle, newest first."""
    items = this_week(wins, kudos, today)
    first = week_start(today)
    lines = [f"# Wins {first.isoformat()} to {today.isoformat()}", ""]
    found = [i for i in items if isinstance(i, Win)]
    notes = [i for i in items if isinstance(i, Kudos)]
    lines += ["## Wins", ""]
    lines += [f"- {w.day.isoformat()} · {w.owner} · {w.text}" for w in found] or ["- none yet"]
    lines += ["", "## Kudos", ""]
    lines += [f"- {k.day.isoformat()} · {kudos_text(k)}" for k in notes] or ["- none yet"]
    return "\n".join(lines) + "\n"
