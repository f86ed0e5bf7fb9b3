"""An agent's scorecard for a one-on-one: their goals beside the team's and the centre's
figure on the same metric, recent wins and kudos, and what the last meeting said.

Pure (no textual, no I/O). The figures come from the board's rows (core/board_rows.py),
so progress, status and days left read exactly as on the board; the screen, `goaltui
scorecard` and the tests build the card with `build_scorecard` from one store read.

Who is on whose team is not a field of its own: an agent's team is the owner of a
team-level goal that one of the agent's goals is aligned under (its `parent` chain).
For each of the agent's goals:

- team: the team-level goal above it on the same metric; else a team goal of the agent's
  team on that metric; else the mean of the latest values of the agent goals on that
  metric and unit (the agent's team's, or every agent's when no team is known), only when
  at least two agents have a value, so a mean is never just the agent's own figure.
- centre: the centre-level goal above it on the same metric, else any centre goal on it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import fmean

from goaltui.core.board_rows import BoardFilter, BoardRow, visible_rows
from goaltui.core.minutes import Minutes, ReviewItem
from goaltui.core.models import Direction, Goal, Level, Point
from goaltui.core.progress import SPARKLINE_DAYS, Status, target_met, trend_slope
from goaltui.core.wins import Kudos, Win

RECENT_DAYS = 30  # wins and kudos this far back make the card
RECENT_MAX = 6  # at most this many of them: the card is one page
FLAT_SHARE = 0.05  # a 30-day trend under 5% of baseline→target reads "flat"


class Trend(StrEnum):
    """Which way the last 30 days moved, seen from the target."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    FLAT = "flat"


TREND_MARK = {Trend.IMPROVING: "↗", Trend.WORSENING: "↘", Trend.FLAT: "→"}


@dataclass(frozen=True)
class Figure:
    """Someone else's figure on the same metric: a goal's, or the mean of agents'."""

    label: str  # "Billing team", "Centre", "mean of 3 agents"
    current: float | None
    target: float | None  # None for a mean: it has no target of its own
    unit: str
    key: str | None = None  # the goal's key, None for a mean
    band: tuple[float, float] | None = None  # the goal's band, when it aims at one


@dataclass(frozen=True)
class CardGoal:
    """One of the agent's goals, with the figures it is compared with."""

    row: BoardRow
    trend: Trend | None  # None with fewer than two check-ins in 30 days or no direction
    streak: int  # check-ins in a row at or beyond the target, up to the latest
    team: Figure | None
    centre: Figure | None

    @property
    def goal(self) -> Goal:
        return self.row.goal


@dataclass(frozen=True)
class LastMeeting:
    """The newest minutes that discussed one of the agent's goals, and its items on them."""

    minutes: Minutes
    items: list[ReviewItem]


@dataclass(frozen=True)
class Scorecard:
    owner: str
    today: date
    goals: list[CardGoal]
    recognition: list[Win | Kudos]  # newest first
    last_meeting: LastMeeting | None
    # Open action items, one line each, for the action-items feature to fill; every view
    # leaves the section out while it is empty (no placeholder).
    action_items: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[Status, int]:
        found: dict[Status, int] = {}
        for card in self.goals:
            found[card.row.progress.status] = found.get(card.row.progress.status, 0) + 1
        return found


# -- owners ---------------------------------------------------------------------------


def card_owners(rows: Iterable[BoardRow]) -> list[str]:
    """Everyone with a goal on the board (archived goals left out), A-Z: the order left
    and right step through."""
    shown = {r.goal.owner for r in rows if r.progress.status is not Status.ARCHIVED}
    return sorted(shown, key=str.casefold)


def match_owner(text: str, owners: Sequence[str]) -> str | None:
    """The owner `text` names, ignoring case and spacing; None when no one."""
    wanted = " ".join(text.split()).casefold()
    return next((o for o in owners if " ".join(o.split()).casefold() == wanted), None)


def near_owners(text: str, owners: Sequence[str], most: int = 3) -> list[str]:
    """Owners `text` may have meant: a part of their name, or a close spelling."""
    wanted = text.strip().casefold()
    by_fold = {o.casefold(): o for o in owners}
    found = [o for o in owners if wanted and wanted in o.casefold()]
    close = difflib.get_close_matches(wanted, list(by_fold), n=most, cutoff=0.5)
    found += [by_fold[c] for c in close if by_fold[c] not in found]
    return found[:most]


# -- the card -------------------------------------------------------------------------


def build_scorecard(
    owner: str,
    rows: Sequence[BoardRow],
    *,
    series: Mapping[str, Sequence[Point]],
    wins: Iterable[Win],
    kudos: Iterable[Kudos],
    minutes: Sequence[Minutes],
    today: date,
) -> Scorecard:
    """The card of `owner` (matched exactly: use match_owner first) as of `today`.

    `rows` are every goal's board rows, `series` the snapshot's points, `minutes` newest
    first (Store.minutes()).
    """
    mine = visible_rows(rows, BoardFilter(owner=owner), "status")
    by_key = {r.key: r for r in rows}
    teams = _teams_of(mine, by_key)
    cards = [
        CardGoal(
            row=row,
            trend=_trend(row.goal, series.get(row.key, ()), today),
            streak=_streak(row.goal, series.get(row.key, ()), today),
            team=_team_figure(row, rows, by_key, teams),
            centre=_centre_figure(row, rows, by_key),
        )
        for row in mine
    ]
    keys = {r.key for r in mine}
    return Scorecard(
        owner=owner,
        today=today,
        goals=cards,
        recognition=_recognition(owner, wins, kudos, today),
        last_meeting=_last_meeting(minutes, keys),
    )


