"""`goaltui import`, `board` and `checkin`: the daily-rhythm commands.

Registered on the group in main.py. Imports are lazy: a cron import should not
pay for textual.
"""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING

import click

from goaltui.cli.base import file_options, stale_days_option
from goaltui.cli.context import Session
from goaltui.cli.output import say

if TYPE_CHECKING:
    pass


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--date-col", default="date", show_default=True, help="Header of the date column.")
@click.option("--goal-col", default="goal", show_default=True, help="Header of the goal key.")
@click.option("--value-col", default="value", show_default=True, help="Header of the value.")
@click.option("--note-col", default="note", show_default=True, help="Header of the note.")
@click.option("--metric-col", help="Map rows by metric + owner instead of a goal key.")
@click.option("--owner-col", help="Owner column, with --metric-col.")
@click.option("--date-format", help="strptime format for odd dates, e.g. %m/%d/%Y.")
@click.option("--force", is_flag=True, help="Import values far from a goal's recent ones.")
@file_options
@click.pass_context
def import_cmd(
    ctx: click.Context,
    *,
    file: str,
    dry_run: bool,
    date_col: str,
    goal_col: str,
    value_col: str,
    note_col: str,
    metric_col: str | None,
    owner_col: str | None,
    date_format: str | None,
    force: bool,
    db: str | None,
    shared: bool,
) -> None:
    """Import daily KPI values from a CSV file, all rows or none.

    Columns are found by header name (date, goal, value, note by default). A bad
    row is reported with its line number and nothing is imported; importing the
    same file again changes nothing.
    """
    from pathlib import Path

    from goaltui.formats.importer import apply_import, describe_plan, describe_result, plan_import

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    source = sys.stdin if file == "-" else Path(file)
    plan = plan_import(
        source,
        store,
        date_col=date_col,
        goal_col=goal_col,
        value_col=value_col,
        note_col=note_col,
        metric_col=metric_col,
        owner_col=owner_col,
        date_format=date_format,
        force=force,
        today=clock.today(),
    )
    if dry_run:
        say(describe_plan(plan))  # raises, like the import, on any bad row
        return
    say(describe_result(apply_import(store, plan)))


@click.command("board")
@click.option("--width", type=click.IntRange(40, 400), help="Columns (default: the terminal's).")
@click.option("--ascii", "ascii_only", is_flag=True, help="Plain ASCII: pipes, mail, old fonts.")
@click.option("--all", "show_all", is_flag=True, help="Include archived goals.")
@stale_days_option
@file_options
@click.pass_context
def board_cmd(
    ctx: click.Context,
    *,
    width: int | None,
    ascii_only: bool,
    show_all: bool,
    stale_days: int,
    db: str | None,
    shared: bool,
) -> None:
    """Print the board as text: sparklines, progress and status words."""
    from goaltui.formats.textboard import render_board

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    columns = width or shutil.get_terminal_size((100, 24)).columns
    text = render_board(
        store.snapshot(),
        clock.today(),
        columns,
        ascii=ascii_only,
        include_archived=show_all,
        stale_days=stale_days,
    )
    say(text.rstrip("\n"))


@click.command("checkin")
@click.option("--no-mouse", is_flag=True, help="Leave the mouse to the terminal.")
@click.option(
    "--ascii", "ascii_only", is_flag=True, help="Plain-character sparklines, bars, borders."
)
@file_options
@click.pass_context
def checkin_cmd(
    ctx: click.Context, no_mouse: bool, ascii_only: bool, db: str | None, shared: bool
) -> None:
    """Open the check-in screen directly: type a value, Enter, next goal."""
    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    store.check()
    from goaltui.app.goal_app import make_app
    from goaltui.cli.tui import run_tui

    run_tui(make_app(store, clock, start="checkin", ascii=ascii_only), mouse=not no_mouse)
