"""`goaltui add`, `log` and `goals`: one goal or one value at a time, for people and cron.

`log` is the hot path of every cron job: it imports neither textual nor pydantic.
"""

from __future__ import annotations

import click

from goaltui.cli.base import file_options, stale_days_option, user_value
from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core import formatting as fmt
from goaltui.core.errors import UserError
from goaltui.core.rules import CONFIDENCES, LEVELS, NOTE_MAX


@click.command()
@click.argument("key")
@click.argument("title")
@click.option("--metric", required=True, help="KPI name, e.g. AHT, FCR, CSAT (goaltui kpis).")
@click.option("--unit", help="Unit shown after values: s, %, min. Default: the KPI's.")
@click.option("--baseline", required=True, metavar="N", help="The value today (5:24 for s).")
@click.option(
    "--target",
    required=True,
    metavar="N|-25%|LOW..HIGH",
    help="A value, -25% / +10% of the baseline, or a band 300..360 (met while inside it).",
)
@click.option("--due", required=True, metavar="DATE", help="YYYY-MM-DD, +3m, eoq, eoy ...")
@click.option("--start", metavar="DATE", help="Default: today.")
@click.option("--owner", default="team", show_default=True, help="Who owns it: team, agent name.")
@click.option(
    "--new-owner",
    is_flag=True,
    help="The owner is new on purpose: no warning when it is close to an existing owner.",
)
@click.option("--level", type=click.Choice(LEVELS), default="team", show_default=True)
@click.option("--parent", metavar="KEY", help="Key of the goal this one supports.")
@click.option("--why", default="", help="Relevant: why this matters.")
@click.option("--details", default="", help="Specific: who, what, where.")
@click.option("--plan", default="", help="Attainable: plan and resources.")
@click.option("--private", is_flag=True, help="Never on a wallboard (the lead's views only).")
@click.option("--weight", metavar="N", help="Its share in the parent's roll-up (default 1).")
@file_options
@click.pass_context
def add(
    ctx: click.Context,
    *,
    key: str,
    title: str,
    metric: str,
    unit: str | None,
    baseline: str,
    target: str,
    due: str,
    start: str | None,
    owner: str,
    new_owner: bool,
    level: str,
    parent: str | None,
    why: str,
    details: str,
    plan: str,
    private: bool,
    weight: str | None,
    db: str | None,
    shared: bool,
) -> None:
    """Add a goal: goaltui add aht-maria "Cut Maria's AHT" --metric AHT --unit s ...

    An --owner that is new and close to an existing one ("Maria Lopes" beside "Maria
    Lopez") is still added (a script is never stopped for it), with a warning on stderr
    naming the existing owner; --new-owner says the name is new on purpose.
    """
    from pydantic import ValidationError

    from goaltui.core.dates import parse_date
    from goaltui.core.kpis import find
    from goaltui.core.models import Goal, describe_error
    from goaltui.core.numbers import parse_number, parse_value
    from goaltui.core.owners import closest_owner
    from goaltui.core.target_input import read_target

    session = Session.of(ctx)
    clock = session.clock()
    today = clock.today()
    kpi = find(metric)
    if kpi is not None and metric.strip().casefold() == kpi.short.casefold():
        metric = kpi.short  # "aht" is AHT: one spelling on the board and in imports
    filled = unit is None and kpi is not None and bool(kpi.unit)
    if unit is None:
        unit = kpi.unit if kpi is not None else ""
    base = user_value(parse_value, baseline, unit, "baseline")
    goal_target, band = user_value(read_target, target, base, unit)
    share = user_value(parse_number, weight, "weight") if weight is not None else 1.0
    if share <= 0:
        raise UserError(f"weight must be above 0, got {weight}")
    start_day = user_value(parse_date, start, today) if start else today
    due_day = user_value(parse_date, due, today)
    if due_day < start_day:
        raise UserError(f"the due date {due_day} is before the start {start_day}")
    fields = {"name": metric, "unit": unit, "baseline": base, "target": goal_target, "band": band}
    try:
        goal = Goal.model_validate(
            {
                **{"key": key, "title": title, "owner": owner, "level": level, "parent": parent},
                **{"why": why, "details": details, "plan": plan, "metric": fields},
                **{"start": start_day, "due": due_day, "private": private, "weight": share},
            }
        )
    except ValidationError as exc:
        raise UserError(describe_error(exc)) from None
    store = session.store(db, shared, clock)
    meant = None if new_owner else closest_owner(goal.owner, (g.owner for g in store.goals()))
    saved = store.add_goal(goal)
    if meant is not None:
        say(
            f"goaltui: warning: owner {saved.owner!r} is new; did you mean {meant!r}? "
            "(added as a new owner; --new-owner if it is new on purpose)",
            err=True,
        )
    say(
        f"Added {saved.key}: {saved.title} ({metric} {fmt.value(base, unit)} -> "
        f"{fmt.goal_target(goal_target, unit, band)} by {due_day})"
        + (", private" if saved.private else "")
        + ("" if saved.weight == 1 else f", weight {fmt.number(saved.weight)}")
    )
    if kpi is not None:
        told = f"; unit {kpi.unit} from the KPI library" if filled else ""
        say(f"{kpi.short} is {kpi.name}: {kpi.hint()}{told}")
    try:
        from goaltui.core.smart import assess
    except ImportError:  # pragma: no cover - the grading module is optional advice
        return
    known = {g.key for g in store.goals()}
    graded = assess(saved, [], today, known)
    weak = [f"{c.letter}: {c.reason} {c.hint}".strip() for c in graded.checks if c.hint]
    say(f"SMART {graded.score}/5" + (" - " + " | ".join(weak) if weak else ""))


