"""`goaltui demo PATH`: the demo call centre in a file of one's own, to try every command on.

The dates are shifted so the data ends today, as `goaltui --demo` does; an existing file
is never written over (the path may be someone's real data file, typed by mistake).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import click

from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core.errors import UserError

EXISTS = "{target} already exists: the demo is written to a new file only"


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_context
def demo(ctx: click.Context, path: str) -> None:
    """Write the demo data, dates shifted to end today, to PATH (a new file)."""
    import orjson

    from goaltui.formats.demo import make_demo_copy

    target = Path(path)
    if target.exists() or target.is_symlink():
        raise UserError(EXISTS.format(target=target))
    today = Session.of(ctx).clock().today()
    copy = make_demo_copy(today)  # in a private temporary folder
    try:
        data = copy.read_bytes()
        _write_new(target, data)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    goals = len(orjson.loads(data).get("goals", {}))
    say(f"Wrote the demo data ({goals} goals, ending {today.isoformat()}) to {target}")
    say(f"Try: goaltui --db {target} goals")


def _write_new(target: Path, data: bytes) -> None:
    """Create `target` with `data`; O_EXCL refuses a file that appeared meanwhile. A write
    that fails half-way leaves no half a file behind."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UserError(EXISTS.format(target=target)) from None
    except FileNotFoundError:
        raise UserError(f"{target}: no such folder {target.parent}") from None
    except OSError as exc:
        raise UserError(f"{target}: cannot create it ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise UserError(f"{target}: cannot write it ({exc.strerror})") from None
