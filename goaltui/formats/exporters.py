"""Exports for `goaltui export --format md|csv|json|minutes|wins`: a report to paste into
mail or chat, the check-in history as CSV, the full data set as JSON, the latest meeting
minutes, and this week's wins and kudos for the huddle.

Deterministic: same data and same `today` give the same bytes (golden-file tests pin them).
CSV and JSON keep machine numbers (`fmt.plain`, raw JSON); the Markdown reads like the screens.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date

from goaltui.core import formatting as fmt
from goaltui.core.errors import UserError
from goaltui.core.meetings import LATEST, minutes_export, pick_minutes
from goaltui.core.models import CheckIn, Goal, GoalStatus, Milestone, TargetChange
from goaltui.core.progress import GoalProgress, Status, evaluate
from goaltui.core.smart import Assessment, Grade, assess
from goaltui.core.status_words import status_words
from goaltui.core.text import printable, spreadsheet_safe
from goaltui.core.wins import wins_markdown
from goaltui.formats.textboard import board_rank, days_text, summary_parts
from goaltui.store.store import Store

FORMATS = ("md", "csv", "json", "minutes", "wins")
LAST_CHECKINS = 5
CSV_COLUMNS = ("goal", "date", "value", "note", "confidence", "by", "at")
_MARK = {Grade.PASS: "✓", Grade.WARN: "!", Grade.FAIL: "✗"}


def export(store: Store, fmt: str, today: date, *, meeting: str = LATEST) -> str:
    """The export in `fmt` (md, csv or json) as text ending in a newline. Text formats are
    read in terminals and editors: no control character gets through (core/text.py)."""
    if fmt == "csv":
        return export_csv(store)
    if fmt == "json":
        return export_json(store)  # JSON escapes control characters itself
    if fmt == "md":
        text = export_markdown(store, today)
    elif fmt == "minutes":
        text = export_minutes(store, meeting)
    elif fmt == "wins":
        text = wins_markdown(store.wins(), store.kudos(), today)
    else:
        raise UserError(f"unknown export format {fmt!r}: use {', '.join(FORMATS)}")
    return printable(text, lines=True)


def export_minutes(store: Store, meeting: str = LATEST) -> str:
    """The minutes review mode saved: `latest`, `all`, a day or an id (core/meetings.py);
    a one-line user error when none match."""
    return minutes_export(pick_minutes(store.minutes(), meeting), store.target_changes())


def export_json(store: Store) -> str:
    return json.dumps(store.export(), indent=2, ensure_ascii=False) + "\n"


def export_csv(store: Store, *, since: date | None = None) -> str:
    """Check-in history, one row per goal and day, sorted by goal then date.

    The goal/date/value/note columns are what `goaltui import` reads by default, so an
    export re-imports unchanged. `since` keeps days on or after it.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in store.checkins():
        if since is None or c.day >= since:
            confidence = c.confidence.value if c.confidence else ""
            at = c.at.isoformat() if c.at else ""
            cells = [c.goal, c.day.isoformat(), fmt.plain(c.value), c.note, confidence, c.by, at]
            writer.writerow([_csv_cell(cell) for cell in cells])
    return out.getvalue()


def _csv_cell(cell: str) -> str:
    """No control characters, and no formula a spreadsheet would run ("=HYPERLINK(...)")."""
    return spreadsheet_safe(printable(cell))


# -- markdown ---------------------------------------------------------------------------


def _md(text: str) -> str:
    """Escape what would turn plain text into markup (emphasis, links, HTML)."""
    for ch in "\\`*_[]<>":
        text = text.replace(ch, "\\" + ch)
    return text


def smart_line(assessment: Assessment) -> list[str]:
    """ "SMART: S✓ M✓ A! R✓ T✓" and, under it, one bullet per letter that is not a pass."""
    marks = " ".join(f"{c.letter}{_MARK[c.grade]}" for c in assessment.checks)
    lines = [f"- SMART: {marks}"]
    for c in assessment.checks:
        if c.grade is not Grade.PASS:
            lines.append(
                f"  - {c.letter} ({c.name.lower()}): {_md(c.reason)} {_md(c.hint)}".rstrip()
            )
    return lines


