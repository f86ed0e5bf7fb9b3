"""`goaltui scorecard OWNER`: an agent's scorecard as a one-page sheet for a one-on-one.

Registered on the group in main.py. The sheet is formats/scorecard_sheet.py's, the same
lines the scorecard screen (`a` on the board) shows.
"""

from __future__ import annotations

import click

from goaltui.cli.base import file_options
from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core.errors import UserError


@click.command("scorecard")
@click.argument("owner")
@click.option(
    "--format",
    "form",
    type=click.Choice(["text", "md"]),
    default="text",
    show_default=True,
    help="text: plain lines for the terminal or a printer; md: Markdown.",
)
@file_options
@click.pass_context
def scorecard_cmd(ctx: click.Context, owner: str, form: str, db: str | None, shared: bool) -> None:
    """Print OWNER's scorecard (case ignored): goals beside the team's and the centre's,
    recent wins and kudos, and the last meeting's notes."""
    from goaltui.core.scorecard import near_owners
    from goaltui.formats.scorecard_sheet import read_scorecard, render_scorecard

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    read = read_scorecard(store, owner, clock.today())
    if read.card is None:
        near = near_owners(owner, read.owners)
        hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
        raise UserError(f"no goals owned by {owner.strip()!r}{hint}")
    say(render_scorecard(read.card, "md" if form == "md" else "text").rstrip("\n"))
