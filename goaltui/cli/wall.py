"""`goaltui wallboard` and `goaltui serve`: the board for a TV, in a terminal or a browser.

Registered on the group in main.py. textual-serve is an optional extra
(`pip install 'goaltui[serve]'`), imported only by `serve`.
"""

from __future__ import annotations

import os
import secrets
import shlex
import socket
import sys
from collections.abc import Callable

import click

from goaltui.cli.base import file_options, stale_days_option
from goaltui.cli.context import Session
from goaltui.cli.web_access import (
    is_loopback,
    is_wildcard,
    parse_host,
    parse_public_url,
    url_host,
)
from goaltui.core.errors import UserError

# What the floor sees; `serve` hands the same flags to the wallboard of each browser.
TEAMS_ONLY = click.option(
    "--teams-only", is_flag=True, help="Leave the agents' goals off (private ones always are)."
)
INITIALS = click.option("--initials", is_flag=True, help='Agents as initials: "Sam Okafor" -> S.O.')
ASCII = click.option(
    "--ascii",
    "ascii_only",
    is_flag=True,
    help="Plain ASCII only: digits, sparklines, bars, borders.",
)


@click.command("wallboard")
@click.option(
    "--page-seconds",
    type=click.FloatRange(1, 3600),
    default=15,
    show_default=True,
    help="Seconds per page when the goals do not fit on one screen.",
)
@ASCII
@click.option("--no-mouse", is_flag=True, help="Leave the mouse to the terminal.")
@TEAMS_ONLY
@INITIALS
@stale_days_option
@file_options
@click.pass_context
def wallboard_cmd(
    ctx: click.Context,
    *,
    page_seconds: float,
    ascii_only: bool,
    no_mouse: bool,
    teams_only: bool,
    initials: bool,
    stale_days: int,
    db: str | None,
    shared: bool,
) -> None:
    """Full-screen, read-only board for a TV: counts, goals, rotating pages; q quits."""
    from goaltui.app.wallboard import make_wallboard
    from goaltui.core.wall_view import WallView

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    store.check()
    from goaltui.cli.tui import run_tui

    view = WallView(teams_only=teams_only, initials=initials)
    app = make_wallboard(store, clock, page_seconds, ascii_only, view, stale_days=stale_days)
    run_tui(app, mouse=not no_mouse)


def serve_command(
    db: str,
    full: bool,
    page_seconds: float = 15,
    *,
    teams_only: bool = False,
    initials: bool = False,
    ascii_only: bool = False,
    stale_days: int = 3,
) -> str:
    """The shell command textual-serve runs for each browser connection. With --full it is
    the lead's own app, which shows every goal, so the wall's choices do not apply."""
    args = [sys.executable, "-m", "goaltui", "--db", db]
    if full:
        args += ["--ascii"] * ascii_only
    else:
        args += ["wallboard", "--page-seconds", f"{page_seconds:g}"]
        args += ["--teams-only"] * teams_only + ["--initials"] * initials
        args += ["--ascii"] * ascii_only
        args += ["--stale-days", str(stale_days)] * (stale_days != 3)
    return shlex.join(args)


def _checked(
    parse: Callable[[str], str],
) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A click callback that turns parse's ValueError into a one-line usage error."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        try:
            return None if value is None else parse(value)
        except ValueError as error:
            raise click.BadParameter(str(error), ctx, param) from None

    return callback


def url_to_open(host: str, port: int, public_url: str | None, key: str) -> str:
    """The URL a lead opens: the key travels once in it, then lives in a cookie."""
    if public_url:
        return f"{public_url}/?key={key}"
    if is_wildcard(host):  # 0.0.0.0 is no address to browse to: name the machine
        host = socket.gethostname()
    return f"http://{url_host(host)}:{port}/?key={key}"


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    callback=_checked(parse_host),
    help="Address to listen on (IPv6 as ::1 or [::1]).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--public-url",
    metavar="URL",
    callback=_checked(parse_public_url),
    help="The address browsers use, when it is not the listen address (a proxy).",
)
@click.option("--full", is_flag=True, help="Serve the whole app (editing too), not the wallboard.")
@click.option(
    "--page-seconds",
    type=click.FloatRange(1, 3600),
    default=15,
    show_default=True,
    help="Wallboard: seconds per page.",
)
@TEAMS_ONLY
@INITIALS
@ASCII
@stale_days_option
@file_options
@click.pass_context
def serve_cmd(
    ctx: click.Context,
    *,
    host: str,
    port: int,
    public_url: str | None,
    full: bool,
    page_seconds: float,
    teams_only: bool,
    initials: bool,
    ascii_only: bool,
    stale_days: int,
    db: str | None,
    shared: bool,
) -> None:
    """Serve the wallboard (or, with --full, the whole app) to web browsers.

    Each browser connection runs its own goaltui process on the same data file. Prints the
    URL to open first: it carries a key made for this run, without which every request is
    refused. Keep the default 127.0.0.1 and reach it through an SSH tunnel
    (`ssh -L 8000:127.0.0.1:8000 box`): over plain HTTP the key travels in clear.
    """
    try:
        from goaltui.cli.web_server import KeyedServer
    except ImportError:
        raise UserError("goaltui serve needs textual-serve: pip install 'goaltui[serve]'") from None

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    store.check()
    if not is_loopback(host):
        click.echo(
            f"goaltui: warning: listening on {url_host(host)}:{port} over plain HTTP: the key "
            "travels in clear, and whoever captures it can "
            + ("read and change the goals" if full else "see the wallboard")
            + "; prefer 127.0.0.1 and an SSH tunnel",
            err=True,
        )
    key = secrets.token_urlsafe(32)
    path = str(store.path.resolve())
    server = KeyedServer(
        serve_command(
            path,
            full,
            page_seconds,
            teams_only=teams_only,
            initials=initials,
            ascii_only=ascii_only,
            stale_days=stale_days,
        ),
        host=host,
        port=port,
        title="goaltui" if full else "goaltui wallboard",
        key=key,
        url=url_to_open(host, port, public_url, key),
        public_url=public_url,
    )
    try:
        server.serve()
    except OSError as error:  # the port is taken, the name does not resolve
        # aiohttp wraps a bind error's text in its own; errno says it shorter.
        errno = error.errno if not isinstance(error, socket.gaierror) else None
        reason = os.strerror(errno) if errno else error.strerror or str(error)
        raise UserError(f"cannot listen on {url_host(host)}:{port}: {reason}") from None
