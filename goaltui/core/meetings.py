"""Reading back saved meetings: which minutes a lead asked for, and how each is summed up.

Pure: the meetings screen and `goaltui export --format minutes --meeting ...` share it, so
the list, the choice of meeting and the "adjust" wording cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from goaltui.core import formatting as fmt
from goaltui.core.durations import is_seconds
from goaltui.core.errors import UserError
from goaltui.core.minutes import NOT_DISCUSSED, Minutes, Outcome, ReviewItem, minutes_markdown
from goaltui.core.models import TargetChange

LATEST, ALL = "latest", "all"


def pick_minutes(history: Sequence[Minutes], which: str) -> list[Minutes]:
    """`latest`, `all`, a day (YYYY-MM-DD: every meeting held that day) or an id (or the
    start of one); newest first. UserError (one line) when nothing matches."""
    which = which.strip() or LATEST
    if not history:
        raise UserError("no meeting minutes yet: review the goals with r on the board, then ctrl+s")
    if which == LATEST:
        return [history[0]]
    if which == ALL:
        return list(history)
    try:
        day: date | None = date.fromisoformat(which)
    except ValueError:
        day = None
    if day is not None:
        found = [m for m in history if m.held_on == day]
        if not found:
            raise UserError(f"no meeting on {day.isoformat()}: `--meeting all` lists them all")
        return found
    found = [m for m in history if m.id == which] or [m for m in history if m.id.startswith(which)]
    if len(found) != 1:
        what = "no meeting has" if not found else "more than one meeting has"
        raise UserError(f"{what} the id {which!r}: use latest, all, YYYY-MM-DD or an id")
    return found


def covered(minutes: Minutes) -> str:
    """ "3 goals: aht-sam, fcr-sam, csat-sam" (discussed or not, in the review's order)."""
    keys = [i.goal for i in minutes.items]
    count = f"{len(keys)} goal{'s' if len(keys) != 1 else ''}"
    return f"{count}: {', '.join(keys)}" if keys else count


def attendees_text(minutes: Minutes) -> str:
    return ", ".join(minutes.attendees) or "—"


def day_changes(
    minutes: Minutes, item: ReviewItem, ledger: Sequence[TargetChange]
) -> list[TargetChange]:
    """The ledger entries of this goal made on the meeting's day: what "adjust" changed."""
    if item.outcome is not Outcome.ADJUST:
        return []
    return [c for c in ledger if c.goal == item.goal and c.at.date() == minutes.held_on]


def change_text(change: TargetChange, unit: str) -> str:
    """ "target 90 → 92%: more staff on the queue": the unit once, at the end, as the
    board's narrow pair has it (a duration reads m:ss on both sides); a due date as it is."""
    old = fmt.from_text(change.old, unit if is_seconds(unit) else "")
    return f"{change.field} {old} → {fmt.from_text(change.new, unit)}: {change.reason}"


def outcome_text(minutes: Minutes, item: ReviewItem, ledger: Sequence[TargetChange] = ()) -> str:
    """ "keep", "not discussed", or "adjust: target 90 → 92%: reason" (each change that
    day, from the ledger; "adjust" alone when the ledger has none)."""
    if item.outcome is None:
        return NOT_DISCUSSED
    changes = day_changes(minutes, item, ledger)
    if not changes:
        return item.outcome.value
    return "adjust: " + "; ".join(change_text(c, item.unit) for c in changes)


def minutes_export(selected: Sequence[Minutes], ledger: Sequence[TargetChange]) -> str:
    """The chosen minutes as Markdown, newest first, each "adjust" row naming its change."""
    return "\n".join(minutes_markdown(m, partial(outcome_text, m, ledger=ledger)) for m in selected)
