"""Every line the CLI prints goes through `say`: user text reaches the terminal plainly.

Titles, notes and names may hold escape sequences (a co-user, an imported file, an old
release): printed raw they clear the screen, retitle the window or write the clipboard.
"""

from __future__ import annotations

import click

from goaltui.core.text import printable


def say(text: str, *, err: bool = False) -> None:
    click.echo(printable(text, lines=True), err=err)
