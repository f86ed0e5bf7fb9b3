"""`goaltui export`: the data set, a report, the check-ins, minutes or wins, to stdout or a file.

`-o FILE` never lands on the data file, its lock or its backups (however they are
spelled: a symlink, a hard link, `./`), never follows another user's symlink, and
writes through to a FIFO or a device (`-o /dev/stdout`) instead of replacing it
with a regular file. Only a regular or new file is replaced atomically.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import click

from goaltui.cli.base import file_options, output_errors
from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core.errors import UserError

EXPORT_NAMES = {
    "json": "the full data set",
    "md": "the goals report",
    "csv": "the check-in history",
    "minutes": "the minutes",
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
@click.option(
    "--meeting",
    default="latest",
    show_default=True,
    metavar="latest|all|DATE|ID",
    help="With --format minutes: the latest meeting, all, every meeting of a day "
    "(YYYY-MM-DD) or one by id.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically), not stdout.")
@file_options
@click.pass_context
def export(
    ctx: click.Context,
    *,
    fmt: str,
    meeting: str,
    output: str | None,
    db: str | None,
    shared: bool,
) -> None:
    """Export: JSON (everything), a Markdown report, the check-ins as CSV, the latest
    meeting minutes, or this week's wins and kudos."""
    from goaltui.formats.exporters import export as render

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    payload = render(store, fmt, clock.today(), meeting=meeting).encode()
    if output is None or output == "-":
        stream = sys.stdout.buffer
        stream.write(payload)
        stream.flush()
        return
    with output_errors():
        write_output(Path(output).expanduser(), payload, store.path)
    what = EXPORT_NAMES[fmt]
    if fmt == "json":  # say how much, so a script's log shows an empty export at once
        import orjson

        data = orjson.loads(payload)
        what = f"{len(data['goals'])} goals, {len(data['checkins'])} check-ins"
    say(f"Exported {what} to {output}")


def write_output(target: Path, payload: bytes, data_file: Path) -> None:
    """Write an export to `target`; UserError (one line) and nothing written when it is one
    of the data file's own files or not a kind of file an export can go to."""
    from goaltui.store import safe_paths
    from goaltui.store.atomic import atomic_write, existing_mode

    real = safe_paths.resolve(target).real  # refuses another user's symlink
    kind = safe_paths.companion(safe_paths.resolve(data_file).real, real)
    if kind is not None:
        raise UserError(f"{target}: is {kind} ({data_file}); export to another file")
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror}") from None
    if st is None or (stat.S_ISREG(st.st_mode) and _same_file(real, st)):
        mode, gid = existing_mode(real, shared=False)
        atomic_write(real, payload, mode=mode, gid=gid)  # next to the link's target, if any
    elif stat.S_ISDIR(st.st_mode):
        raise UserError(f"{target}: is a folder; name a file")
    elif stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISREG(st.st_mode):
        # A pipe, a terminal, /dev/null - or a file only the kernel can name (/proc/self/fd).
        _write_through(target, payload, truncate=stat.S_ISREG(st.st_mode))
    else:
        raise UserError(f"{target}: is not a file, FIFO or character device; nothing written")


def _same_file(path: Path, st: os.stat_result) -> bool:
    try:
        here = os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (st.st_dev, st.st_ino)


def _write_through(target: Path, payload: bytes, *, truncate: bool) -> None:
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC | (os.O_TRUNC if truncate else 0)
    try:
        fd = os.open(target, flags)  # no O_CREAT: it exists, or this is not the same file
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror}") from None
