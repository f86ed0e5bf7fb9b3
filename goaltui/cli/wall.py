"""`goaltui wallboard` and `goaltui serve`: the board for a TV, in a terminal or a browser.

Registered on the group in main.py. textual-serve is an optional extra
(`pip install 'goaltui[serve]'`), imported only by `serve`.
"""

from __future__ import annotations

import shlex
import sys

import click

from goaltui.cli.base import file_options
from goaltui.cli.context import Session
from goaltui.core.errors import UserError

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@click.command("wallboard")
@click.option(
    "--page-seconds",
    type=click.FloatRange(1, 3600),
    default=15,
    show_default=True,
    help="Seconds per page when the goals do not fit on one screen.",
)
@click.option(
    "--ascii", "ascii_only", is_flag=True, help="Plain-character digits, sparklines, bars."
)
@click.option("--no-mouse", is_flag=True, help="Leave the mouse to the terminal.")
@file_options
@click.pass_context
def wallboard_cmd(
    ctx: click.Context,
    *,
    page_seconds: float,
    ascii_only: bool,
    no_mouse: bool,
    db: str | None,
    shared: bool,
) -> None:
    """Full-screen, read-only board for a TV: counts, goals, rotating pages; q quits."""
    from goaltui.app.wallboard import make_wallboard

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    store.check()
    make_wallboard(store, clock, page_seconds, ascii_only).run(mouse=not no_mouse)


def serve_command(db: str, full: bool, page_seconds: float = 15) -> str:
    """The shell command textual-serve runs for each browser connection."""
    args = [sys.executable, "-m", "goaltui", "--db", db]
    if not full:
        args += ["wallboard", "--page-seconds", f"{page_seconds:g}"]
    return shlex.join(args)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--full", is_flag=True, help="Serve the whole app (editing too), not the wallboard.")
@click.option(
    "--page-seconds",
    type=click.FloatRange(1, 3600),
    default=15,
    show_default=True,
    help="Wallboard: seconds per page.",
)
@file_options
@click.pass_context
def serve_cmd(
    ctx: click.Context,
    *,
    host: str,
    port: int,
    full: bool,
    page_seconds: float,
    db: str | None,
    shared: bool,
) -> None:
    """Serve the wallboard (or, with --full, the whole app) to web browsers.

    Each browser connection runs its own goaltui process on the same data file.
    There is no login: keep the default 127.0.0.1 (reach it through an SSH tunnel,
    `ssh -L 8000:127.0.0.1:8000 box`) unless everyone who can reach the port may use it.
    """
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UserError("goaltui serve needs textual-serve: pip install 'goaltui[serve]'") from None

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    store.check()
    if host not in LOCAL_HOSTS:
        click.echo(
            f"goaltui: warning: serving on {host}:{port} without a login: anyone who can "
            "reach this port can " + ("read and change the goals" if full else "see the wallboard"),
            err=True,
        )
    path = str(store.path.resolve())
    title = "goaltui" if full else "goaltui wallboard"
    Server(serve_command(path, full, page_seconds), host=host, port=port, title=title).serve()
