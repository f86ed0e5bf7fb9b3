"""Running a Textual app from the CLI: a crash is never exit 0."""

from __future__ import annotations

import sys
from typing import Any

from textual.app import App

from goaltui.cli.base import PREFIX


def run_tui(app: App[Any], *, mouse: bool) -> None:
    """Run `app`; when it stopped on an unhandled error (Textual has printed the
    traceback), say so in one line and exit 1 so scripts and wrappers see it."""
    app.run(mouse=mouse)
    if app.return_code:
        print(f"{PREFIX}goaltui stopped on an unexpected error (shown above)", file=sys.stderr)
        sys.exit(app.return_code)
