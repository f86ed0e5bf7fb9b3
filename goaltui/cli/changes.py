"""`goaltui unlog` and `close`: taking back a value logged by mistake, closing and reopening
a goal, for scripts as for the TUI's keys. Both are attributed to the user, like every write.

`unlog` takes `goaltui log`'s fast path (no textual, no pydantic): it is the undo of a
cron job's or a lead's mistyped log.
"""

from __future__ import annotations

import click

from goaltui.cli.base import file_options, user_value
from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core import formatting as fmt
from goaltui.core.errors import UserError
from goaltui.core.rules import STATUSES


@click.command()
@click.argument("key")
@click.option("--date", "day", metavar="DATE", help="Default: today. YYYY-MM-DD, yesterday, -1d.")
@file_options
@click.pass_context
def unlog(ctx: click.Context, *, key: str, day: str | None, db: str | None, shared: bool) -> None:
    """Remove today's (or --date's) value of a goal; it is kept in the check-in history."""
    from goaltui.core.dates import parse_backfill
    from goaltui.store.quicklog import unlog_value

    session = Session.of(ctx)
    clock = session.clock()
    when = user_value(parse_backfill, day, clock.today()) if day else clock.today()
    removed = unlog_value(session.data_file(db, shared, clock), key, when)
    value = fmt.value(removed.checkin["value"], removed.unit)
    say(f"Removed {removed.checkin['goal']} = {value} for {when.isoformat()} (kept in the history)")


DONE = {"achieved": "Closed {key} as achieved", "missed": "Closed {key} as missed"}
DONE |= {"archived": "Archived {key}", "active": "Reopened {key}"}


@click.command()
@click.argument("key")
@click.argument("status", metavar="achieved|missed|archived|active", type=click.Choice(STATUSES))
@click.option("--force", is_flag=True, help="Close as achieved a goal short of its target.")
@file_options
@click.pass_context
def close(
    ctx: click.Context, *, key: str, status: str, force: bool, db: str | None, shared: bool
) -> None:
    """Close a goal as achieved or missed, archive it, or reopen it (active)."""
    from goaltui.core.models import GoalStatus, Point
    from goaltui.core.progress import evaluate
    from goaltui.core.value_rules import short_of_target

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    goal = store.goal(key.strip().lower())
    was = goal.status.value
    if was == status:
        say(f"{goal.key} is already {status}: nothing changed")
        return
    if status == GoalStatus.ACHIEVED and not force:
        points = [Point(c.day, c.value) for c in store.checkins(goal.key)]
        latest = evaluate(goal, points, clock.today()).current  # the board's "now"
        metric = goal.metric
        short = short_of_target(
            goal.key, metric.unit, latest, metric.baseline, metric.target, band=metric.band
        )
        if short is not None:
            raise UserError(f"{short}: use --force to close it as achieved anyway")
    store.set_status(goal.key, GoalStatus(status))
    say(DONE[status].format(key=goal.key) + f" (was {was})")
