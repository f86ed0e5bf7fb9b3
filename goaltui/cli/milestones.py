"""`goaltui milestone`: a goal's milestone checklist from the shell, as the TUI's checklist
screen keeps it: list it, add a step (with a due date and a threshold that ticks it), tick
or untick one. A milestone is named by its number in `goaltui milestone list`.

Every write is attributed to the user, like the TUI's. User text is printed as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from goaltui.cli.base import file_options, user_value
from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core.errors import UserError

if TYPE_CHECKING:
    from datetime import date

    from goaltui.core.models import Metric, Milestone
    from goaltui.store.store import Store


@click.group("milestone")
def milestone_cmd() -> None:
    """A goal's milestone checklist: list, add, done, undone."""


def milestone_line(n: int, milestone: Milestone, metric: Metric, today: date) -> str:
    """ "3  [x] Weekly case review  due 2026-10-01  <= 22.5 h  reached 2026-11-25"."""
    from goaltui.core.thresholds import threshold_label, threshold_lower

    parts = [f"{n:>2}  [{'x' if milestone.done else ' '}] {milestone.title}"]
    if milestone.due is not None:
        late = " (overdue)" if milestone.is_overdue(today) else ""
        parts.append(f"due {milestone.due.isoformat()}{late}")
    if milestone.threshold is not None:
        lower = threshold_lower(metric.baseline, metric.target, milestone.threshold)
        parts.append(threshold_label(lower, milestone.threshold, metric.unit, ascii=True))
    if milestone.reached_on is not None:
        parts.append(f"reached {milestone.reached_on.isoformat()}")
    return "  ".join(parts)


@milestone_cmd.command("list")
@click.argument("key")
@file_options
@click.pass_context
def list_cmd(ctx: click.Context, *, key: str, db: str | None, shared: bool) -> None:
    """List KEY's milestones, numbered as `done` and `undone` take them."""
    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    goal = store.goal(key.strip().lower())
    found = store.milestones(goal.key)
    if not found:
        say(f"{goal.key} has no milestones yet: goaltui milestone add {goal.key} TITLE")
        return
    done = sum(m.done for m in found)
    say(f"{goal.key}: {done} of {len(found)} done")
    for n, milestone in enumerate(found, start=1):
        say(milestone_line(n, milestone, goal.metric, clock.today()))


@milestone_cmd.command("add")
@click.argument("key")
@click.argument("title")
@click.option("--due", metavar="DATE", help="YYYY-MM-DD, +2w, eom, eoq ...")
@click.option(
    "--threshold",
    metavar="N",
    help="A value of the goal's metric (5:24 for s): the first value logged that reaches "
    "it ticks the milestone.",
)
@file_options
@click.pass_context
def add_cmd(
    ctx: click.Context,
    *,
    key: str,
    title: str,
    due: str | None,
    threshold: str | None,
    db: str | None,
    shared: bool,
) -> None:
    """Add a milestone at the end of KEY's checklist."""
    from goaltui.core import formatting as fmt
    from goaltui.core.dates import parse_date
    from goaltui.core.numbers import parse_value
    from goaltui.core.rules import check_finite

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    goal = store.goal(key.strip().lower())
    day = user_value(parse_date, due, clock.today()) if due else None
    reach = None
    if threshold is not None:
        typed = user_value(parse_value, threshold, goal.metric.unit, "threshold")
        reach = user_value(check_finite, typed)
    added = store.add_milestone(goal.key, title, day, threshold=reach)
    n = len(store.milestones(goal.key))
    line = milestone_line(n, added, goal.metric, clock.today()).lstrip()
    say(f"Added to {goal.key}: {line}")
    if reach is not None:
        say(
            f"It ticks itself when {goal.metric.name} reaches {fmt.value(reach, goal.metric.unit)}."
        )


def _pick(store: Store, key: str, number: int) -> tuple[str, Milestone]:
    """KEY's milestone number `number` (1 is the first in the list)."""
    goal = store.goal(key.strip().lower())
    found = store.milestones(goal.key)
    if not 1 <= number <= len(found):
        have = f"1 to {len(found)}" if found else "none yet"
        raise UserError(f"{goal.key} has no milestone {number} (milestones: {have})")
    return goal.key, found[number - 1]


def _set_done(
    ctx: click.Context, key: str, number: int, *, done: bool, db: str | None, shared: bool
) -> None:
    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    goal_key, milestone = _pick(store, key, number)
    if milestone.done == done:
        say(f"{goal_key}: {milestone.title!r} is already {'done' if done else 'open'}")
        return
    store.set_milestone_done(milestone.id, done)
    say(f"{goal_key}: {'ticked' if done else 'unticked'} {number} {milestone.title!r}")


@milestone_cmd.command("done")
@click.argument("key")
@click.argument("number", type=click.IntRange(min=1))
@file_options
@click.pass_context
def done_cmd(ctx: click.Context, *, key: str, number: int, db: str | None, shared: bool) -> None:
    """Tick milestone NUMBER of KEY (as `goaltui milestone list` numbers them)."""
    _set_done(ctx, key, number, done=True, db=db, shared=shared)


@milestone_cmd.command("undone")
@click.argument("key")
@click.argument("number", type=click.IntRange(min=1))
@file_options
@click.pass_context
def undone_cmd(ctx: click.Context, *, key: str, number: int, db: str | None, shared: bool) -> None:
    """Untick milestone NUMBER of KEY; one with a threshold ticks again on a new value
    that reaches it."""
    _set_done(ctx, key, number, done=False, db=db, shared=shared)
