"""The `goaltui` command group: the TUI without a command, the families of commands below.

Exit codes: 0 success, 1 user error (unknown key, bad number or date, bad usage),
2 data-file problem (unreadable, corrupt, locked too long, newer schema),
130 Ctrl-C. Errors are one line on stderr, never a traceback.

Imports are lazy: `goaltui log` loads neither textual nor pydantic (see
store/quicklog.py), so a cron job or a lead's shell pays little more than
Python's start-up.
"""

from __future__ import annotations

import click

from goaltui import __version__
from goaltui.cli.base import Main, file_options
from goaltui.cli.context import Session
from goaltui.core.errors import UserError


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
    opts = ctx.ensure_object(Session)
    opts.db, opts.shared, opts.demo = db, shared, demo
    if demo:
        import shutil

        from goaltui.formats.demo import make_demo_copy

        copy = make_demo_copy(opts.clock().today())
        opts.db = str(copy)
        ctx.call_on_close(lambda: shutil.rmtree(copy.parent, ignore_errors=True))
    if ctx.invoked_subcommand is None:
        clock = opts.clock()
        store = opts.store(None, shared, clock)
        store.check()  # a bad file is one line and exit 2, not a crashed TUI
        from goaltui.app.goal_app import make_app  # type: ignore[import-not-found,unused-ignore]
        from goaltui.cli.tui import run_tui

        app = make_app(store, clock, ascii=True) if ascii_only else make_app(store, clock)
        run_tui(app, mouse=not no_mouse)


def _register_commands() -> None:
    from goaltui.cli import (
        changes,
        demo,
        edit,
        export,
        goals,
        kpis,
        milestones,
        reports,
        scorecard,
        wall,
    )

    for command in (
        goals.add,
        edit.edit_cmd,
        goals.log,
        changes.unlog,
        changes.close,
        goals.goals_cmd,
        export.export,
        reports.import_cmd,
        reports.board_cmd,
        reports.checkin_cmd,
        wall.wallboard_cmd,
        wall.serve_cmd,
        demo.demo,
        scorecard.scorecard_cmd,
        kpis.kpis_cmd,
        milestones.milestone_cmd,
    ):
        main.add_command(command)


_register_commands()
