"""The `goaltui` command: the TUI, plus add / log / goals / export for scripts and cron.

Exit codes: 0 success, 1 user error (unknown key, bad number or date, bad usage),
2 data-file problem (unreadable, corrupt, locked too long, newer schema),
130 Ctrl-C. Errors are one line on stderr, never a traceback.

Imports are lazy: `goaltui log` loads neither textual nor pydantic (see
quicklog.py), so a cron job or a lead's shell pays little more than Python's
start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from goaltui import __version__
from goaltui.cli_base import Main, Options, file_options, num, output_errors, user_value
from goaltui.clock import Clock, SystemClock
from goaltui.errors import UserError

if TYPE_CHECKING:
    from goaltui.store import Store

LOCK_TIMEOUT = 10.0  # seconds a command waits for another session's write
LEVELS = ("center", "team", "agent")
CONFIDENCES = ("on-track", "at-risk", "off-track")
EXPORT_NAMES = {
    "json": "the full data set",
    "md": "the goals report",
    "csv": "the check-in history",
    "minutes": "the latest minutes",
    "wins": "this week's wins and kudos",
}


def make_clock() -> Clock:
    """The CLI's clock; tests replace it with a frozen one."""
    return SystemClock()


def _target(ctx: click.Context, db: str | None, shared: bool) -> tuple[Path, bool]:
    from goaltui.paths import resolve_db_path

    opts = ctx.find_object(Options) or Options()
    if db and opts.demo:
        raise UserError("use --demo or --db, not both")
    return resolve_db_path(db or opts.db), shared or opts.shared


def _store(ctx: click.Context, db: str | None, shared: bool, clock: Clock) -> Store:
    from goaltui.store import Store

    path, shared = _target(ctx, db, shared)
    return Store(path, clock=clock, shared=shared, lock_timeout=LOCK_TIMEOUT)


@click.group(
    cls=Main, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@file_options
@click.option("--demo", is_flag=True, help="Open a temporary copy of the demo data.")
@click.option("--no-mouse", is_flag=True, help="Leave the mouse to the terminal (select text).")
@click.option(
    "--ascii", "ascii_only", is_flag=True, help="Plain-character sparklines, bars, borders."
)
@click.version_option(__version__, prog_name="goaltui")
@click.pass_context
def main(
    ctx: click.Context,
    *,
    db: str | None,
    shared: bool,
    demo: bool,
    no_mouse: bool,
    ascii_only: bool,
) -> None:
    """SMART goals, milestones and daily KPI check-ins for team leads.

    Without a command, opens the board. Data: --db, else $GOALTUI_DB, else the
    user data folder.
    """
    if demo and db:
        raise UserError("use --demo or --db, not both")
    opts = ctx.ensure_object(Options)
    opts.db, opts.shared, opts.demo = db, shared, demo
    if demo:
        import shutil

        from goaltui.demo import make_demo_copy

        copy = make_demo_copy(make_clock().today())
        opts.db = str(copy)
        ctx.call_on_close(lambda: shutil.rmtree(copy.parent, ignore_errors=True))
    if ctx.invoked_subcommand is None:
        clock = make_clock()
        store = _store(ctx, None, shared, clock)
        store.check()  # a bad file is one line and exit 2, not a crashed TUI
        from goaltui.app import make_app  # type: ignore[import-not-found,unused-ignore]

        app = make_app(store, clock, ascii=True) if ascii_only else make_app(store, clock)
        app.run(mouse=not no_mouse)


@main.command()
@click.argument("key")
@click.argument("title")
@click.option("--metric", required=True, help="KPI name, e.g. AHT, FCR, CSAT.")
@click.option("--unit", default="", help="Unit shown after values: s, %, min.")
@click.option("--baseline", required=True, metavar="N", help="The value today.")
@click.option("--target", required=True, metavar="N|-25%", help="A value, or -25% / +10% of it.")
@click.option("--due", required=True, metavar="DATE", help="YYYY-MM-DD, +3m, eoq, eoy ...")
@click.option("--start", metavar="DATE", help="Default: today.")
@click.option("--owner", default="team", show_default=True, help="Who owns it: team, agent name.")
@click.option("--level", type=click.Choice(LEVELS), default="team", show_default=True)
@click.option("--parent", metavar="KEY", help="Key of the goal this one supports.")
@click.option("--why", default="", help="Relevant: why this matters.")
@click.option("--details", default="", help="Specific: who, what, where.")
@click.option("--plan", default="", help="Attainable: plan and resources.")
@file_options
@click.pass_context
def add(
    ctx: click.Context,
    *,
    key: str,
    title: str,
    metric: str,
    unit: str,
    baseline: str,
    target: str,
    due: str,
    start: str | None,
    owner: str,
    level: str,
    parent: str | None,
    why: str,
    details: str,
    plan: str,
    db: str | None,
    shared: bool,
) -> None:
    """Add a goal: goaltui add aht-maria "Cut Maria's AHT" --metric AHT --unit s ..."""
    from pydantic import ValidationError

    from goaltui.dates import parse_date
    from goaltui.models import Goal, describe_error, parse_target
    from goaltui.numbers import parse_number

    clock = make_clock()
    today = clock.today()
    base = user_value(parse_number, baseline, "baseline")
    goal_target = user_value(parse_target, target, base)
    start_day = user_value(parse_date, start, today) if start else today
    due_day = user_value(parse_date, due, today)
    if due_day < start_day:
        raise UserError(f"the due date {due_day} is before the start {start_day}")
    fields = {"name": metric, "unit": unit, "baseline": base, "target": goal_target}
    try:
        goal = Goal.model_validate(
            {
                **{"key": key, "title": title, "owner": owner, "level": level, "parent": parent},
                **{"why": why, "details": details, "plan": plan, "metric": fields},
                **{"start": start_day, "due": due_day},
            }
        )
    except ValidationError as exc:
        raise UserError(describe_error(exc)) from None
    store = _store(ctx, db, shared, clock)
    saved = store.add_goal(goal)
    click.echo(
        f"Added {saved.key}: {saved.title} ({metric} {num(base, unit)} -> "
        f"{num(goal_target, unit)} by {due_day})"
    )
    try:
        from goaltui.smart import assess
    except ImportError:  # pragma: no cover - the grading module is optional advice
        return
    known = {g.key for g in store.goals()}
    graded = assess(saved, [], today, known)
    weak = [f"{c.letter}: {c.reason} {c.hint}".strip() for c in graded.checks if c.hint]
    click.echo(f"SMART {graded.score}/5" + (" - " + " | ".join(weak) if weak else ""))


@main.command(context_settings={"ignore_unknown_options": True})  # so `log aht -5` works
@click.argument("key")
@click.argument("value")
@click.option("--date", "day", metavar="DATE", help="Default: today. YYYY-MM-DD, yesterday, -1d.")
@click.option("--note", default="", help="What happened (up to 500 characters).")
@click.option("--confidence", type=click.Choice(CONFIDENCES), help="How the goal feels.")
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
    db: str | None,
    shared: bool,
) -> None:
    """Log today's (or --date's) value of a goal; a second log that day replaces it."""
    from goaltui.datafile import DataFile
    from goaltui.dates import parse_date
    from goaltui.numbers import parse_number
    from goaltui.quicklog import log_value

    clock = make_clock()
    number = user_value(parse_number, value)
    when = user_value(parse_date, day, clock.today()) if day else clock.today()
    path, shared = _target(ctx, db, shared)
    data = DataFile(path, clock=clock, shared=shared, lock_timeout=LOCK_TIMEOUT)
    logged = log_value(data, key, number, when, note=note, confidence=confidence)
    goal, unit = logged.checkin["goal"], logged.unit
    line = f"Logged {goal} = {num(number, unit)} for {when.isoformat()}"
    if logged.replaced is not None:
        line += f" (replaces {num(logged.replaced.get('value'), unit)})"
    click.echo(line)