def progress_line(goal: Goal, p: GoalProgress) -> str:
    parts = [fmt.pair(p.current, goal.metric.target, goal.metric.unit, edges=goal.metric.band)]
    if p.percent is not None:
        parts.append(f"{fmt.percent(p.percent)} of the way")
    if p.expected_percent is not None and goal.status is GoalStatus.ACTIVE:
        parts.append(f"{fmt.percent(p.expected_percent)} expected by now")
    parts.append(f"**{status_words(p)}**")  # "stale" when nobody renewed the value
    days = days_text(goal, p, "long")
    if days:
        parts.append(days)
    if p.status is Status.NOT_STARTED:
        parts.append(f"starts {goal.start.isoformat()}")
    elif goal.status is GoalStatus.ACTIVE and p.status is not Status.ACHIEVED:
        parts.append(
            f"forecast {p.forecast.isoformat()}" if p.forecast else "no forecast at this trend"
        )
    return "- Progress: " + " · ".join(parts)


def _checkin_line(c: CheckIn, unit: str) -> str:
    text = f"  - {c.day.isoformat()}: {fmt.value(c.value, unit)}"
    if c.confidence:
        text += f" ({c.confidence.value.replace('-', ' ')})"
    return text + (f" - {_md(c.note)}" if c.note else "")


def _milestone_line(m: Milestone, today: date) -> str:
    due = ""
    if m.due is not None:
        late = m.is_overdue(today)
        due = f" (due {m.due.isoformat()}{', overdue' if late else ''})"
    return f"  - [{'x' if m.done else ' '}] {_md(m.title)}{due}"


def goal_section(
    goal: Goal,
    p: GoalProgress,
    *,
    assessment: Assessment,
    checkins: Sequence[CheckIn],
    milestones: Sequence[Milestone],
    changes: Sequence[TargetChange],
    today: date,
) -> list[str]:
    head = f"`{goal.key}` · {_md(goal.owner)} ({goal.level.value})"
    if goal.private:  # the lead's report: shown, marked as never on a wallboard
        head += " · private"
    if goal.due:
        head += f" · due {goal.due.isoformat()}"
    if goal.parent:
        head += f" · supports `{goal.parent}`"
    lines = [
        f"## {_md(goal.title)}",
        "",
        head,
        "",
        progress_line(goal, p),
        *smart_line(assessment),
    ]
    if checkins:
        lines.append(f"- Last check-ins ({_md(goal.metric.name)}):")
        lines += [_checkin_line(c, goal.metric.unit) for c in reversed(checkins[-LAST_CHECKINS:])]
    if milestones:
        done = sum(m.done for m in milestones)
        lines.append(f"- Milestones ({done}/{len(milestones)} done):")
        lines += [_milestone_line(m, today) for m in milestones]
    for c in changes:
        when = c.at.date().isoformat()
        old, new = (fmt.from_text(t, goal.metric.unit) for t in (c.old, c.new))
        lines.append(f"- {c.field.capitalize()} changed {old} → {new} on {when}: {_md(c.reason)}")
    return [*lines, ""]


def export_markdown(store: Store, today: date) -> str:
    """A report for mail or chat: status summary, then each goal by status, archived last."""
    snapshot = store.snapshot()
    keys = {g.key for g in snapshot.goals}
    by_goal: dict[str, list[CheckIn]] = {}
    for c in store.checkins():
        if c.day <= today:
            by_goal.setdefault(c.goal, []).append(c)
    evaluated = [(g, evaluate(g, snapshot.series.get(g.key, []), today)) for g in snapshot.goals]
    evaluated.sort(key=lambda gp: (board_rank(gp[1]), gp[0].key))
    live = [(g, p) for g, p in evaluated if g.status is not GoalStatus.ARCHIVED]
    archived = [(g, p) for g, p in evaluated if g.status is GoalStatus.ARCHIVED]

    lines = [f"# Goals report, {today.isoformat()}", ""]
    summary = ", ".join(summary_parts([p for _, p in live])) or "No goals yet"
    if archived:
        summary += f"; {len(archived)} archived"
    lines += [summary + ".", ""]
    changes = store.target_changes()
    for goal, p in live:
        points = snapshot.series.get(goal.key, [])
        lines += goal_section(
            goal,
            p,
            assessment=assess(goal, points, today, keys),
            checkins=by_goal.get(goal.key, []),
            milestones=store.milestones(goal.key),
            changes=[c for c in changes if c.goal == goal.key],
            today=today,
        )
    if archived:
        lines += ["## Archived", ""]
        for goal, p in archived:
            last = "" if p.current is None else f", last {fmt.value(p.current, goal.metric.unit)}"
            lines.append(f"- `{goal.key}` {_md(goal.title)} ({_md(goal.owner)}{last})")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
