"""The agent scorecard as a one-page sheet (`goaltui scorecard OWNER`), and its pieces.

The screen (screens/scorecard.py) shows the same lines, styled: what a line says is
decided here once. Every number goes through core/formatting.py. No textual, no rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from goaltui.core import formatting as fmt
from goaltui.core.board_rows import build_rows
from goaltui.core.minutes import NOT_DISCUSSED, ReviewItem
from goaltui.core.models import Level
from goaltui.core.scorecard import (
    RECENT_DAYS,
    TREND_MARK,
    CardGoal,
    Figure,
    LastMeeting,
    Scorecard,
    build_scorecard,
    card_owners,
    match_owner,
)
from goaltui.core.status_words import status_words
from goaltui.core.wins import Kudos, Win, kudos_text
from goaltui.formats.textboard import summary_parts
from goaltui.store.store import Store

SheetFormat = Literal["text", "md"]
WINS_TITLE = f"Wins and kudos (last {RECENT_DAYS} days)"
ACTIONS_TITLE = "Open action items"


@dataclass(frozen=True)
class CardRead:
    """One read for the scorecard: the card (None: no such owner) and every owner."""

    card: Scorecard | None
    owners: list[str]


def read_scorecard(store: Store, owner: str, today: date) -> CardRead:
    """Build `owner`'s card (matched ignoring case) from the store, as of `today`."""
    snapshot = store.snapshot()
    rows = build_rows(snapshot, today)
    owners = card_owners(rows)
    name = match_owner(owner, owners)
    if name is None:
        return CardRead(None, owners)
    card = build_scorecard(
        name,
        rows,
        series=snapshot.series,
        wins=store.wins(),
        kudos=store.kudos(),
        minutes=store.minutes(),
        today=today,
    )
    return CardRead(card, owners)


# -- the pieces, shared with the screen ------------------------------------------------


def summary(card: Scorecard) -> str:
    """ "2 goals: 1 behind, 1 on track" (board order), or "no goals"."""
    return ", ".join(summary_parts([c.row.progress for c in card.goals])) or "no goals"


def figures(card_goal: CardGoal) -> list[str]:
    """Now → target, progress, days left and milestones, as short parts (the status word
    is left to the caller, who may mark or colour it)."""
    row, goal = card_goal.row, card_goal.goal
    progress = row.progress
    metric = goal.metric
    parts = [fmt.pair(progress.current, metric.target, metric.unit, edges=metric.band)]
    parts.append(fmt.percent(progress.percent))
    if progress.days_left is not None:
        parts.append(fmt.days(progress.days_left, "short"))
    done, total = row.milestones
    if total:
        parts.append(f"milestones {done}/{total}")
    return parts


def figure_text(figure: Figure | None) -> str:
    """ "7:53 → 7:00 (Billing team)", "7:50 (mean of 3 agents)", MISSING."""
    if figure is None:
        return fmt.MISSING
    if figure.target is None:
        return f"{fmt.value(figure.current, figure.unit)} ({figure.label})"
    pair = fmt.pair(figure.current, figure.target, figure.unit, edges=figure.band)
    return f"{pair} ({figure.label})"


def compare_text(card_goal: CardGoal) -> str:
    """Trend, streak and the figures beside: "↗ improving · streak 4 · team 7:53 → 7:00
    (Billing team) · centre —". A team goal is compared with the centre only, a centre
    goal with nothing."""
    parts = []
    if card_goal.trend is not None:
        parts.append(f"{TREND_MARK[card_goal.trend]} {card_goal.trend.value}")
    if card_goal.streak:
        parts.append(f"streak {card_goal.streak}")
    level = card_goal.goal.level
    if level is Level.AGENT:
        parts.append(f"team {figure_text(card_goal.team)}")
    if level is not Level.CENTER:
        parts.append(f"centre {figure_text(card_goal.centre)}")
    return " · ".join(parts)


def recognition_text(item: Win | Kudos) -> str:
    if isinstance(item, Kudos):
        return f"{item.day.isoformat()}  ♥ {kudos_text(item)}"
    return f"{item.day.isoformat()}  ★ {item.text}"


def meeting_title(meeting: LastMeeting) -> str:
    """ "Last meeting: one-on-one, 2026-11-19 (Maria Lopez, lead)"."""
    record = meeting.minutes
    who = f" ({', '.join(record.attendees)})" if record.attendees else ""
    return f"Last meeting: {record.kind}, {record.held_on.isoformat()}{who}"


def item_text(item: ReviewItem) -> str:
    """ "aht-maria: keep · coached on holds"; "not discussed" when it got neither."""
    outcome = item.outcome.value if item.outcome else NOT_DISCUSSED
    return f"{item.goal}: {outcome}" + (f" · {item.note}" if item.note else "")


# -- the sheet -------------------------------------------------------------------------


def render_scorecard(card: Scorecard, form: SheetFormat = "text") -> str:
    return _markdown(card) if form == "md" else _text(card)


def _text(card: Scorecard) -> str:
    lines = [f"Scorecard: {card.owner}, {card.today.isoformat()}", summary(card), "", "Goals"]
    for c in card.goals:
        status = status_words(c.row.progress)
        lines += [f"  {c.goal.key}  {c.goal.title}", "    " + " · ".join([status, *figures(c)])]
        if compare := compare_text(c):
            lines.append("    " + compare)
    if not card.goals:
        lines.append("  none")
    if card.action_items:
        lines += ["", ACTIONS_TITLE, *(f"  {a}" for a in card.action_items)]
    if card.recognition:
        lines += ["", WINS_TITLE, *(f"  {recognition_text(i)}" for i in card.recognition)]
    if card.last_meeting is not None:
        meeting = card.last_meeting
        lines += ["", meeting_title(meeting), *(f"  {item_text(i)}" for i in meeting.items)]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Plain text in Markdown: no emphasis, links, HTML or table breaks."""
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def _trend(card_goal: CardGoal) -> str:
    trend = card_goal.trend
    text = fmt.MISSING if trend is None else f"{TREND_MARK[trend]} {trend.value}"
    return text + (f", streak {card_goal.streak}" if card_goal.streak else "")


def _markdown(card: Scorecard) -> str:
    lines = [f"# Scorecard: {_md(card.owner)}, {card.today.isoformat()}", "", summary(card), ""]
    lines += ["## Goals", ""]
    if card.goals:
        lines += [
            "| goal | status | figures | trend | team | centre |",
            "|---|---|---|---|---|---|",
        ]
    for c in card.goals:
        cells = [
            f"`{c.goal.key}` {_md(c.goal.title)}",
            status_words(c.row.progress),
            _md(" · ".join(figures(c))),
            _md(_trend(c)),
            _md(figure_text(c.team)),
            _md(figure_text(c.centre)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if not card.goals:
        lines.append("None.")
    if card.action_items:
        lines += ["", f"## {ACTIONS_TITLE}", "", *(f"- {_md(a)}" for a in card.action_items)]
    if card.recognition:
        lines += ["", f"## {WINS_TITLE}", ""]
        lines += [f"- {_md(recognition_text(i))}" for i in card.recognition]
    if card.last_meeting is not None:
        meeting = card.last_meeting
        lines += ["", f"## {_md(meeting_title(meeting))}", ""]
        lines += [f"- {_md(item_text(i))}" for i in meeting.items]
    return "\n".join(lines) + "\n"