@main.command("goals")
@click.option("--all", "show_all", is_flag=True, help="Include archived goals.")
@file_options
@click.pass_context
def goals_cmd(ctx: click.Context, show_all: bool, db: str | None, shared: bool) -> None:
    """List goals: key, title, owner, latest value, target, progress."""
    from goaltui.cli_table import goal_rows, render_table

    clock = make_clock()
    snapshot = _store(ctx, db, shared, clock).snapshot()
    rows = goal_rows(snapshot, clock.today(), include_archived=show_all)
    if not rows:
        click.echo("No goals yet. Add one with: goaltui add KEY TITLE --metric ... --due ...")
        return
    for line in render_table(rows):
        click.echo(line)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "csv", "minutes", "wins"]),
    default="json",
    show_default=True,
    help="json: the full data set; md: a readable report; csv: the check-in history; "
    "minutes: the latest meeting minutes; wins: this week's wins and kudos.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically), not stdout.")
@file_options
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None, db: str | None, shared: bool) -> None:
    """Export: JSON (everything), a Markdown report, the check-ins as CSV, the latest
    meeting minutes, or this week's wins and kudos."""
    from goaltui.exporters import export as render

    clock = make_clock()
    store = _store(ctx, db, shared, clock)
    payload = render(store, fmt, clock.today()).encode()
    if output is None or output == "-":
        stream = sys.stdout.buffer
        stream.write(payload)
        stream.flush()
        return
    with output_errors():
        from goaltui.storage import atomic_write, existing_mode

        target = Path(output).expanduser()
        mode, gid = existing_mode(target, shared=False)
        atomic_write(target, payload, mode=mode, gid=gid)
    what = EXPORT_NAMES[fmt]
    if fmt == "json":  # say how much, so a script's log shows an empty export at once
        import orjson

        data = orjson.loads(payload)
        what = f"{len(data['goals'])} goals, {len(data['checkins'])} check-ins"
    click.echo(f"Exported {what} to {output}")


def _register_daily_commands() -> None:
    from goaltui.cli_reports import board_cmd, checkin_cmd, import_cmd

    for command in (import_cmd, board_cmd, checkin_cmd):
        main.add_command(command)
    from goaltui.cli_wall import serve_cmd, wallboard_cmd

    for command in (wallboard_cmd, serve_cmd):
        main.add_command(command)


_register_daily_commands()