def _same_metric(a: Goal, b: Goal) -> bool:
    return a.metric.name.casefold() == b.metric.name.casefold()


def _ancestors(row: BoardRow, by_key: Mapping[str, BoardRow]) -> list[BoardRow]:
    found: list[BoardRow] = []
    parent = row.goal.parent
    while parent is not None and parent in by_key and len(found) < len(by_key):
        found.append(by_key[parent])
        parent = by_key[parent].goal.parent
    return found


def _teams_of(mine: Iterable[BoardRow], by_key: Mapping[str, BoardRow]) -> set[str]:
    return {
        up.goal.owner.casefold()
        for row in mine
        for up in _ancestors(row, by_key)
        if up.goal.level is Level.TEAM
    }


def _goal_figure(row: BoardRow) -> Figure:
    goal = row.goal
    metric = goal.metric
    return Figure(
        goal.owner, row.progress.current, metric.target, metric.unit, goal.key, metric.band
    )


def _live(row: BoardRow) -> bool:
    return row.progress.status is not Status.ARCHIVED


def _team_figure(
    row: BoardRow, rows: Sequence[BoardRow], by_key: Mapping[str, BoardRow], teams: set[str]
) -> Figure | None:
    goal = row.goal
    if goal.level is not Level.AGENT:
        return None  # a team's or the centre's own goal is the team figure
    for up in _ancestors(row, by_key):
        if up.goal.level is Level.TEAM and _same_metric(up.goal, goal):
            return _goal_figure(up)
    for other in rows:
        other_goal = other.goal
        if (
            other_goal.level is Level.TEAM
            and other_goal.owner.casefold() in teams
            and _same_metric(other_goal, goal)
            and _live(other)
        ):
            return _goal_figure(other)
    peers = [
        r
        for r in rows
        if r.goal.level is Level.AGENT
        and _same_metric(r.goal, goal)
        and r.goal.metric.unit == goal.metric.unit
        and _live(r)
        and r.progress.current is not None
        and (not teams or _teams_of([r], by_key) & teams)
    ]
    latest: dict[str, float] = {}  # one value per agent: their first goal on it, by key
    for peer in peers:
        latest.setdefault(peer.goal.owner.casefold(), peer.progress.current or 0.0)
    if len(latest) < 2:
        return None
    mean = fmean(latest.values())
    return Figure(f"mean of {len(latest)} agents", mean, None, goal.metric.unit)


def _centre_figure(
    row: BoardRow, rows: Sequence[BoardRow], by_key: Mapping[str, BoardRow]
) -> Figure | None:
    goal = row.goal
    if goal.level is Level.CENTER:
        return None
    for up in _ancestors(row, by_key):
        if up.goal.level is Level.CENTER and _same_metric(up.goal, goal):
            return _goal_figure(up)
    for other in rows:
        if other.goal.level is Level.CENTER and _same_metric(other.goal, goal) and _live(other):
            return _goal_figure(other)
    return None


def _recent(goal: Goal, points: Sequence[Point], today: date) -> list[Point]:
    first = today - timedelta(days=SPARKLINE_DAYS - 1)
    return sorted(p for p in points if first <= p.day <= today)


def _trend(goal: Goal, points: Sequence[Point], today: date) -> Trend | None:
    """The 30-day least-squares trend (progress.trend_slope), read against the direction."""
    slope = trend_slope(_recent(goal, points, today))
    direction = goal.metric.direction
    baseline, target = goal.metric.baseline, goal.metric.target
    if slope is None or direction is None or baseline is None or target is None:
        return None
    span = abs(target - baseline)
    if span == 0 or abs(slope) * SPARKLINE_DAYS < FLAT_SHARE * span:
        return Trend.FLAT
    better = slope < 0 if direction is Direction.LOWER else slope > 0
    return Trend.IMPROVING if better else Trend.WORSENING


def _streak(goal: Goal, points: Sequence[Point], today: date) -> int:
    """Check-ins in a row meeting the target (the wins' streak rule), ending at the latest."""
    if goal.metric.target is None:
        return 0
    run = 0
    for point in sorted((p for p in points if p.day <= today), reverse=True):
        if not target_met(goal, point.value):
            break
        run += 1
    return run


def _recognition(
    owner: str, wins: Iterable[Win], kudos: Iterable[Kudos], today: date
) -> list[Win | Kudos]:
    first = today - timedelta(days=RECENT_DAYS - 1)
    who = owner.casefold()
    items: list[Win | Kudos] = [
        w for w in wins if w.owner.casefold() == who and first <= w.day <= today
    ]
    items += [k for k in kudos if k.agent.casefold() == who and first <= k.day <= today]
    # Newest day first; on one day kudos (the lead's own words) before found wins.
    items.sort(key=lambda i: (-i.day.toordinal(), isinstance(i, Win), i.id))
    return items[:RECENT_MAX]


def _last_meeting(minutes: Sequence[Minutes], keys: set[str]) -> LastMeeting | None:
    for record in minutes:  # newest first
        items = [i for i in record.items if i.goal in keys]
        if any(i.discussed for i in items):
            return LastMeeting(record, items)
    return None