@click.command(context_settings={"ignore_unknown_options": True})  # so `log aht -5` works
@click.argument("key")
@click.argument("value")
@click.option("--date", "day", metavar="DATE", help="Default: today. YYYY-MM-DD, yesterday, -1d.")
@click.option("--note", default="", help=f"What happened (up to {NOTE_MAX} characters).")
@click.option("--confidence", type=click.Choice(CONFIDENCES), help="How the goal feels.")
@click.option("--force", is_flag=True, help="Log a value far from the goal's recent ones.")
@file_options
@click.pass_context
def log(
    ctx: click.Context,
    *,
    key: str,
    value: str,
    day: str | None,
    note: str,
    confidence: str | None,
    force: bool,
    db: str | None,
    shared: bool,
) -> None:
    """Log today's (or --date's) value of a goal; a second log that day replaces it.

    The check-in screen's rules: not before the goal starts, not in the future, not into
    a closed goal; a value far from the recent ones (62 for 6.2) needs --force.
    """
    from goaltui.core.dates import parse_backfill
    from goaltui.core.durations import has_colon
    from goaltui.core.numbers import parse_number
    from goaltui.store.quicklog import log_value

    session = Session.of(ctx)
    clock = session.clock()
    # A duration (5:24) is read once the goal's unit is known, inside the write.
    typed: float | str = value if has_colon(value) else user_value(parse_number, value)
    when = user_value(parse_backfill, day, clock.today()) if day else clock.today()
    data = session.data_file(db, shared, clock)
    logged = log_value(
        data, key, typed, when, note=note, confidence=confidence, refuse_implausible=not force
    )
    goal, unit, number = logged.checkin["goal"], logged.unit, logged.checkin["value"]
    line = f"Logged {goal} = {fmt.value(number, unit)} for {when.isoformat()}"
    if logged.replaced is not None:
        line += f" (replaces {fmt.value(logged.replaced.get('value'), unit)})"
    say(line)
    for ticked in logged.ticked:  # milestones whose threshold this value reached
        threshold = fmt.value(ticked.get("threshold"), unit)
        say(f"Milestone ticked: {ticked.get('title', '')} (threshold {threshold} reached)")


@click.command("goals")
@click.option("--all", "show_all", is_flag=True, help="Include archived goals.")
@stale_days_option
@file_options
@click.pass_context
def goals_cmd(
    ctx: click.Context, show_all: bool, stale_days: int, db: str | None, shared: bool
) -> None:
    """List goals: key, title, owner, latest value, target, progress, status ("stale":
    no value for --stale-days working days)."""
    from goaltui.formats.table import goal_rows, render_table

    session = Session.of(ctx)
    clock = session.clock()
    snapshot = session.store(db, shared, clock).snapshot()
    rows = goal_rows(snapshot, clock.today(), include_archived=show_all, stale_days=stale_days)
    if not rows:
        say("No goals yet. Add one with: goaltui add KEY TITLE --metric ... --due ...")
        return
    for line in render_table(rows):
        say(line)
