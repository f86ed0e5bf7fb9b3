"""`goaltui import` (import_cmd.py), `board` and `checkin`: the daily-rhythm commands.

Registered on the group in main.py. Imports are lazy: a cron import should not
pay for textual.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import click

from goaltui.cli.base import file_options, stale_days_option
from goaltui.cli.context import Session
from goaltui.cli.import_cmd import import_cmd
from goaltui.cli.output import say

__all__ = ["board_cmd", "checkin_cmd", "import_cmd"]

if TYPE_CHECKING:
    pass


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
