"""`goaltui export`: the data set, a report, the check-ins, minutes or wins, to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from goaltui.cli.base import file_options, output_errors
from goaltui.cli.context import Session
from goaltui.cli.output import say

EXPORT_NAMES = {
    "json": "the full data set",
    "md": "the goals report",
    "csv": "the check-in history",
    "minutes": "the latest minutes",
    "wins": "this week's wins and kudos",
}


@click.command()
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
    from goaltui.formats.exporters import export as render

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    payload = render(store, fmt, clock.today()).encode()
    if output is None or output == "-":
        stream = sys.stdout.buffer
        stream.write(payload)
        stream.flush()
        return
    with output_errors():
        from goaltui.store.atomic import atomic_write, existing_mode

        target = Path(output).expanduser()
        mode, gid = existing_mode(target, shared=False)
        atomic_write(target, payload, mode=mode, gid=gid)
    what = EXPORT_NAMES[fmt]
    if fmt == "json":  # say how much, so a script's log shows an empty export at once
        import orjson

        data = orjson.loads(payload)
        what = f"{len(data['goals'])} goals, {len(data['checkins'])} check-ins"
    say(f"Exported {what} to {output}")
